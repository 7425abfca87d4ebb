/**
 * Custom policies within a wall-clock budget each. A custom policy is Rego a user wrote: one that
 * runs away (an exponential comprehension) must cost its budget, not the run. The built-in
 * policies are evaluated in-process through the bundle's built-in entrypoint; each custom policy
 * through its own entrypoint in a worker thread, which is terminated when a policy runs past
 * limits.policy_timeout_s. A policy that ran out of time, or failed, becomes an error finding.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EngineError } from '../errors.js';
import { limits } from '../util/limits.js';
import { fromRoot } from '../util/paths.js';
import type { PolicyBundle } from './policy-bundle.js';
import { initialPages, type RawResults } from './engine.js';
import type { WorkerInput, WorkerMessage } from './policy-worker.js';

/** What became of one custom policy: its findings (any shape: assembleFindings checks it), or why not. */
export type CustomOutcome = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly message: string };

/**
 * The worker script: beside this module once compiled (dist/engine/); from the TypeScript sources
 * (tests) the compiled one in dist/.
 */
function workerScript(): URL {
  const beside = new URL('./policy-worker.js', import.meta.url);
  return existsSync(fileURLToPath(beside)) ? beside : pathToFileURL(fromRoot('dist', 'engine', 'policy-worker.js'));
}

/** How long a worker may take to load the bundle before its first policy starts. */
const LOAD_BUDGET_MS = 60_000;

function runWorker(input: WorkerInput, timeoutMs: number, outcomes: Map<string, CustomOutcome>, describe: (key: string) => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript(), { workerData: input });
    let current: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, onTimeout: () => void) => {
      clearTimeout(timer);
      timer = setTimeout(onTimeout, ms);
    };
    let settled = false;
    const finish = (e?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (e) reject(e);
      else resolve();
    };
    arm(LOAD_BUDGET_MS, () => {
      void worker.terminate();
      finish(new EngineError(`the policy worker did not load the policy bundle within ${LOAD_BUDGET_MS / 1000} s`));
    });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'start') {
        current = m.key;
        arm(timeoutMs, () => {
          outcomes.set(m.key, { ok: false, message: `${describe(m.key)} did not finish within ${timeoutMs / 1000} s (limits.policy_timeout_s)` });
          current = null;
          void worker.terminate().then(() => finish());
        });
      } else if (m.type === 'done') {
        outcomes.set(m.key, { ok: true, result: m.result });
        current = null;
        clearTimeout(timer);
      } else {
        outcomes.set(m.key, { ok: false, message: `${describe(m.key)} could not be evaluated: ${m.message}` });
        current = null;
        clearTimeout(timer);
      }
    });
    worker.on('error', (e) => {
      if (current) outcomes.set(current, { ok: false, message: `${describe(current)} could not be evaluated: ${e.message}` });
      finish(current ? undefined : new EngineError(`policy worker failed: ${e.message}`, { cause: e }));
    });
    worker.on('exit', () => finish());
  });
}

/**
 * Evaluate each custom policy of the bundle (manifest.entrypoints.custom) within its budget.
 * A worker that was stopped is replaced for the policies still to run.
 */
export async function evaluateCustomPolicies(
  bundle: PolicyBundle,
  params: Readonly<Record<string, unknown>>,
  inputJson: string,
  describe: (key: string) => string,
  wanted: (key: string) => boolean = () => true,
): Promise<Map<string, CustomOutcome>> {
  const custom = Object.fromEntries(Object.entries(bundle.manifest.entrypoints?.custom ?? {}).filter(([key]) => wanted(key)));
  const outcomes = new Map<string, CustomOutcome>();
  const input = Buffer.from(inputJson, 'utf8');
  const timeoutMs = limits().policyTimeoutMs;
  for (;;) {
    const entries = Object.entries(custom)
      .filter(([key]) => !outcomes.has(key))
      .map(([key, entrypoint]) => ({ key, entrypoint }));
    if (entries.length === 0) break;
    const before = outcomes.size;
    await runWorker({ wasm: bundle.wasm, params: { ...params }, pages: initialPages(input.length, 1), input, entries }, timeoutMs, outcomes, describe);
    // A worker that stopped without a word on any policy must not be restarted forever.
    if (outcomes.size === before) {
      for (const e of entries) outcomes.set(e.key, { ok: false, message: `${describe(e.key)} could not be evaluated: the policy worker stopped` });
    }
  }
  return outcomes;
}

/** Built-in results from the in-process engine, and the custom ones merged in as raw results. */
export function mergeCustom(builtin: RawResults, outcomes: ReadonlyMap<string, CustomOutcome>): { raw: RawResults; errors: Map<string, string> } {
  const raw: Record<string, unknown> = { ...builtin };
  const errors = new Map<string, string>();
  for (const [key, o] of outcomes) {
    if (o.ok) {
      if (o.result !== undefined) raw[key] = o.result;
    } else errors.set(key, o.message);
  }
  return { raw: raw as RawResults, errors };
}
