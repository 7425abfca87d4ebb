// GitHub Actions workflow commands: one annotation per problem finding, shown on the run and, for
// files in the repository, on the pull request diff. Works on every plan (no code scanning or
// Advanced Security needed). https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
// GitHub shows at most 10 error and 10 warning annotations per step, so the gating ones come first.
import type { Finding, Report } from '../report/types.js';
import { failingFirst, findingLocation, isProblem, relativeUri, subject } from './common.js';
import { lineChunks } from './chunks.js';
import { defineReporter, type RenderOptions, type Reporter } from './types.js';

/** A command's message: %, CR and LF escaped (actions/toolkit escapeData). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: also : and , (actions/toolkit escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: 'error' | 'warning' | 'notice', properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

function annotation(report: Report, f: Finding, options: RenderOptions): string {
  const at = findingLocation(report, f);
  const remediation = (f.remediation.trim().split(/\n\s*\n/)[0] ?? '').replace(/\s*\n\s*/g, ' ');
  const message = `${subject(f)}: ${f.message} [${f.status}, ${f.severity}${f.gating ? ', gates the run' : ''}]${remediation ? `\nRemediation: ${remediation}` : ''}`;
  return command(
    f.gating || f.status === 'error' ? 'error' : 'warning',
    { file: relativeUri(at.file, options.baseDir), line: at.line, col: at.column, title: `${f.policy_id} ${f.title}` },
    message,
  );
}

/** The workflow commands for a report, one per line (a pure function of the report). */
export function githubAnnotations(report: Report, options: RenderOptions): string[] {
  const lines: string[] = [];
  for (const e of report.collection_errors ?? []) {
    lines.push(
      command(
        'error',
        { file: e.file ? relativeUri(e.file, options.baseDir) : undefined, line: e.line, col: e.column, title: `auditready could not collect ${e.tool}` },
        e.message,
      ),
    );
  }
  for (const f of failingFirst(report.findings.filter((x) => isProblem(x.status)))) lines.push(annotation(report, f, options));
  for (const w of report.warnings ?? []) lines.push(command('warning', { title: 'auditready' }, w.message));
  const s = report.summary;
  lines.push(
    command(
      'notice',
      { title: `auditready: ${s.result.toUpperCase()}` },
      `${s.total} findings: ${s.by_status.pass} pass, ${s.by_status.fail} fail, ${s.by_status.unknown} unknown, ${s.by_status.error} error, ${s.by_status.waived} waived; ${s.gating} gating`,
    ),
  );
  return lines;
}

export const githubReporter: Reporter = defineReporter({
  name: 'github',
  extension: 'github.txt',
  chunks: (report, options) => lineChunks(githubAnnotations(report, options)),
});
