/**
 * End to end through the built CLI: ONE config naming all four CI/CD tools (Jenkins, GitLab,
 * Argo CD, Kubernetes) in files mode, pointing at the per-tool fixture files in place
 * (fixtures/estate/<case>/auditready.yaml). The verdict of every policy on every tool is pinned in
 * fixtures/estate/<case>/findings.json (regenerate with UPDATE_ESTATE_FIXTURES=1, then review the
 * diff); the properties that matter are asserted directly as well.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { cli, fixture, ROOT } from '../helpers/run.js';

interface Finding {
  policy_id: string;
  tool: string;
  resource: string | null;
  status: string;
  observed?: Record<string, unknown>;
  evidence: { location: string; sources?: { fact: string; file?: string; line?: number; default?: string }[] };
}
interface Report {
  summary: { result: string; collection_errors?: number };
  findings: Finding[];
  collection_errors?: { tool: string; message: string; file?: string; line?: number; column?: number }[];
}

const UPDATE = process.env.UPDATE_ESTATE_FIXTURES === '1';
const NATIVE = ['jenkins/ci', 'gitlab/code', 'argocd/prod', 'kubernetes/prod'];
type Case = 'secure' | 'insecure' | 'broken';

const runs = new Map<string, { code: number; stderr: string; report: Report }>();
function check(name: Case, extra: string[] = []) {
  const key = [name, ...extra].join(' ');
  let r = runs.get(key);
  if (!r) {
    const out = cli(['check', '-c', fixture('estate', name, 'auditready.yaml'), '--format', 'json', ...extra]);
    r = { code: out.code, stderr: out.stderr, report: JSON.parse(out.stdout) as Report };
    runs.set(key, r);
  }
  return r;
}

const key = (f: Finding) => (f.resource ? `${f.policy_id} ${f.resource}` : f.policy_id);
/** tool -> policy (and resource) -> status */
function verdicts(r: Report): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const f of r.findings) {
    out[f.tool] ??= {};
    const tool = out[f.tool]!;
    expect(tool[key(f)], `${f.tool} ${key(f)} reported twice`).toBeUndefined();
    tool[key(f)] = f.status;
  }
  return out;
}
const ofTool = (r: Report, tool: string) => verdicts(r)[tool] ?? {};

/**
 * The secure fixtures are the tools as a careful team configures them, yet some verdicts cannot
 * pass from the tool's own files. Each one here is explained; any other fail or unknown on a native
 * tool fails the test. (The per-tool fixtures waive some of them with an approver; this config
 * carries no waivers so that the raw verdicts show.)
 */
const explain = (reason: string, policies: string[], tools: string[]) => policies.flatMap((p) => tools.map((t) => [`${t} ${p}`, reason] as const));
const SECURE_EXPLAINED = new Map<string, string>([
  // a fact no file of the tool holds
  ...explain(
    "MFA is the identity provider's (Okta): the tool has no second factor of its own",
    ['AR-IDN-002'],
    ['jenkins/ci', 'argocd/prod', 'kubernetes/prod'],
  ),
  ...explain('Kubernetes keeps no list of the client certificates the cluster CA issued', ['AR-IDN-004'], ['kubernetes/prod']),
  ...explain(
    'no user directory in the tool (SSO users live at the IdP): the share of admins has no denominator',
    ['AR-ACC-003'],
    ['jenkins/ci', 'argocd/prod', 'kubernetes/prod'],
  ),
  ...explain('Argo CD does not record client IP addresses', ['AR-EVT-002'], ['argocd/prod']),
  ...explain('no tool raises an alert when audit delivery fails; alerting lives in the monitoring stack', ['AR-CLG-003'], NATIVE),
  ...explain(
    "records are kept by the central store (SIEM, Splunk) or the cluster's event store, whose settings no file here holds",
    ['AR-RET-001', 'AR-RET-002', 'AR-RET-003'],
    ['jenkins/ci', 'gitlab/code', 'argocd/prod'],
  ),
  ...explain('who may read the records is set in the store or on the node, not in the tool', ['AR-RET-004'], ['jenkins/ci', 'argocd/prod', 'kubernetes/prod']),
  ...explain("the hosts' clocks belong to a chrony/ntpsec/timesyncd target, not in these files", ['AR-TIM-001', 'AR-TIM-004'], NATIVE),
  ...explain('the audit destination names no log-store target (no option links it yet)', ['AR-XTL-001'], ['jenkins/ci', 'gitlab/code']),
  // real weaknesses the secure fixtures keep (the per-tool tests pin them too)
  ...explain(
    'client certificates of the cluster CA sign in without Okta (break-glass admin.conf; waived in fixtures/kubernetes/secure)',
    ['AR-IDN-001', 'AR-IDN-005'],
    ['kubernetes/prod'],
  ),
  ...explain('Jenkins API tokens sign in without the second factor', ['AR-IDN-005'], ['jenkins/ci']),
  ...explain('the audit record carries no result (Jenkins Audit Trail pattern; GitLab audit events)', ['AR-EVT-002'], ['jenkins/ci', 'gitlab/code']),
  ...explain('failed sign-ins happen at the IdP: the tool records none', ['AR-EVT-006'], ['jenkins/ci', 'argocd/prod']),
  ...explain('Argo CD events stay in the cluster unless an event exporter ships them', ['AR-CLG-001'], ['argocd/prod']),
]);

