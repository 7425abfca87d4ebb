import { SEVERITIES, type Severity, type Status } from './types.js';

/** The run's gate: the lowest severity that fails it, and whether unknown counts like fail. */
export interface GateOptions {
  readonly failOn: Severity;
  readonly failOnUnknown: boolean;
}

/** Severity at or above the threshold (critical > high > medium > low). */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** Why a finding gates the run or does not. */
type GateReason =
  /** gates: an evaluation error, whatever the severity (fail closed). */
  | 'error'
  /** gates: a status this version does not know (fail closed). */
  | 'unrecognised_status'
  /** gates: a failure at or above fail_on. */
  | 'fail_at_or_above_fail_on'
  /** gates: unknown at or above fail_on, with fail_on_unknown (the default). */
  | 'unknown_at_or_above_fail_on'
  /** does not gate: a failure or unknown below fail_on. */
  | 'below_fail_on'
  /** does not gate: unknown, with --no-fail-on-unknown. */
  | 'unknown_not_gating'
  /** does not gate: an approved waiver covers it. */
  | 'waived'
  /** does not gate: it would, but the baseline already had it (check --baseline). */
  | 'in_baseline'
  /** does not gate: pass or not applicable. */
  | 'passed';

export interface GateDecision {
  readonly gates: boolean;
  readonly reason: GateReason;
}

/** What gating reads of a finding (the status may be any string in a report read from a file). */
export interface Gateable {
  readonly status: Status | (string & {});
  readonly severity: Severity;
}

/**
 * Whether a finding makes the run fail, and why: the one place that decides it. Fail closed: an
 * evaluation error and a status this version does not know always gate; unknown gates like a
 * failure unless relaxed; a waived finding never gates. `inBaseline` (`check --baseline`): the
 * baseline report already had this finding at least as bad, so one that would gate does not (a
 * status this version does not know still gates).
 */
export function gateDecision(f: Gateable, gate: GateOptions, inBaseline = false): GateDecision {
  const decided = byStatus(f, gate);
  if (decided.gates && decided.reason !== 'unrecognised_status' && inBaseline) return { gates: false, reason: 'in_baseline' };
  return decided;
}

function byStatus(f: Gateable, gate: GateOptions): GateDecision {
  switch (f.status) {
    case 'pass':
    case 'not_applicable':
      return { gates: false, reason: 'passed' };
    case 'waived':
      return { gates: false, reason: 'waived' };
    case 'error':
      return { gates: true, reason: 'error' };
    case 'fail':
      return atOrAbove(f.severity, gate.failOn) ? { gates: true, reason: 'fail_at_or_above_fail_on' } : { gates: false, reason: 'below_fail_on' };
    case 'unknown':
      if (!gate.failOnUnknown) return { gates: false, reason: 'unknown_not_gating' };
      return atOrAbove(f.severity, gate.failOn) ? { gates: true, reason: 'unknown_at_or_above_fail_on' } : { gates: false, reason: 'below_fail_on' };
    default:
      return { gates: true, reason: 'unrecognised_status' };
  }
}

/**
 * The run's verdict, decided once: it fails when a finding gates, or when any tool's input could
 * not be collected. A collection error always gates, whatever --fail-on and --no-fail-on-unknown
 * say: that tool was not checked at all, and its unknown findings alone would let
 * --no-fail-on-unknown pass a run that never saw it.
 */
export function runResult(gatingFindings: number, collectionErrors: number): 'pass' | 'fail' {
  return gatingFindings > 0 || collectionErrors > 0 ? 'fail' : 'pass';
}
