import type { RawResults } from '../../src/engine/engine.js';

/** Findings are a set per policy: each finding as JSON with sorted keys, sorted, per policy key. */
export function canonical(results: RawResults): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const key of Object.keys(results).sort()) {
    out[key] = results[key]!.map((f) => JSON.stringify(sortKeys(f))).sort();
  }
  return out;
}

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** Every finding that is in one result and not in the other, for a readable failure. */
export function findingDiff(a: RawResults, b: RawResults): { onlyA: string[]; onlyB: string[] } {
  const ca = canonical(a);
  const cb = canonical(b);
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  for (const key of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
    const sa = new Set(ca[key] ?? []);
    const sb = new Set(cb[key] ?? []);
    for (const f of sa) if (!sb.has(f)) onlyA.push(`${key} ${f}`);
    for (const f of sb) if (!sa.has(f)) onlyB.push(`${key} ${f}`);
  }
  return { onlyA, onlyB };
}
