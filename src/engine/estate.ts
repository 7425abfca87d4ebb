// Evaluating a whole estate in bounded memory, on every core.
//
// Per-tool policies (every pillar but cross_tool) judge each tool on its own snapshot, so they are
// evaluated on chunks of a few tools: the Wasm heap stays small (and in the CPU caches) whatever
// the estate's size, and chunks are spread over worker threads, one engine each, sharing the
// module compiled once. Cross-tool policies compare tools, so they are evaluated once, on a
// projection of the estate holding only what they read: each tool's id, type and category, the
// facts listed in their catalog entries, and the gaps of those facts. The
// merged results equal one evaluation of the whole estate (test/engine/differential.test.ts).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describeThrown, EngineError, UsageError } from '../errors.js';
import type { ToolSnapshot } from '../model/types.js';
import type { Catalog } from '../policy/catalog.js';
import { fromRoot } from '../util/paths.js';
import { mergeSlices, pointIntoTool, SLICE_MIN_RESOURCES, sliceTool, type ToolSlice } from './slices.js';
import type { PolicyBundle } from './policy-bundle.js';
import { Engine, type EntrypointName, entrypointsOf, initialPages, MAX_PAGES, PAGE, parseResult, type RawResults, type RunWindow } from './engine.js';

/** A chunk holds at most this many tools... */
export const CHUNK_TOOLS = 16;
/** ...and at most about this many bytes of input (a larger tool is a chunk of its own). */
const CHUNK_BYTES = 16 * 1024;
/** Chunks are sent to a worker in batches of about this many input bytes (fewer messages, still balanced). */
const BATCH_BYTES = 256 * 1024;
/** Below this much input, starting workers costs more than it saves: evaluate in this thread. */
export const WORKER_MIN_BYTES = 512 * 1024;

export interface EstateOptions {
  /** Worker threads (default: one per core, when the input is large enough); 0 evaluates in this thread. */
  readonly workers?: number;
  readonly chunkTools?: number;
  readonly chunkBytes?: number;
  /** Wasm pages each engine may grow to (default and at most MAX_PAGES: 2 GiB). */
  readonly maxPages?: number;
  /** Evaluate the cross-tool policies (default true; false when the profile selects none). */
  readonly crossTool?: boolean;
  /** Called as each chunk of the estate is evaluated (done of total chunks), for progress. */
  readonly onChunk?: (done: number, total: number) => void;
  /** A tool whose repositories take more than twice this many bytes is evaluated in slices of them (default SLICE_BYTES, src/engine/slices.ts). */
  readonly sliceBytes?: number;
  /** Only a tool with at least this many resources can be sliced (default SLICE_MIN_RESOURCES). */
  readonly sliceMinResources?: number;
}

/**
 * Wasm heap of the cross-tool policies per byte of projected input and per policy: measured 22-23
 * with AR-XTL-001 and AR-XTL-002 (every store by id, providers counted), with headroom.
 */
const CROSS_TOOL_HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY = 32;

/**
 * Projected bytes per target, to estimate the cross-tool evaluation before collecting anything:
 * generated estates project to 180-200 bytes per tool (id, type, category, one destination, the
 * provider, the retention and their gaps).
 */
const PROJECTED_BYTES_PER_TARGET = 256;

/** One evaluation: an entrypoint on one input, and the tools it covers (for errors). */
interface Task {
  readonly entrypoint: EntrypointName;
  readonly input: string;
  /** Wasm pages it is expected to need (reserved at once before it runs). */
  readonly pages: number;
  readonly first: string;
  readonly last: string;
  /** A slice of one large tool (src/engine/slices.ts): the snapshot's index, its resources' indexes in the tool, the repository it borrowed. */
  readonly slice?: { readonly tool: number } & Pick<ToolSlice, 'indexes' | 'borrowed'>;
}

