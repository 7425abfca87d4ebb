import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/evidence/read.js';
import { verifyBundle } from '../../src/evidence/verify.js';
import { sha256 } from '../../src/util/hash.js';
import { cli, fixture, withoutProgress } from '../helpers/run.js';
import { reportValidator } from '../helpers/reports.js';

const DEMO = fixture('demo', 'auditready.yaml');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ar-ev-'));
const CI_ENV = {
  GITHUB_ACTIONS: 'true',
  GITHUB_RUN_ID: '4242',
  GITHUB_REPOSITORY: 'acme/platform',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: 'abc123',
  GITHUB_ACTOR: 'octocat',
  GITHUB_WORKFLOW: 'audit',
  GITHUB_JOB: 'check',
  USER: 'runner',
};

function keys() {
  const dir = tmp();
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519').publicKey;
  const files = { priv: path.join(dir, 'key.pem'), pub: path.join(dir, 'key.pub.pem'), other: path.join(dir, 'other.pub.pem') };
  writeFileSync(files.priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(files.pub, publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(files.other, other.export({ type: 'spki', format: 'pem' }));
  return files;
}

const pristine = new Map<string, string>();

/** A private copy of one demo bundle per set of flags (written once: each check run costs a second). */
function copyOf(extra: string[] = []): string {
  const key = extra.join(' ');
  if (!pristine.has(key)) pristine.set(key, bundle(extra));
  const dir = path.join(tmp(), 'evidence');
  cpSync(pristine.get(key)!, dir, { recursive: true });
  return dir;
}

/** A fresh bundle of the demo (the check itself exits 1: the demo has failures). */
function bundle(extra: string[] = [], env: Record<string, string> = CI_ENV): string {
  const dir = path.join(tmp(), 'evidence');
  const r = cli(['check', '-c', DEMO, '--format', 'json', '--out', path.join(path.dirname(dir), 'report.json'), '--evidence', dir, ...extra], { env });
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(/wrote evidence bundle to .* \(\d+ files/);
  return dir;
}

describe('check --evidence', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyOf();
  });

  it('writes a manifest with run, policy, config, host and CI identity, and the sha256 of every file', () => {
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(m.bundle_version).toBe('1');
    expect(m.tool.name).toBe('auditready');
    expect(m.policy_bundle.wasm_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.policy_bundle.policies_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(m.config.sha256).toBe(sha256(readFileSync(DEMO)));
    expect(m.profile).toBe('baseline');
    expect(m.parameters.max_admins).toBe(5);
    expect(m.run.started_at).toMatch(/Z$/);
    expect(m.run.finished_at).toMatch(/Z$/);
    expect(m.host.hostname.length).toBeGreaterThan(0);
    expect(m.actor).toEqual({
      user: 'runner',
      ci: {
        provider: 'github-actions',
        run_id: '4242',
        job: 'audit / check',
        url: 'https://github.com/acme/platform/actions/runs/4242',
        repository: 'acme/platform',
        commit: 'abc123',
        triggered_by: 'octocat',
      },
    });
    const paths = m.files.map((f: { path: string }) => f.path);
    for (const p of [
      'config/auditready.yaml',
      'evaluation.json',
      'findings.json',
      'policy/policy.wasm',
      'reports/auditready.json',
      'reports/auditready.sarif',
      'reports/auditready.xml',
      'reports/auditready.md',
      'reports/auditready.html',
      'reports/auditready.oscal.json',
      'tools/jenkins/ci-prod/raw/jenkins-ci-prod.yaml',
      'tools/jenkins/ci-prod/normalized.json',
    ]) {
      expect(paths).toContain(p);
    }
    for (const f of m.files) expect(sha256(readFileSync(path.join(dir, f.path))), f.path).toBe(f.sha256);
    // raw capture is the (redacted) facts file; normalized is the snapshot the policies saw
    expect(readFileSync(path.join(dir, 'tools/jenkins/ci-prod/raw/jenkins-ci-prod.yaml'))).toEqual(
      readFileSync(fixture('demo', 'facts', 'jenkins-ci-prod.yaml')),
    );
    const report = readBundle(dir);
    expect(reportValidator()(report)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'tools/jenkins/ci-prod/normalized.json'), 'utf8'))).toEqual(
      report.snapshots.find((s) => s.id === 'jenkins/ci-prod'),
    );
    expect(readFileSync(path.join(dir, 'findings.json'), 'utf8')).toBe(`${JSON.stringify(report.findings, null, 2)}\n`);
  });

  it("the OSCAL and HTML reports inside link every tool's raw and normalized files with their sha256", () => {
    const reports = path.join(dir, 'reports');
    const oscal = JSON.parse(readFileSync(path.join(reports, 'auditready.oscal.json'), 'utf8'))['assessment-results'];
    const rlinks = oscal['back-matter'].resources.flatMap((r: { rlinks?: { href: string; hashes: { value: string }[] }[] }) => r.rlinks ?? []);
    const inBundle = rlinks.filter((l: { href: string }) => l.href.startsWith('../tools/'));
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(inBundle).toHaveLength(m.tools.length * 2);
    for (const l of inBundle) expect(sha256(readFileSync(path.resolve(reports, l.href))), l.href).toBe(l.hashes[0]!.value);
    const html = readFileSync(path.join(reports, 'auditready.html'), 'utf8');
    const links = [...html.matchAll(/class="evidence-file" href="([^"]+)" title="sha256 ([0-9a-f]{64})"/g)];
    expect(links).toHaveLength(m.tools.length * 2);
    for (const [, href, sha] of links) expect(sha256(readFileSync(path.resolve(reports, decodeURI(href!))))).toBe(sha);
  });

  it('verify passes on an untouched bundle', () => {
    const r = cli(['verify', dir]);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/^trust: unsigned: /m);
    expect(r.stdout).toMatch(/^verified: \d+ files match manifest.json$/m);
  });

  it('evaluate re-evaluates offline and reproduces the findings byte for byte', () => {
    const out = path.join(tmp(), 'again.json');
    const r = cli(['evaluate', '--evidence', dir, '--out', out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^reproduced: \d+ findings and 6 reports, byte for byte identical to the bundle's$/m);
    expect(readFileSync(out)).toEqual(readFileSync(path.join(dir, 'findings.json')));
  });
});

