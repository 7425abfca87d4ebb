import type { WaiverConfig } from '../config/waivers.js';
import { type GateOptions, gateDecision } from './gating.js';
import type { Finding, ReportWarning, Waiver } from './types.js';

const WAIVABLE = new Set(['fail', 'unknown', 'error']);

function record(w: WaiverConfig, waived: Waiver['waived_status']): Waiver {
  const { pointer: _pointer, ...rest } = w;
  return { ...rest, waived_status: waived };
}

function label(w: WaiverConfig): string {
  const target = w.resource ? `${w.tool}:${w.resource}` : w.tool;
  return `waiver${w.id ? ` ${w.id}` : ''} for ${w.policy} on ${target}`;
}

/**
 * Apply approved, time-limited exceptions. A waiver covers a failing, unknown or error
 * finding from its approval date through its expiry date (inclusive, UTC). An expired
 * waiver, one not yet approved, one that matches nothing and one that only matches passing
 * findings do not change any finding: each is reported as a warning instead. Whether a waived
 * finding still gates is gateDecision's to say (src/report/gating.ts: it does not).
 *
 * A waiver accepts a known failure of a tool that was read: on a tool that could not be collected
 * (`unreadable`, by tool id) it is not applied and says so, so that every view shows the tool's
 * findings as unknown, as control state does (src/report/fail-closed.ts).
 *
 * Expiry is judged against the evaluation time (as_of) and also against when the run started:
 * pinning as_of in the past never revives an expired waiver, and a re-evaluation of a bundle
 * (which records the run's start) reproduces the same verdicts.
 */
export function applyWaivers(
  findings: Finding[],
  waivers: readonly WaiverConfig[],
  gate: GateOptions,
  asOf: string,
  startedAt?: string,
  unreadable: ReadonlyMap<string, string> = new Map(),
): ReportWarning[] {
  const today = asOf.slice(0, 10);
  const runDay = startedAt?.slice(0, 10);
  const warnings: ReportWarning[] = [];
  for (const w of waivers) {
    const matches = findings.filter((f) => f.policy_id === w.policy && f.tool === w.tool && (w.resource === undefined || f.resource === w.resource));
    const waiver = record(w, 'fail');
    const expiredAsOf = today > w.expires_on;
    const expiredAtRun = runDay !== undefined && runDay > w.expires_on;
    if (expiredAsOf || expiredAtRun) {
      const still = matches.filter((f) => WAIVABLE.has(f.status)).length;
      const revived = expiredAtRun && !expiredAsOf ? ` (the run started on ${runDay}; as_of ${today} does not revive it)` : '';
      warnings.push({
        kind: 'waiver_expired',
        message: `${label(w)} expired on ${w.expires_on}${revived}; ${still} finding${still === 1 ? '' : 's'} it covered count again`,
        waiver,
      });
      continue;
    }
    if (today < w.approved_on) {
      warnings.push({ kind: 'waiver_not_yet_valid', message: `${label(w)} is approved from ${w.approved_on} only; it does not apply on ${today}`, waiver });
      continue;
    }
    const error = unreadable.get(w.tool);
    if (error !== undefined) {
      warnings.push({
        kind: 'waiver_tool_not_collected',
        message: `${label(w)} is not applied: ${w.tool} could not be collected (${error}); a waiver accepts a known failure, not a tool that was not read`,
        waiver,
      });
      continue;
    }
    if (matches.length === 0) {
      warnings.push({ kind: 'waiver_unmatched', message: `${label(w)} matches no finding`, waiver });
      continue;
    }
    let applied = 0;
    for (const f of matches) {
      if (!WAIVABLE.has(f.status)) continue;
      f.waiver = record(w, f.status as Waiver['waived_status']);
      f.status = 'waived';
      f.gating = gateDecision(f, gate).gates;
      applied++;
    }
    if (applied === 0) {
      warnings.push({ kind: 'waiver_not_needed', message: `${label(w)} only matches findings that do not fail; remove it`, waiver });
    }
  }
  return warnings;
}
