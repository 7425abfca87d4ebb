import { pointerFact, pointerTarget } from '../../report/evidence-pointer.js';
import type { Finding, Report } from '../../report/types.js';
import { expectedText, observedText } from '../../report/values.js';
import { sourceText } from '../../reporters/common.js';
import { evidenceValues } from '../view-model/pointer.js';
import { remediationParagraphs } from '../view-model/remediation.js';

/** One display line with one style; `tone` maps to a theme colour. */
export interface DetailLine {
  readonly text: string;
  readonly bold?: boolean;
  readonly tone?: 'status' | 'severity' | 'bad' | 'good' | 'dim';
}

/** Word-wrap to `width` columns, keeping the indentation of the first line on continuation lines. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(10, width);
  if (text.length <= w) return [text];
  const indent = /^\s*/.exec(text)![0];
  const out: string[] = [];
  let line = '';
  for (const word of text.trim().split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : `${out.length ? `${indent}  ` : indent}${word}`;
    if (candidate.length <= w || !line) {
      line = candidate;
      while (line.length > w) {
        out.push(line.slice(0, w));
        line = `${indent}  ${line.slice(w)}`;
      }
    } else {
      out.push(line);
      line = `${indent}  ${word}`;
    }
  }
  if (line) out.push(line);
  return out;
}

/** Everything about one finding, as lines for a scrolling pane of `width` columns. */
export function detailLines(report: Report, f: Finding, width: number, description?: string): DetailLine[] {
  const lines: DetailLine[] = [];
  const add = (text: string, style: Omit<DetailLine, 'text'> = {}) => {
    for (const t of wrap(text, width)) lines.push({ text: t, ...style });
  };
  const heading = (text: string) => {
    lines.push({ text: '' });
    lines.push({ text, bold: true });
  };
  add(`${f.policy_id}  ${f.title}`, { bold: true });
  lines.push({ text: `${f.status.toUpperCase()}`, tone: 'status', bold: true });
  add(`severity ${f.severity} · pillar ${f.pillar} · ${f.gating ? 'gates the run' : 'does not gate'} · policy ${f.policy}`);
  add(`tool ${f.tool} (${f.tool_type})${f.resource ? ` · resource ${f.resource}` : ''}`);
  add(f.message);
  if (description) {
    heading('Description');
    // paragraphs (blank-line separated) reflowed to this width
    for (const para of description.split(/\n\s*\n/)) add(`  ${para.replace(/\s+/g, ' ').trim()}`);
  }
  heading('Observed vs expected');
  const facts = [...new Set([...Object.keys(f.observed), ...Object.keys(f.expected)])];
  if (facts.length === 0) add('  (no facts recorded)');
  for (const k of facts) {
    add(`  ${k}`);
    add(`    observed  ${observedText(f.observed[k])}`, { tone: f.status === 'fail' ? 'bad' : f.status === 'pass' ? 'good' : undefined });
    add(`    expected  ${expectedText(f.expected[k])}`);
  }
  heading('Evidence');
  add(`  source        ${f.evidence.collector} · ${f.evidence.method} · ${f.evidence.location}`);
  add(`  collected at  ${f.evidence.collected_at}`);
  add(`  sha256        ${f.evidence.sha256}`);
  for (const v of evidenceValues(report, f)) {
    add(`  ${v.pointer}`);
    add(`    = ${v.text}`, { tone: v.found ? undefined : 'dim' });
    // Where that fact was read: the file and line (or endpoint) the collector recorded.
    const target = pointerTarget(f, v.pointer);
    const fact = pointerFact(target.pointer);
    for (const s of (f.evidence.sources ?? []).filter((x) => x.fact === fact && (x.tool ?? f.tool) === target.tool)) add(`    read at ${sourceText(s)}`);
  }
  if (f.gaps.length) {
    heading('Gaps (why a fact is unknown)');
    for (const g of f.gaps) add(`  ${g.fact}: ${g.reason} — ${g.detail}${g.permission ? ` (needs ${g.permission})` : ''}`);
  }
  if (f.waiver) {
    const w = f.waiver;
    heading('Waiver');
    add(`  ${w.id ?? '(no id)'}: approved by ${w.approver} on ${w.approved_on}, until ${w.expires_on}`);
    add(`  status before the waiver: ${w.waived_status}`);
    add(`  ${w.justification}`);
  }
  heading('Remediation');
  // the finding's own tool first; each paragraph wrapped at this width, not the metadata's
  for (const p of remediationParagraphs(f.remediation, f.tool_type)) {
    add(`  ${p.label ? `${p.label}${p.own ? ' (this tool)' : ''}: ` : ''}${p.text}`, p.own ? { bold: true } : {});
  }
  const fws = Object.entries(f.frameworks);
  heading('Framework controls');
  if (fws.length === 0) add('  (none)');
  for (const [fw, ids] of fws) add(`  ${fw.padEnd(12)} ${ids.join(', ')}`);
  return lines;
}