describe('tampering is detected', () => {
  it('names every changed, added and removed file and exits 1', () => {
    const dir = copyOf();
    appendFileSync(path.join(dir, 'tools/vault/prod/raw/vault-prod.yaml'), '# edited\n');
    writeFileSync(path.join(dir, 'findings.json'), '[]\n');
    writeFileSync(path.join(dir, 'tools/extra.txt'), 'planted');
    rmSync(path.join(dir, 'reports/auditready.sarif'));
    const r = cli(['verify', dir]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      'changed: findings.json',
      'changed: tools/vault/prod/raw/vault-prod.yaml',
      'added: tools/extra.txt',
      'removed: reports/auditready.sarif',
      'trust: unsigned: no signature: the hashes match the manifest, but anyone can rewrite both',
      'FAILED: 2 changed, 1 added, 1 removed',
    ]);
    // evaluate refuses a bundle that does not verify
    const e = cli(['evaluate', '--evidence', dir]);
    expect(e.code).toBe(1);
    expect(e.stdout).toMatch(/^bundle does not verify \(changed findings.json, /);
  });

  it('every single file of a bundle is covered', () => {
    const dir = copyOf();
    const m = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    for (const f of m.files as { path: string }[]) {
      const file = path.join(dir, f.path);
      const original = readFileSync(file);
      writeFileSync(file, Buffer.concat([original, Buffer.from(' ')]));
      const r = verifyBundle(dir); // in-process: one CLI run per file would be slow
      expect(r.ok, f.path).toBe(false);
      expect(r.changed).toEqual([f.path]);
      writeFileSync(file, original);
    }
    expect(cli(['verify', dir]).code).toBe(0);
  });

  it('a re-evaluation of changed snapshots differs, and says which findings', () => {
    const dir = copyOf();
    const file = path.join(dir, 'tools/vault/prod/normalized.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"mfa_required": true', '"mfa_required": false'));
    const r = cli(['evaluate', '--evidence', dir, '--no-verify']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^findings.json: 1 findings differ\n {2}AR-IDN-002 vault\/prod$/m);
  });
});

describe('signed bundles', () => {
  const k = keys();
  let dir: string;
  beforeAll(() => {
    dir = copyOf(['--sign-key', k.priv]);
  });

  it('verify checks the Ed25519 signature with the given key', () => {
    const ok = cli(['verify', dir, '--pub-key', k.pub]);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/^trust: trusted \(signer ".+", key sha256:[0-9a-f]+…, trusted as "key\.pub\.pem"/m);
    const embedded = cli(['verify', dir]);
    expect(embedded.code).toBe(0);
    expect(embedded.stdout).toMatch(/^trust: signed, untrusted .*: the signature checks against the key stored inside the bundle/m);
    const wrong = cli(['verify', dir, '--pub-key', k.other]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^trust: signed, untrusted/m);
  });

  it('a manifest edited to cover a changed file breaks the signature', () => {
    const copy = copyOf(['--sign-key', k.priv]);
    const raw = path.join(copy, 'tools/vault/prod/raw/vault-prod.yaml');
    writeFileSync(raw, readFileSync(raw, 'utf8').replace('mfa_required: true', 'mfa_required: false'));
    const mfile = path.join(copy, 'manifest.json');
    const m = JSON.parse(readFileSync(mfile, 'utf8'));
    m.files.find((f: { path: string }) => f.path === 'tools/vault/prod/raw/vault-prod.yaml').sha256 = sha256(readFileSync(raw));
    writeFileSync(mfile, `${JSON.stringify(m, null, 2)}\n`);
    const r = cli(['verify', copy, '--pub-key', k.pub]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^signature: INVALID \(manifest\.sig does not check against the 1 trusted key or the key in signer\.pub\.pem\)$/m);
    expect(r.stdout).toMatch(/^trust: none: /m);
    expect(r.stdout).toMatch(/\nFAILED: 0 changed, 0 added, 0 removed, bad signature, snapshots that do not follow from their raw captures\n$/);
  });

  it('a key given for an unsigned bundle fails verification', () => {
    const unsigned = copyOf();
    const r = cli(['verify', unsigned, '--pub-key', k.pub]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED: the bundle is unsigned, not trusted/m);
  });
});

