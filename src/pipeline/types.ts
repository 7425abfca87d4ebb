import type { Config } from '../config/types.js';
import type { PolicyBundle } from '../engine/policy-bundle.js';
import type { Report } from '../report/types.js';
import type { CollectedTool } from './collect-all.js';

/** What a run produced beyond the report: the config, the raw captures and the policy bundle (for evidence). */
export interface CheckRun {
  readonly report: Report;
  readonly config: Config;
  readonly collected: readonly CollectedTool[];
  readonly policyBundle: PolicyBundle;
  /** Policy ids the profile evaluated (sorted), or undefined for every policy (evidence re-evaluation). */
  readonly policyIds?: readonly string[];
  /** The profile's files (child first), for the evidence bundle. */
  readonly profileFiles: readonly string[];
  /** The Rego source directories the policy bundle was built from (built-in first), when it was built from sources. */
  readonly policySourceDirs: readonly string[];
  /** as_of was fixed (config as_of or --as-of) rather than the end of collection. */
  readonly asOfFixed: boolean;
}
