// JUnit XML for GitLab (artifacts:reports:junit), Jenkins (junit step) and GitHub Actions
// reporters (dorny/test-reporter, mikepenz/action-junit-report). One testsuite per tool, one
// testcase per policy × resource; (classname, name) unique; never an empty report.
import { groupBy } from '../util/group.js';
import type { CollectionError, Finding, Report } from '../report/types.js';
import { anchorFor, evidenceLines, relativeUri, STATUS_LABEL } from './common.js';
import { joinedChunks } from './chunks.js';
import { defineReporter, type RenderOptions, type Reporter } from './types.js';
import { xmlEscape as x } from './xml.js';

interface Case {
  readonly name: string;
  readonly body: string;
}

function testcase(report: Report, f: Finding, name: string, options: RenderOptions): Case {
  const anchor = anchorFor(report, f.tool);
  // Jenkins' JUnit schema (junit-10.xsd) allows no file/line on a testcase: the config line that
  // declares the target is the first line of the evidence instead.
  const attrs = `classname="${x(f.tool)}" name="${x(name)}" time="0"`;
  const target = `target: ${decodeURI(relativeUri(anchor.file, options.baseDir))}:${anchor.line}`;
  const evidence = x([target, ...evidenceLines(f)].join('\n'));
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
    x([target, ...evidenceLines(f)].filter((l) => !l.startsWith('remediation:') && !l.startsWith('frameworks:') && !l.startsWith('policy:')).join('\n'));
  const out =
    f.status === 'waived'
      ? `<system-out>${evidence}</system-out>`
      : f.status === 'pass' || f.status === 'not_applicable'
        ? `<system-out>${brief()}</system-out>`
        : '';
  return { name, body: `    <testcase ${attrs}>${inner}${out}</testcase>` };
}

/**
 * A tool whose input could not be read: an error case in its suite. junit-10.xsd allows no
 * file/line on a testcase, so the file and line that broke lead the error's text.
 */
function collectionCase(e: CollectionError, options: RenderOptions): string {
  const where = e.file
    ? `at: ${decodeURI(relativeUri(e.file, options.baseDir))}${e.line ? `:${e.line}` : ''}\n`
    : e.endpoint
      ? `at: ${e.endpoint}\n`
      : e.command
        ? `ran: ${e.command}${e.exit_status !== undefined ? ` (exit status ${e.exit_status})` : ''}\n`
        : '';
  return `    <testcase classname="${x(e.tool)}" name="collection" time="0"><error message="${x(`could not collect ${e.tool}: ${e.message}`)}" type="collection">${x(`${where}${e.message}`)}</error></testcase>`;
}

function count(findings: readonly Finding[]) {
  return {
    tests: findings.length,
    failures: findings.filter((f) => f.status === 'fail' || f.status === 'unknown').length,
    errors: findings.filter((f) => f.status === 'error').length,
    skipped: findings.filter((f) => f.status === 'not_applicable' || f.status === 'waived').length,
  };
}

function* render(report: Report, options: RenderOptions): Generator<string> {
  const byTool = new Map<string, Finding[]>();
  for (const [tool, fs] of groupBy(report.findings, (f) => f.tool)) byTool.set(tool, fs);
  const suites: string[] = [];
  const broken = new Map((report.collection_errors ?? []).map((e) => [e.tool, e]));
  for (const tool of broken.keys()) if (!byTool.has(tool)) byTool.set(tool, []);
  // The run's time, and what it warns about (a distant as_of first), as properties of each suite.
  const props = [
    `<property name="as_of" value="${x(report.run.as_of)}"/>`,
    `<property name="run_started_at" value="${x(report.run.started_at)}"/>`,
    ...(report.warnings ?? []).map((w) => `<property name="warning.${x(w.kind)}" value="${x(w.message)}"/>`),
  ];
  const properties = `    <properties>${props.join('')}</properties>\n`;
  for (const tool of [...byTool.keys()].sort()) {
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
    const error = broken.get(tool);
    const bodies = [...(error ? [collectionCase(error, options)] : []), ...cases.map((k) => k.body)];
    suites.push(
      `  <testsuite name="${x(tool)}" tests="${c.tests + (error ? 1 : 0)}" failures="${c.failures}" errors="${c.errors + (error ? 1 : 0)}" skipped="${c.skipped}" time="0">\n` +
        properties +
        bodies.join('\n') +
        '\n  </testsuite>',
    );
  }
  if (suites.length === 0) {
    // Consumers reject an empty report (Jenkins: "None of the test reports contained any result").
    suites.push(
      '  <testsuite name="auditready" tests="1" failures="0" errors="0" skipped="1" time="0">\n' +
        properties +
        '    <testcase classname="auditready" name="no findings" time="0"><skipped message="no policy applied to any target"/></testcase>\n' +
        '  </testsuite>',
    );
  }
  const all = count(report.findings);
  const total =
    suites.length && report.findings.length === 0 && broken.size === 0
      ? { tests: 1, failures: 0, errors: 0, skipped: 1 }
      : { ...all, tests: all.tests + broken.size, errors: all.errors + broken.size };
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="auditready" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" time="0">\n`;
  yield* joinedChunks(suites, '\n');
  yield '\n</testsuites>\n';
}

export const junitReporter: Reporter = defineReporter({
  name: 'junit',
  extension: 'xml',
  chunks: render,
});
