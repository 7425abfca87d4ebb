import { setMaxListeners } from 'node:events';
import { checkCredentials, collectorNamed } from '../collectors/index.js';
import { expandTarget, runTarget } from '../collectors/kit/run.js';
import type { HttpTuning } from '../collectors/kit/http.js';
import type { CollectionError, Progress, RawCapture } from '../collectors/types.js';
import type { Config, Target } from '../config/types.js';
import { CollectorError, describeThrown, isAuditreadyError } from '../errors.js';
import { assertUniqueIds, assertValidSnapshot } from '../model/validate.js';
import type { ToolSnapshot } from '../model/types.js';
import { progressTo } from '../log/process.js';
import { SILENT, type Log } from '../log/types.js';
import { plural, seconds } from '../log/words.js';
import { limits } from '../util/limits.js';
import { redactSnapshot, redactText } from '../util/redact.js';

export interface CollectedTool {
  readonly snapshot: ToolSnapshot;
  readonly raw: readonly RawCapture[];
  /** Set when the tool's input could not be read: every fact is unknown and the run gates. */
  readonly error?: CollectionError;
}

export interface CollectOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
  /** Where the run's progress goes (src/log): phases, each target, the collectors' own lines. */
  readonly log?: Log;
  /** The collectors' lines only, instead of the log's (tests watch them here). */
  readonly progress?: Progress;
  /** Called as each target's collector starts and ends (the explore TUI shows live progress with it). */
  readonly onTarget?: (event: TargetEvent) => void;
  /** Cancels the collection (the explorer's Ctrl-C): requests and waits in flight end at once. */
  readonly signal?: AbortSignal;
  /** Tests shrink HTTP timeouts and waits. */
  readonly httpTuning?: Partial<HttpTuning>;
}

export interface TargetEvent {
  /** The snapshot id, type/name. */
  readonly id: string;
  readonly phase: 'start' | 'done' | 'failed';
}

/**
 * A capture's bytes with secrets redacted: the same bytes when there was nothing to redact (a
 * large capture is not copied twice more, and bytes that are not UTF-8 stay as they were read).
 */
export function redactBytes(bytes: Uint8Array, secrets: readonly string[]): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const redacted = redactText(text, secrets);
  return redacted === text ? bytes : Buffer.from(redacted, 'utf8');
}

/**
 * Run the collector of every target, redact secrets, and check each snapshot against the model.
 *
 * The rule for errors: the config was checked at load (exit 2 before anything is collected); the
 * token variables are checked here, also before anything is collected. A tool whose input cannot
 * be read or parsed becomes a snapshot with every fact unknown plus a collection error (printed as
 * one 'error' progress line); the other tools are still collected. Tokens named by token_env and
 * secrets found in the tools' files are redacted wherever they might appear. When this returns,
 * every request and wait of the collectors has been cancelled.
 */
export async function collectAll(config: Config, options: CollectOptions = {}): Promise<CollectedTool[]> {
  const env = options.env ?? process.env;
  checkCredentials(config.targets, env, config);
  const log = options.log ?? SILENT;
  const progress = options.progress ?? progressTo(log);
  let total = config.targets.length;
  const started = Date.now();
  let finished = 0;
  const ended = (id: string, failed: boolean) => {
    options.onTarget?.({ id, phase: failed ? 'failed' : 'done' });
    log.emit({ level: 'info', phase: 'collect', message: `${id} ${failed ? 'unreadable' : 'done'}`, tool: id, status: true, done: ++finished, total });
  };
  log.emit({ level: 'info', phase: 'collect', message: `collecting ${plural(total, 'target')}`, status: true, done: 0, total });
  const tokens = config.targets.flatMap((t) => (t.token_env && env[t.token_env] ? [env[t.token_env]!] : []));
  const controller = new AbortController();
  // every target follows the run's signal with one listener (removed when it ends): an estate of
  // more than 10 targets is not a leak (Node's default limit would print a warning)
  setMaxListeners(config.targets.length + 1, controller.signal);
  const cancel = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) cancel();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const runSettings = {
      env,
      now: options.now ?? (() => new Date()),
      progress,
      signal: controller.signal,
      configDir: config.dir,
      timeoutMs: limits().collectorTimeoutMs,
      declaredAt: (t: Target) => ({ file: config.file, ...config.source.locate(t.pointer) }),
      ...(options.httpTuning ? { httpTuning: options.httpTuning } : {}),
    };
    // A target that stands for many tools (a GitHub enterprise) becomes one target per tool first.
    const targets = (await Promise.all(config.targets.map((t) => expandTarget(collectorNamed(t.collector), t, runSettings)))).flat();
    if (targets.length !== total) {
      total = targets.length;
      setMaxListeners(total + 1, controller.signal);
    }
    const results = await Promise.all(
      targets.map(async (target) => {
        const collector = collectorNamed(target.collector);
        const id = `${target.type}/${target.name}`;
        options.onTarget?.({ id, phase: 'start' });
        try {
          const r = await runTarget(collector, target, runSettings);
          ended(id, r.error !== undefined);
          return { collector, r };
        } catch (e) {
          ended(id, true);
          if (isAuditreadyError(e)) throw e;
          throw new CollectorError(collector.name, redactText(`${id}: ${describeThrown(e)}`, tokens), { cause: e });
        }
      }),
    );
    // Secrets any tool revealed are redacted from every tool's output.
    const secrets = [...new Set([...tokens, ...results.flatMap(({ r }) => r.secrets)])];
    const collected = results.map(({ collector, r }): CollectedTool => {
      const snapshot = redactSnapshot(r.snapshot, secrets);
      assertValidSnapshot(collector.name, snapshot);
      const raw = r.raw.map((c) => ({ ...c, bytes: redactBytes(c.bytes, secrets) }));
      if (!r.error) return { snapshot, raw };
      const error = { ...r.error, message: redactText(r.error.message, secrets) };
      progress(`${error.tool}: ${error.message}`, 'error');
      return { snapshot, raw, error };
    });
    assertUniqueIds(collected.map((c) => c.snapshot));
    const unreadable = collected.filter((c) => c.error).length;
    const ms = Date.now() - started;
    log.emit({
      level: 'info',
      phase: 'collect',
      message: `collected ${plural(total, 'target')} in ${seconds(ms)}${unreadable > 0 ? ` (${unreadable} unreadable: unknown)` : ''}`,
      ms,
    });
    return collected;
  } finally {
    options.signal?.removeEventListener('abort', cancel);
    controller.abort(new Error('the run ended'));
  }
}
