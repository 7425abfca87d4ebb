import { loadPolicy, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
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

const PAGE = 64 * 1024;

/**
 * Wasm heap one evaluation needs, per byte of input JSON and per policy, measured with the
 * benchmark suite (bench/): the parsed input, every policy's findings and the serialized result
 * stay in the module's heap until the call returns, about 7.5 bytes per input byte per policy
 * (1,000 tools: 103 MiB with 10 policies, 177 MiB with 18). Growing memory during the first
 * evaluation makes it 2-4x slower (V8 grows the buffer step by step and collects), so the engine
 * reserves it up front with some headroom; pages never touched cost no RSS.
 */
export const HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY = 9;

/** Wasm32 can address 4 GiB (65,536 pages of 64 KiB). */
const MAX_PAGES = 65_536;

/** Pages to start with for an input of `inputBytes` bytes evaluated by `policies` policies (16 at least). */
export function initialPages(inputBytes: number, policies = 10): number {
  const bytes = inputBytes * HEAP_BYTES_PER_INPUT_BYTE_PER_POLICY * Math.max(1, policies);
  return Math.min(MAX_PAGES, Math.max(16, Math.ceil(bytes / PAGE)));
}

/**
 * The policy engine: one Wasm instance, parameters set once through setData, the whole
 * evaluation in one call of the aggregating entrypoint.
 */
export class Engine {
  private constructor(private readonly policy: LoadedPolicy) {}

  static async create(bundle: PolicyBundle, params: Readonly<Record<string, unknown>>, inputBytesHint = 0): Promise<Engine> {
    let policy: LoadedPolicy;
    try {
      policy = await loadPolicy(
        bundle.wasm,
        initialPages(inputBytesHint, bundle.catalog.policies.length),
        HOST_BUILTINS as unknown as Record<string, (...a: unknown[]) => unknown>,
      );
      policy.setData({ auditready: { params } });
    } catch (e) {
      throw new EngineError(`cannot load policy bundle ${bundle.dir}: ${describeThrown(e)}`, { cause: e });
    }
    return new Engine(policy);
  }

  /** Evaluate every policy on the input. `inputJson` may be passed when the caller already serialized it. */
  evaluate(input: EngineInput, inputJson?: string): RawResults {
    return this.evaluateJson(inputJson ?? JSON.stringify(input));
  }

  /** Evaluate every policy on an input given as JSON text (or its UTF-8 bytes): no re-serialization. */
  evaluateJson(inputJson: string | Uint8Array): RawResults {
    const bytes = typeof inputJson === 'string' ? Buffer.from(inputJson, 'utf8') : inputJson;
    // opa-wasm takes an ArrayBuffer as JSON text and copies it straight into the module's heap.
    // (Buffer.prototype.slice does not copy: cut the ArrayBuffer itself when the bytes are a view.)
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    let out: unknown;
    try {
      out = this.policy.evaluate(buffer);
    } catch (e) {
      throw new EngineError(`policy evaluation failed: ${describeThrown(e)}`, { cause: e });
    }
    const first = Array.isArray(out) ? (out[0] as { result?: unknown } | undefined) : undefined;
    if (!first || typeof first.result !== 'object' || first.result === null) {
      throw new EngineError('policy evaluation returned no result (the entrypoint is undefined for this input)');
    }
    return first.result as RawResults;
  }
}
