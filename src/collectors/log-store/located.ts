/**
 * A parsed document (a configuration file, an API answer) that can say where each of its values
 * was read. Files give file:line:column and a JSON pointer; API answers give the endpoint and the
 * pointer into the answer. The kit's SourceObject has this shape.
 */
import type { FactSource } from './retention.js';

export interface Located {
  readonly value: unknown;
  /** Where the value at `pointer` (relative to the document) was read. */
  at(pointer: string): FactSource;
  /** The setting at `pointer` is absent: where it would be, marked as the documented default. */
  absent(pointer: string, documentedDefault: string): FactSource;
  /** Where `needle` occurs in the value at `pointer` (a file's line; the kit's SourceObject has it). */
  within?(pointer: string, needle: string): FactSource;
}

/** The value at a JSON pointer ('' is the whole value); undefined when any step is missing. */
export function pick(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let cur: unknown = value;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(seg)) return undefined;
      cur = cur[Number(seg)];
    } else {
      if (!Object.hasOwn(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}

/** A key as one JSON pointer segment. */
export function segment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A document read from an API endpoint: every value is "read at" the endpoint plus its pointer. */
export function locatedAnswer(value: unknown, endpoint: string): Located {
  return {
    value,
    at: (pointer) => ({ endpoint, ...(pointer ? { pointer } : {}) }),
    absent: (pointer, documentedDefault) => ({ endpoint, ...(pointer ? { pointer } : {}), default: documentedDefault }),
  };
}

/** The same document seen from inside: pointers relative to `base` inside `doc`. */
export function within(doc: Located, base: string): Located {
  return {
    value: pick(doc.value, base),
    at: (pointer) => doc.at(`${base}${pointer}`),
    absent: (pointer, documentedDefault) => doc.absent(`${base}${pointer}`, documentedDefault),
  };
}

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A YAML/JSON document read from a file (util/yaml-source), as a Located with file:line:column. */
export function locatedDocument(doc: { readonly file: string; readonly value: unknown; locate(pointer: string): { line: number; col: number } }): Located {
  const pos = (pointer: string) => {
    const { line, col } = doc.locate(pointer);
    return { file: doc.file, line, column: col, pointer };
  };
  return {
    value: doc.value,
    at: pos,
    absent: (pointer, documentedDefault) => {
      // A key with a value is not absent (the caller asked for the wrong thing); YAML's `key:` with nothing after it is null, not set.
      const v = pick(doc.value, pointer);
      if (v !== undefined && v !== null) throw new Error(`${doc.file}: ${pointer} is present; absent() is for settings that are not set`);
      return { ...pos(pointer), default: documentedDefault };
    },
  };
}
