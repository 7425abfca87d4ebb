/**
 * Forged evidence is not accepted anywhere: every command that reads a bundle checks it the same
 * way and shows its trust state; a gate refuses anything but a trusted baseline; special files
 * inside a bundle are refused; raw captures, snapshots, policy sources and reports must follow
 * from one another.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { capturesSha256 } from '../../src/collectors/kit/snapshot.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { sha256 } from '../../src/util/hash.js';
import { fixture } from '../helpers/run.js';
import { cliWithin, expectCleanError, mkfifo, tag, tmpDir } from '../helpers/survive.js';

const DEMO = fixture('demo', 'auditready.yaml');

function keyPair(dir: string, name: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv = path.join(dir, `${name}.pem`);
  const pub = path.join(dir, `${name}.pub.pem`);
  writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { priv, pub, privateKey, publicKey };
}

const keys = tmpDir();
const real = keyPair(keys, 'real');
const attacker = keyPair(keys, 'attacker');
const pristine: Record<string, string> = {};

function makeBundle(signed: boolean): string {
  const dir = path.join(tmpDir(), 'evidence');
  const args = ['check', '-c', DEMO, '--format', 'json', '--out', path.join(path.dirname(dir), 'r.json'), '--evidence', dir];
  if (signed) args.push('--sign-key', real.priv, '--signer', 'Release CI (acme)');
  const r = cliWithin(args);
  expect(r.code, r.stderr).toBe(1);
  return dir;
}

function copy(signed: boolean): string {
  const key = String(signed);
  pristine[key] ??= makeBundle(signed);
  const dir = path.join(tmpDir(), 'evidence');
  cpSync(pristine[key]!, dir, { recursive: true });
  return dir;
}

/** Re-hash every listed file into the manifest (what someone rewriting an unsigned bundle does). */
function rehash(dir: string, extra: string[] = []): void {
  const file = path.join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  for (const p of extra) m.files.push({ path: p, sha256: '', size: 0 });
  for (const f of m.files) {
    const bytes = readFileSync(path.join(dir, f.path));
    f.sha256 = sha256(bytes);
    f.size = bytes.length;
  }
  writeFileSync(file, `${JSON.stringify(m, null, 2)}\n`);
}

/** Re-sign with the attacker's key (and put the attacker's public key in the bundle). */
function resign(dir: string): void {
  const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  delete m.signature;
  const text = `${JSON.stringify(m, null, 2)}\n`;
  writeFileSync(path.join(dir, 'manifest.json'), text);
  writeFileSync(path.join(dir, 'manifest.sig'), `${sign(null, Buffer.from(text), attacker.privateKey).toString('base64')}\n`);
  writeFileSync(path.join(dir, 'signer.pub.pem'), attacker.publicKey.export({ type: 'spki', format: 'pem' }));
}

/** A rewritten report: every finding passes (what a forger wants the auditor to see). */
function forgeAllPass(dir: string): void {
  for (const rel of ['reports/auditready.json']) {
    const file = path.join(dir, rel);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    for (const f of report.findings) {
      f.status = 'pass';
      f.gating = false;
    }
    report.summary.gating = 0;
    report.summary.result = 'pass';
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  }
  rehash(dir);
}

