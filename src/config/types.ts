import type { ToolType } from '../model/tool-types.js';
import type { SourceDocument } from '../util/yaml-source.js';
import type { WaiverConfig } from './waivers.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Target {
  readonly type: ToolType;
  readonly name: string;
  readonly facts?: string;
  /** Files mode: the tool's files (configuration, captured outputs), relative to the config. */
  readonly files?: readonly string[];
  readonly endpoint?: string;
  readonly token_env?: string;
  readonly options?: Readonly<Record<string, unknown>>;
  /** JSON pointer of this target in the config, for error positions. */
  readonly pointer: string;
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
  /** Custom policy directories (absolute). */
  readonly policyDirs: readonly string[];
  readonly source: SourceDocument;
}
