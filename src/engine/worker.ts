// An engine worker (src/engine/estate.ts): one engine on the module the main thread compiled,
// evaluating batches of chunks and handing back each result's JSON text as bytes (transferred,
// not copied; the main thread parses them).
import { parentPort, workerData } from 'node:worker_threads';
import { describeThrown } from '../errors.js';
import { Engine } from './engine.js';
import type { WorkerData, WorkerReply, WorkerTask } from './estate.js';

const port = parentPort!;
const data = workerData as WorkerData;
const engine = await Engine.load(data.module, data.label, data.params, {
  initialPages: data.initialPages,
  maxPages: data.maxPages,
  entrypoints: data.entrypoints,
});
port.on('message', (task: WorkerTask) => {
  const results: Uint8Array[] = [];
  try {
    engine.reserve(task.pages);
  } catch (e) {
    port.postMessage({ type: 'failed', id: task.id, index: 0, message: describeThrown(e) } satisfies WorkerReply);
    return;
  }
  for (let i = 0; i < task.inputs.length; i++) {
    try {
      results.push(engine.evaluateRaw(task.inputs[i]!, task.entrypoint));
    } catch (e) {
      port.postMessage({ type: 'failed', id: task.id, index: i, message: describeThrown(e) } satisfies WorkerReply);
      return;
    }
  }
  port.postMessage(
    { type: 'done', id: task.id, results } satisfies WorkerReply,
    results.map((r) => r.buffer as ArrayBuffer),
  );
});
port.postMessage({ type: 'ready' } satisfies WorkerReply);
