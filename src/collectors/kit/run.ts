/**
 * Runs one collector on one planned target: builds its context for the mode, reads and
 * recognizes its files, hands it an HTTP client, assembles and redacts the snapshot, and turns a
 * broken input (ToolInputError, or an HttpError that escaped the collector) into an unknown
 * snapshot plus a report-level collection error. Anything else thrown is a bug and propagates.
 */
import { type AuditStoreOptions, linkAuditStore } from './audit-store.js';
import { formatToolInputLocation, ToolInputError } from '../../errors.js';
import type { Target } from '../../config/types.js';
import type { ToolSnapshot } from '../../model/types.js';
import type { AnyCollector, CollectionError, CollectorOutput, LiveContext, RawCapture, RunSettings } from '../types.js';
import { AnswerLog } from './answers.js';
import { type CommandRun, commandError, runCommand } from './command.js';
import { factsBuilder } from './facts.js';
import { type DocumentSpec, type Documents, readDocuments } from './files.js';
import { createHttpClient, DEFAULT_HTTP_TUNING, type HttpTuning, HttpError } from './http.js';
import { redactConfigText, secretValues } from './redact.js';
import { type AssembleInput, assembleSnapshot, unknownFacts } from './snapshot.js';

export interface TargetResult {
  readonly snapshot: ToolSnapshot;
  readonly raw: readonly RawCapture[];
  /** Set when the tool's input could not be read: its facts are all unknown. */
  readonly error?: CollectionError;
  /** Secret values found while reading (files, responses): the caller redacts them everywhere. */
  readonly secrets: readonly string[];
}

/** Tuning from the common live options (timeout_ms, retries, concurrency), then the run's overrides. */
function tuningFor(options: Record<string, unknown>, run: RunSettings): HttpTuning {
  const num = (k: string) => (typeof options[k] === 'number' ? (options[k] as number) : undefined);
  return {
    ...DEFAULT_HTTP_TUNING,
    ...(num('timeout_ms') !== undefined ? { timeoutMs: num('timeout_ms')! } : {}),
    ...(num('retries') !== undefined ? { retries: num('retries')! } : {}),
    ...(num('concurrency') !== undefined ? { concurrency: num('concurrency')! } : {}),
    ...run.httpTuning,
  };
}

/** No files: every kind of the spec with no objects. */
function noDocuments(spec: DocumentSpec<string> | undefined): Documents<string> {
  const byKind = Object.fromEntries(Object.keys(spec?.kinds ?? {}).map((k) => [k, []]));
  return { byKind, one: () => undefined, ignored: [], files: [] };
}

/** An HttpError or ToolInputError as the ToolInputError the report shows; undefined for anything else. */
function asToolInputError(e: unknown): ToolInputError | undefined {
  if (e instanceof ToolInputError) return e;
  if (e instanceof HttpError) {
    return new ToolInputError({ endpoint: `${e.method} ${e.url}`, ...(e.status !== undefined ? { status: e.status } : {}) }, e.problem, { cause: e });
  }
  return undefined;
}

function collectionError(id: string, e: ToolInputError): CollectionError {
  const w = e.where;
  return {
    tool: id,
    message: e.message,
    ...('endpoint' in w
      ? { endpoint: w.endpoint, ...(w.status !== undefined ? { status: w.status } : {}) }
      : 'command' in w
        ? { command: w.command, ...(w.exitStatus !== undefined ? { exit_status: w.exitStatus } : {}) }
        : { file: w.file, ...(w.line !== undefined ? { line: w.line } : {}), ...(w.col !== undefined ? { column: w.col } : {}) }),
  };
}

/**
 * The error that makes a live tool unreadable when it was asked and nothing answered: every HTTP
 * request failed (answers.ts), or every command of its client failed (the first one is named).
 * Undefined when any request or command gave something to read, or none was made.
 */
export function nothingRead(answers: AnswerLog, commands: readonly CommandRun[], timeoutMs: number): ToolInputError | undefined {
  if (commands.some((c) => c.outcome === 'ok')) return undefined;
  const http = answers.unreadable();
  if (http || answers.asked) return http;
  const first = commands[0];
  return first ? commandError(first, "the tool's state from at least one run of its client", timeoutMs) : undefined;
}

/** What source.details.commands says about each command a collector ran. */
function commandRecord(r: CommandRun): Record<string, unknown> {
  return {
    command: r.command,
    outcome: r.outcome,
    exit_status: r.exitCode,
    started_at: r.startedAt,
    duration_ms: r.durationMs,
    stdout_sha256: r.sha256,
  };
}

/**
 * The target's own signal: aborted with the run's, or with a ToolInputError when the budget runs
 * out. `expired` rejects with that error at the same moment, so a collector that ignores its
 * signal is abandoned, not waited for.
 */
