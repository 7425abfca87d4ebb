/**
 * The collector contract. A collector is a plain object (see kit/README.md and argocd/ for a worked
 * example) that declares its tool types, the JSON Schema of its `options:`, how it recognizes its
 * files, and one function per mode. The kit (kit/run.ts) does everything else: choosing the mode,
 * validating options at config load, resolving and reading files, HTTP, redaction, snapshot
 * assembly, and turning a broken input into an unknown tool.
 */
import type { Target } from '../config/types.js';
import type { Position } from '../errors.js';
import type { IntegrationFacts, PipelineFacts, Resource, ToolSnapshot } from '../model/types.js';
import type { ToolType } from '../model/tool-types.js';
import type { BuiltFacts, FactsBuilder } from './kit/facts.js';
import type { DocumentSpec, Documents, InputFile } from './kit/files.js';
import type { CommandOptions, CommandRun } from './kit/command.js';
import type { AnswerLog } from './kit/answers.js';
import type { HttpClient, HttpTuning, Progress, RateLimitRule } from './kit/http.js';

export type { Progress } from './kit/http.js';

/** How a target is read: a facts file (`facts:`), configuration files (`files:`), or a live API (`endpoint:`). */
export type CollectMode = 'facts' | 'files' | 'live';

/** A JSON Schema (draft 2020-12) object. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The raw bytes a snapshot was normalized from (redacted), kept for evidence. */
export interface RawCapture {
  readonly name: string;
  readonly mediaType: string;
  /** The bytes stored and shown: redacted. */
  readonly bytes: Uint8Array;
  /** The bytes as read, only for the snapshot's sha256; the kit drops them after hashing. */
  readonly original?: Uint8Array;
  /**
   * A file's capture: the path it was read under (as shown in evidence) and its modification time
   * then (ISO 8601; some collectors report it: when a captured output was taken). The evidence
   * bundle records both, so `verify` reads the capture again as the file it was.
   */
  readonly file?: { readonly display: string; readonly modifiedAt?: string };
}

export interface Collected {
  readonly snapshot: ToolSnapshot;
  readonly raw: readonly RawCapture[];
}

/** What every mode's context gives a collector. */
interface BaseContext<O> {
  readonly target: Target;
  /** The snapshot id, type/name (use it to prefix progress lines). */
  readonly id: string;
  /** The target's `options:`, already validated against the collector's schema. */
  readonly options: O;
  readonly now: () => Date;
  /** 'info' lines show on a terminal only; 'notice' always (stderr). */
  readonly progress: Progress;
  /** Aborted when the run ends or is cancelled: pass it to anything that waits. */
  readonly signal: AbortSignal;
  /** The config file's folder: paths in options (a kubeconfig, a CA file) are relative to it. */
  readonly configDir: string;
  /** A new facts builder: every fact of the model unset until the collector sets or gaps it. */
  facts(): FactsBuilder;
  /** A value that must never be shown (a secret found in a response): redacted everywhere. */
  secret(value: string): void;
}

interface FilesContext<O, K extends string> extends BaseContext<O> {
  /** The target's files, read and recognized by the collector's `documents` spec. */
  readonly documents: Documents<K>;
}

export interface LiveContext<O, K extends string> extends BaseContext<O> {
  /** The API base URL (no trailing slash). */
  readonly endpoint: string;
  /** The token from the variable named by token_env (undefined when the collector takes none). */
  readonly token: string | undefined;
  /** Files given next to the endpoint (only the kinds in live.files), read and recognized. */
  readonly documents: Documents<K>;
  /** An HTTP client for the endpoint with the run's tuning, progress and cancellation. */
  http(options?: LiveHttpOptions): HttpClient;
  /**
   * Whether the tool answered: http() records every request here; a collector with its own
   * transport (a cloud SDK, the Kubernetes client) records its requests itself. When requests were
   * made and none was answered the tool is unreadable (kit/answers.ts).
   */
  readonly answers: AnswerLog;
  /** The tuning http() uses (options timeout_ms, retries, concurrency; the run's overrides). */
  readonly tuning: HttpTuning;
  /** Keep what was read as raw evidence (JSON is redacted like a config file before it is stored). */
  capture(name: string, value: unknown): void;
  /**
   * Run the tool's own client (live transport 'command'): timeout tuning.timeoutMs (option
   * timeout_ms), an output cap, killed when the run is cancelled. Its output is kept as raw
   * evidence and the run is listed in source.details.commands; commandSource(run, line) says where
   * a fact was read. Never throws for the command's own failure: look at run.outcome.
   */
  command(bin: string, args: readonly string[], options?: CommandOptions): Promise<CommandRun>;
}

interface LiveHttpOptions {
  /** Headers for every request, e.g. { authorization: `Bearer ${ctx.token}` }. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly rateLimit?: RateLimitRule;
  /** Another base URL than the endpoint. */
  readonly baseUrl?: string;
  /**
   * Which responses are the tool answering (default: a 2xx with the body expected). When no
   * request of a target got an answer the tool is unreadable (kit/answers.ts); a probe whose
   * refusals are its evidence widens this.
   */
  readonly isAnswer?: (res: Response) => boolean;
}

interface FactsFileContext extends BaseContext<Record<string, never>> {
  readonly file: InputFile;
}

