import { SEVERITIES, type Severity } from './types.js';
import type { Status } from './types.js';

export interface GateOptions {
  readonly failOn: Severity;
  readonly failOnUnknown: boolean;
}

/** Severity at or above the threshold (critical > high > medium > low). */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/**
 * Whether a finding makes the run fail. Fail closed: an evaluation error always gates;
 * unknown gates like a failure unless relaxed.
 */
export function gates(status: Status, severity: Severity, gate: GateOptions): boolean {
  if (status === 'error') return true;
  if (status === 'fail') return atOrAbove(severity, gate.failOn);
  if (status === 'unknown') return gate.failOnUnknown && atOrAbove(severity, gate.failOn);
  return false;
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