/**
 * Pass or fail verdicts whose observed facts name no file line: collection time, or facts the
 * collector records without a line (the resource facts of AR-IDN-130/AR-ACC-120 have no provenance
 * in the kit yet; some GitLab facts come from API files without a source line; an empty wildcard
 * list is read from every RBAC object, not one line). Pinned, so that a collector losing lines fails.
 */
const WITHOUT_LINE: Record<'secure' | 'insecure', string[]> = {
  secure: [
    'gitlab/code AR-IDN-130 instance',
    'gitlab/code AR-EVT-005',
    'gitlab/code AR-RET-004',
    'gitlab/code AR-TIM-003',
    'jenkins/ci AR-ACC-120 controller',
    'kubernetes/prod AR-ACC-004',
  ],
  insecure: [
    'gitlab/code AR-IDN-130 instance',
    'gitlab/code AR-EVT-001',
    'gitlab/code AR-EVT-002',
    'gitlab/code AR-EVT-005',
    'gitlab/code AR-RET-004',
    'gitlab/code AR-TIM-003',
    'jenkins/ci AR-ACC-120 controller',
  ],
};

describe.each(['secure', 'insecure', 'broken'] as const)('estate %s: the four CI/CD tools in one config', (name) => {
  it('the report is valid and every verdict matches findings.json', () => {
    const { code, report } = check(name);
    expect(validator('report')(report)).toBe(true);
    const actual = { exit_code: code, collection_errors: report.collection_errors ?? [], verdicts: verdicts(report) };
    const p = fixture('estate', name, 'findings.json');
    if (UPDATE || !existsSync(p)) writeFileSync(p, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(p, 'utf8')));
    for (const tool of NATIVE) expect(Object.keys(actual.verdicts), tool).toContain(tool);
  });

  it('every finding names the files it was read from; every source line exists in its file', () => {
    const lines = new Map<string, number>();
    const count = (file: string) => {
      if (!lines.has(file)) lines.set(file, readFileSync(path.join(ROOT, file), 'utf8').split('\n').length);
      return lines.get(file)!;
    };
    for (const f of check(name).report.findings) {
      const files = f.evidence.location.split(', ');
      for (const file of files) expect(existsSync(path.join(ROOT, file)), `${f.tool} ${key(f)}: ${file}`).toBe(true);
      for (const s of f.evidence.sources ?? []) {
        if (s.default) continue;
        expect(files, `${f.tool} ${key(f)} ${s.fact}`).toContain(s.file);
        expect(s.line, `${f.tool} ${key(f)} ${s.fact}`).toBeGreaterThanOrEqual(1);
        expect(s.line).toBeLessThanOrEqual(count(s.file!));
      }
    }
  });
});

