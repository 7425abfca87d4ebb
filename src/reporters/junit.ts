// JUnit XML for GitLab (artifacts:reports:junit), Jenkins (junit step) and GitHub Actions
// reporters (dorny/test-reporter, mikepenz/action-junit-report). One testsuite per tool, one
// testcase per policy × resource; (classname, name) unique; never an empty report.
import { groupBy } from '../util/group.js';
import type { Finding, Report } from '../report/types.js';
import { anchorFor, evidenceLines, relativeUri, STATUS_LABEL } from './common.js';
import type { RenderOptions, Reporter } from './types.js';
import { xmlEscape as x } from './xml.js';

interface Case {
  readonly name: string;
  readonly body: string;
}

function testcase(report: Report, f: Finding, name: string, options: RenderOptions): Case {
  const anchor = anchorFor(report, f.tool);
  const attrs = `classname="${x(f.tool)}" name="${x(name)}" file="${x(decodeURI(relativeUri(anchor.file, options.baseDir)))}" line="${anchor.line}" time="0"`;
  const evidence = x(evidenceLines(f).join('\n'));
  const message = `${STATUS_LABEL[f.status]}: ${f.message}`;
  let inner: string;
  switch (f.status) {
    case 'fail':
    case 'unknown':
      inner = `<failure message="${x(message)}" type="${x(f.policy_id)}">${evidence}</failure>`;
      break;
    case 'error':
      inner = `<error message="${x(message)}" type="${x(f.policy_id)}">${evidence}</error>`;
      break;
    case 'not_applicable':
      inner = `<skipped message="${x(`not applicable: ${f.message}`)}"/>`;
      break;
    case 'waived': {
      const w = f.waiver;
      const why = w ? `waived${w.id ? ` by ${w.id}` : ''} until ${w.expires_on} (approved by ${w.approver}): ${w.justification}` : `waived: ${f.message}`;
      inner = `<skipped message="${x(why)}"/>`;
      break;
    }
    default:
      inner = '';
  }
  // Failures and errors carry the evidence in their body; waived ones in system-out. Passing and
  // not-applicable cases keep only what was observed and where (no remediation): large estates
  // have mostly passing cases, and GitLab rejects files over 30 MB.
  const brief = () =>
    x(
      evidenceLines(f)
        .filter((l) => !l.startsWith('remediation:') && !l.startsWith('frameworks:') && !l.startsWith('policy:'))
        .join('\n'),
    );
  const out =
    f.status === 'waived'
      ? `<system-out>${evidence}</system-out>`
      : f.status === 'pass' || f.status === 'not_applicable'
        ? `<system-out>${brief()}</system-out>`
        : '';
  return { name, body: `    <testcase ${attrs}>${inner}${out}</testcase>` };
}

function count(findings: readonly Finding[]) {
  return {
    tests: findings.length,
    failures: findings.filter((f) => f.status === 'fail' || f.status === 'unknown').length,
    errors: findings.filter((f) => f.status === 'error').length,
    skipped: findings.filter((f) => f.status === 'not_applicable' || f.status === 'waived').length,
  };
}

function render(report: Report, options: RenderOptions): string {
  const byTool = new Map<string, Finding[]>();
  for (const [tool, fs] of groupBy(report.findings, (f) => f.tool)) byTool.set(tool, fs);
  // Warnings (expired waivers, tools declared entirely not applicable) travel as properties of the
  // tool's suite (the first suite when the tool has none): JUnit has no other place a CI shows.
  const tools = [...byTool.keys()].sort();
  const warningsOf = new Map<string, string[]>();
  for (const w of report.warnings ?? []) {
    const tool = w.tool ?? w.waiver?.tool;
    const at = tool && byTool.has(tool) ? tool : (tools[0] ?? 'auditready');
    warningsOf.set(at, [...(warningsOf.get(at) ?? []), `${w.kind}: ${w.message}`]);
  }
  const properties = (tool: string) => {
    const ws = warningsOf.get(tool);
    return ws ? `    <properties>\n${ws.map((m) => `      <property name="auditready.warning" value="${x(m)}"/>`).join('\n')}\n    </properties>\n` : '';
  };
  const suites: string[] = [];
  for (const tool of tools) {
    const findings = byTool.get(tool)!;
    const used = new Set<string>();
    const cases = findings.map((f) => {
      const base = `${f.policy_id} ${f.title}${f.resource ? ` [${f.resource}]` : ''}`;
      let name = base;
      for (let i = 2; used.has(name); i++) name = `${base} #${i}`;
      used.add(name);
      return testcase(report, f, name, options);
    });
    const c = count(findings);
    suites.push(
      `  <testsuite name="${x(tool)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="0">\n` +
        properties(tool) +
        cases.map((k) => k.body).join('\n') +
        '\n  </testsuite>',
    );
  }
  if (suites.length === 0) {
    // Consumers reject an empty report (Jenkins: "None of the test reports contained any result").
    suites.push(
      '  <testsuite name="auditready" tests="1" failures="0" errors="0" skipped="1" time="0">\n' +
        properties('auditready') +
        '    <testcase classname="auditready" name="no findings" time="0"><skipped message="no policy applied to any target"/></testcase>\n' +
        '  </testsuite>',
    );
  }
  const all = count(report.findings);
  const total = suites.length && report.findings.length === 0 ? { tests: 1, failures: 0, errors: 0, skipped: 1 } : all;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="auditready" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="0">\n` +
    suites.join('\n') +
    '\n</testsuites>\n'
  );
}

export const junitReporter: Reporter = {
  name: 'junit',
  description: 'JUnit XML: a testsuite per tool, a testcase per policy × resource (GitLab, Jenkins, GitHub Actions)',
  extension: 'xml',
  render,
};
