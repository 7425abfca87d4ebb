import type { Target } from '../config/types.js';
import type { ToolSnapshot } from '../model/types.js';
import type { SourceDocument } from '../util/yaml-source.js';

/** What a collector gets: one target of the config, and the run's environment. */
export interface CollectContext {
  readonly target: Target;
  /** Folder of the config file; relative paths in the target resolve against it. */
  readonly configDir: string;
  /** Path of the config file and its parsed form, for error positions. */
  readonly configFile: string;
  readonly configSource: SourceDocument;
  /** Environment to read tokens from (by the name in target.token_env). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Clock for collected_at when the source gives none. */
  readonly now: () => Date;
  /** Progress lines for a terminal (stderr); never data. */
  readonly progress: (message: string) => void;
  /** Aborted when the collector's time budget runs out (limits.collector_timeout_s, --timeout): stop and release what you hold. */
  readonly signal?: AbortSignal;
}

/** The raw bytes a snapshot was normalized from (redacted), kept for evidence. */
export interface RawCapture {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

export interface Collected {
  readonly snapshot: ToolSnapshot;
  readonly raw: readonly RawCapture[];
}

/**
 * A collector turns one target into one normalized snapshot. It never decides pass or fail:
 * a fact it cannot read is null plus a gap saying why.
 */
export interface Collector {
  readonly name: string;
  readonly description: string;
  /** Tool types it collects natively, or '*' for a generic collector chosen explicitly. */
  readonly types: readonly string[] | '*';
  /** Whether this collector handles the target (e.g. the facts collector needs `facts:`). */
  handles(target: Target): boolean;
  collect(ctx: CollectContext): Promise<Collected>;
}