describe.each(['secure', 'insecure'] as const)('estate %s: evidence at the line', (name) => {
  it('each pass or fail on a native tool names file:line (or the documented default) for every fact it observed', () => {
    const withoutLine = check(name)
      .report.findings.filter((f) => NATIVE.includes(f.tool) && (f.status === 'pass' || f.status === 'fail') && f.policy_id !== 'AR-TIM-002')
      .filter((f) => Object.keys(f.observed ?? {}).some((fact) => !f.evidence.sources?.some((s) => s.fact === fact && (s.line || s.default))))
      .map((f) => `${f.tool} ${key(f)}`);
    expect(withoutLine.sort()).toEqual([...WITHOUT_LINE[name]].sort());
  });
});

describe('estate verdicts that matter', () => {
  it('secure: no fail or unknown on the native tools except the explained ones; exit 0 once only critical gates', () => {
    const { code, report } = check('secure');
    const bad = report.findings.filter((f) => NATIVE.includes(f.tool) && (f.status === 'fail' || f.status === 'unknown')).map((f) => `${f.tool} ${key(f)}`);
    expect(bad.sort()).toEqual([...SECURE_EXPLAINED.keys()].sort());
    // the Loki store the Kubernetes audit webhook delivers to keeps the records long enough
    expect(ofTool(report, 'kubernetes/prod')['AR-XTL-001']).toBe('pass');
    expect(code).toBe(1); // the unknowns above gate at the default threshold (high)
    expect(check('secure', ['--fail-on', 'critical', '--no-fail-on-unknown']).code).toBe(0);
  });

  it('insecure: every tool has failing findings, among them the headline weakness of each; exit 1', () => {
    const { code, report } = check('insecure');
    for (const tool of NATIVE) expect(Object.values(ofTool(report, tool)), tool).toContain('fail');
    expect(ofTool(report, 'jenkins/ci')).toMatchObject({ 'AR-ACC-120 controller': 'fail', 'AR-IDN-003': 'fail', 'AR-CLG-001': 'fail' });
    expect(ofTool(report, 'gitlab/code')).toMatchObject({ 'AR-IDN-001': 'fail', 'AR-IDN-130 instance': 'fail', 'AR-ACC-001': 'fail' });
    expect(ofTool(report, 'argocd/prod')).toMatchObject({ 'AR-IDN-003': 'fail', 'AR-IDN-101': 'fail', 'AR-ACC-002': 'fail' });
    expect(ofTool(report, 'kubernetes/prod')).toMatchObject({ 'AR-IDN-003': 'fail', 'AR-ACC-004': 'fail', 'AR-EVT-005': 'fail' });
    expect(report.collection_errors ?? []).toEqual([]);
    expect(code).toBe(1);
  });

  it('broken: the Jenkins file that is not YAML makes jenkins/ci unknown with file:line; the other three keep their secure verdicts; exit 1', () => {
    const { code, stderr, report } = check('broken');
    expect(stderr).toMatch(/^auditready: jenkins\/ci: fixtures\/jenkins\/broken\/jenkins\.yaml:9:26: invalid YAML\/JSON: /m);
    expect(report.collection_errors).toEqual([
      { tool: 'jenkins/ci', message: expect.stringContaining('jenkins.yaml:9:26'), file: 'fixtures/jenkins/broken/jenkins.yaml', line: 9, column: 26 },
    ]);
    expect(report.summary).toMatchObject({ result: 'fail', collection_errors: 1 });
    // every verdict on the broken tool is unknown (or n/a), except freshness: collection was attempted now
    const { 'AR-TIM-002': fresh, ...rest } = ofTool(report, 'jenkins/ci');
    expect(fresh).toBe('pass');
    expect(new Set(Object.values(rest))).toEqual(new Set(['unknown', 'not_applicable']));
    expect(rest['AR-IDN-001']).toBe('unknown');
    const others = (r: Report) => Object.fromEntries(Object.entries(verdicts(r)).filter(([tool]) => tool !== 'jenkins/ci'));
    expect(others(report)).toEqual(others(check('secure').report));
    expect(JSON.stringify(report) + stderr).not.toContain('canary-broken-ldap-pw-9Zr1'); // the secret on the lines around the parse error
    expect(code).toBe(1);
    // the broken file alone gates: where the secure estate passes, this one still exits 1
    expect(check('broken', ['--fail-on', 'critical', '--no-fail-on-unknown']).code).toBe(1);
  });
});
