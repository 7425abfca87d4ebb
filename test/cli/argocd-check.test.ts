/**
 * End to end through the built CLI (node dist/cli.js): Argo CD in files mode on the secure and
 * insecure fixtures (expected verdict per policy), the one rule for errors on a published example
 * with a placeholder line that is not YAML, evidence pointing at the line, and no secret from a
 * fixture in any output format or the evidence bundle.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { startFakeArgocd } from '../helpers/argocd-server.js';
import { cliAsync as run } from '../helpers/loopback.js';
import { cli, fixture, withoutProgress } from '../helpers/run.js';
import { parseAllDocuments } from 'yaml';
import type { Report } from '../../src/report/types.js';

const check = (name: string, extra: string[] = []) => cli(['check', '-c', fixture('argocd', name, 'auditready.yaml'), '--format', 'json', ...extra]);
const statuses = (r: Report, tool: string) => Object.fromEntries(r.findings.filter((f) => f.tool === tool).map((f) => [f.policy_id, f.status]));

describe('argocd files mode through the CLI', () => {
  it('secure: identity and access policies pass; what Argo CD cannot show is unknown, never pass', () => {
    const r = check('secure');
    const report = JSON.parse(r.stdout) as Report;
    expect(validator('report')(report)).toBe(true);
    expect(statuses(report, 'argocd/prod')).toMatchObject({
      'AR-IDN-001': 'pass',
      'AR-IDN-002': 'unknown', // MFA is the IdP's
      'AR-IDN-003': 'pass',
      'AR-IDN-004': 'pass',
      'AR-IDN-005': 'pass',
      'AR-IDN-101': 'pass',
      'AR-ACC-001': 'pass',
      'AR-ACC-002': 'pass',
      'AR-ACC-004': 'pass',
      'AR-ACC-005': 'pass',
      'AR-EVT-001': 'pass',
      'AR-EVT-002': 'unknown', // no client IPs
      'AR-CLG-001': 'fail', // Kubernetes Events stay in the cluster
      'AR-RET-001': 'unknown',
      'AR-TIM-002': 'pass',
      'AR-TIM-003': 'pass',
    });
    expect(r.code).toBe(1);
  });

  it('insecure: anonymous access, admin on by default, local logins, role:admin by default and wildcards all fail', () => {
    const report = JSON.parse(check('insecure').stdout) as Report;
    expect(statuses(report, 'argocd/legacy')).toMatchObject({
      'AR-IDN-001': 'fail',
      'AR-IDN-002': 'fail',
      'AR-IDN-003': 'fail',
      'AR-IDN-004': 'fail',
      'AR-IDN-005': 'fail',
      'AR-IDN-101': 'fail',
      'AR-ACC-001': 'pass',
      'AR-ACC-002': 'fail',
      'AR-ACC-004': 'fail',
      'AR-ACC-005': 'fail',
    });
    // the finding names the line each fact was read at, and says when it is a documented default
    const idn101 = report.findings.find((f) => f.policy_id === 'AR-IDN-101')!;
    expect(idn101.evidence.sources![0]).toMatchObject({ fact: 'identity.local_accounts', file: 'fixtures/argocd/insecure/configmaps.json', line: 21 });
    expect(idn101.evidence.sources![0]!.default).toMatch(/admin\.enabled is absent/);
  });

  it('SARIF points at the line in the Argo CD file, with the config line of the target as a related location', () => {
    const r = cli(['check', '-c', fixture('argocd', 'insecure', 'auditready.yaml'), '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          relatedLocations?: { message: { text: string } }[];
        }[];
      }[];
    };
    const anon = sarif.runs[0]!.results.find((x) => x.ruleId === 'AR-IDN-003')!;
    const file = 'fixtures/argocd/insecure/configmaps.json';
    const line =
      readFileSync(fixture('argocd', 'insecure', 'configmaps.json'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('"users.anonymous.enabled"')) + 1;
    expect(anon.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: file }, region: { startLine: line } });
    expect(anon.relatedLocations!.at(-1)!.message.text).toBe('target argocd/legacy declared here');
    // the Markdown and HTML reports show the same place with each finding's evidence
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-argocd-md-'));
    cli(['check', '-c', fixture('argocd', 'insecure', 'auditready.yaml'), '--format', 'markdown,html', '--out', dir]);
    const where = `identity.anonymous_access: ${file}:${line}:`;
    expect(readFileSync(path.join(dir, 'auditready.md'), 'utf8')).toContain(`read at: ${where}`);
    expect(readFileSync(path.join(dir, 'auditready.html'), 'utf8')).toContain(`${file}:${line}:`);
  });
});

describe('argocd live mode through the CLI', () => {
  it('reads the API with the token from token_env; a Retry-After wait is announced on stderr without a terminal', async () => {
    const maps = ['argocd-cm.yaml', 'argocd-rbac-cm.yaml'].map((f) =>
      (parseAllDocuments(readFileSync(fixture('argocd', 'secure', f), 'utf8'))[0] as { toJS(): unknown }).toJS(),
    );
    const server = await startFakeArgocd({ configMaps: maps, token: 'live-token-0123456789', faults: [{ path: '/api/v1/settings', kind: 429, times: 1 }] });
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'ar-argocd-live-'));
      writeFileSync(path.join(dir, 'rbac.yaml'), readFileSync(fixture('argocd', 'secure', 'argocd-rbac-cm.yaml')));
      const target = { type: 'argocd', name: 'prod', endpoint: server.url, token_env: 'AR_E2E_ARGOCD_TOKEN', files: ['rbac.yaml'], options: { retries: 2 } };
      writeFileSync(path.join(dir, 'auditready.yaml'), `targets:\n  - ${JSON.stringify(target)}\n`);
      const r = await run(['check', '-c', path.join(dir, 'auditready.yaml'), '--format', 'json'], { AR_E2E_ARGOCD_TOKEN: 'live-token-0123456789' });
      expect(withoutProgress(r.stderr)).toBe('auditready: argocd/prod: rate limited on GET /api/v1/settings, waiting 1 s\n');
      const report = JSON.parse(r.stdout) as Report;
      expect(statuses(report, 'argocd/prod')).toMatchObject({ 'AR-IDN-001': 'pass', 'AR-IDN-003': 'pass', 'AR-IDN-101': 'pass', 'AR-ACC-002': 'pass' });
      expect(r.stdout).not.toContain('live-token-0123456789');
    } finally {
      await server.close();
    }
  });
});

describe('one rule for errors: a published example with a placeholder line that is not YAML', () => {
  const broken = (extra: string[] = []) => cli(['check', '-c', fixture('argocd', 'broken', 'auditready.yaml'), ...extra]);

  it('that tool is unknown with file, line and what was expected; the others are still reported; exit 1 even with --no-fail-on-unknown', () => {
    const r = broken(['--format', 'json', '--no-fail-on-unknown']);
    expect(r.code).toBe(1);
    // (the facts file beside it is warned about when its collected_at is older than a day)
    expect(withoutProgress(r.stderr).replace(/^auditready: warning: vault\/prod: facts file .* is \d+ days? before the run .*\n/m, '')).toBe(
      'auditready: argocd/example: fixtures/argocd/broken/argocd-cm.yaml:14:3: invalid YAML/JSON: Implicit keys need to be on a single line; expected the Argo CD ConfigMaps argocd-cm, argocd-rbac-cm or argocd-cmd-params-cm (YAML, or kubectl get -o json/yaml)\n',
    );
    const report = JSON.parse(r.stdout) as Report;
    expect(validator('report')(report)).toBe(true);
    expect(report.summary).toMatchObject({ result: 'fail', collection_errors: 1 });
    expect(report.collection_errors).toEqual([
      { tool: 'argocd/example', message: expect.stringContaining('argocd-cm.yaml:14:3'), file: 'fixtures/argocd/broken/argocd-cm.yaml', line: 14, column: 3 },
    ]);
    // every verdict on the broken tool is unknown, evidence freshness too (fail closed)
    expect(new Set(Object.values(statuses(report, 'argocd/example')))).toEqual(new Set(['unknown']));
    expect(statuses(report, 'argocd/prod')['AR-IDN-101']).toBe('pass');
    expect(statuses(report, 'vault/prod')['AR-IDN-002']).toBe('pass');
  });

  it('the collection error alone gates: no gating finding, --no-fail-on-unknown, still exit 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-broken-only-'));
    writeFileSync(path.join(dir, 'argocd-cm.yaml'), readFileSync(fixture('argocd', 'broken', 'argocd-cm.yaml')));
    writeFileSync(path.join(dir, 'auditready.yaml'), 'targets:\n  - { type: argocd, name: example, files: [argocd-cm.yaml] }\n');
    const r = cli(['check', '-c', path.join(dir, 'auditready.yaml'), '--format', 'json', '--no-fail-on-unknown']);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.summary).toMatchObject({ gating: 0, collection_errors: 1, result: 'fail' });
    expect(r.code).toBe(1);
  });

  it('every format says so in its summary', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-broken-'));
    const r = broken(['--format', 'table,markdown,html,junit,sarif,oscal', '--out', dir]);
    expect(r.code).toBe(1);
    for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f), 'utf8'), f).toContain('could not collect argocd/example');
    const table = readFileSync(path.join(dir, 'auditready.txt'), 'utf8');
    expect(table).toMatch(/1 tool not collected \(always gates\) → FAIL/);
    const sarif = JSON.parse(readFileSync(path.join(dir, 'auditready.sarif'), 'utf8'));
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });
});

describe('config errors stop the run before anything is collected (exit 2)', () => {
  const config = (target: Record<string, unknown>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-argocd-cfg-'));
    writeFileSync(path.join(dir, 'auditready.yaml'), `targets:\n  - ${JSON.stringify(target)}\n`);
    return path.join(dir, 'auditready.yaml');
  };
  it.each([
    [{ type: 'argocd', name: 'p', files: ['argocd/*.yaml'] }, /auditready\.yaml:2:\d+: files: "argocd\/\*\.yaml" matches no file/],
    [{ type: 'argocd', name: 'p' }, /argocd target p: give files: or endpoint: \(and token_env:\) to read it, or facts: FILE/],
    [
      { type: 'argocd', name: 'p', endpoint: 'https://argocd.example', token_env: 'T', options: { retries: 'many' } },
      /argocd target p: invalid options: retries: must be integer/,
    ],
    [{ type: 'argocd', name: 'p', endpoint: 'https://argocd.example' }, /argocd target p: token_env must name the environment variable/],
    [{ type: 'artifactory', name: 'p', files: ['artifactory.yaml'] }, /no collector reads artifactory targets yet/],
  ])('%j', (target, message) => {
    const r = cli(['check', '-c', config(target)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(withoutProgress(r.stderr)).toMatch(message);
  });
});

describe('secrets in Argo CD files never leave the process', () => {
  it('no secret value of the fixtures appears in any output format, the evidence bundle, stdout or stderr', () => {
    const secrets = [
      ...readFileSync(fixture('argocd', 'insecure', 'secrets.txt'), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#')),
      'Pl4ceh0lderClientSecretValue', // in the broken example, on the lines around the parse error
    ];
    const out = mkdtempSync(path.join(tmpdir(), 'ar-secrets-'));
    const texts: string[] = [];
    for (const [name, c] of [
      ['insecure', fixture('argocd', 'insecure', 'auditready.yaml')],
      ['broken', fixture('argocd', 'broken', 'auditready.yaml')],
    ] as const) {
      const dir = path.join(out, name);
      const r = cli(['check', '-c', c, '--format', 'table,json,sarif,junit,markdown,oscal,html', '--out', `${dir}-reports`, '--evidence', `${dir}-evidence`]);
      expect(r.code).toBe(1);
      texts.push(r.stdout, r.stderr, cli(['collect', '-c', c]).stdout);
    }
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)]));
    const files = walk(out);
    expect(files.some((f) => f.includes(`${path.sep}raw${path.sep}`))).toBe(true);
    for (const f of files) texts.push(readFileSync(f, 'utf8'));
    const all = texts.join('\n');
    for (const s of secrets) expect(all.includes(s), `${s} leaked`).toBe(false);
    // the references to secrets are evidence, not secrets: they stay
    expect(all).toContain('$oidc.okta.clientSecret');
  });
});
