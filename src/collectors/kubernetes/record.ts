/**
 * Staging for the facts while the normalizer decides them. Unlike the kit's builder, a staged fact
 * may be replaced (several kube-apiservers are merged, AlwaysAllow overrides what RBAC says); the
 * result goes through the kit's builder (`toBuilder`), which refuses to build while a model fact
 * is unset.
 */
import { modelFactPaths } from '../../model/fact-list.js';
import type { FactSource, Facts, Gap, GapReason } from '../../model/types.js';
import type { BuiltFacts, FactPath, FactsBuilder } from '../kit/facts.js';

export type { FactPath };

/** Every fact of the model, in schema order. */
export const FACT_PATHS = modelFactPaths() as readonly FactPath[];

export interface Entry {
  readonly value: unknown;
  readonly evidence: readonly FactSource[];
  /** Set when the value is the tool's documented default because the setting is absent. */
  readonly default?: string;
  readonly gap?: Gap;
}

export class FactRecorder {
  readonly entries = new Map<string, Entry>();

  set(path: FactPath, value: unknown, evidence: readonly FactSource[] = [], defaultNote?: string): void {
    this.entries.set(path, { value, evidence, ...(defaultNote ? { default: defaultNote } : {}) });
  }

  gap(path: FactPath, reason: GapReason, detail: string, evidence: readonly FactSource[] = [], permission?: string): void {
    this.entries.set(path, { value: null, evidence, gap: { fact: path, reason, detail, ...(permission ? { permission } : {}) } });
  }

  put(path: FactPath, entry: Entry): void {
    this.entries.set(path, entry);
  }
}

/** The sources of an entry, each marked with the documented default when the value is one. */
function sourcesOf(e: Entry): FactSource[] {
  if (!e.default) return [...e.evidence];
  return e.evidence.length > 0 ? e.evidence.map((s) => ({ ...s, default: e.default })) : [{ default: e.default }];
}

/** Hand every staged fact to the kit's builder and build: a fact left unset is a bug it names. */
export function toBuilder(recorder: FactRecorder, f: FactsBuilder): BuiltFacts {
  for (const [path, e] of recorder.entries) {
    const p = path as FactPath;
    if (e.gap) f.gap(p, e.gap.reason, e.gap.detail, { ...(e.gap.permission ? { permission: e.gap.permission } : {}), sources: sourcesOf(e) });
    else f.set(p, e.value as never, ...sourcesOf(e));
  }
  return f.build();
}

/** The staged facts as the model's groups (for tests and details), without the builder's checks. */
export function factsOf(recorder: FactRecorder): { facts: Facts; gaps: Gap[] } {
  const facts: Record<string, Record<string, unknown>> = {};
  const gaps: Gap[] = [];
  for (const p of FACT_PATHS) {
    const e = recorder.entries.get(p);
    if (!e) continue;
    const segs = p.split('.');
    let cur = facts as Record<string, unknown>;
    for (const s of segs.slice(0, -1)) {
      cur[s] ??= {};
      cur = cur[s] as Record<string, unknown>;
    }
    cur[segs.at(-1)!] = e.value;
    if (e.gap) gaps.push(e.gap);
  }
  return { facts: facts as unknown as Facts, gaps };
}
