import type { Finding, Report } from '../../report/types.js';
import { expectedText, observedText } from '../../report/values.js';
import { describeFilters, type Filters, type Sort } from './findings-view.js';
import { evidenceValues } from './pointer.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The current filtered view as Markdown: a header naming the report and filters, then one table row per finding. */
export function viewToMarkdown(report: Report, findings: readonly Finding[], filters: Filters, sort: Sort): string {
  const lines = [
    `# auditready findings`,
    '',
    `- Report: ${report.run.config} (profile ${report.run.profile}, as of ${report.run.as_of})`,
    `- Filters: ${describeFilters(filters)}`,
    `- Sort: ${sort.key}${sort.descending ? ' (reversed)' : ''}`,
    `- Findings: ${findings.length} of ${report.findings.length}`,
    '',
    '| Status | Severity | Policy | Title | Tool | Resource | Message |',
    '|---|---|---|---|---|---|---|',
    ...findings.map(
      (f) => `| ${f.status} | ${f.severity} | ${f.policy_id} | ${cell(f.title)} | ${cell(f.tool)} | ${cell(f.resource ?? '')} | ${cell(f.message)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** The current filtered view as JSON: the filters and the findings exactly as in the report. */
export function viewToJson(report: Report, findings: readonly Finding[], filters: Filters, sort: Sort): string {
  return `${JSON.stringify(
    {
      report_version: report.report_version,
      run: { config: report.run.config, profile: report.run.profile, as_of: report.run.as_of },
      filters: { ...filters, query: filters.query || null },
      sort,
      total: report.findings.length,
      count: findings.length,
      findings,
    },
    null,
    2,
  )}\n`;
}

/** Everything the detail screen shows, as plain text (what "copy" puts on the clipboard / in the file). */
export function findingToText(report: Report, f: Finding, description?: string): string {
  const out: string[] = [];
  out.push(`${f.policy_id} ${f.title}`);
  out.push(`status: ${f.status}   severity: ${f.severity}   pillar: ${f.pillar}   gating: ${f.gating ? 'yes' : 'no'}`);
  out.push(`tool: ${f.tool}${f.resource ? `   resource: ${f.resource}` : ''}`);
  out.push(`message: ${f.message}`);
  if (description) out.push('', description);
  out.push('', 'observed vs expected:');
  const facts = [...new Set([...Object.keys(f.observed), ...Object.keys(f.expected)])];
  for (const k of facts) out.push(`  ${k}: observed ${observedText(f.observed[k])}, expected ${expectedText(f.expected[k])}`);
  out.push('', 'evidence:');
  out.push(`  source: ${f.evidence.collector} (${f.evidence.method}) ${f.evidence.location}`);
  out.push(`  collected at: ${f.evidence.collected_at}`);
  out.push(`  snapshot sha256: ${f.evidence.sha256}`);
  for (const v of evidenceValues(report, f)) out.push(`  ${v.pointer} = ${v.text}`);
  if (f.gaps.length) {
    out.push('', 'gaps:');
    for (const g of f.gaps) out.push(`  ${g.fact}: ${g.reason}${g.detail ? ` (${g.detail})` : ''}${g.permission ? ` needs ${g.permission}` : ''}`);
  }
  if (f.waiver) {
    const w = f.waiver;
    out.push('', `waiver: ${w.id ?? '(no id)'} approved by ${w.approver} on ${w.approved_on}, until ${w.expires_on} (was ${w.waived_status})`);
    out.push(`  ${w.justification}`);
  }
  out.push('', 'remediation:', ...f.remediation.split('\n').map((l) => `  ${l}`));
  const fws = Object.entries(f.frameworks);
  if (fws.length) {
    out.push('', 'frameworks:');
    for (const [fw, ids] of fws) out.push(`  ${fw}: ${ids.join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

/** A file-name-safe slug: "AR-IDN-001-github-acme". */
export function slug(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** OSC 52 "set clipboard" escape sequence for `text` (terminals may ignore it). */
export function osc52(text: string): string {
  return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}
