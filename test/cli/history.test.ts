/**
 * `auditready history`: each control's state over a series of evidence bundles, every bundle
 * verified and shown with its trust state.
 */
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/run.js';
import { cliWithin, expectCleanError, tag, tmpDir } from '../helpers/survive.js';

const root = tmpDir('ar-history-');
const key = path.join(root, 'key.pem');
const pub = path.join(root, 'key.pub.pem');
/** A config whose trusted_keys list the signing key: trust shown, not required (unlike --pub-key). */
const trustConfig = path.join(root, 'src-2026-11-15', 'trusting.yaml');

/** A compliant estate evaluated on `day`; `mfa` false makes Vault fail MFA (SOC 2 CC6.1, CC6.6). */
function run(day: string, mfa: boolean, sign: boolean): string {
  const src = path.join(root, `src-${day}`);
  cpSync(fixture('cases', 'compliant'), src, { recursive: true });
  const config = path.join(src, 'auditready.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('2026-11-20T12:00:00Z', `${day}T12:00:00Z`));
  if (!mfa) {
    const vault = path.join(src, 'facts', 'vault.yaml');
    writeFileSync(vault, readFileSync(vault, 'utf8').replace('mfa_required: true', 'mfa_required: false'));
  }
  const out = path.join(root, 'bundles', day);
  const r = cliWithin(['check', '-c', config, '--evidence', out, ...(sign ? ['--sign-key', key] : [])]);
  expect([0, 1]).toContain(r.code);
  return out;
}

describe('auditready history', () => {
  beforeAll(() => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
    // Given out of order: history sorts by evaluation time.
    run('2026-11-15', true, true);
    run('2026-11-01', true, true);
    run('2026-11-08', false, false);
    const config = readFileSync(path.join(root, 'src-2026-11-15', 'auditready.yaml'), 'utf8');
    writeFileSync(trustConfig, `${config}\ntrusted_keys:\n  - { name: CI key, public_key: ${pub} }\n`);
  });

  it("shows each control's state per run, oldest first, with every bundle's trust", () => {
    const r = cliWithin(['history', path.join(root, 'bundles'), '--framework', 'soc2', '--format', 'json', '-c', trustConfig]);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout);
    expect(h.runs.map((x: { as_of: string }) => x.as_of)).toEqual(['2026-11-01T12:00:00Z', '2026-11-08T12:00:00Z', '2026-11-15T12:00:00Z']);
    expect(h.runs.map((x: { trust: { state: string } }) => x.trust.state)).toEqual(['trusted', 'unsigned', 'trusted']);
    expect(h.period).toEqual({ from: '2026-11-01T12:00:00Z', to: '2026-11-15T12:00:00Z' });
    expect(h.longest_gap.days).toBe(7);
    const cc66 = h.controls.find((c: { id: string }) => c.id === 'CC6.6');
    // satisfied, then broken by the MFA change, then satisfied again
    expect(cc66.states[0]).toBe(cc66.states[2]);
    expect(cc66.states[1]).not.toBe(cc66.states[0]);
    const table = cliWithin(['history', path.join(root, 'bundles'), '--framework', 'soc2', '-c', trustConfig]).stdout;
    expect(table).toMatch(/^period: 2026-11-01T12:00:00Z … 2026-11-15T12:00:00Z$/m);
    expect(table).toMatch(/^2 {4}2026-11-08T12:00:00Z {2}fail {4}unsigned — /m);
    expect(table).toMatch(/^CC6\.6 +(\w)(?!\1)\w\1 /m);
  });

  it('--from/--to choose the period', () => {
    const h = JSON.parse(
      cliWithin(['history', path.join(root, 'bundles'), '--framework', 'soc2', '--format', 'json', '--from', '2026-11-05', '--to', '2026-11-10']).stdout,
    );
    expect(h.runs.map((x: { as_of: string }) => x.as_of)).toEqual(['2026-11-08T12:00:00Z']);
  });

  it(tag('bundles', 'history leaves out (and exits 1 on) a bundle that does not verify, or one not trusted with --require-signature'), () => {
    const strict = cliWithin(['history', path.join(root, 'bundles'), '--framework', 'soc2', '--format', 'json', '--pub-key', pub, '--require-signature']);
    expect(strict.code).toBe(1);
    const h = JSON.parse(strict.stdout);
    expect(h.runs).toHaveLength(2);
    expect(h.excluded).toEqual([{ bundle: path.join(root, 'bundles', '2026-11-08'), problem: 'unsigned, not trusted' }]);
    // Asking for a key is asking for a signature, as in verify, evaluate and diff.
    const byKey = cliWithin(['history', path.join(root, 'bundles'), '--framework', 'soc2', '--format', 'json', '--pub-key', pub]);
    expect(byKey.code).toBe(1);
    expect(JSON.parse(byKey.stdout).excluded).toEqual(h.excluded);
    const broken = path.join(tmpDir(), 'broken');
    cpSync(path.join(root, 'bundles', '2026-11-01'), broken, { recursive: true });
    writeFileSync(path.join(broken, 'findings.json'), '[]\n');
    const r = cliWithin(['history', broken, path.join(root, 'bundles', '2026-11-15'), '--framework', 'soc2']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^left out: .*broken: .*evidence bundle does not verify \(changed findings\.json\)/m);
  });

  it('a folder without bundles is an input error', () => {
    const r = cliWithin(['history', tmpDir(), '--framework', 'soc2']);
    expectCleanError(r);
    expect(r.stderr).toMatch(/holds no evidence bundle/);
  });
});