function targetBudget(collector: AnyCollector, target: Target, run: RunSettings): { signal: AbortSignal; expired: Promise<never>; end: () => void } {
  const controller = new AbortController();
  const follow = () => controller.abort(run.signal.reason);
  if (run.signal.aborted) follow();
  else run.signal.addEventListener('abort', follow, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    if (run.timeoutMs === undefined) return;
    timer = setTimeout(() => {
      const seconds = +(run.timeoutMs! / 1000).toFixed(3);
      const e = new ToolInputError(
        run.declaredAt?.(target) ?? { file: target.inputs[0]?.display ?? `${target.type}/${target.name}` },
        `collector ${collector.name} for ${target.type}/${target.name} did not finish within ${seconds} s (its time budget)`,
        { expected: 'a collection within the budget; raise it with --timeout or limits.collector_timeout_s in the config' },
      );
      controller.abort(e);
      reject(e);
    }, run.timeoutMs);
  });
  return {
    signal: controller.signal,
    expired,
    end: () => {
      clearTimeout(timer);
      run.signal.removeEventListener('abort', follow);
    },
  };
}

/**
 * The targets a live target stands for (collector.live.expand, e.g. every organization of a GitHub
 * enterprise), each named <name>:<sub-name> with its own options; the target itself when the
 * collector does not expand it or could not list what it stands for (its collect() says why).
 */
export async function expandTarget(collector: AnyCollector, target: Target, run: RunSettings): Promise<Target[]> {
  const live = collector.live;
  if (target.mode !== 'live' || !live?.expand) return [target];
  const options = (target.options ?? {}) as Record<string, unknown>;
  let subs: readonly { name: string; options: unknown }[] | undefined;
  try {
    subs = await live.expand({
      target,
      options,
      endpoint: (target.endpoint ?? live.defaultEndpoint ?? '').replace(/\/+$/, ''),
      token: target.token_env ? run.env[target.token_env] : undefined,
      tuning: tuningFor(options, run),
      progress: run.progress,
      signal: run.signal,
      configDir: run.configDir ?? process.cwd(),
    });
  } catch (e) {
    if (!asToolInputError(e)) throw e;
    subs = undefined;
  }
  if (!subs || subs.length === 0) return [target];
  return subs.map((sub) => ({ ...target, name: `${target.name}:${sub.name}`, options: sub.options as Record<string, unknown> }));
}

export async function runTarget(collector: AnyCollector, target: Target, run: RunSettings): Promise<TargetResult> {
  const budget = targetBudget(collector, target, run);
  try {
    return await collectTarget(collector, target, { ...run, signal: budget.signal }, budget.expired);
  } finally {
    budget.end();
  }
}

/** What every mode's context shares (BaseContext); secrets a collector reports go to `secrets`. */
function baseContext(collector: AnyCollector, target: Target, run: RunSettings, secrets: string[]) {
  return {
    target,
    id: `${target.type}/${target.name}`,
    options: (target.options ?? {}) as Record<string, unknown>,
    now: run.now,
    progress: run.progress,
    signal: run.signal,
    configDir: run.configDir ?? process.cwd(),
    facts: () => factsBuilder(collector.name),
    secret: (v: string) => {
      if (v) secrets.push(v);
    },
  };
}

/** The output with options.audit_store linking its central audit destinations (files and live modes; a facts file declares its own). */
function withAuditStore(target: Target, output: CollectorOutput): CollectorOutput {
  const option = (target.options as AuditStoreOptions | undefined)?.audit_store;
  if (target.mode === 'facts' || !option) return output;
  return { ...output, facts: linkAuditStore(output.facts, option) };
}

/**
 * A facts- or files-mode target's collector output from files on disk, synchronously: `verify`
 * re-derives a bundle's snapshots from its raw captures with it, through the same reading and
 * recognition as a run. Undefined when the collector's mode is asynchronous. Throws what a run
 * would (a ToolInputError for broken input).
 */
export function collectFilesSync(collector: AnyCollector, target: Target, run: RunSettings): CollectorOutput | undefined {
  const sink = { captures: [] as RawCapture[], secrets: [] as string[] };
  const base = baseContext(collector, target, run, sink.secrets);
  let output: CollectorOutput | Promise<CollectorOutput>;
  if (target.mode === 'facts') output = collector.factsFile!.collect({ ...base, options: {}, file: target.inputs[0]! });
  else if (target.mode === 'files' && collector.files)
    output = collector.files.collect({ ...base, documents: readDocuments(target.inputs, collector.documents!, sink) });
  else return undefined;
  if (!(output instanceof Promise)) return withAuditStore(target, output);
  output.catch(() => {}); // not awaited: its outcome is not used
  return undefined;
}