describe('trust states', () => {
  it(tag('bundles', 'an unsigned bundle verifies as "unsigned" (exit 0), and fails with --require-signature'), () => {
    const dir = copy(false);
    const r = cliWithin(['verify', dir]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^trust: unsigned: no signature/m);
    const req = cliWithin(['verify', dir, '--require-signature']);
    expect(req.code).toBe(1);
    expect(req.stdout).toMatch(/^FAILED: the bundle is unsigned, not trusted/m);
  });

  it(tag('bundles', 'a bundle signed with the key inside it is "signed, untrusted" with signer and key fingerprint'), () => {
    const dir = copy(true);
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(m.signature).toEqual({ algorithm: 'ed25519', key_fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), signer: 'Release CI (acme)' });
    const r = cliWithin(['verify', dir]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(
      /^trust: signed, untrusted \(signer "Release CI \(acme\)", key sha256:[0-9a-f]{16}…\): the signature checks against the key stored inside/m,
    );
    expect(cliWithin(['verify', dir, '--require-signature']).code).toBe(1);
  });

  it(tag('bundles', 'trusted with --pub-key or a key listed under trusted_keys in the config; another key is not trusted'), () => {
    const dir = copy(true);
    const ok = cliWithin(['verify', dir, '--pub-key', real.pub, '--require-signature']);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(
      /^trust: trusted \(signer "Release CI \(acme\)", key sha256:[0-9a-f]{16}…, trusted as "real\.pub\.pem" \(--pub-key .*real\.pub\.pem\)\)/m,
    );
    const config = path.join(keys, 'trust.yaml');
    // The config is validated like for a check: its facts file must be there.
    cpSync(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'), path.join(keys, 'none.yaml'));
    writeFileSync(
      config,
      `version: 1\ntrusted_keys:\n  - { name: Release CI key, public_key: real.pub.pem }\ntargets:\n  - { type: jenkins, name: x, facts: none.yaml }\n`,
    );
    const viaConfig = cliWithin(['verify', dir, '-c', config, '--require-signature']);
    expect(viaConfig.code, viaConfig.stdout).toBe(0);
    expect(viaConfig.stdout).toMatch(/trusted as "Release CI key" \(.*trust\.yaml: trusted_keys\[0\]\)/);
    const other = cliWithin(['verify', dir, '--pub-key', attacker.pub]);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/^trust: signed, untrusted/m);
    expect(other.stdout).toMatch(/^FAILED: .*not signed by the key given with --pub-key/m);
  });

  it(tag('bundles', 'a trusted key file that cannot be read is a config error at its line'), () => {
    const config = path.join(tmpDir(), 'auditready.yaml');
    cpSync(fixture('demo', 'facts', 'jenkins-ci-prod.yaml'), path.join(path.dirname(config), 'none.yaml'));
    writeFileSync(config, `version: 1\ntrusted_keys:\n  - name: CI\n    public_key: missing.pem\ntargets:\n  - { type: jenkins, name: x, facts: none.yaml }\n`);
    const r = cliWithin(['verify', copy(true), '-c', config]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/auditready\.yaml:4:17: trusted key "CI" \(missing\.pem\): file not found/);
  });
});

