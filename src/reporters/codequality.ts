// GitLab Code Quality report (artifacts:reports:codequality): a JSON array of issues, shown in
// merge request widgets and diffs. Required fields per GitLab: description, check_name,
// fingerprint, severity (info, minor, major, critical, blocker), location.path, location.lines.begin.
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
import { sha256 } from '../util/hash.js';
import type { Finding, Report } from '../report/types.js';
import { failingFirst, findingLocation, isProblem, relativeUri, subject } from './common.js';
import { fingerprint } from './sarif.js';
import { jsonChunks, LazyArray } from './chunks.js';
import { defineReporter, type RenderOptions, type Reporter } from './types.js';

const SEVERITY = { critical: 'critical', high: 'major', medium: 'minor', low: 'info' } as const;

export interface CodeQualityIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

function issue(report: Report, f: Finding, options: RenderOptions): CodeQualityIssue {
  const at = findingLocation(report, f);
  return {
    description: `${f.policy_id} ${subject(f)}: ${f.message} [${f.status}${f.gating ? ', gates the run' : ''}]`,
    check_name: f.policy_id,
    fingerprint: fingerprint(f),
    // a finding that gates the run blocks the merge request; otherwise by the policy's severity
    severity: f.gating && f.severity === 'critical' ? 'blocker' : SEVERITY[f.severity],
    location: { path: relativeUri(at.file, options.baseDir), lines: { begin: at.line } },
  };
}

/** The issues of a report: collection errors, then fail, unknown and error findings, gating first (a pure function of the report). */
export function codeQualityIssues(report: Report, options: RenderOptions): CodeQualityIssue[] {
  return [...issues(report, options).items()];
}

/** The issues, each made while the array is written (a report of 50,000 tools has millions). */
function issues(report: Report, options: RenderOptions): LazyArray<CodeQualityIssue> {
  const errors = report.collection_errors ?? [];
  const problems = failingFirst(report.findings.filter((f) => isProblem(f.status)));
  return new LazyArray(errors.length + problems.length, function* () {
    for (const e of errors) {
      yield {
        description: `could not collect ${e.tool}: ${e.message}`,
        check_name: 'auditready-collection',
        fingerprint: sha256(`collection\u0000${e.tool}`),
        severity: 'blocker',
        location: { path: relativeUri(e.file ?? report.run.config, options.baseDir), lines: { begin: e.line ?? 1 } },
      };
    }
    for (const f of problems) yield issue(report, f, options);
  });
}

export const codequalityReporter: Reporter = defineReporter({
  name: 'codequality',
  extension: 'codequality.json',
  chunks: (report, options) => jsonChunks(issues(report, options)),
});