async function collectTarget(collector: AnyCollector, target: Target, run: RunSettings, expired: Promise<never>): Promise<TargetResult> {
  const id = `${target.type}/${target.name}`;
  const secrets: string[] = [];
  const captures: RawCapture[] = [];
  const commands: CommandRun[] = [];
  const options = (target.options ?? {}) as Record<string, unknown>;
  const base = baseContext(collector, target, run, secrets);
  const files = target.inputs.map((f) => f.display).join(', ');
  const endpoint = target.mode === 'live' ? (target.endpoint ?? collector.live?.defaultEndpoint ?? '').replace(/\/+$/, '') : '';
  const location = target.mode === 'live' ? endpoint : files;
  const method = target.mode === 'live' && collector.live?.transport === 'command' ? 'command' : undefined;
  const collect = async (): Promise<CollectorOutput> => {
    let output: CollectorOutput;
    if (target.mode === 'facts') {
      output = await collector.factsFile!.collect({ ...base, options: {}, file: target.inputs[0]! });
    } else if (target.mode === 'files') {
      const documents = readDocuments(target.inputs, collector.documents!, { captures, secrets });
      output = await collector.files!.collect({ ...base, documents });
    } else {
      const live = collector.live!;
      let documents = noDocuments(collector.documents);
      if (target.inputs.length > 0) {
        // Next to an endpoint the files only add what the API lacks: none of them is required.
        documents = readDocuments(target.inputs, { ...collector.documents!, required: [] }, { captures, secrets });
        for (const [kind, objects] of Object.entries(documents.byKind)) {
          const first = objects[0];
          if (first && !live.files?.includes(kind)) {
            throw new ToolInputError(
              { file: first.file, line: first.line },
              `${collector.documents!.kinds[kind]!.describe} is read from the API in live mode`,
              { expected: `only ${live.files!.map((k) => collector.documents!.kinds[k]!.describe).join(', ')} next to endpoint:` },
            );
          }
        }
      }
      const token = target.token_env ? run.env[target.token_env] : undefined;
      if (token) secrets.push(token);
      const tuning = tuningFor(options, run);
      const answers = new AnswerLog();
      const ctx: LiveContext<unknown, string> = {
        ...base,
        endpoint,
        token,
        documents,
        tuning,
        answers,
        http: (o = {}) =>
          createHttpClient({
            label: id,
            baseUrl: o.baseUrl ?? endpoint,
            ...(o.headers ? { headers: o.headers } : {}),
            ...(o.rateLimit ? { rateLimit: o.rateLimit } : {}),
            ...(o.isAnswer ? { isAnswer: o.isAnswer } : {}),
            answers,
            tuning,
            progress: run.progress,
            signal: run.signal,
          }),
        command: async (bin, args, o = {}) => {
          const r = await runCommand(bin, args, { ...o, timeoutMs: tuning.timeoutMs, signal: run.signal });
          commands.push(r);
          captures.push({
            name: `${commands.length}-${[bin.split('/').at(-1), ...args].join(' ').replace(/[^A-Za-z0-9._-]+/g, '-')}.txt`,
            mediaType: 'text/plain',
            bytes: Buffer.from(redactConfigText(r.stdout), 'utf8'),
            original: Buffer.from(r.stdout, 'utf8'),
          });
          return r;
        },
        capture: (name, value) => {
          const text = `${JSON.stringify(value, null, 2)}\n`;
          const found = secretValues(value);
          secrets.push(...found);
          captures.push({
            name,
            mediaType: 'application/json',
            bytes: Buffer.from(redactConfigText(text, found), 'utf8'),
            original: Buffer.from(text, 'utf8'),
          });
        },
      };
      output = await live.collect(ctx);
      const unread = nothingRead(answers, commands, tuning.timeoutMs);
      if (unread) throw unread;
    }
    return withAuditStore(target, output);
  };
  // What every snapshot of this target says about how it was read, collected or not.
  const how: Omit<AssembleInput, 'output' | 'captures'> = {
    collector: collector.name,
    type: target.type,
    name: target.name,
    mode: target.mode,
    ...(method ? { method } : {}),
    location,
    now: run.now,
  };
  try {
    // Past the budget the collection is abandoned (its signal aborted): the tool fails like a broken input.
    const output = await Promise.race([collect(), expired]);
    const { snapshot, raw } = assembleSnapshot({
      ...how,
      output: commands.length > 0 ? { ...output, details: { ...output.details, commands: commands.map(commandRecord) } } : output,
      captures: [...captures, ...(output.captures ?? [])],
    });
    return { snapshot, raw, secrets };
  } catch (e) {
    const err = asToolInputError(e);
    if (!err) throw e;
    const error = collectionError(id, err);
    const { snapshot, raw } = assembleSnapshot({
      ...how,
      output: {
        facts: unknownFacts(collector.name, err.message),
        details: { collection_error: err.message, ...(commands.length > 0 ? { commands: commands.map(commandRecord) } : {}) },
        location: 'endpoint' in err.where ? err.where.endpoint : location || formatToolInputLocation(err.where),
      },
      // What was read before the error (a timeout included) stays as evidence.
      captures: [...captures],
    });
    return { snapshot, raw, error, secrets };
  }
}