describe('evidence usage errors: exit 2, one line', () => {
  const one = (args: string[], pattern: RegExp) => {
    const r = cli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(withoutProgress(r.stderr).trim().split('\n')).toHaveLength(1);
    expect(withoutProgress(r.stderr).trim()).toMatch(pattern);
  };
  it('non-empty evidence folder, sign key without evidence, wrong key type, not a bundle', () => {
    const full = tmp();
    writeFileSync(path.join(full, 'x'), 'x');
    one(['check', '-c', DEMO, '--evidence', full], /^auditready: --evidence .*: folder is not empty/);
    const k = keys();
    one(['check', '-c', DEMO, '--sign-key', k.priv], /^auditready: --sign-key signs an evidence bundle; add --evidence <dir>$/);
    const rsa = path.join(tmp(), 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    one(['check', '-c', DEMO, '--evidence', path.join(tmp(), 'e'), '--sign-key', rsa], /rsa\.pem: expected an Ed25519 key, got rsa$/);
    one(['verify', tmp()], /manifest\.json: not an evidence bundle \(no manifest\.json\)$/);
  });
});

describe('secrets never reach the bundle', () => {
  it('raw captures, snapshots, findings and reports are redacted', async () => {
    const { listFiles } = await import('../../src/evidence/files.js');
    const src = tmp();
    cpSync(path.dirname(DEMO), src, { recursive: true });
    const facts = path.join(src, 'facts', 'jenkins-ci-prod.yaml');
    const ghToken = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    const envSecret = 'jenkins-api-s3cr3t-7731';
    writeFileSync(
      facts,
      `# pasted by mistake: ${ghToken}\n${readFileSync(facts, 'utf8').replace(/^observed_from: .*$/m, `observed_from: "JCasC export via ${envSecret}"`)}`,
    );
    const config = path.join(src, 'auditready.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace('    facts: facts/jenkins-ci-prod.yaml', '    facts: facts/jenkins-ci-prod.yaml\n    token_env: JENKINS_TOKEN'),
    );
    const dir = path.join(tmp(), 'evidence');
    const r = cli(['check', '-c', config, '--evidence', dir], { env: { JENKINS_TOKEN: envSecret } });
    expect(r.code, r.stderr).toBe(1);
    const raw = readFileSync(path.join(dir, 'tools/jenkins/ci-prod/raw/jenkins-ci-prod.yaml'), 'utf8');
    expect(raw).toContain('# pasted by mistake: [REDACTED]');
    expect(raw).toContain('JCasC export via [REDACTED]');
    for (const f of listFiles(dir)) {
      const text = readFileSync(path.join(dir, f)).toString('latin1');
      expect(text.includes(ghToken), f).toBe(false);
      expect(text.includes(envSecret), f).toBe(false);
    }
    expect(cli(['evaluate', '--evidence', dir]).code).toBe(0);
  });
});

describe('the config copy in the bundle is redacted', () => {
  it('an endpoint with credentials does not reach the bundle', async () => {
    const { listFiles } = await import('../../src/evidence/files.js');
    const src = tmp();
    cpSync(path.dirname(DEMO), src, { recursive: true });
    const config = path.join(src, 'auditready.yaml');
    const secret = 'hunter2-endpoint-secret';
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        '    facts: facts/jenkins-ci-prod.yaml',
        `    facts: facts/jenkins-ci-prod.yaml\n    endpoint: "https://audit:${secret}@ci.acme.example/"`,
      ),
    );
    const dir = path.join(tmp(), 'evidence');
    const r = cli(['check', '-c', config, '--evidence', dir]);
    expect(r.code, r.stderr).toBe(1);
    for (const f of listFiles(dir)) expect(readFileSync(path.join(dir, f)).toString('latin1').includes(secret), f).toBe(false);
    expect(cli(['verify', dir]).code).toBe(0);
  });
});
