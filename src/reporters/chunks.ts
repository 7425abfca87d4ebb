// Reports are produced as a sequence of text pieces and written piece by piece: the JSON report of
// 10,000 tools is longer than the longest string V8 can hold (2^29 - 24 characters), so no
// report is ever built as one string on the way to its file.

/** Pieces are gathered up to about this many characters before they are handed on. */
export const PIECE = 1 << 16;

/** Values up to about this many characters of JSON are serialized in one JSON.stringify call. */
export const WHOLE = 1 << 20;

/**
 * An array whose items are made while the document is written (by `make`, then), never held whole:
 * for the parts of a report that grow with the estate and would outgrow the JavaScript heap as
 * objects (OSCAL's observation per policy × tool). jsonChunks writes it as a JSON array.
 */
export class LazyArray<T = unknown> {
  constructor(
    readonly length: number,
    private readonly make: () => Iterable<T>,
  ) {}

  items(): Iterable<T> {
    return this.make();
  }

  /** For a plain JSON.stringify of a document that holds one: every item, made now. */
  toJSON(): T[] {
    return [...this.make()];
  }
}

/**
 * `${JSON.stringify(value, null, indent)}\n`, piece by piece: containers whose JSON would be
 * large are written member by member, everything else with one JSON.stringify call.
 */
export function* jsonChunks(value: unknown, indent = 2): Generator<string> {
  if (!(Number.isInteger(indent) && indent > 0)) throw new Error('jsonChunks: indent must be a positive integer');
  const out: string[] = [];
  let size = 0;
  const put = (s: string): boolean => {
    out.push(s);
    size += s.length;
    return size >= PIECE;
  };
  const flush = (): string => {
    const s = out.join('');
    out.length = 0;
    size = 0;
    return s;
  };
  const step = ' '.repeat(indent);

  function* write(v: unknown, key: string, pad: string): Generator<string> {
    if (v instanceof LazyArray) {
      yield* writeItems(v.items(), v.length === 0, pad);
      return;
    }
    const w = toJson(v, key);
    if (w === null || typeof w !== 'object' || fits(w, WHOLE) >= 0) {
      // one call; nested lines move right by the current indentation (JSON strings hold no raw newline)
      const text = JSON.stringify(w, null, indent) ?? 'null';
      if (put(pad && text.includes('\n') ? text.replaceAll('\n', `\n${pad}`) : text)) yield flush();
      return;
    }
    const inner = pad + step;
    if (Array.isArray(w)) {
      yield* writeItems(w, w.length === 0, pad);
      return;
    }
    let first = true;
    for (const k of Object.keys(w)) {
      const item = (w as Record<string, unknown>)[k];
      if (skipped(toJson(item, k))) continue;
      if (put(`${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `)) yield flush();
      first = false;
      yield* write(item, k, inner);
    }
    if (put(first ? '{}' : `\n${pad}}`)) yield flush();
  }

  function* writeItems(items: Iterable<unknown>, empty: boolean, pad: string): Generator<string> {
    if (empty) {
      if (put('[]')) yield flush();
      return;
    }
    const inner = pad + step;
    if (put('[')) yield flush();
    let i = 0;
    for (const item of items) {
      if (put(`${i ? ',' : ''}\n${inner}`)) yield flush();
      if (skipped(toJson(item, String(i)))) {
        if (put('null')) yield flush();
      } else yield* write(item, String(i), inner);
      i++;
    }
    if (put(`\n${pad}]`)) yield flush();
  }

  yield* write(value, '', '');
  put('\n');
  yield flush();
}

/** What JSON.stringify serializes in place of `v` (its toJSON result, if it has one). */
function toJson(v: unknown, key: string): unknown {
  if (v instanceof LazyArray) return v; // written item by item, not through its toJSON
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  return v;
}

/** Values JSON.stringify leaves out of objects (and writes as null in arrays). */
function skipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/**
 * `budget` minus a rough size of `v`'s JSON (string lengths plus a few characters per value),
 * stopping as soon as the budget is spent (then negative): cost bounded by the budget.
 */
function fits(v: unknown, budget: number): number {
  if (typeof v === 'string') return budget - v.length - 2;
  if (v instanceof LazyArray) return -1;
  if (v === null || typeof v !== 'object') return budget - 8;
  if (Array.isArray(v)) {
    let left = budget - 2;
    for (let i = 0; i < v.length && left >= 0; i++) left = fits(v[i], left - 8);
    return left;
  }
  let left = budget - 2;
  for (const k in v) {
    if (left < 0) break;
    left = fits((v as Record<string, unknown>)[k], left - k.length - 8);
  }
  return left;
}

/** Lines as `${lines.join('\n')}\n`, a batch of lines per piece. */
export function* lineChunks(lines: readonly string[]): Generator<string> {
  let from = 0;
  let size = 0;
  for (let i = 0; i < lines.length; i++) {
    size += lines[i]!.length + 1;
    if (size >= PIECE) {
      yield `${lines.slice(from, i + 1).join('\n')}\n`;
      from = i + 1;
      size = 0;
    }
  }
  if (from < lines.length || lines.length === 0) yield `${lines.slice(from).join('\n')}\n`;
}

/** `text` with `marker` (once in it) replaced by the pieces of `fill`. */
export function* fillSlot(text: string, marker: string, fill: Iterable<string>): Generator<string> {
  const at = text.indexOf(marker);
  if (at < 0 || text.indexOf(marker, at + marker.length) >= 0) throw new Error(`fillSlot: the marker must occur exactly once`);
  yield text.slice(0, at);
  yield* fill;
  yield text.slice(at + marker.length);
}

/** `items` joined by `separator`, one piece per item. */
export function* joinedChunks(items: Iterable<string>, separator: string): Generator<string> {
  let first = true;
  for (const item of items) {
    yield first ? item : separator + item;
    first = false;
  }
}

/** The pieces as one string (small reports and tests). */
export function joinChunks(chunks: Iterable<string>): string {
  if (typeof chunks === 'string') return chunks;
  let s = '';
  for (const c of chunks) s += c;
  return s;
}
