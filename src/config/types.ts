import type { RawTarget, TargetPlan } from '../collectors/kit/plan.js';
import type { Severity } from '../report/types.js';
import type { SourceDocument } from '../util/yaml-source.js';
import type { WaiverConfig } from './waivers.js';

/** A target of the config: as declared, with the collector, mode and inputs config load decided. */
export type Target = RawTarget & TargetPlan;

export interface Config {
  readonly file: string;
  readonly dir: string;
  readonly profile: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly as_of?: string;
  readonly fail_on?: Severity;
  readonly fail_on_unknown?: boolean;
  readonly targets: readonly Target[];
  readonly waivers: readonly WaiverConfig[];
  /** Identities allowed to approve waivers and declared not-applicable gaps (absent: none listed, every approver is warned about). */
  readonly approvers?: readonly string[];
  /** Longest a waiver may run from approval to expiry before a warning. */
  readonly waiver_max_days: number;
  /** Folders besides the config's own that facts files may be read from (absolute). */
  readonly factsRoots: readonly string[];
  /** Public keys that make a signed evidence bundle trusted (paths relative to the config). */
  readonly trustedKeys: readonly { readonly name: string; readonly public_key: string }[];
  /** Custom policy directories (absolute). */
  readonly policyDirs: readonly string[];
  readonly source: SourceDocument;
}