describe('forged evidence is not accepted', () => {
  let forged: string;
  beforeAll(() => {
    forged = copy(true);
    forgeAllPass(forged);
    resign(forged);
  });

  it(tag('bundles', 'a rewritten, re-signed bundle is only "signed, untrusted"; with the real key it fails'), () => {
    const r = cliWithin(['verify', forged]);
    expect(r.stdout).toMatch(/^trust: signed, untrusted/m);
    expect(cliWithin(['verify', forged, '--pub-key', real.pub]).code).toBe(1);
  });

  it(tag('bundles', 'evaluate finds the rewritten report (every derived file is compared, not only findings.json)'), () => {
    const r = cliWithin(['evaluate', '--evidence', forged]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^trust: signed, untrusted/m);
    expect(r.stdout).toMatch(/^DIFFERENT: re-evaluation does not reproduce reports\/auditready\.json$/m);
  });

  it(tag('bundles', 'check --baseline refuses a forged bundle and says why; --allow-unsigned accepts it knowingly'), () => {
    const refused = cliWithin(['check', '-c', DEMO, '--baseline', forged, '--pub-key', real.pub]);
    expectCleanError(refused);
    expect(refused.stderr).toMatch(/baseline .* \(evidence bundle\) is signed, untrusted .*a gate only accepts a trusted baseline/);
    const allowed = cliWithin(['check', '-c', DEMO, '--baseline', forged, '--allow-unsigned']);
    expect(allowed.stderr).toMatch(/baseline .* \(bundle, signed, untrusted/);
  });

  it(tag('bundles', 'check --baseline accepts a bundle signed by the trusted key'), () => {
    const good = copy(true);
    const r = cliWithin(['check', '-c', DEMO, '--baseline', good, '--pub-key', real.pub]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/baseline .* \(bundle, trusted/);
  });

  it(tag('bundles', 'a stripped signature leaves an unsigned bundle, refused as a baseline'), () => {
    const dir = copy(true);
    forgeAllPass(dir);
    rmSync(path.join(dir, 'manifest.sig'));
    rmSync(path.join(dir, 'signer.pub.pem'));
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    delete m.signature;
    writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    const r = cliWithin(['check', '-c', DEMO, '--baseline', dir, '--pub-key', real.pub]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/is unsigned: a gate only accepts a trusted baseline/);
  });

  it(tag('bundles', 'a signature removed but still named by the manifest is a mismatch'), () => {
    const dir = copy(true);
    rmSync(path.join(dir, 'manifest.sig'));
    const r = cliWithin(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^signature: INVALID \(the manifest records a signature \(key sha256:[0-9a-f]+\) but manifest\.sig is missing\)$/m);
  });

  it(tag('bundles', 'a plain JSON report as baseline is unsigned: refused unless --allow-unsigned'), () => {
    const dir = tmpDir();
    const report = path.join(dir, 'r.json');
    cliWithin(['check', '-c', DEMO, '--format', 'json', '--out', report]);
    const r = cliWithin(['check', '-c', DEMO, '--baseline', report]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/baseline .*r\.json \(JSON report\) is unsigned/);
    expect(cliWithin(['check', '-c', DEMO, '--baseline', report, '--allow-unsigned']).code).toBe(0);
  });

  it(tag('bundles', "diff shows each side's trust state; with --pub-key or --require-signature it compares only trusted bundles"), () => {
    const r = cliWithin(['diff', copy(false), forged]);
    expect(r.stdout).toMatch(/^old: bundle, unsigned$/m);
    expect(r.stdout).toMatch(/^new: bundle, signed, untrusted/m);
    const j = JSON.parse(cliWithin(['diff', copy(false), forged, '--format', 'json']).stdout);
    expect(j.trust.new.state).toBe('untrusted');
    const unsigned = copy(false);
    const byKey = cliWithin(['diff', unsigned, forged, '--pub-key', real.pub, '--format', 'json']);
    expect(byKey.code).toBe(1);
    expect(byKey.stdout.startsWith(`not trusted: ${unsigned} is a bundle, unsigned; ${forged} is a bundle, signed, untrusted (`)).toBe(true);
    expect(byKey.stdout).toMatch(/; nothing compared\n$/);
    const report = path.join(tmpDir(), 'r.json');
    cliWithin(['check', '-c', DEMO, '--format', 'json', '--out', report]);
    const plain = cliWithin(['diff', report, report, '--require-signature']);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain(`${report} is a plain JSON report, unsigned`);
    const good = copy(true);
    const trusted = cliWithin(['diff', good, good, '--pub-key', real.pub]);
    expect(trusted.code, trusted.stdout).toBe(0);
    expect(trusted.stdout).toMatch(/^old: bundle, trusted/m);
  });

  it(tag('bundles', 'evaluate refuses --no-verify with --require-signature or --pub-key: skipping the check would trust anything'), () => {
    for (const flags of [['--require-signature'], ['--pub-key', real.pub]]) {
      const r = cliWithin(['evaluate', '--evidence', forged, '--no-verify', ...flags]);
      expectCleanError(r);
      expect(r.stderr).toMatch(/--no-verify skips the signature check that --require-signature and --pub-key ask for/);
    }
    const trusted = cliWithin(['evaluate', '--evidence', copy(true), '--pub-key', real.pub]);
    expect(trusted.code, trusted.stdout).toBe(0);
    expect(trusted.stdout).toMatch(/^trust: trusted/m);
  });
});

describe('derivations', () => {
  it(tag('bundles', 'an edited raw capture with a re-hashed manifest is detected (the snapshot does not follow from it)'), () => {
    const dir = copy(false);
    const raw = path.join(dir, 'tools/vault/prod/raw/vault-prod.yaml');
    writeFileSync(raw, readFileSync(raw, 'utf8').replace('mfa_required: true', 'mfa_required: false'));
    rehash(dir);
    const r = cliWithin(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^derivation: vault\/prod: the raw captures do not hash to the sha256 its snapshot records/m);
  });

  it(tag('bundles', 'a raw capture edited and its snapshot hash forged to match is caught by re-deriving the facts'), () => {
    const dir = copy(false);
    const raw = path.join(dir, 'tools/vault/prod/raw/vault-prod.yaml');
    writeFileSync(raw, readFileSync(raw, 'utf8').replace('mfa_required: true', 'mfa_required: false'));
    const normalized = path.join(dir, 'tools/vault/prod/normalized.json');
    const snap = JSON.parse(readFileSync(normalized, 'utf8'));
    snap.source.sha256 = sha256(readFileSync(raw));
    writeFileSync(normalized, `${JSON.stringify(snap, null, 2)}\n`);
    rehash(dir);
    const v = verifyBundle(dir);
    expect(v.ok).toBe(false);
    expect(v.derivations.find((d) => d.tool === 'vault/prod')).toMatchObject({ status: 'mismatch', detail: expect.stringMatching(/identity\.mfa_required/) });
  });

  /** A bundle of a files-mode fixture (Argo CD, Kubernetes): its snapshots come from the tool's own files. */
  function filesBundle(name: string, fixtureCase = 'secure'): string {
    const dir = path.join(tmpDir(), 'evidence');
    const r = cliWithin(['check', '-c', fixture(name, fixtureCase, 'auditready.yaml'), '--format', 'json', '--evidence', dir]);
    expect([0, 1], r.stderr).toContain(r.code);
    return dir;
  }

  /** Edit one raw capture of a tool and forge its snapshot's hash over all of its captures to match. */
  function forgeRaw(dir: string, tool: string, file: string, edit: (text: string) => string): void {
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    const t = m.tools.find((x: { id: string }) => x.id === tool);
    const raw = path.join(dir, t.normalized.replace('normalized.json', `raw/${file}`));
    const before = readFileSync(raw, 'utf8');
    expect(edit(before)).not.toBe(before);
    writeFileSync(raw, edit(before));
    const normalized = path.join(dir, t.normalized);
    const snap = JSON.parse(readFileSync(normalized, 'utf8'));
    snap.source.sha256 = capturesSha256(t.raw.map((p: string, i: number) => ({ name: t.raw_names[i], mediaType: '', bytes: readFileSync(path.join(dir, p)) })));
    writeFileSync(normalized, `${JSON.stringify(snap, null, 2)}\n`);
    rehash(dir);
  }

  it(tag('bundles', 'files-mode snapshots (Argo CD, Kubernetes) are derived again through their collector; an edited capture is caught'), () => {
    const k8s = filesBundle('kubernetes');
    expect(verifyBundle(k8s).derivations.find((d) => d.tool === 'kubernetes/prod')).toMatchObject({ status: 'ok' });
    forgeRaw(k8s, 'kubernetes/prod', 'kube-apiserver.yaml', (t) => t.replace('--audit-log-maxage=30', '--audit-log-maxage=3'));
    const v = verifyBundle(k8s);
    expect(v.ok).toBe(false);
    expect(v.derivations.find((d) => d.tool === 'kubernetes/prod')).toMatchObject({
      status: 'mismatch',
      detail: expect.stringMatching(/does not follow from its raw capture \(first difference at audit_log\./),
    });
    const argo = filesBundle('argocd');
    expect(verifyBundle(argo).derivations.find((d) => d.tool === 'argocd/prod')).toMatchObject({ status: 'ok' });
    forgeRaw(argo, 'argocd/prod', 'argocd-cm.yaml', (t) => t.replace(/admin\.enabled: "false"/, 'admin.enabled: "true"'));
    expect(verifyBundle(argo).derivations.find((d) => d.tool === 'argocd/prod')).toMatchObject({ status: 'mismatch' });
  });

  it(
    tag(
      'bundles',
      'Jenkins, GitLab, time and registry files-mode snapshots are derived again through their collector (redacted captures too); an edited capture is caught',
    ),
    () => {
      for (const [tool, fixtureCase, id] of [
        ['jenkins', 'secure', 'jenkins/ci-secure'],
        ['jenkins', 'insecure-helm', 'jenkins/ci-insecure-helm'],
        ['gitlab', 'secure', 'gitlab/gitlab-secure'],
        ['gitlab', 'insecure', 'gitlab/gitlab-insecure'],
        ['gitlab', 'saas-group', 'gitlab/acme-corp'],
        // captured command outputs: their file paths and modification times are facts (configured_at, when taken)
        ['chrony', 'secure', 'chrony/ntp-client-1'],
        ['timesyncd', 'secure', 'timesyncd/app-1'],
        // an htpasswd whose bcrypt hashes are redacted still reads as the same users
        ['distribution', 'htpasswd', 'distribution/team'],
      ] as const) {
        const dir = filesBundle(tool, fixtureCase);
        const ids = verifyBundle(dir).derivations.map((d) => d.tool);
        expect(
          verifyBundle(dir).derivations.find((d) => d.tool === id),
          `${tool}/${fixtureCase}: ${ids.join(', ')}`,
        ).toMatchObject({
          status: 'ok',
          detail: expect.stringMatching(/^derived again from the/),
        });
      }
      const jenkins = filesBundle('jenkins');
      forgeRaw(jenkins, 'jenkins/ci-secure', 'jenkins.yaml', (t) => t.replace('roleBased:', 'unsecured:\n    roleBasedWas:'));
      expect(verifyBundle(jenkins).derivations.find((d) => d.tool === 'jenkins/ci-secure')).toMatchObject({ status: 'mismatch' });
      const gitlab = filesBundle('gitlab');
      forgeRaw(gitlab, 'gitlab/gitlab-secure', 'application_settings.json', (t) =>
        t.replace('"require_two_factor_authentication": true', '"require_two_factor_authentication": false'),
      );
      expect(verifyBundle(gitlab).derivations.find((d) => d.tool === 'gitlab/gitlab-secure')).toMatchObject({
        status: 'mismatch',
        detail: expect.stringMatching(/does not follow from its raw capture \(first difference at .*require_two_factor_authentication|mfa_required/),
      });
    },
  );

  it(tag('bundles', 'a files-mode snapshot whose audit destinations options.audit_store links is derived again with the link (the estate)'), () => {
    const dir = filesBundle('estate');
    const derivations = verifyBundle(dir).derivations;
    for (const id of ['jenkins/ci', 'gitlab/code', 'kubernetes/prod']) {
      expect(
        derivations.find((d) => d.tool === id),
        id,
      ).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^derived again from the/) });
    }
  });

  it(tag('bundles', 'a collector that reads its files asynchronously (Vault) is hash-bound only, and verify says so instead of failing'), () => {
    const dir = filesBundle('vault');
    const r = cliWithin(['verify', dir]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/vault\/prod: raw capture hash checked; collector "vault" reads its files asynchronously; they are not derived again/);
  });

  it(tag('bundles', 'a snapshot read from a live API other than GitHub is hash-bound only, and verify says why'), () => {
    const dir = filesBundle('argocd');
    const normalized = path.join(dir, 'tools/argocd/prod/normalized.json');
    const snap = JSON.parse(readFileSync(normalized, 'utf8'));
    snap.source.method = 'api';
    writeFileSync(normalized, `${JSON.stringify(snap, null, 2)}\n`);
    rehash(dir);
    const r = cliWithin(['verify', dir]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/argocd\/prod: raw capture hash checked; collector "argocd" read a live API \(api\); its responses are not derived again/);
  });

  it(tag('bundles', 'edited Rego sources with a re-hashed manifest are detected (they no longer hash to the compiled digest)'), () => {
    const dir = copy(false);
    const file = path.join(dir, 'policy/src/0/identity/mfa_required.rego');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n# edited\n`);
    rehash(dir);
    const v = verifyBundle(dir);
    expect(v.ok).toBe(false);
    expect(v.derivations[0]).toMatchObject({ tool: 'policy bundle', status: 'mismatch' });
  });

  it(tag('bundles', 'the bundle holds the Rego sources, the profile with its sources, the version and commit, the OPA version'), () => {
    const dir = copy(false);
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(m.policy_sources.dirs).toEqual(['policy/src/0']);
    expect(m.files.map((f: { path: string }) => f.path)).toContain('policy/src/0/identity/mfa_required.rego');
    expect(m.profile_files).toEqual(['profile/baseline.yaml']);
    expect(readFileSync(path.join(dir, 'profile/baseline.yaml'), 'utf8')).toMatch(/source:/);
    expect(m.tool.commit === null || /^[0-9a-f]{40}(-dirty)?$/.test(m.tool.commit)).toBe(true);
    expect(m.policy_bundle.opa_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(m.tools[0]).toMatchObject({ collector: 'facts', method: 'facts-file' });
    expect(m.tools[0]).not.toHaveProperty('collected_as');
    expect(verifyBundle(dir).derivations.every((d) => d.status === 'ok')).toBe(true);
  });

  it(tag('bundles', 'an edited Markdown report with a re-hashed manifest verifies (unsigned) but does not re-evaluate'), () => {
    const dir = copy(false);
    const md = path.join(dir, 'reports/auditready.md');
    writeFileSync(md, readFileSync(md, 'utf8').replace(/❌/g, '✅'));
    rehash(dir);
    expect(cliWithin(['verify', dir]).code).toBe(0);
    const r = cliWithin(['evaluate', '--evidence', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^DIFFERENT: re-evaluation does not reproduce reports\/auditready\.md$/m);
  });
});

describe('special files and malformed bundles', () => {
  it(tag('bundles', 'a symbolic link inside a bundle is refused, never followed'), () => {
    const dir = copy(false);
    const target = path.join(dir, 'findings.json');
    rmSync(target);
    symlinkSync('/etc/hostname', target);
    const r = cliWithin(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^refused: findings\.json \(symbolic link; never followed or read\)$/m);
  });

  it(tag('bundles', 'a FIFO inside a bundle is refused at once (verify, evaluate, diff, explore loader): no hang'), () => {
    const dir = copy(false);
    rmSync(path.join(dir, 'reports/auditready.md'));
    mkfifo(path.join(dir, 'reports/auditready.md'));
    const r = cliWithin(['verify', dir], { timeoutMs: 20_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^refused: reports\/auditready\.md \(FIFO; never followed or read\)$/m);
    const e = cliWithin(['evaluate', '--evidence', dir], { timeoutMs: 20_000 });
    expect(e.timedOut).toBe(false);
    expect(e.code).toBe(1);
    const d = cliWithin(['diff', dir, dir], { timeoutMs: 20_000 });
    expectCleanError(d);
    expect(d.stderr).toMatch(/evidence bundle does not verify \(refused reports\/auditready\.md \(FIFO\)\)/);
  });

  it(tag('bundles', 'a FIFO as manifest.json or as the report is an error, not a hang'), () => {
    const dir = copy(false);
    rmSync(path.join(dir, 'manifest.json'));
    mkfifo(path.join(dir, 'manifest.json'));
    const r = cliWithin(['verify', dir], { timeoutMs: 20_000 });
    expectCleanError(r);
    expect(r.stderr).toMatch(/manifest\.json: is a FIFO, not a regular file/);
    const report = path.join(tmpDir(), 'report.json');
    mkfifo(report);
    const d = cliWithin(['diff', report, report], { timeoutMs: 20_000 });
    expectCleanError(d);
    expect(d.stderr).toMatch(/report\.json: is a FIFO, not a regular file/);
  });

  it(tag('bundles', 'null entries in a manifest are a clear error, no stack trace'), () => {
    const dir = copy(false);
    const file = path.join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    m.files.push(null);
    m.tools.push(null);
    writeFileSync(file, JSON.stringify(m));
    for (const args of [
      ['verify', dir],
      ['evaluate', '--evidence', dir, '--no-verify'],
      ['diff', dir, dir],
    ]) {
      const r = cliWithin(args);
      expectCleanError(r);
      expect(r.stderr).toMatch(/manifest\.json: invalid manifest: (files|tools)\.\d+: must be object/);
    }
  });

  it(tag('bundles', 'a manifest path that leaves the bundle is refused'), () => {
    const dir = copy(false);
    const file = path.join(dir, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8'));
    m.tools[0].normalized = '../../../etc/passwd';
    writeFileSync(file, JSON.stringify(m));
    const r = cliWithin(['evaluate', '--evidence', dir, '--no-verify']);
    expectCleanError(r);
    expect(r.stderr).toMatch(/invalid manifest: tools\.0\.normalized: must match pattern/);
  });

  it(tag('bundles', 'findings: [null] in a report is a clear error for diff and --baseline, no stack trace'), () => {
    const dir = tmpDir();
    const file = path.join(dir, 'r.json');
    cliWithin(['check', '-c', DEMO, '--format', 'json', '--out', file]);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    report.findings = [null];
    writeFileSync(file, JSON.stringify(report));
    const d = cliWithin(['diff', file, file]);
    expectCleanError(d);
    expect(d.stderr).toMatch(/r\.json: invalid report: findings\.0: must be object/);
    const b = cliWithin(['check', '-c', DEMO, '--baseline', file, '--allow-unsigned']);
    expectCleanError(b);
  });

  it(tag('bundles', 'a baseline report over the size cap is refused with the limit'), () => {
    const dir = tmpDir();
    const file = path.join(dir, 'r.json');
    cliWithin(['check', '-c', DEMO, '--format', 'json', '--out', file]);
    const r = cliWithin(['diff', file, file], { env: { AUDITREADY_MAX_BUNDLE_FILE_MB: '0.01' } });
    expectCleanError(r);
    expect(r.stderr).toMatch(
      /r\.json: is \d+(\.\d)? KB, over the 10(\.\d)? KB limit \(raise it with limits\.max_bundle_file_mb in the config or AUDITREADY_MAX_BUNDLE_FILE_MB\)/,
    );
  });
});
