import type { WaiverConfig } from '../config/waivers.js';
import type { RunWindow } from '../engine/engine.js';
import type { GateOptions } from '../report/gate.js';
import type { Report } from '../report/types.js';
import type { Actor, Host } from './actor.js';

export const BUNDLE_VERSION = '1';
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const SIGNER_KEY = 'signer.pub.pem';
/** Files about the manifest itself; every other file in the folder must be listed in it. */
export const META_FILES: ReadonlySet<string> = new Set([MANIFEST, SIGNATURE, SIGNER_KEY]);

export const PATHS = {
  evaluation: 'evaluation.json',
  findings: 'findings.json',
  report: 'reports/auditready.json',
  policy: 'policy',
} as const;

/** manifest.json: what was run, by whom, where, and the sha256 of every file in the bundle. */
export interface Manifest {
  bundle_version: typeof BUNDLE_VERSION;
  tool: Report['tool'];
  policy_bundle: Report['run']['policy_bundle'];
  config: { file: string; sha256: string; copy: string };
  profile: string;
  parameters: Record<string, unknown>;
  as_of: string;
  run: { started_at: string; finished_at: string };
  host: Host;
  actor: Actor;
  summary: Report['summary'];
  /** collected_as: the account the collector authenticated as (source.collected_as), when known. */
  tools: { id: string; raw: string[]; normalized: string; collected_as?: string }[];
  files: { path: string; sha256: string; size: number }[];
}

/** evaluation.json: everything `evaluate` needs besides the snapshots and the policy bundle. */
export interface EvaluationRecord {
  as_of: string;
  parameters: Record<string, unknown>;
  gate: GateOptions;
  policy_ids: string[] | null;
  waivers: WaiverConfig[];
  /** The run's real start and end of collection (AR-TIM-002); bundles before 0.2 lack it. */
  run?: RunWindow;
}
