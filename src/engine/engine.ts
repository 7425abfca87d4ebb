import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { describeThrown, EngineError } from '../errors.js';
import type { ToolSnapshot } from '../model/types.js';
import { HOST_BUILTINS } from './builtins.js';
import type { PolicyBundle } from './bundle.js';

/** What the policies see as `input`. */
export interface EngineInput {
  /** Evaluation time (RFC 3339, UTC). Policies never read the wall clock. */
  readonly as_of: string;
  /** When the run started and when its collection ended: evidence freshness is judged against these, not as_of. */
  readonly run?: RunWindow;
  readonly tools: readonly ToolSnapshot[];
}

/** The real time of a run (RFC 3339, UTC), recorded in the report and the evidence bundle. */
export interface RunWindow {
  readonly started_at: string;
  readonly collected_by: string;
}

/** One finding as a policy emits it (policies/lib/findings.rego `finding`). */
export interface RawFinding {
  tool: string;
  resource: string | null;
  status: 'pass' | 'fail' | 'unknown' | 'not_applicable' | 'error';
  message: string;
  observed: Record<string, unknown>;
  expected: Record<string, unknown>;
  evidence: string[];
  gaps: Array<{ fact: string; reason: string; detail: string; permission?: string }>;
}

/** Findings per policy key (pillar.name). */
export type RawResults = Record<string, RawFinding[]>;

/** The bundle's entrypoints (policies/main.rego): every policy, or the per-tool and cross-tool halves. */
export const ENTRYPOINTS = {
  all: 'auditready/main/findings',
  perTool: 'auditready/main/per_tool',
  crossTool: 'auditready/main/cross_tool',
} as const;
export type EntrypointName = keyof typeof ENTRYPOINTS;

export const PAGE = 64 * 1024;

/**
 * Wasm heap one evaluation needs, per byte of input JSON and per policy, measured with the
 * benchmark suite (bench/): the parsed input, every policy's findings and the serialized result
 * stay in the module's heap until the call returns, about 5-8 bytes per input byte per policy.
 * Growing memory during an evaluation makes it 2-4x slower (V8 grows the buffer step by step),
 * so the engine reserves it up front with some headroom; pages never touched cost no RSS.
 */
export const HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY = 9;

/**
 * The most memory one engine may have: 2 GiB (32,768 pages). Wasm32 could address 4 GiB, but
 * opa-wasm 1.10 reads the addresses the module returns as signed 32-bit numbers, so a result
 * above 2 GiB would be read from a negative offset (docs/upstream/opa-wasm-unsigned-addresses.md).
 * With this maximum an evaluation that needs more fails with a clear error instead; the engine
 * evaluates estates in chunks (src/engine/estate.ts), so estate size alone never gets near it.
 */
export const MAX_PAGES = 32_768;

/** Pages to start with for an input of `inputBytes` bytes evaluated by `policies` policies (16 at least). */
export function initialPages(inputBytes: number, policies = 10): number {
  const bytes = inputBytes * HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY * Math.max(1, policies);
  return Math.min(MAX_PAGES, Math.max(16, Math.ceil(bytes / PAGE)));
}

export interface EngineOptions {
  /** Pages to start with (default: initialPages of inputBytesHint). */
  readonly initialPages?: number;
  /** Pages the memory may grow to (default MAX_PAGES). */
  readonly maxPages?: number;
}

interface OpaExports {
  opa_eval(ctx: number, entrypoint: number, data: number, input: number, inputLen: number, heapPtr: number, format: number): number;
}

/**
 * The policy engine: one Wasm instance, parameters set once through setData. Evaluations go
 * through opa-wasm's ABI 1.2 call (opa_eval) directly, so the result's JSON text can be taken out
 * of the heap as bytes (a worker hands them on without parsing them) and its address is read
 * unsigned.
 */
export class Engine {
  private constructor(
    private readonly policy: LoadedPolicy,
    private readonly maxPages: number,
  ) {}

  /** An engine for a bundle; `inputBytesHint` sizes the initial memory for inputs of that size. */
  static create(bundle: PolicyBundle, params: Readonly<Record<string, unknown>>, inputBytesHint = 0, options: EngineOptions = {}): Promise<Engine> {
    const pages = options.initialPages ?? initialPages(inputBytesHint, bundle.catalog.policies.length);
    return Engine.load(bundle.wasm, `policy bundle ${bundle.dir}`, params, { ...options, initialPages: pages });
  }

