import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';
import { sha256 } from './hash.js';
import type { LimitName } from './limits.js';
import { readTextFile } from './read-file.js';

export interface LineCol {
  readonly line: number;
  readonly col: number;
}

/** A parsed YAML or JSON file (JSON is YAML 1.2) that can map a JSON pointer back to a line. */
export interface SourceDocument {
  readonly file: string;
  readonly text: string;
  /** sha256 of the file's bytes (the text is exactly those bytes: invalid UTF-8 is refused). */
  readonly sha256: string;
  readonly value: unknown;
  /** Line and column of the node at `pointer` (or its closest existing parent). */
  locate(pointer: string, key?: string): LineCol;
}

/**
 * Read and parse a YAML/JSON file: a regular file only (a FIFO or device is an error, never a
 * hang), at most the size limit, valid UTF-8 only (never silently altered).
 */
export function readSourceFile(file: string, displayName = file, options: { limit?: LimitName } = {}): SourceDocument {
  const { text } = readTextFile(file, { display: displayName, limit: options.limit });
  return parseSource(text, displayName);
}

/** Aliases one document may expand: a "billion laughs" file is refused, not expanded. */
const MAX_ALIAS_COUNT = 100;

export function parseSource(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    // The parser recurses per nesting level: absurd nesting overflows the stack.
    throw new InputError({ file, line: 1, col: 1 }, `invalid YAML/JSON: cannot parse (${e instanceof RangeError ? 'nested too deeply' : 'parser error'})`, {
      cause: e,
    });
  }
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    const what = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    throw new InputError({ file, line: pos.line, col: pos.col }, `invalid YAML/JSON: ${what}`);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const alias = /alias/i.test(e instanceof Error ? e.message : '');
    const pos = alias ? firstAlias(text, lineCounter) : { line: 1, col: 1 };
    throw new InputError(
      { file, ...pos },
      alias
        ? `invalid YAML: aliases expand too far (more than ${MAX_ALIAS_COUNT} per alias; a YAML "billion laughs" document is refused)`
        : `invalid YAML/JSON: cannot convert (${e instanceof RangeError ? 'nested too deeply' : 'unsupported content'})`,
      { cause: e },
    );
  }
  return {
    file,
    text,
    sha256: sha256(text),
    value,
    locate: (pointer, key) => locate(doc, lineCounter, pointer, key),
  };
}

function firstAlias(text: string, lc: LineCounter): { line: number; col: number } {
  const m = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(text);
  return m ? lc.linePos(m.index + m[1]!.length) : { line: 1, col: 1 };
}

function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locate(doc: Document, lc: LineCounter, pointer: string, key?: string): LineCol {
  let node: Node | null = (doc.contents as Node | null) ?? null;
  let offset = node?.range?.[0] ?? 0;
  const segments = decodePointer(pointer);
  if (key !== undefined) segments.push(key);
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      offset = valueNode?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
      // A key named by the caller (e.g. an unexpected property) points at the key itself.
      if (seg === key && keyNode?.range) offset = keyNode.range[0];
      node = valueNode;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const { line, col } = lc.linePos(offset);
  return { line, col };
}
