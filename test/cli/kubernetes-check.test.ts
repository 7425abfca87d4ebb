/**
 * End to end through the built CLI (node dist/cli.js): Kubernetes in files mode on the secure and
 * insecure fixtures (the verdict that matters per policy), evidence at the line, the one rule for
 * errors on a manifest that is not YAML, live mode against the loopback server shaped like the
 * Kubernetes API, and no secret from a fixture in any output format or the evidence bundle.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { secureCluster, startKubeApi } from '../helpers/kube-api-server.js';
import { cliAsync } from '../helpers/loopback.js';
import { makeTestPki, type TestPki } from '../helpers/pki.js';
import { cli, fixture, withoutProgress } from '../helpers/run.js';
import type { Report } from '../../src/report/types.js';

const check = (name: string, extra: string[] = []) => cli(['check', '-c', fixture('kubernetes', name, 'auditready.yaml'), '--format', 'json', ...extra]);
const statuses = (r: Report, tool: string) => Object.fromEntries(r.findings.filter((f) => f.tool === tool).map((f) => [f.policy_id, f.status]));
const lineOf = (file: string, needle: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;

const SECURE_VERDICTS = {
  'AR-IDN-001': 'waived', // client certificates sign in without Okta: the break-glass admin.conf, waived
  'AR-IDN-002': 'waived', // MFA is Okta's
  'AR-IDN-003': 'pass',
  'AR-IDN-004': 'unknown', // no list of issued client certificates exists
  'AR-IDN-005': 'waived',
  'AR-ACC-001': 'pass',
  'AR-ACC-002': 'pass',
  'AR-ACC-004': 'pass',
  'AR-ACC-005': 'pass',
  'AR-EVT-001': 'pass',
  'AR-EVT-002': 'pass',
  'AR-EVT-003': 'pass',
  'AR-EVT-004': 'pass',
  'AR-EVT-005': 'pass',
  'AR-EVT-006': 'pass', // the catch-all records failed sign-ins (authn_failures at Metadata)
  'AR-CLG-001': 'pass',
  'AR-CLG-002': 'pass',
  'AR-CLG-003': 'waived', // batch webhook keeps serving on audit errors: alerting is Prometheus', waived
  'AR-RET-001': 'not_applicable', // kept by loki/central: AR-XTL-001
  'AR-RET-002': 'not_applicable', // immutability is loki/central's (options.audit_store), judged there
  'AR-RET-003': 'not_applicable', // so are backups: the local file keeps only a rotated window
  'AR-RET-004': 'unknown', // file permissions on the node
  'AR-RET-005': 'pass',
  'AR-TIM-001': 'waived', // the nodes' clocks are a chrony target's
  'AR-TIM-003': 'pass',
  'AR-TIM-004': 'unknown', // the nodes' time sources are a chrony target's
  'AR-XTL-001': 'pass',
  'AR-XTL-002': 'pass',
};

describe('kubernetes files mode through the CLI', () => {
  it('secure kubeadm control plane: every policy about the cluster passes or is waived with its reason; exit 0', () => {
    const r = check('secure');
    const report = JSON.parse(r.stdout) as Report;
    expect(validator('report')(report)).toBe(true);
    expect(statuses(report, 'kubernetes/prod')).toMatchObject(SECURE_VERDICTS);
    // the store the webhook delivers to carries the immutability and backup claims
    expect(statuses(report, 'loki/central')).toMatchObject({ 'AR-RET-001': 'pass', 'AR-RET-002': 'pass', 'AR-RET-003': 'pass' });
    expect(r.code).toBe(0);
  });

  it('insecure control plane: anonymous access, everyone admin, wildcards, secrets recorded, no RBAC audit, short local retention all fail', () => {
    const r = check('insecure');
    const report = JSON.parse(r.stdout) as Report;
    expect(statuses(report, 'kubernetes/legacy')).toMatchObject({
      'AR-IDN-001': 'fail',
      'AR-IDN-002': 'fail',
      'AR-IDN-003': 'fail',
      'AR-IDN-005': 'fail',
      'AR-ACC-001': 'unknown', // everyone is an administrator: there is no user list to count
      'AR-ACC-002': 'fail',
      'AR-ACC-004': 'fail',
      'AR-ACC-005': 'fail',
      'AR-EVT-001': 'pass',
      'AR-EVT-002': 'fail', // ResponseComplete omitted for secrets: no result
      'AR-EVT-003': 'fail', // rbac not recorded
      'AR-EVT-004': 'fail',
      'AR-EVT-005': 'fail', // secrets at RequestResponse
      'AR-EVT-006': 'fail', // failed sign-ins on RBAC objects and reads fall to the catch-all None
      'AR-CLG-001': 'fail',
      'AR-RET-001': 'fail', // 7 days
      'AR-RET-002': 'fail',
      'AR-RET-003': 'fail', // only the local file: no second copy
      'AR-RET-005': 'fail', // --audit-log-maxage=7 < 30
    });
    expect(r.code).toBe(1);
    // the finding names the line each fact was read at, and says when it is a documented default
    const manifest = fixture('kubernetes', 'insecure', 'kube-apiserver.yaml');
    const anon = report.findings.find((f) => f.policy_id === 'AR-IDN-003' && f.tool === 'kubernetes/legacy')!;
    expect(anon.evidence.sources![0]).toMatchObject({
      fact: 'identity.anonymous_access',
      file: 'fixtures/kubernetes/insecure/kube-apiserver.yaml',
      line: lineOf(manifest, 'args:') + 1,
    });
    expect(anon.evidence.sources![0]!.default).toMatch(/--anonymous-auth absent: kube-apiserver accepts anonymous requests by default/);
    const rot = report.findings.find((f) => f.policy_id === 'AR-RET-005' && f.tool === 'kubernetes/legacy')!;
    expect(rot.evidence.sources!.map((s) => s.line)).toContain(lineOf(manifest, '--audit-log-maxage=7'));
  });

  it('SARIF points at the audit policy rule that records secret values', () => {
    const r = cli(['check', '-c', fixture('kubernetes', 'insecure', 'auditready.yaml'), '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const evt5 = sarif.runs[0]!.results.find((x) => x.ruleId === 'AR-EVT-005')!;
    const policy = fixture('kubernetes', 'insecure', 'audit-policy.yaml');
    expect(evt5.locations[0]!.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'fixtures/kubernetes/insecure/audit-policy.yaml' },
      region: { startLine: lineOf(policy, '- level: RequestResponse') },
    });
  });
});

describe('one rule for errors: a manifest that is not YAML (a tab before a dash)', () => {
  it('that tool is unknown with file, line and what was expected; the other cluster is still reported; exit 1 even with --no-fail-on-unknown', () => {
    const r = cli(['check', '-c', fixture('kubernetes', 'broken', 'auditready.yaml'), '--format', 'json', '--no-fail-on-unknown']);
    expect(r.code).toBe(1);
    expect(withoutProgress(r.stderr)).toMatch(
      /^auditready: kubernetes\/blog-example: fixtures\/kubernetes\/broken\/kube-apiserver.yaml:20:1: invalid YAML\/JSON: Tabs are not allowed as indentation; expected a kube-apiserver static Pod manifest/,
    );
    const report = JSON.parse(r.stdout) as Report;
    expect(report.collection_errors).toEqual([
      expect.objectContaining({ tool: 'kubernetes/blog-example', file: 'fixtures/kubernetes/broken/kube-apiserver.yaml', line: 20, column: 1 }),
    ]);
    // every verdict on the broken tool is unknown, evidence freshness too (fail closed)
    expect(new Set(Object.values(statuses(report, 'kubernetes/blog-example')))).toEqual(new Set(['unknown']));
    expect(statuses(report, 'kubernetes/legacy')['AR-IDN-003']).toBe('fail');
  });
});

describe('kubernetes live mode through the CLI', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = makeTestPki();
  });
  afterAll(() => pki.cleanup());

  it('reads the API over TLS with the token from token_env and the node files next to it: the same verdicts as files mode', async () => {
    const secure = (f: string) => readFileSync(fixture('kubernetes', 'secure', f), 'utf8');
    const token = 'live-k8s-token-0b9c8d7e6f5a';
    const api = await startKubeApi({ objects: secureCluster(), tokens: [token], pki });
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'ar-k8s-live-'));
      for (const f of ['policy.yaml', 'webhook.kubeconfig', 'loki-central.facts.yaml']) writeFileSync(path.join(dir, f), secure(f));
      writeFileSync(path.join(dir, 'ca.crt'), pki.ca);
      const config = readFileSync(fixture('kubernetes', 'secure', 'auditready.yaml'), 'utf8').replace(
        '    files: [kube-apiserver.yaml, policy.yaml, webhook.kubeconfig, rbac.json]\n    options:\n',
        `    endpoint: ${api.url}\n    token_env: AR_E2E_K8S_TOKEN\n    files: [policy.yaml, webhook.kubeconfig]\n    options:\n      ca_file: ca.crt\n`,
      );
      expect(config).toContain(api.url);
      writeFileSync(path.join(dir, 'auditready.yaml'), config);
      const r = await cliAsync(['check', '-c', path.join(dir, 'auditready.yaml'), '--format', 'json'], { AR_E2E_K8S_TOKEN: token });
      expect(withoutProgress(r.stderr)).toBe('');
      const report = JSON.parse(r.stdout) as Report;
      expect(statuses(report, 'kubernetes/prod')).toMatchObject(SECURE_VERDICTS);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(token);
    } finally {
      await api.close();
    }
  });
});

describe('secrets in Kubernetes files never leave the process', () => {
  it('no secret value of the fixtures appears in any output format, the evidence bundle, stdout or stderr', () => {
    const secrets = ['secure', 'insecure'].flatMap((c) =>
      readFileSync(fixture('kubernetes', c, 'secrets.txt'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#')),
    );
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const out = mkdtempSync(path.join(tmpdir(), 'ar-k8s-secrets-'));
    const texts: string[] = [];
    for (const name of ['secure', 'insecure', 'broken']) {
      const dir = path.join(out, name);
      const r = cli([
        'check',
        '-c',
        fixture('kubernetes', name, 'auditready.yaml'),
        '--format',
        'table,json,sarif,junit,markdown,oscal,html',
        '--out',
        `${dir}-reports`,
        '--evidence',
        `${dir}-evidence`,
      ]);
      expect([0, 1]).toContain(r.code);
      texts.push(r.stdout, r.stderr);
      const collect = cli(['collect', '-c', fixture('kubernetes', name, 'auditready.yaml')]);
      texts.push(collect.stdout, collect.stderr);
    }
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)]));
    const files = walk(out);
    expect(files.some((f) => f.endsWith('kube-apiserver.yaml'))).toBe(true); // raw captures are in the bundles
    for (const f of files) texts.push(readFileSync(f, 'utf8'));
    for (const secret of secrets) for (const t of texts) expect(t.includes(secret), secret).toBe(false);
  });
});
