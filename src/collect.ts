import { checkCredentials, collectorNamed } from './collectors/index.js';
import { expandTarget, runTarget } from './collectors/kit/run.js';
import type { HttpTuning } from './collectors/kit/http.js';
import type { CollectionError, Progress, RawCapture } from './collectors/types.js';
import type { Config } from './config/types.js';
import { CollectorError, describeThrown, isAuditreadyError } from './errors.js';
import { assertUniqueIds, assertValidSnapshot } from './model/validate.js';
import type { ToolSnapshot } from './model/types.js';
import { redactSnapshot, redactText } from './util/redact.js';

export interface CollectedTool {
  readonly snapshot: ToolSnapshot;
  readonly raw: readonly RawCapture[];
  /** Set when the tool's input could not be read: every fact is unknown and the run gates. */
  readonly error?: CollectionError;
}

export interface CollectOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
  /** Progress lines: 'info' (a terminal only), 'notice' (waits) and 'error' (a tool that could not be read). */
  readonly progress?: Progress;
  /** Called as each target's collector starts and ends (the explore TUI shows live progress with it). */
  readonly onTarget?: (event: TargetEvent) => void;
  /** Tests shrink HTTP timeouts and waits. */
  readonly httpTuning?: Partial<HttpTuning>;
}

export interface TargetEvent {
  /** The snapshot id, type/name. */
  readonly id: string;
  readonly phase: 'start' | 'done' | 'failed';
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
  const progress = options.progress ?? (() => {});
  const tokens = config.targets.flatMap((t) => (t.token_env && env[t.token_env] ? [env[t.token_env]!] : []));
  const controller = new AbortController();
  try {
    const runSettings = { env, now: options.now ?? (() => new Date()), progress, signal: controller.signal, configDir: config.dir };
    // A target that stands for many tools (a GitHub enterprise) becomes one target per tool first.
    const targets = (await Promise.all(config.targets.map((t) => expandTarget(collectorNamed(t.collector), t, runSettings)))).flat();
    const results = await Promise.all(
      targets.map(async (target) => {
        const collector = collectorNamed(target.collector);
        const id = `${target.type}/${target.name}`;
        options.onTarget?.({ id, phase: 'start' });
        try {
          const r = await runTarget(collector, target, {
            env,
            now: options.now ?? (() => new Date()),
            progress,
            signal: controller.signal,
            configDir: config.dir,
            ...(options.httpTuning ? { httpTuning: options.httpTuning } : {}),
          });
          options.onTarget?.({ id, phase: r.error ? 'failed' : 'done' });
          return { collector, r };
        } catch (e) {
          options.onTarget?.({ id, phase: 'failed' });
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
      const raw = r.raw.map((c) => ({ ...c, bytes: Buffer.from(redactText(Buffer.from(c.bytes).toString('utf8'), secrets), 'utf8') }));
      if (!r.error) return { snapshot, raw };
      const error = { ...r.error, message: redactText(r.error.message, secrets) };
      progress(`${error.tool}: ${error.message}`, 'error');
      return { snapshot, raw, error };
    });
    assertUniqueIds(collected.map((c) => c.snapshot));
    return collected;
  } finally {
    controller.abort(new Error('the run ended'));
  }
}
