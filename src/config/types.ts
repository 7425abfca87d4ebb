import type { InputFile } from '../collectors/kit/files.js';
import type { CollectMode } from '../collectors/types.js';
import type { ToolType } from '../model/tool-types.js';
import type { Severity } from '../report/types.js';
import type { SourceDocument } from '../util/yaml-source.js';
import type { WaiverConfig } from './waivers.js';

export interface Target {
  readonly type: ToolType;
  readonly name: string;
  readonly facts?: string;
  /** Configuration files of the tool (paths and globs relative to the config), as written. */
  readonly files?: readonly string[];
  readonly endpoint?: string;
  readonly token_env?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  /** JSON pointer of this target in the config, for error positions. */
  readonly pointer: string;
  /** Decided at config load: the collector (registry key) and the mode that read this target. */
  readonly collector: string;
  readonly mode: CollectMode;
  /** The facts file (facts mode), the files (files mode), or files given next to the endpoint (live), resolved and sorted. */
  readonly inputs: readonly InputFile[];
}

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
