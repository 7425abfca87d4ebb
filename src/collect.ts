import { collectorFor } from './collectors/index.js';
import type { Config } from './config/types.js';
import { CollectorError, describeThrown, InputError, isAuditreadyError } from './errors.js';
import { assertUniqueIds, assertValidSnapshot } from './model/validate.js';
import type { ToolSnapshot } from './model/types.js';
import type { Collected, RawCapture } from './collectors/types.js';
import { limits } from './util/limits.js';
import { redactSnapshot, redactText } from './util/redact.js';

export interface CollectedTool {
  readonly snapshot: ToolSnapshot;
  readonly raw: readonly RawCapture[];
}

export interface CollectOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
  readonly progress?: (message: string) => void;
  /** Called as each target's collector starts and ends (the explore TUI shows live progress with it). */
  readonly onTarget?: (event: TargetEvent) => void;
}

export interface TargetEvent {
  /** The snapshot id, type/name. */
  readonly id: string;
  readonly phase: 'start' | 'done' | 'failed';
}

/**
 * Run the collector of every target, redact secrets, and check each snapshot against the
 * model. Tokens named by token_env are redacted wherever they might appear.
 */
export async function collectAll(config: Config, options: CollectOptions = {}): Promise<CollectedTool[]> {
  const env = options.env ?? process.env;
  const secrets = config.targets.flatMap((t) => (t.token_env && env[t.token_env] ? [env[t.token_env]!] : []));
  const results = await Promise.all(
    config.targets.map(async (target) => {
      const collector = collectorFor(target, config);
      const id = `${target.type}/${target.name}`;
      options.onTarget?.({ id, phase: 'start' });
      let collected: Collected;
      const budget = new AbortController();
      try {
        collected = await withinBudget(
          collector.collect({
            target,
            configDir: config.dir,
            configFile: config.file,
            configSource: config.source,
            env,
            now: options.now ?? (() => new Date()),
            progress: options.progress ?? (() => {}),
            signal: budget.signal,
          }),
          budget,
          () => {
            const { line, col } = config.source.locate(target.pointer);
            const s = limits().collectorTimeoutMs / 1000;
            return new InputError(
              { file: config.file, line, col },
              `collector ${collector.name} for ${id} did not finish within ${s} s (--timeout, limits.collector_timeout_s in the config)`,
            );
          },
        );
      } catch (e) {
        options.onTarget?.({ id, phase: 'failed' });
        if (isAuditreadyError(e)) throw e;
        throw new CollectorError(collector.name, redactText(`${target.type}/${target.name}: ${describeThrown(e)}`, secrets), { cause: e });
      }
      const snapshot = redactSnapshot(collected.snapshot, secrets);
      assertValidSnapshot(collector.name, snapshot);
      options.onTarget?.({ id, phase: 'done' });
      const raw = collected.raw.map((r) => ({
        ...r,
        bytes: Buffer.from(redactText(Buffer.from(r.bytes).toString('utf8'), secrets), 'utf8'),
      }));
      return { snapshot, raw };
    }),
  );
  assertUniqueIds(results.map((r) => r.snapshot));
  return results;
}

/**
 * A collector's wall-clock budget (limits.collectorTimeoutMs): past it the collection is
 * abandoned (its signal aborts) and the target fails like a broken input.
 */
function withinBudget<T>(work: Promise<T>, budget: AbortController, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = error();
      budget.abort(e);
      reject(e);
    }, limits().collectorTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
