import type { WaiverConfig } from '../config/waivers.js';
import { factPaths, factValue } from '../model/gaps.js';
import type { ToolSnapshot } from '../model/types.js';
import { type ApprovalPolicy, approvalWarnings } from './approvals.js';
import { asOfWarning } from './as-of.js';
import { unreadableTools } from './fail-closed.js';
import type { GateOptions } from './gating.js';
import { staleFactsWarnings } from './stale-facts.js';
import type { Finding, ReportWarning } from './types.js';
import { applyWaivers } from './waivers.js';

export interface WarningInput {
  /** Sorted findings; waivers are applied to them in place. */
  readonly findings: Finding[];
  /** The run's gate (a waived finding's gating is decided again). */
  readonly gate: GateOptions;
  readonly snapshots: readonly ToolSnapshot[];
  readonly waivers: readonly WaiverConfig[];
  readonly asOf: string;
  /**
   * When the run started (waivers expired by then stay expired; a fixed as_of far from it, and a
   * facts file collected long before it or after it, are warned about).
   */
  readonly startedAt?: string;
  /** as_of was fixed (config as_of or --as-of) rather than the end of collection. */
  readonly asOfFixed?: boolean;
  /** The run's parameters (max_evidence_age_hours bounds a fixed as_of and a facts file's age). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** Who may approve waivers and declared gaps, and for how long (config approvers, waiver_max_days). */
  readonly approvals?: ApprovalPolicy;
}

/**
 * Everything a run notices that is not a finding, in report order: a fixed as_of far from the
 * run, facts files whose collected_at is stale or after the run started, waivers (expired, not yet
 * valid, unmatched, not needed), approvals (unlisted approvers, waivers longer than
 * waiver_max_days) and tools whose every fact is declared not applicable.
 * `check` and `evaluate` call this one function, so a re-evaluated bundle reproduces its warnings.
 */
export function runWarnings(input: WarningInput): ReportWarning[] {
  const distant = input.asOfFixed && input.startedAt ? asOfWarning(input.asOf, input.startedAt, input.parameters?.max_evidence_age_hours) : null;
  return [
    ...(distant ? [distant] : []),
    ...(input.startedAt ? staleFactsWarnings(input.snapshots, input.startedAt, input.parameters?.max_evidence_age_hours) : []),
    ...applyWaivers(input.findings, input.waivers, input.gate, input.asOf, input.startedAt, unreadableTools(input.snapshots)),
    ...(input.approvals ? approvalWarnings(input.waivers, input.snapshots, input.approvals) : []),
    ...allNotApplicable(input.snapshots),
  ];
}

/** A tool whose every fact is null with a not_applicable gap: nothing about it can pass or fail. */
function allNotApplicable(snapshots: readonly ToolSnapshot[]): ReportWarning[] {
  const out: ReportWarning[] = [];
  for (const s of snapshots) {
    const paths = factPaths(s);
    if (paths.length === 0) continue;
    const reason = new Map(s.gaps.map((g) => [g.fact, g.reason]));
    if (!paths.every((p) => factValue(s, p) === null && reason.get(p) === 'not_applicable')) continue;
    out.push({
      kind: 'facts_all_not_applicable',
      message: `${s.id}: every fact (${paths.length}) is declared not applicable${s.source.location ? ` in ${s.source.location}` : ''}, so no policy can pass or fail on it; if the tool is out of scope remove the target, otherwise declare what is known`,
      tool: s.id,
    });
  }
  return out;
}
