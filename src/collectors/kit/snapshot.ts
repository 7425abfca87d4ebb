/**
 * Snapshot assembly: id, type, category, name, source (collector, method, location, collected_at,
 * sha256 of the raw captures, details), the facts with their gaps and provenance. Collectors never
 * build a ToolSnapshot by hand.
 */
import { createHash } from 'node:crypto';
import { CollectorError } from '../../errors.js';
import { modelFactPaths } from '../../model/fact-list.js';
import { factValue } from '../../model/gaps.js';
import { TOOL_TYPES } from '../../model/tool-types.js';
import type { Facts, Gap, Source, ToolSnapshot } from '../../model/types.js';
import type { CollectMode, CollectorOutput, RawCapture } from '../types.js';
import { type BuiltFacts, factsBuilder } from './facts.js';

export type { RawCapture } from '../types.js';

const METHOD: Record<CollectMode, Source['method']> = { facts: 'facts-file', files: 'file', live: 'api' };

/**
 * sha256 of what was read: one capture → the sha256 of its original bytes (so it matches
 * `sha256sum` of the file); several → the sha256 of their `sha256sum`-style lines
 * ("<sha256>  <name>\n" each, in read order).
 */
export function capturesSha256(captures: readonly RawCapture[]): string {
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  if (captures.length === 1) return sha(captures[0]!.original ?? captures[0]!.bytes);
  return sha(Buffer.from(captures.map((c) => `${sha(c.original ?? c.bytes)}  ${c.name}\n`).join(''), 'utf8'));
}

/**
 * BuiltFacts from facts a collector produced as whole groups (GitHub's normalizer, facts files):
 * every fact of the model must be present (a value or null), or it is a bug naming the facts.
 */
export function factsFromModel(collector: string, facts: Facts, gaps: readonly Gap[]): BuiltFacts {
  const absent = modelFactPaths().filter((p) => factValue(facts, p) === undefined);
  if (absent.length > 0) throw new CollectorError(collector, `facts left unset (each needs a value, or null plus a gap): ${absent.join(', ')}`);
  return { facts: { identity: facts.identity, access: facts.access, audit_log: facts.audit_log, time: facts.time }, gaps: [...gaps], provenance: {} };
}

/** Every fact null with one gap of reason `error` (a tool whose input could not be read). */
export function unknownFacts(collector: string, detail: string): BuiltFacts {
  const f = factsBuilder(collector);
  for (const p of f.unset()) f.gap(p, 'error', detail);
  return f.build();
}

export interface AssembleInput {
  readonly collector: string;
  readonly type: string;
  readonly name: string;
  readonly mode: CollectMode;
  /** How it was read when the mode alone does not say (live through the tool's client: 'command'). */
  readonly method?: Source['method'];
  readonly output: CollectorOutput;
  /** Everything read (files, responses), with original bytes for the hash. */
  readonly captures: readonly RawCapture[];
  /** Default location (the endpoint, or the files). */
  readonly location: string;
  readonly now: () => Date;
}

/** The snapshot and its stored captures (original bytes dropped). */
export function assembleSnapshot(input: AssembleInput): { snapshot: ToolSnapshot; raw: RawCapture[] } {
  const { output } = input;
  const { facts, gaps, provenance } = output.facts;
  const snapshot: ToolSnapshot = {
    id: `${input.type}/${input.name}`,
    type: input.type,
    category: TOOL_TYPES[input.type as keyof typeof TOOL_TYPES],
    name: input.name,
    source: {
      collector: input.collector,
      method: input.method ?? METHOD[input.mode],
      location: output.location ?? input.location,
      collected_at: output.collectedAt ?? input.now().toISOString(),
      sha256: capturesSha256(input.captures),
      ...(output.collectedAs ? { collected_as: output.collectedAs } : {}),
      ...(output.details && Object.keys(output.details).length > 0 ? { details: output.details } : {}),
    },
    identity: facts.identity,
    access: facts.access,
    audit_log: facts.audit_log,
    time: facts.time,
    ...(output.pipeline ? { pipeline: output.pipeline } : {}),
    ...(output.integrations ? { integrations: output.integrations } : {}),
    ...(output.resources ? { resources: output.resources } : {}),
    gaps,
    ...(Object.keys(provenance).length > 0 ? { provenance } : {}),
  };
  return { snapshot, raw: input.captures.map(({ name, mediaType, bytes, file }) => ({ name, mediaType, bytes, ...(file ? { file } : {}) })) };
}