/** The facts cross-tool policies read, from their catalog entries. */
export function crossToolFacts(catalog: Catalog): string[] {
  const facts = new Set<string>();
  for (const p of catalog.policies) if (p.pillar === 'cross_tool') for (const f of p.facts) facts.add(f);
  return [...facts].sort();
}

/**
 * What a cross-tool policy may read of a tool: id, type and category (lib.in_scope, lib.finding),
 * the given facts (dotted paths; resources.<name> for a fact of every resource, with the
 * resource's id, kind and name) and the gaps of those facts.
 */
export function projectTool(tool: ToolSnapshot, facts: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: tool.id, type: tool.type, category: tool.category };
  const resourceFacts: string[] = [];
  for (const fact of facts) {
    const path = fact.split('.');
    if (path[0] === 'resources') {
      resourceFacts.push(path.slice(1).join('.'));
      continue;
    }
    let from: unknown = tool;
    for (const seg of path) from = from !== null && typeof from === 'object' ? (from as Record<string, unknown>)[seg] : undefined;
    if (from === undefined) continue;
    let to = out;
    for (const seg of path.slice(0, -1)) {
      if (to[seg] === undefined) to[seg] = {};
      to = to[seg] as Record<string, unknown>;
    }
    to[path[path.length - 1]!] = from;
  }
  const wanted = new Set(facts);
  out.gaps = tool.gaps.filter((g) => wanted.has(g.fact));
  if (resourceFacts.length > 0 && Array.isArray(tool.resources)) {
    const names = new Set(resourceFacts);
    // every resource, in order: findings point into resources by index
    out.resources = tool.resources.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      facts: Object.fromEntries(Object.entries(r.facts).filter(([k]) => names.has(k))),
      gaps: r.gaps.filter((g) => names.has(g.fact)),
    }));
  }
  return out;
}

/** A snapshot as policies see it: provenance (where each fact was read) stays out of the Wasm heap. */
export function policyView(tool: ToolSnapshot): Omit<ToolSnapshot, 'provenance'> {
  if (!tool.provenance) return tool;
  const { provenance: _provenance, ...rest } = tool;
  return rest;
}

function inputJson(asOf: string, run: RunWindow | undefined, toolsJson: readonly string[]): string {
  const runJson = run ? `,"run":${JSON.stringify(run)}` : '';
  return `{"as_of":${JSON.stringify(asOf)}${runJson},"tools":[${toolsJson.join(',')}]}`;
}

/**
 * The evaluations that together give every policy's findings on the estate (`run`: the run's
 * start and end of collection, which evidence freshness is judged against).
 */
