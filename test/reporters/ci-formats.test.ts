import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Report } from '../../src/report/types.js';
import { codeQualityIssues } from '../../src/reporters/codequality.js';
import { escapeData, escapeProperty, githubAnnotations } from '../../src/reporters/github.js';
import { reporters } from '../../src/reporters/index.js';
import { demoReport, richReport } from '../helpers/reports.js';

const OPTS = { color: false };

/** A workflow command parsed back as the runner does: name, properties, message (unescaped). */
function parseCommand(line: string): { name: string; props: Record<string, string>; message: string } {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const decode = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const props = Object.fromEntries(
    (m[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((kv) => {
        const i = kv.indexOf('=');
        return [kv.slice(0, i), decode(kv.slice(i + 1))];
      }),
  );
  return { name: m[1]!, props, message: decode(m[3]!) };
}

describe('--format github (workflow commands)', () => {
  it('escapes as actions/toolkit does: data %, CR, LF; properties also : and ,', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext%3A a%2Cb');
  });

  it('one annotation per fail, unknown and error finding, gating first, each on one line and round-tripping', async () => {
    const report: Report = structuredClone(await richReport());
    const tricky = report.findings.find((f) => f.status === 'fail')!;
    tricky.message = 'line one\nline two: 100% wrong, really ::error injected';
    const lines = githubAnnotations(report, OPTS);
    const problems = report.findings.filter((f) => ['fail', 'unknown', 'error'].includes(f.status));
    const parsed = lines.map(parseCommand);
    const annotations = parsed.filter((p) => p.props.title?.startsWith('AR-'));
    expect(annotations).toHaveLength(problems.length);
    // gating ones first, as errors
    const gating = problems.filter((f) => f.gating).length;
    expect(annotations.slice(0, gating).every((a) => a.name === 'error' && a.message.includes('gates the run'))).toBe(true);
    expect(annotations.slice(gating).every((a) => !a.message.includes('gates the run'))).toBe(true);
    const back = annotations.find((a) => a.message.includes('line one'))!;
    expect(back.message).toContain('line one\nline two: 100% wrong, really ::error injected');
    for (const l of lines) expect(l).not.toContain('\n');
    // a declared (facts file) finding points at the config line declaring its target
    const declared = problems.find((f) => f.tool === 'jenkins/ci-prod' && !f.evidence.sources?.length)!;
    const jenkins = annotations.find((a) => a.props.title?.startsWith(declared.policy_id) && a.message.startsWith('jenkins/ci-prod'))!;
    const target = report.targets!.find((t) => t.tool === 'jenkins/ci-prod')!;
    expect(jenkins.props).toMatchObject({ file: 'fixtures/demo/auditready.yaml', line: String(target.line) });
    // the run's result last
    expect(parsed.at(-1)).toMatchObject({ name: 'notice', props: { title: `auditready: ${report.summary.result.toUpperCase()}` } });
  });

  it('a finding read from a file points at that file and line', async () => {
    const report: Report = await demoReport();
    const f = report.findings.find((x) => x.status === 'fail')!;
    f.evidence.sources = [{ fact: 'identity.anonymous_access', file: 'argocd/argocd-cm.yaml', line: 14, column: 3, pointer: '/data/users.anonymous.enabled' }];
    const a = githubAnnotations(report, OPTS)
      .map(parseCommand)
      .find((x) => x.message.startsWith(f.tool) && x.props.title?.startsWith(f.policy_id))!;
    expect(a.props).toMatchObject({ file: 'argocd/argocd-cm.yaml', line: '14', col: '3' });
  });
});

describe('--format codequality (GitLab)', () => {
  // The fields GitLab requires (docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).
  const validate = new Ajv2020({ strict: true }).compile({
    type: 'array',
    items: {
      type: 'object',
      required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      properties: {
        description: { type: 'string', minLength: 1 },
        check_name: { type: 'string', minLength: 1 },
        fingerprint: { type: 'string', minLength: 1 },
        severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
        location: {
          type: 'object',
          required: ['path', 'lines'],
          properties: {
            path: { type: 'string', pattern: '^[^/]' },
            lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
          },
        },
      },
    },
  });

  it('is a JSON array GitLab accepts: one issue per problem finding, unique fingerprints, severities mapped', async () => {
    const report = await richReport();
    const text = reporters.codequality.render(report, OPTS);
    const issues = JSON.parse(text);
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(issues).toHaveLength(report.findings.filter((f) => ['fail', 'unknown', 'error'].includes(f.status)).length);
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(issues.length);
    const severities = codeQualityIssues(report, OPTS).map((i) => `${i.check_name} ${i.severity}`);
    const bySeverity = { high: 'major', medium: 'minor', low: 'info' } as const;
    for (const f of report.findings.filter((x) => ['fail', 'unknown', 'error'].includes(x.status))) {
      const expected = f.severity === 'critical' ? (f.gating ? 'blocker' : 'critical') : bySeverity[f.severity];
      expect(severities).toContain(`${f.policy_id} ${expected}`);
    }
  });

  it('a tool that could not be collected is a blocker at its file and line', async () => {
    const report: Report = await demoReport();
    report.collection_errors = [{ tool: 'argocd/prod', message: 'invalid YAML', file: 'argocd/argocd-cm.yaml', line: 14, column: 3 }];
    const [first] = codeQualityIssues(report, OPTS);
    expect(first).toMatchObject({
      check_name: 'auditready-collection',
      severity: 'blocker',
      location: { path: 'argocd/argocd-cm.yaml', lines: { begin: 14 } },
    });
  });
});
