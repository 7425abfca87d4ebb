// Who may approve an exception, and for how long: warnings for waivers that run longer than the
// configured maximum or name an approver the config does not list, and for not-applicable gaps a
// facts file declares with an unlisted approver.
import type { WaiverConfig } from '../config/waivers.js';
import type { Gap, ToolSnapshot } from '../model/types.js';
import { isDeclared } from '../model/provenance.js';
import type { ReportWarning, Waiver } from './types.js';

export interface ApprovalPolicy {
  /** The identities the config lists under `approvers` (absent: none listed). */
  readonly approvers?: readonly string[];
  readonly maxDays: number;
}

const DAY_MS = 86_400_000;

function unlisted(approver: string, policy: ApprovalPolicy): string | null {
  if (!policy.approvers) return `approver "${approver}" cannot be checked: the config lists no approvers`;
  return policy.approvers.includes(approver) ? null : `approver "${approver}" is not listed under approvers in the config`;
}

export function approvalWarnings(waivers: readonly WaiverConfig[], snapshots: readonly ToolSnapshot[], policy: ApprovalPolicy): ReportWarning[] {
  const out: ReportWarning[] = [];
  for (const w of waivers) {
    const { pointer: _pointer, ...rest } = w;
    const waiver: Waiver = { ...rest, waived_status: 'fail' };
    const label = `waiver${w.id ? ` ${w.id}` : ''} for ${w.policy} on ${w.resource ? `${w.tool}:${w.resource}` : w.tool}`;
    const days = Math.round((Date.parse(`${w.expires_on}T00:00:00Z`) - Date.parse(`${w.approved_on}T00:00:00Z`)) / DAY_MS);
    if (days > policy.maxDays) {
      out.push({
        kind: 'waiver_too_long',
        message: `${label} runs ${days} days (${w.approved_on} to ${w.expires_on}), longer than waiver_max_days (${policy.maxDays}); review it sooner`,
        waiver,
      });
    }
    const why = unlisted(w.approver, policy);
    if (why) out.push({ kind: 'waiver_approver_unlisted', message: `${label}: ${why}`, waiver });
  }
  for (const s of snapshots) {
    if (!isDeclared(s.source)) continue;
    const gaps: Gap[] = [...s.gaps, ...(s.resources ?? []).flatMap((r) => r.gaps)];
    const byApprover = new Map<string, string[]>();
    for (const g of gaps) {
      if (g.reason !== 'not_applicable' || !g.approver) continue;
      byApprover.set(g.approver, [...(byApprover.get(g.approver) ?? []), g.fact]);
    }
    for (const [approver, facts] of byApprover) {
      const why = unlisted(approver, policy);
      if (why) out.push({ kind: 'gap_approver_unlisted', message: `${s.id}: ${facts.length} fact(s) declared not applicable (${facts.join(', ')}): ${why}` });
    }
  }
  return out;
}
