/**
 * What the property-based tests share (test/properties/*.test.ts): the typed-error check and
 * the arbitraries that make broken inputs, from any text to a real input with a few values or
 * lines replaced (mostly-valid inputs reach deeper code).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { isAuditreadyError } from '../../src/errors.js';

export const RUNS = Number(process.env.AR_PROPERTY_RUNS ?? 150);

/**
 * One fixed seed, so a run is reproducible and CI never turns red on an input no one changed;
 * `AR_PROPERTY_SEED=random` explores new inputs (fast-check prints the seed of a failure to pin it),
 * any number replays that seed.
 */
const SEED = process.env.AR_PROPERTY_SEED ?? '20261202';
if (SEED !== 'random') fc.configureGlobal({ seed: Number(SEED) });

/** Run `f`; a throw must be an AuditreadyError (typed, with a message), never a TypeError or RangeError. */
export function typedOrValue<T>(f: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (!isAuditreadyError(e)) throw new Error(`untyped error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    expect(e.message.length).toBeGreaterThan(0);
    return { ok: false };
  }
}

export async function typedOrValueAsync<T>(f: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    if (!isAuditreadyError(e)) throw new Error(`untyped error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    return { ok: false };
  }
}

/** Replace random leaves of a JSON value with arbitrary JSON. */
export function mutate(base: unknown): fc.Arbitrary<unknown> {
  const leaves: string[][] = [];
  const walk = (v: unknown, at: string[]) => {
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    else leaves.push(at);
  };
  walk(base, []);
  const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null), fc.string(), fc.integer({ min: -5, max: 5 }));
  return fc.array(fc.tuple(fc.nat({ max: Math.max(0, leaves.length - 1) }), replacement), { minLength: 1, maxLength: 4 }).map((edits) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    for (const [i, value] of edits) {
      const at = leaves[i];
      if (!at || at.length === 0) continue;
      let cur = copy as Record<string, unknown>;
      for (const k of at.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
      cur[at[at.length - 1]!] = value;
    }
    return copy;
  });
}

/** A word where a number, a name or a flag usually is: odd numbers, odd names, nothing. */
const word = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('', '-', '-1', '0', '1e309', 'NaN', '0x1f', '*', '"', '[', '{', '\\'),
);

/**
 * Edit random lines of a text file (configuration files, captured command outputs): delete or
 * duplicate a line, replace it with arbitrary text, or replace one of its words (separators are
 * kept, so a CSV or `key = value` line keeps its shape with an odd value in it).
 */
export function mutateLines(text: string): fc.Arbitrary<string> {
  const lines = text.split('\n');
  const edit = fc.tuple(
    fc.nat({ max: Math.max(0, lines.length - 1) }),
    fc.oneof(
      fc.constant({ kind: 'delete' as const }),
      fc.constant({ kind: 'duplicate' as const }),
      fc.string({ maxLength: 60 }).map((line) => ({ kind: 'line' as const, line })),
      fc.tuple(fc.nat(), word).map(([at, w]) => ({ kind: 'word' as const, at, word: w })),
    ),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    const out = [...lines];
    for (const [i, e] of edits) {
      if (i >= out.length) continue;
      if (e.kind === 'delete') out.splice(i, 1);
      else if (e.kind === 'duplicate') out.splice(i, 0, out[i]!);
      else if (e.kind === 'line') out[i] = e.line;
      else {
        const parts = out[i]!.split(/([\s,=:;]+)/);
        const words = parts.map((_, j) => j).filter((j) => j % 2 === 0 && parts[j] !== '');
        if (words.length > 0) parts[words[e.at % words.length]!] = e.word;
        out[i] = parts.join('');
      }
    }
    return out.join('\n');
  });
}

export const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => stringify(v)),
);