export function planTasks(
  catalog: Catalog,
  snapshots: readonly ToolSnapshot[],
  asOf: string,
  split: boolean,
  options: EstateOptions = {},
  run?: RunWindow,
): Task[] {
  const first = snapshots[0]?.id ?? '';
  const last = snapshots[snapshots.length - 1]?.id ?? '';
  const views = snapshots.map(policyView);
  // a large tool's slices instead of its whole text (src/engine/slices.ts); only a tool with many resources can be one
  const fewest = options.sliceMinResources ?? SLICE_MIN_RESOURCES;
  const slicesOf = views.map((v) => (split && (v.resources?.length ?? 0) >= fewest ? sliceTool(v, options.sliceBytes) : undefined));
  const json = views.map((v, i) => (slicesOf[i] ? '' : JSON.stringify(v)));
  const cross = catalog.policies.filter((p) => p.pillar === 'cross_tool').length;
  const perTool = catalog.policies.length - cross;
  if (!split) {
    const input = inputJson(asOf, run, json);
    return [{ entrypoint: 'all', input, pages: initialPages(input.length, catalog.policies.length), first, last }];
  }
  const tasks: Task[] = [];
  const chunkTools = options.chunkTools ?? CHUNK_TOOLS;
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  let from = 0;
  let bytes = 0;
  const flush = (to: number) => {
    if (to <= from) return;
    const input = inputJson(asOf, run, json.slice(from, to));
    tasks.push({ entrypoint: 'perTool', input, pages: initialPages(input.length, perTool), first: snapshots[from]!.id, last: snapshots[to - 1]!.id });
  };
  for (let i = 0; i < json.length; i++) {
    const slices = slicesOf[i];
    if (slices) {
      // a large tool: the chunk so far, then its slices, each an evaluation of its own
      flush(i);
      const id = snapshots[i]!.id;
      for (const sl of slices) {
        const input = inputJson(asOf, run, [sl.json]);
        tasks.push({
          entrypoint: 'perTool',
          input,
          pages: initialPages(input.length, perTool),
          first: id,
          last: id,
          slice: { tool: i, indexes: sl.indexes, borrowed: sl.borrowed },
        });
      }
      from = i + 1;
      bytes = 0;
      continue;
    }
    bytes += json[i]!.length;
    if (i + 1 - from >= chunkTools || bytes >= chunkBytes || i === json.length - 1) {
      flush(i + 1);
      from = i + 1;
      bytes = 0;
    }
  }
  if (cross > 0 && options.crossTool !== false) {
    const facts = crossToolFacts(catalog);
    const input = inputJson(
      asOf,
      run,
      snapshots.map((s) => JSON.stringify(projectTool(s, facts))),
    );
    const pages = Math.ceil((input.length * CROSS_TOOL_HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY * cross) / PAGE) + 16;
    // the largest evaluation: first, so it does not finish last
    tasks.unshift({ entrypoint: 'crossTool', input, pages, first, last });
  }
  return tasks;
}

/** Append every finding of `part` to `into`, key by key (a loop: never a spread of a large array). */
function mergeResults(into: RawResults, part: RawResults): void {
  for (const [key, findings] of Object.entries(part)) {
    const list = into[key] ?? [];
    into[key] = list;
    for (const f of findings) list.push(f);
  }
}

function taskError(task: Task, e: unknown): EngineError {
  const tools = task.first === task.last ? `tool ${task.first}` : `tools ${task.first} to ${task.last}`;
  const what = task.entrypoint === 'crossTool' ? 'the cross-tool policies on the whole estate' : `the policies on ${tools}`;
  const why = describeThrown(e).replace(/^policy evaluation failed: /, '');
  const memory = /needs more than the/.test(why);
  const advice = !memory
    ? ''
    : task.entrypoint === 'crossTool'
      ? '; split the targets over several configs, or use a profile without the cross-tool policies'
      : task.first === task.last
        ? `; the snapshot of ${task.first} is too large to evaluate: narrow the target (e.g. fewer repositories) or split it into several targets`
        : '';
  return new EngineError(`evaluating ${what}: ${why}${advice}`, { cause: e });
}

/** Pages for the largest evaluation of the plan. */
function pagesFor(tasks: readonly Task[]): number {
  let pages = 16;
  for (const t of tasks) pages = Math.max(pages, t.pages);
  return pages;
}

/** The compiled worker (dist/engine/worker.js); undefined when not built (the sources under test without a build). */
export function workerScript(): string | undefined {
  const file = fromRoot('dist', 'engine', 'worker.js');
  return existsSync(file) ? file : undefined;
}

/**
 * Evaluates estates with one bundle and one set of parameters: in this thread for small
 * estates, else on a pool of worker threads started on first use and kept until close().
 */
export class EstateEvaluator {
  private module?: WebAssembly.Module;
  private engine?: Engine;
  private pool?: Promise<Pool>;

  constructor(
    private readonly bundle: PolicyBundle,
    private readonly params: Readonly<Record<string, unknown>>,
    private readonly options: EstateOptions = {},
  ) {}

