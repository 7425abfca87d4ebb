import { headlineWarnings } from '../report/as-of.js';
import type { Finding, Report, Status } from '../report/types.js';
import { maxOf } from '../util/max.js';
import { collectionErrorLines, needsAttention, PILLAR_TITLES, STATUS_LABEL, statusCountsText } from './common.js';
import { lineChunks } from './chunks.js';
import { defineReporter, type RenderOptions, type Reporter } from './types.js';

const COLORS: Record<Status, string> = {
  pass: '\u001b[32m',
  fail: '\u001b[31m',
  unknown: '\u001b[33m',
  not_applicable: '\u001b[90m',
  error: '\u001b[35m',
  waived: '\u001b[36m',
};
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function render(report: Report, options: RenderOptions): Iterable<string> {
  const { color } = options;
  const out: string[] = [];
  const { run, summary } = report;
  const policies = new Set(report.findings.map((f) => f.policy_id)).size;
  out.push(`auditready ${report.tool.version} · profile ${run.profile} · as of ${run.as_of} · ${report.snapshots.length} tools · ${policies} policies`);
  for (const w of headlineWarnings(report)) out.push(color ? `${BOLD}WARNING: ${w.message}${RESET}` : `WARNING: ${w.message}`);
  const show = options.show ?? 'attention';
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const g = groups.get(f.pillar) ?? [];
    g.push(f);
    groups.set(f.pillar, g);
  }
  const listed = (f: Finding) => show === 'all' || needsAttention(f.status);
  const wStatus = 8;
  const wSev = 9;
  const wPolicy = 11;
  const wTool = maxOf(report.findings, (f) => (listed(f) ? (f.resource ? `${f.tool}:${f.resource}` : f.tool).length : 0), 5) + 2;
  let hidden = 0;
  for (const [pillar, findings] of groups) {
    // the pillar's summary line: every finding counted, whatever is listed
    const counts: Record<string, number> = {};
    for (const f of findings) counts[f.status] = (counts[f.status] ?? 0) + 1;
    const title = PILLAR_TITLES[pillar] ?? pillar;
    const rows = findings.filter(listed);
    hidden += findings.length - rows.length;
    out.push('');
    out.push(`${color ? `${BOLD}${title}${RESET}` : title}: ${findings.length} finding${findings.length === 1 ? '' : 's'}, ${statusCountsText(counts)}`);
    if (rows.length === 0) continue;
    out.push(`  ${pad('STATUS', wStatus)}${pad('SEVERITY', wSev)}${pad('POLICY', wPolicy)}${pad('TOOL', wTool)}MESSAGE`);
    for (const f of rows) {
      const label = pad(STATUS_LABEL[f.status] ?? String(f.status).toUpperCase(), wStatus);
      const status = color ? `${COLORS[f.status] ?? COLORS.error}${label}${RESET}` : label;
      const tool = f.resource ? `${f.tool}:${f.resource}` : f.tool;
      const gate = f.gating ? ' [gates]' : f.waiver ? ` [waived until ${f.waiver.expires_on} by ${f.waiver.approver}]` : '';
      out.push(`  ${status}${pad(f.severity, wSev)}${pad(f.policy_id, wPolicy)}${pad(tool, wTool)}${f.message}${gate}`);
    }
  }
  if (hidden > 0)
    out.push('', `${hidden} passing and not-applicable finding${hidden === 1 ? ' is' : 's are'} counted above but not listed (--show all lists them)`);
  for (const w of report.warnings ?? []) if (w.kind !== 'as_of_distant') out.push('', `warning: ${w.message}`);
  for (const line of collectionErrorLines(report)) out.push('', color ? `${COLORS.error}error${RESET}: ${line}` : `error: ${line}`);
  const s = summary.by_status;
  out.push('');
  out.push(
    `${summary.total} findings: ${s.pass} pass, ${s.fail} fail, ${s.unknown} unknown, ${s.not_applicable} not applicable, ${s.error} error, ${s.waived} waived`,
  );
  const d = summary.declared;
  if (d?.total) {
    out.push(
      `${d.total} of them on evidence declared in facts files (not collected from the tools): ${d.by_status.pass} pass, ${d.by_status.fail} fail, ${d.by_status.unknown} unknown, ${d.by_status.not_applicable} not applicable`,
    );
  }
  const relax = run.fail_on_unknown ? 'unknown gates like fail' : 'unknown does not gate';
  const errors = summary.collection_errors
    ? `, ${summary.collection_errors} tool${summary.collection_errors === 1 ? '' : 's'} not collected (always gates)`
    : '';
  out.push(
    `gate: ${run.fail_on} and above (${relax}): ${summary.gating} gating finding${summary.gating === 1 ? '' : 's'}${errors} → ${summary.result.toUpperCase()}`,
  );
  return lineChunks(out);
}

export const tableReporter: Reporter = defineReporter({
  name: 'table',
  extension: 'txt',
  chunks: render,
});
