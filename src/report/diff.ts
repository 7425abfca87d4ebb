import type { Finding, Report, Status } from './types.js';

/**
 * How bad a status is, for "did it get worse". A waived finding still fails (an accepted
 * exception, not a fix): fail → waived is "still failing", never "fixed".
 */
const RANK: Record<Status, number> = { pass: 0, not_applicable: 0, waived: 1, unknown: 1, fail: 2, error: 2 };

export function findingKey(f: Pick<Finding, 'policy_id' | 'tool' | 'resource'>): string {
  return `${f.policy_id} ${f.tool}${f.resource ? `:${f.resource}` : ''}`;
}

interface DiffEntry {
  key: string;
  policy_id: string;
  tool: string;
  resource: string | null;
  severity: Finding['severity'];
  before: Status | null;
  after: Status | null;
  message: string;
}

interface EvidenceChange {
  key: string;
  status: Status;
  sha256_before: string;
  sha256_after: string;
  observed_changed: boolean;
}

export interface ReportDiff {
  /** A problem now that was not one before (or is worse: unknown → fail). */
  new_failures: DiffEntry[];
  /** A problem before that is settled now (pass, not applicable) or gone. */
  fixed: DiffEntry[];
  /** A problem before and now, no worse. */
  still_failing: DiffEntry[];
  /** Same verdict, different evidence (snapshot hash or observed values). */
  changed_evidence: EvidenceChange[];
  unchanged: number;
}

function entry(f: Finding, before: Status | null, after: Status | null): DiffEntry {
  return { key: findingKey(f), policy_id: f.policy_id, tool: f.tool, resource: f.resource, severity: f.severity, before, after, message: f.message };
}

/** Compare two reports finding by finding (policy × tool × resource). Deterministic: sorted by key. */
export function diffReports(before: Report, after: Report): ReportDiff {
  const old = new Map(before.findings.map((f) => [findingKey(f), f]));
  const now = new Map(after.findings.map((f) => [findingKey(f), f]));
  const out: ReportDiff = { new_failures: [], fixed: [], still_failing: [], changed_evidence: [], unchanged: 0 };
  for (const key of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(key);
    const b = now.get(key);
    const ra = a ? RANK[a.status] : 0;
    const rb = b ? RANK[b.status] : 0;
    if (b && rb > ra) out.new_failures.push(entry(b, a?.status ?? null, b.status));
    else if (a && ra > 0 && rb === 0) out.fixed.push(entry(b ?? a, a.status, b?.status ?? null));
    else if (a && b && ra > 0) out.still_failing.push(entry(b, a.status, b.status));
    else if (a && b && a.status === b.status) {
      const observedChanged = JSON.stringify(a.observed) !== JSON.stringify(b.observed);
      if (a.evidence.sha256 !== b.evidence.sha256 || observedChanged) {
        out.changed_evidence.push({
          key,
          status: b.status,
          sha256_before: a.evidence.sha256,
          sha256_after: b.evidence.sha256,
          observed_changed: observedChanged,
        });
      } else out.unchanged++;
    } else out.unchanged++;
    // Evidence changes of problems are worth seeing too.
    if (a && b && ra > 0 && rb > 0 && a.evidence.sha256 !== b.evidence.sha256) {
      out.changed_evidence.push({
        key,
        status: b.status,
        sha256_before: a.evidence.sha256,
        sha256_after: b.evidence.sha256,
        observed_changed: JSON.stringify(a.observed) !== JSON.stringify(b.observed),
      });
    }
  }
  return out;
}

/** Whether a finding of `after` got worse than `before` (new, or a higher problem rank). */
export function worseThan(before: Report): (f: Finding) => boolean {
  const old = new Map(before.findings.map((f) => [findingKey(f), f]));
  return (f) => {
    const a = old.get(findingKey(f));
    return RANK[f.status] > (a ? RANK[a.status] : 0);
  };
}

/** How far each side can be trusted (src/evidence/trust.ts words), shown under the title. */
export interface DiffTrust {
  readonly old: string;
  readonly new: string;
}

export function diffText(d: ReportDiff, oldName: string, newName: string, trust?: DiffTrust): string {
  const out: string[] = [`auditready diff ${oldName} → ${newName}`];
  if (trust) out.push(`old: ${trust.old}`, `new: ${trust.new}`);
  const section = (title: string, items: DiffEntry[]) => {
    out.push('', `${title} (${items.length})`);
    for (const e of items) out.push(`  ${e.key}  ${e.severity}  ${e.before ?? '—'} → ${e.after ?? '—'}  ${e.message}`);
  };
  section('New failures', d.new_failures);
  section('Fixed', d.fixed);
  section('Still failing', d.still_failing);
  out.push('', `Changed evidence (${d.changed_evidence.length})`);
  for (const c of d.changed_evidence) {
    out.push(
      `  ${c.key}  ${c.status}  sha256 ${c.sha256_before.slice(0, 12)} → ${c.sha256_after.slice(0, 12)}${c.observed_changed ? '  observed values changed' : ''}`,
    );
  }
  out.push(
    '',
    `${d.new_failures.length} new failures, ${d.fixed.length} fixed, ${d.still_failing.length} still failing, ${d.changed_evidence.length} changed evidence, ${d.unchanged} unchanged`,
  );
  return `${out.join('\n')}\n`;
}

/** The diff as Markdown, for a pull-request comment: what got worse first. */
export function diffMarkdown(d: ReportDiff, oldName: string, newName: string, trust?: DiffTrust): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
  const out: string[] = [
    `## auditready diff: ${d.new_failures.length ? `❌ ${d.new_failures.length} new failure${d.new_failures.length === 1 ? '' : 's'}` : '✅ nothing got worse'}`,
    '',
    `\`${esc(oldName)}\` → \`${esc(newName)}\`: ${d.new_failures.length} new failures, ${d.fixed.length} fixed, ${d.still_failing.length} still failing, ${d.changed_evidence.length} changed evidence, ${d.unchanged} unchanged`,
  ];
  if (trust) out.push('', `Old: ${esc(trust.old)} · New: ${esc(trust.new)}`);
  const table = (title: string, items: DiffEntry[], open: boolean) => {
    if (!items.length) return;
    const rows = items.map((e) => `| ${esc(e.key)} | ${e.severity} | ${e.before ?? '—'} → ${e.after ?? '—'} | ${esc(e.message)} |`);
    const body = `| Policy and tool | Severity | Status | Message |\n|---|---|---|---|\n${rows.join('\n')}`;
    out.push('', open ? `### ${title} (${items.length})\n\n${body}` : `<details><summary>${title} (${items.length})</summary>\n\n${body}\n\n</details>`);
  };
  table('New failures', d.new_failures, true);
  table('Fixed', d.fixed, false);
  table('Still failing', d.still_failing, false);
  if (d.changed_evidence.length) {
    const rows = d.changed_evidence.map(
      (c) =>
        `| ${esc(c.key)} | ${c.status} | \`${c.sha256_before.slice(0, 12)}\` → \`${c.sha256_after.slice(0, 12)}\` | ${c.observed_changed ? 'yes' : 'no'} |`,
    );
    out.push(
      '',
      `<details><summary>Changed evidence (${d.changed_evidence.length})</summary>\n\n| Policy and tool | Status | Snapshot sha256 | Observed values changed |\n|---|---|---|---|\n${rows.join('\n')}\n\n</details>`,
    );
  }
  return `${out.join('\n')}\n`;
}
