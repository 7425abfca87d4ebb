import { headlineWarnings } from '../report/as-of.js';
import type { Finding, Report, Status } from '../report/types.js';
import { collectionErrorLines, PILLAR_TITLES, STATUS_LABEL } from './common.js';
import type { RenderOptions, Reporter } from './types.js';

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

function render(report: Report, { color }: RenderOptions): string {
  const out: string[] = [];
  const { run, summary } = report;
  const policies = new Set(report.findings.map((f) => f.policy_id)).size;
  out.push(`auditready ${report.tool.version} · profile ${run.profile} · as of ${run.as_of} · ${report.snapshots.length} tools · ${policies} policies`);
  for (const w of headlineWarnings(report)) out.push(color ? `${BOLD}WARNING: ${w.message}${RESET}` : `WARNING: ${w.message}`);
  const groups = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const g = groups.get(f.pillar) ?? [];
    g.push(f);
    groups.set(f.pillar, g);
  }
  const wStatus = 8;
  const wSev = 9;
  const wPolicy = 11;
  const wTool = Math.max(5, ...report.findings.map((f) => (f.resource ? `${f.tool}:${f.resource}` : f.tool).length)) + 2;
  for (const [pillar, findings] of groups) {
    out.push('');
    out.push(color ? `${BOLD}${PILLAR_TITLES[pillar] ?? pillar}${RESET}` : (PILLAR_TITLES[pillar] ?? pillar));
    out.push(`  ${pad('STATUS', wStatus)}${pad('SEVERITY', wSev)}${pad('POLICY', wPolicy)}${pad('TOOL', wTool)}MESSAGE`);
    for (const f of findings) {
      const label = pad(STATUS_LABEL[f.status], wStatus);
      const status = color ? `${COLORS[f.status]}${label}${RESET}` : label;
      const tool = f.resource ? `${f.tool}:${f.resource}` : f.tool;
      const gate = f.gating ? ' [gates]' : f.waiver ? ` [waived until ${f.waiver.expires_on} by ${f.waiver.approver}]` : '';
      out.push(`  ${status}${pad(f.severity, wSev)}${pad(f.policy_id, wPolicy)}${pad(tool, wTool)}${f.message}${gate}`);
    }
  }
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
  return `${out.join('\n')}\n`;
}

export const tableReporter: Reporter = {
  name: 'table',
  description: 'Readable table grouped by pillar (default)',
  extension: 'txt',
  render,
};