  async evaluate(snapshots: readonly ToolSnapshot[], asOf: string, run?: RunWindow): Promise<RawResults> {
    const local = await this.localEngine();
    const tasks = planTasks(this.bundle.catalog, snapshots, asOf, local.has('perTool') && local.has('crossTool'), this.options, run);
    let total = 0;
    for (const t of tasks) total += t.input.length;
    const workers = Math.min(this.options.workers ?? (total >= WORKER_MIN_BYTES ? availableParallelism() : 0), tasks.length);
    const script = workers > 0 ? workerScript() : undefined;
    const results: RawResults[] = new Array(tasks.length);
    let done = 0;
    const chunkDone = () => this.options.onChunk?.(++done, tasks.length);
    if (script && workers > 0) {
      this.pool ??= Pool.start(script, workers, await this.compiled(), this.params, pagesFor(tasks), this.options.maxPages, this.bundle);
      await (await this.pool).run(tasks, (i, bytes) => {
        results[i] = parseResult(bytes);
        chunkDone();
      });
    } else {
      tasks.forEach((t, i) => {
        try {
          local.reserve(t.pages);
          results[i] = local.evaluateJson(t.input, t.entrypoint);
        } catch (e) {
          throw taskError(t, e);
        }
        chunkDone();
      });
    }
    const merged: RawResults = {};
    // the slices of a large tool: their findings pointed into the tool and merged (src/engine/slices.ts)
    const sliced = new Map<number, RawResults[]>();
    for (const [i, t] of tasks.entries()) {
      if (!t.slice) {
        mergeResults(merged, results[i]!);
        continue;
      }
      const parts = sliced.get(t.slice.tool) ?? [];
      sliced.set(t.slice.tool, parts);
      parts.push(pointIntoTool(results[i]!, t.slice));
    }
    for (const [tool, parts] of sliced) mergeResults(merged, mergeSlices(policyView(snapshots[tool]!), parts));
    return merged;
  }

  /** Stop the workers (an evaluator is not used after this). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool).close();
  }

  private async compiled(): Promise<WebAssembly.Module> {
    this.module ??= await WebAssembly.compile(this.bundle.wasm as Uint8Array<ArrayBuffer>);
    return this.module;
  }

  private async localEngine(): Promise<Engine> {
    this.engine ??= await Engine.load(await this.compiled(), `policy bundle ${this.bundle.dir}`, this.params, {
      initialPages: initialPages(CHUNK_BYTES, this.bundle.catalog.policies.length),
      maxPages: this.options.maxPages,
      entrypoints: entrypointsOf(this.bundle),
    });
    return this.engine;
  }
}

/** Messages between the pool and its workers (src/engine/worker.ts). */
export interface WorkerData {
  readonly module: WebAssembly.Module;
  readonly params: Readonly<Record<string, unknown>>;
  readonly initialPages: number;
  readonly maxPages?: number;
  readonly label: string;
  readonly entrypoints: Readonly<Record<EntrypointName, string>>;
}
export interface WorkerTask {
  readonly id: number;
  readonly entrypoint: EntrypointName;
  readonly inputs: readonly string[];
  /** Pages the largest input of the batch is expected to need. */
  readonly pages: number;
}
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly results: Uint8Array[] }
  | { readonly type: 'failed'; readonly id: number; readonly index: number; readonly message: string };

/** Worker threads, one engine each; batches of chunks go to whichever worker is free. */
class Pool {
  private constructor(private readonly workers: Worker[]) {}

