import type { WaiverConfig } from '../config/waivers.js';
import type { RunWindow } from '../engine/engine.js';
import type { GateOptions } from '../report/gating.js';
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
  reports: 'reports',
  policy: 'policy',
  /** The Rego sources the policy bundle was compiled from: policy/src/<i>/..., one folder per source directory. */
  policySources: 'policy/src',
  profile: 'profile',
} as const;

/** manifest.json: what was run, by whom, where, and the sha256 of every file in the bundle. */
export interface Manifest {
  bundle_version: typeof BUNDLE_VERSION;
  tool: Report['tool'] & { commit?: string | null };
  policy_bundle: Report['run']['policy_bundle'];
  config: { file: string; sha256: string; copy: string };
  profile: string;
  parameters: Record<string, unknown>;
  as_of: string;
  run: { started_at: string; finished_at: string };
  host: Host;
  actor: Actor;
  summary: Report['summary'];
  /** The profile file and the files it extends (profile/<name>.yaml), with each parameter's source. */
  profile_files?: string[];
  /** The Rego sources of the policy bundle (policy/src/<i>), whose digest the policy manifest pins. */
  policy_sources?: { dirs: string[]; digest: string } | null;
  tools: {
    id: string;
    raw: string[];
    /** Each raw capture's name when read (parallel to raw): the names its snapshot's sha256 covers. */
    raw_names?: string[];
    /** Where each raw capture was read (parallel to raw; null: not a file): the path shown in evidence and its modification time. */
    raw_read?: ({ file: string; modified_at?: string } | null)[];
    normalized: string;
    collector?: string;
    method?: string;
    /** The account the collector authenticated as (source.collected_as), when known. */
    collected_as?: string;
  }[];
  /** Present when signed: manifest.sig is the Ed25519 signature of this file's bytes by this key. */
  signature?: { algorithm: 'ed25519'; key_fingerprint: string; signer: string };
  files: { path: string; sha256: string; size: number }[];
}

/** evaluation.json: everything `evaluate` needs besides the snapshots and the policy bundle. */
export interface EvaluationRecord {
  as_of: string;
  /** Folder the reports' file URIs were made relative to (SARIF, JUnit), to render them again. */
  render?: { base_dir: string };
  parameters: Record<string, unknown>;
  gate: GateOptions;
  policy_ids: string[] | null;
  waivers: WaiverConfig[];
  /**
   * The run's real start and end of collection (AR-TIM-002; waivers expired at the start stay
   * expired whatever as_of says); bundles before 0.2 lack it.
   */
  run?: RunWindow;
  /** as_of was fixed (config as_of or --as-of): a distant one is warned about again. */
  as_of_fixed?: boolean;
  /** The config's approvers (null: none listed) and waiver_max_days, for the approval warnings. */
  approvals?: { approvers: string[] | null; max_days: number };
}