/** What a collector returns; the kit assembles the snapshot from it. */
export interface CollectorOutput {
  /** From `ctx.facts()...build()` (or `factsFromModel` for a collector that builds whole groups). */
  readonly facts: BuiltFacts;
  readonly pipeline?: PipelineFacts;
  readonly integrations?: IntegrationFacts;
  readonly resources?: Resource[];
  /** Provenance beyond the facts (source.details): API cost, token scopes, ignored objects, ... */
  readonly details?: Record<string, unknown>;
  /** Raw captures beyond the files the kit read and the ones given to ctx.capture (original bytes; the kit redacts). */
  readonly captures?: readonly RawCapture[];
  /** Where it was read: default the endpoint (live) or the files (files mode). */
  readonly location?: string;
  /** When the facts were observed: default now. */
  readonly collectedAt?: string;
  /** The account the collector authenticated as (source.collected_as), when the API says. */
  readonly collectedAs?: string;
}

interface LiveMode<O, K extends string> {
  /** Used when the target gives no endpoint; without it, live mode needs `endpoint:`. */
  readonly defaultEndpoint?: string;
  /**
   * How live mode reaches the tool: 'http' (default: the endpoint is an https URL, or http on
   * loopback, read with ctx.http()) or 'command' (the tool's own client program run with
   * ctx.command(); the endpoint is a URL with one of `schemes`, e.g. unix:///run/chrony/chronyd.sock,
   * and the snapshot's method is 'command').
   */
  readonly transport?: 'http' | 'command';
  /** For transport 'command': the endpoint URL schemes the client reaches, with their colon ('unix:', 'udp:'). */
  readonly schemes?: readonly string[];
  /** Whether token_env must name a variable (checked before anything is collected). */
  readonly token: 'required' | 'optional' | 'none';
  /** Kinds of `documents` also accepted from `files:` next to the endpoint (what the API does not expose). */
  readonly files?: readonly K[];
  /**
   * Config checks the options schema cannot express (e.g. "the endpoint is the API, not the web
   * host"). Return a problem and the pointer suffix under the target it is about, or undefined.
   * `configDir` is the config file's folder (paths in options are relative to it).
   */
  check?(target: Target, endpoint: URL, configDir: string): { readonly at: string; readonly problem: string } | undefined;
  collect(ctx: LiveContext<O, K>): Promise<CollectorOutput>;
  /**
   * A target that names many tools (a GitHub enterprise: every organization): the targets it
   * stands for, each its own tool named <target name>:<name>, read before anything is collected.
   * Undefined, or a failure to list them, keeps the target as it is (collect() then says why).
   */
  expand?(ctx: ExpandContext<O>): Promise<readonly Expansion<O>[] | undefined>;
}

/** What a collector's expand() gets: the target's live settings, nothing to read files with. */
export type ExpandContext<O> = Pick<LiveContext<O, never>, 'target' | 'options' | 'endpoint' | 'token' | 'tuning' | 'progress' | 'signal' | 'configDir'>;

/** One tool a target stands for: a name (appended to the target's) and its options. */
export interface Expansion<O> {
  readonly name: string;
  readonly options: O;
}

interface FilesMode<O, K extends string> {
  collect(ctx: FilesContext<O, K>): CollectorOutput | Promise<CollectorOutput>;
}

/**
 * A collector. Options default to `{}`; `O` is their type after schema validation.
 * Modes: `files` and/or `live` (a native collector), or `factsFile` (the generic facts collector).
 */
export interface Collector<O = Record<string, unknown>, K extends string = string> {
  readonly name: string;
  /** Tool types it reads natively, or '*' (facts collector only). */
  readonly types: readonly ToolType[] | '*';
  /** JSON Schema of `options:`, validated at config load with file:line:col errors. */
  readonly options: JsonSchema;
  /** How its files are recognized (files mode, and live mode's `files`). */
  readonly documents?: DocumentSpec<K>;
  readonly files?: FilesMode<O, K>;
  readonly live?: LiveMode<O, K>;
  /** The generic facts-file collector (`facts:` on any target). */
  readonly factsFile?: { collect(ctx: FactsFileContext): CollectorOutput | Promise<CollectorOutput> };
}

/** A collector of any options and kinds (what the registry holds). */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds collectors of different option types.
export type AnyCollector = Collector<any, any>;

/** Run-wide settings a collector's context is built from. */
export interface RunSettings {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  readonly progress: Progress;
  readonly signal: AbortSignal;
  /** The config file's folder (default: the working directory). */
  readonly configDir?: string;
  /** Tests shrink timeouts and waits. */
  readonly httpTuning?: Partial<HttpTuning>;
  /**
   * Wall-clock budget of one target's collection (limits.collector_timeout_s, --timeout); past it
   * the collector's signal aborts and the tool fails like a broken input. None: no budget.
   */
  readonly timeoutMs?: number;
  /** Where a target is declared in the config: the timeout error points there. */
  readonly declaredAt?: (target: Target) => Position;
}

/** A report-level record of a tool whose input could not be read. */
export interface CollectionError {
  /** Snapshot id, type/name. */
  readonly tool: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endpoint?: string;
  readonly status?: number;
  /** A command the collector ran (its command line) and its exit status. */
  readonly command?: string;
  readonly exit_status?: number;
}
