/**
 * An evidence bundle's whole life in this process (the CLI tests cover the same commands through
 * dist/cli.js): a signed run of the demo is written, verified (files, derivations, signature,
 * trust), re-evaluated, opened as a baseline, and read into a history next to a second run; a
 * custom policy runs in its worker within its time budget. Each step asserts what it returns.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckDetailed } from '../../src/pipeline/run-check.js';
import type { CheckRun } from '../../src/pipeline/types.js';
import { reevaluateBundle } from '../../src/evidence/evaluate.js';
import { buildHistory, findBundles, renderHistoryTable } from '../../src/evidence/history.js';
import { openEvidence } from '../../src/evidence/read.js';
import { describeTrust, keyFingerprint, type TrustedKey, trustedKeys, untrustedBaselineReason } from '../../src/evidence/trust.js';
import { verifyBundle, verifyProblems } from '../../src/evidence/verify.js';
import { writeBundle } from '../../src/evidence/write.js';
import { loadFramework } from '../../src/report/frameworks.js';
import { reporters } from '../../src/reporters/index.js';
import { resetLimits, setLimits } from '../../src/util/limits.js';
import { fixture } from '../helpers/run.js';
import { customPolicyDir, tmpDir } from '../helpers/survive.js';

const DEMO = fixture('demo', 'auditready.yaml');
const BUNDLE_REPORTERS = (['json', 'sarif', 'junit', 'markdown', 'html', 'oscal'] as const).map((n) => reporters[n]);

function keyPair(): { privateKey: KeyObject; trusted: TrustedKey; pubFile: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pubFile = path.join(tmpDir('ar-keys-'), 'auditors.pub.pem');
  writeFileSync(pubFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKey, trusted: trustedKeys([pubFile])[0]!, pubFile };
}

describe('an evidence bundle written, verified, re-evaluated and read in process', () => {
  let run: CheckRun;
  let root: string;
  let signed: string;
  let unsigned: string;
  let keys: ReturnType<typeof keyPair>;

  beforeAll(async () => {
    keys = keyPair();
    run = await runCheckDetailed({ configPath: DEMO, now: () => new Date('2026-11-20T12:00:00Z') });
    root = tmpDir('ar-roundtrip-');
    signed = path.join(root, 'b-signed');
    unsigned = path.join(root, 'b-unsigned');
    const w = writeBundle(signed, run, { reporters: BUNDLE_REPORTERS, signKey: keys.privateKey, signer: 'auditors', env: { USER: 'dana' } });
    expect(w.signed).toBe(true);
    expect(w.manifest.signature).toMatchObject({ algorithm: 'ed25519', key_fingerprint: keys.trusted.fingerprint, signer: 'auditors' });
    const later = await runCheckDetailed({ configPath: DEMO, asOf: '2026-11-27T12:00:00Z', now: () => new Date('2026-11-27T12:00:00Z') });
    expect(writeBundle(unsigned, later, { reporters: BUNDLE_REPORTERS, env: {} }).signed).toBe(false);
  }, 120_000);

  afterAll(() => resetLimits());

  it('verify: every file matches, every snapshot is derived again, the signature is trusted only with its key', () => {
    const trusted = verifyBundle(signed, { trusted: [keys.trusted] });
    expect(verifyProblems(trusted)).toEqual([]);
    expect(trusted.ok).toBe(true);
    expect(trusted.trust.state).toBe('trusted');
    expect(describeTrust(trusted.trust)).toMatch(/trusted.*auditors/);
    const tools = trusted.derivations.filter((d) => d.tool !== 'policy bundle');
    expect(tools.length).toBe(run.report.snapshots.length);
    expect(tools.every((d) => d.status === 'ok')).toBe(true);
    const alone = verifyBundle(signed);
    expect(alone.ok).toBe(true);
    expect(alone.trust.state).toBe('untrusted');
    expect(untrustedBaselineReason(alone.trust, signed)).toMatch(/not trusted|--pub-key|--allow-unsigned/);
    expect(verifyBundle(unsigned).trust.state).toBe('unsigned');
  });

  it('an edited report is named as changed, and the signature no longer vouches for anything', () => {
    const copy = path.join(root, 'b-edited');
    writeBundle(copy, run, { reporters: BUNDLE_REPORTERS, signKey: keys.privateKey, env: {} });
    const md = path.join(copy, 'reports', 'auditready.md');
    writeFileSync(md, `${readFileSync(md, 'utf8')}\nall good\n`);
    const v = verifyBundle(copy, { trusted: [keys.trusted] });
    expect(v.ok).toBe(false);
    expect(v.changed).toEqual(['reports/auditready.md']);
    expect(verifyProblems(v).join('\n')).toMatch(/reports\/auditready\.md/);
  });

  it('re-evaluation reproduces findings.json and every report byte for byte', async () => {
    const r = await reevaluateBundle(signed);
    expect(r.differences).toEqual([]);
    expect(r.files.filter((f) => !f.identical).map((f) => f.path)).toEqual([]);
    expect(r.identical).toBe(true);
    expect(r.findings.length).toBe(run.report.findings.length);
  });

  it('openEvidence: a bundle with its trust state, a plain report as unsigned', () => {
    const b = openEvidence(signed, { trusted: [keys.trusted] });
    expect(b.kind).toBe('bundle');
    expect(b.trust.state).toBe('trusted');
    expect(b.report.findings.length).toBe(run.report.findings.length);
    const report = path.join(signed, 'reports', 'auditready.json');
    const plain = openEvidence(report);
    expect(plain).toMatchObject({ kind: 'report', trust: { state: 'unsigned' } });
  });

  it('history: both runs in as_of order with their trust, a state per control and run, the longest gap', () => {
    const found = findBundles([root]);
    expect(found).toEqual(expect.arrayContaining([signed, unsigned]));
    const h = buildHistory([unsigned, signed], loadFramework('soc2'), { trusted: [keys.trusted], requireTrusted: false });
    expect(h.runs.map((r) => [r.as_of, r.trust.state])).toEqual([
      ['2026-11-20T12:00:00Z', 'trusted'],
      ['2026-11-27T12:00:00Z', 'unsigned'],
    ]);
    expect(h.longest_gap).toEqual({ days: 7, from: '2026-11-20T12:00:00Z', to: '2026-11-27T12:00:00Z' });
    expect(h.controls.length).toBeGreaterThan(0);
    for (const c of h.controls) expect(c.states).toHaveLength(2);
    expect(renderHistoryTable(h)).toMatch(/2026-11-20.*2026-11-27|trusted/s);
    const strict = buildHistory([unsigned, signed], loadFramework('soc2'), { trusted: [keys.trusted], requireTrusted: true });
    expect(strict.runs).toHaveLength(1);
    expect(strict.excluded).toEqual([{ bundle: unsigned, problem: expect.stringMatching(/unsigned.*not trusted/) }]);
    const window = buildHistory([unsigned, signed], loadFramework('soc2'), { trusted: [], requireTrusted: false, from: '2026-11-25', to: '2026-11-30' });
    expect(window.runs.map((r) => r.as_of)).toEqual(['2026-11-27T12:00:00Z']);
  });

  it('a trusted key is identified by the sha256 of its DER form', () => {
    expect(keyFingerprint(keys.trusted.key)).toBe(keys.trusted.fingerprint);
    expect(keys.trusted.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('custom policies in their worker, within the time budget, in process', () => {
  const policyDir = (name: string, body: string): string =>
    customPolicyDir(
      `findings contains lib.finding(tool, [lib.equals(tool, ["identity", "mfa_required"], true)], {
	"pass": "p", "fail": "f", "unknown": "u", "not_applicable": "n", "error": "e",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
${body}
}
`,
      { name, id: name === 'fast' ? 'ACME-IDN-001' : 'ACME-IDN-002', severity: 'low' },
    );

  afterAll(() => resetLimits());

  it('a custom policy is judged beside the built-in ones; one past its budget is an error finding naming it', async () => {
    setLimits({ policy_timeout_s: 2 });
    const fast = policyDir('fast', '\ttrue');
    const slow = policyDir('slow', '\tn := count([x | some x in numbers.range(1, 40000000); x % 7 == 3])\n\tn > 0');
    const report = (
      await runCheckDetailed({
        configPath: fixture('cases', 'compliant', 'auditready.yaml'),
        policyDirs: [fast, slow],
        now: () => new Date('2026-11-20T12:00:00Z'),
      })
    ).report;
    const of = (id: string) => report.findings.filter((f) => f.policy_id === id);
    expect(of('ACME-IDN-001').length).toBeGreaterThan(0);
    expect(of('ACME-IDN-001').every((f) => f.status === 'pass' || f.status === 'fail' || f.status === 'unknown')).toBe(true);
    expect(of('ACME-IDN-002').length).toBeGreaterThan(0);
    for (const f of of('ACME-IDN-002')) {
      expect(f.status).toBe('error');
      expect(f.message).toMatch(/custom policy ACME-IDN-002 \(identity\.slow\) did not finish within 2 s/);
    }
    expect(report.findings.filter((f) => f.policy_id.startsWith('AR-') && f.status === 'pass').length).toBeGreaterThan(20);
  }, 240_000);
});