  static async start(
    script: string,
    n: number,
    module: WebAssembly.Module,
    params: Readonly<Record<string, unknown>>,
    pages: number,
    maxPages: number | undefined,
    bundle: PolicyBundle,
  ): Promise<Pool> {
    const data: WorkerData = {
      module,
      params,
      initialPages: Math.min(pages, maxPages ?? MAX_PAGES),
      maxPages,
      label: `policy bundle ${bundle.dir}`,
      entrypoints: entrypointsOf(bundle),
    };
    const workers = Array.from({ length: n }, () => new Worker(script, { workerData: data }));
    try {
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              w.once('message', (m: WorkerReply) =>
                m.type === 'ready' ? resolve() : reject(new EngineError(`engine worker did not start: ${JSON.stringify(m)}`)),
              );
              w.once('error', (e) => reject(new EngineError(`engine worker did not start: ${describeThrown(e)}`, { cause: e })));
            }),
        ),
      );
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new Pool(workers);
  }

  /** Evaluate every task; `done` gets each task's result bytes (in any order). */
  run(tasks: readonly Task[], done: (index: number, bytes: Uint8Array) => void): Promise<void> {
    // consecutive tasks of one entrypoint in batches of about BATCH_BYTES
    const batches: Array<{ entrypoint: EntrypointName; indexes: number[] }> = [];
    let size = 0;
    tasks.forEach((t, i) => {
      const cur = batches[batches.length - 1];
      if (cur && cur.entrypoint === t.entrypoint && size + t.input.length <= BATCH_BYTES) {
        cur.indexes.push(i);
        size += t.input.length;
      } else {
        batches.push({ entrypoint: t.entrypoint, indexes: [i] });
        size = t.input.length;
      }
    });
    return new Promise<void>((resolve, reject) => {
      let next = 0;
      let pending = batches.length;
      let failed = false;
      const listeners: Array<() => void> = [];
      const finish = (e?: Error) => {
        if (failed) return;
        if (e) failed = true;
        for (const off of listeners) off();
        if (e) reject(e);
        else resolve();
      };
      const send = (w: Worker) => {
        if (next >= batches.length) return;
        const id = next++;
        const b = batches[id]!;
        const task: WorkerTask = {
          id,
          entrypoint: b.entrypoint,
          inputs: b.indexes.map((i) => tasks[i]!.input),
          pages: b.indexes.reduce((n, i) => Math.max(n, tasks[i]!.pages), 16),
        };
        w.postMessage(task);
      };
      for (const w of this.workers) {
        const onMessage = (m: WorkerReply) => {
          if (failed) return;
          if (m.type === 'failed') {
            const b = batches[m.id]!;
            finish(taskError(tasks[b.indexes[m.index]!]!, m.message));
            return;
          }
          if (m.type !== 'done') return;
          const b = batches[m.id]!;
          try {
            for (let k = 0; k < m.results.length; k++) done(b.indexes[k]!, m.results[k]!);
          } catch (e) {
            finish(e instanceof Error ? e : new EngineError(describeThrown(e)));
            return;
          }
          if (--pending === 0) finish();
          else send(w);
        };
        const onError = (e: Error) => finish(new EngineError(`engine worker failed: ${e.message}`, { cause: e }));
        const onExit = (code: number) => finish(new EngineError(`engine worker exited (${code}) during an evaluation`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        listeners.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        });
        send(w);
      }
      if (batches.length === 0) finish();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Before anything is collected: the cross-tool policies are evaluated on one projection of the
 * whole estate, the only evaluation that grows with the estate. Estimated from the number of
 * targets; throws, saying what to do, when it would not fit in one engine's memory.
 */
export function assertCrossToolFits(targets: number, crossToolPolicyIds: readonly string[], where: string, maxPages = MAX_PAGES): void {
  if (crossToolPolicyIds.length === 0) return;
  const perTarget = PROJECTED_BYTES_PER_TARGET * CROSS_TOOL_HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY * crossToolPolicyIds.length;
  const capacity = Math.floor(((maxPages - 16) * PAGE) / perTarget);
  if (targets <= capacity) return;
  const gib = (targets * perTarget) / 2 ** 30;
  throw new UsageError(
    `${where}: ${targets.toLocaleString('en')} targets: the cross-tool policies (${crossToolPolicyIds.join(', ')}) compare every tool with every other, in one evaluation of the whole estate that would need about ${gib.toFixed(1)} GiB of Wasm memory, more than the ${(maxPages * PAGE) / 2 ** 30} GiB one evaluation may use; split the targets over several configs of at most ${capacity.toLocaleString('en')} targets each, or use a profile without the cross-tool policies`,
  );
}
