/**
 * Worker thread for custom policies (src/engine/budget.ts): loads the policy bundle once, then
 * evaluates the entrypoints it is given one by one, announcing each before it starts, so the
 * main thread can stop a policy that runs past its budget by terminating this worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import { describeThrown } from '../errors.js';
import { HOST_BUILTINS } from './builtins.js';

export interface WorkerInput {
  readonly wasm: Uint8Array;
  readonly params: Record<string, unknown>;
  readonly pages: number;
  readonly input: Uint8Array;
  readonly entries: readonly { readonly key: string; readonly entrypoint: string }[];
}

export type WorkerMessage =
  | { readonly type: 'start'; readonly key: string }
  | { readonly type: 'done'; readonly key: string; readonly result: unknown }
  | { readonly type: 'failed'; readonly key: string; readonly message: string };

const data = workerData as WorkerInput;
const port = parentPort!;
const policy = await loadPolicy(data.wasm, data.pages, HOST_BUILTINS as unknown as Record<string, (...a: unknown[]) => unknown>);
policy.setData({ auditready: { params: data.params } });
const input = data.input.buffer.slice(data.input.byteOffset, data.input.byteOffset + data.input.byteLength);
for (const e of data.entries) {
  port.postMessage({ type: 'start', key: e.key } satisfies WorkerMessage);
  try {
    const out = policy.evaluate(input, e.entrypoint) as Array<{ result?: unknown }> | undefined;
    port.postMessage({ type: 'done', key: e.key, result: Array.isArray(out) ? out[0]?.result : undefined } satisfies WorkerMessage);
  } catch (err) {
    port.postMessage({ type: 'failed', key: e.key, message: describeThrown(err) } satisfies WorkerMessage);
  }
}