  /**
   * An engine for an already compiled module (workers share the main thread's, compiled once).
   * `label` names the bundle in errors.
   */
  static async load(
    wasm: Uint8Array | WebAssembly.Module,
    label: string,
    params: Readonly<Record<string, unknown>>,
    options: EngineOptions = {},
  ): Promise<Engine> {
    const maxPages = Math.min(MAX_PAGES, options.maxPages ?? MAX_PAGES);
    const initial = Math.min(maxPages, options.initialPages ?? 16);
    let policy: LoadedPolicy;
    try {
      // loaded on first use: commands that evaluate nothing (--version, policies list) skip its start-up
      const { loadPolicy } = await import('@open-policy-agent/opa-wasm');
      policy = await loadPolicy(
        wasm as BufferSource | WebAssembly.Module,
        { initial, maximum: maxPages },
        HOST_BUILTINS as unknown as Record<string, (...a: unknown[]) => unknown>,
      );
      policy.setData({ auditready: { params } });
    } catch (e) {
      throw new EngineError(`cannot load ${label}: ${describeThrown(e)}`, { cause: e });
    }
    return new Engine(policy, maxPages);
  }

  /** Whether the bundle has the entrypoint (bundles built before the split have only `all`). */
  has(entrypoint: EntrypointName): boolean {
    return Object.hasOwn(this.policy.entrypoints as object, ENTRYPOINTS[entrypoint]);
  }

  /**
   * Grow the memory to at least `pages` in one step, before an evaluation that needs it: the
   * module's allocator would grow it a little at a time, which costs 10-20 times the evaluation
   * itself (12.7 s instead of 0.5 s for 200 MB).
   */
  reserve(pages: number): void {
    const mem = this.policy.mem;
    const want = Math.min(pages, this.maxPages) - mem.buffer.byteLength / PAGE;
    if (want > 0) mem.grow(want);
  }

  /** Bytes of Wasm memory this engine holds now. */
  get memoryBytes(): number {
    return this.policy.mem.buffer.byteLength;
  }

  /** Evaluate every policy on the input. `inputJson` may be passed when the caller already serialized it. */
  evaluate(input: EngineInput, inputJson?: string): RawResults {
    return this.evaluateJson(inputJson ?? JSON.stringify(input));
  }

  /** Evaluate on an input given as JSON text (or its UTF-8 bytes): no re-serialization. */
  evaluateJson(inputJson: string | Uint8Array, entrypoint: EntrypointName = 'all'): RawResults {
    return parseResult(this.evaluateRaw(inputJson, entrypoint));
  }

  /** Evaluate and return the result's JSON text as bytes (a copy out of the Wasm heap). */
  evaluateRaw(inputJson: string | Uint8Array, entrypoint: EntrypointName = 'all'): Uint8Array {
    const input = typeof inputJson === 'string' ? Buffer.from(inputJson, 'utf8') : inputJson;
    const p = this.policy;
    const id = (p.entrypoints as Record<string, number>)[ENTRYPOINTS[entrypoint]];
    if (id === undefined) throw new EngineError(`the policy bundle has no entrypoint ${ENTRYPOINTS[entrypoint]} (rebuild it with: npm run build)`);
    if (!(p.minorVersion >= 2)) throw new EngineError(`the policy bundle's Wasm ABI is 1.${p.minorVersion}; the engine needs 1.2 or later`);
    const exports = (p.wasmInstance as WebAssembly.Instance).exports as unknown as OpaExports;
    try {
      // ABI 1.2: the input's JSON text goes right after the data, opa_eval parses it there,
      // evaluates, and returns the address of the result's JSON text (opa-wasm's own fast path).
      const at = Number(p.dataHeapPtr);
      const need = at + input.byteLength - p.mem.buffer.byteLength;
      if (need > 0) p.mem.grow(Math.ceil(need / PAGE));
      new Uint8Array(p.mem.buffer).set(input, at);
      const addr = exports.opa_eval(0, id, p.dataAddr, at, input.byteLength, at + input.byteLength, 0) >>> 0;
      const heap = new Uint8Array(p.mem.buffer);
      const end = heap.indexOf(0, addr);
      if (end < 0) throw new EngineError('policy evaluation returned an unterminated result');
      return heap.slice(addr, end);
    } catch (e) {
      if (e instanceof EngineError) throw e;
      const why = describeThrown(e);
      if (/opa_malloc|Maximum memory size|could not allocate memory|WebAssembly\.Memory/i.test(why)) {
        throw new EngineError(
          `policy evaluation of ${(input.byteLength / 1e6).toFixed(1)} MB of input needs more than the ${Math.round((this.maxPages * PAGE) / 2 ** 20)} MiB of Wasm memory one evaluation may use (${why})`,
          { cause: e },
        );
      }
      throw new EngineError(`policy evaluation failed: ${why}`, { cause: e });
    }
  }
}

/** The engine's result (JSON text of [{"result": {...}}]) as findings per policy. */
export function parseResult(bytes: Uint8Array): RawResults {
  const out = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as unknown;
  const first = Array.isArray(out) ? (out[0] as { result?: unknown } | undefined) : undefined;
  if (!first || typeof first.result !== 'object' || first.result === null) {
    throw new EngineError('policy evaluation returned no result (the entrypoint is undefined for this input)');
  }
  return first.result as RawResults;
}
