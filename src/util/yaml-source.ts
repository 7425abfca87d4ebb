import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { LineCounter, parseAllDocuments, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';
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
  readonly value: unknown;
  /** Line and column of the node at `pointer` (or its closest existing parent). */
  locate(pointer: string, key?: string): LineCol;
  /**
   * Line and column of the first occurrence of `needle` inside the text of the node at `pointer`
   * (e.g. one line of a multi-line string such as a CSV policy); the node's own position when the
   * text does not contain it.
   */
  locateText(pointer: string, needle: string): LineCol;
}

/**
 * The text of a user file; every check on reading a file lives here (util/read-file.ts): a
 * regular file only (a FIFO or device is an error, never a hang), at most the size limit, valid
 * UTF-8 only (never silently altered). Config, profiles, facts files, frameworks and the kit's
 * files mode all read through it.
 */
export function readSourceText(file: string, displayName = file, options: { limit?: LimitName } = {}): string {
  return readTextFile(file, { display: displayName, limit: options.limit }).text;
}

/** Read and parse a YAML/JSON file of one document (see readSourceText for the checks). */
export function readSourceFile(file: string, displayName = file, options: { limit?: LimitName } = {}): SourceDocument {
  return parseSource(readSourceText(file, displayName, options), displayName);
}

/** Aliases one document may expand: a "billion laughs" file is refused, not expanded. */
const MAX_ALIAS_COUNT = 100;

/**
 * The parser recurses per nesting level: absurd nesting overflows the stack. Exported with
 * yamlValue for readers that parse YAML themselves (JCasC embedded in strings keeps its own line
 * mapping): the same guards, the same InputError.
 */
export function parseGuarded<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new InputError({ file, line: 1, col: 1 }, `invalid YAML/JSON: cannot parse (${e instanceof RangeError ? 'nested too deeply' : 'parser error'})`, {
      cause: e,
    });
  }
}

/**
 * Every YAML document of a text (`---` separated; JSON is one document), each able to map a JSON
 * pointer back to its line. Empty documents are kept as documents with value null.
 */
export function parseSourceDocuments(text: string, file: string): SourceDocument[] {
  const lineCounter = new LineCounter();
  // An empty stream is an empty array.
  const docs = parseGuarded(file, () => [...parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true })] as Document[]);
  for (const doc of docs) throwFirstError(doc, lineCounter, file);
  return docs.map((doc) => sourceOf(doc, lineCounter, text, file));
}

function throwFirstError(doc: Document, lineCounter: LineCounter, file: string): void {
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    const what = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    throw new InputError({ file, line: pos.line, col: pos.col }, `invalid YAML/JSON: ${what}`);
  }
}

function sourceOf(doc: Document, lineCounter: LineCounter, text: string, file: string): SourceDocument {
  return {
    file,
    text,
    value: yamlValue(doc, lineCounter, text, file),
    locate: (pointer, key) => locate(doc, lineCounter, pointer, key),
    locateText: (pointer, needle) => locateText(doc, lineCounter, text, pointer, needle),
  };
}

/**
 * A parsed document's value, with aliases bounded (a "billion laughs" document is refused, not
 * expanded) and absurd nesting an InputError at the document's line, never a stack trace.
 */
export function yamlValue(doc: Document, lineCounter: LineCounter, text: string, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const alias = /alias/i.test(e instanceof Error ? e.message : '');
    const docStart = doc.range?.[0] ?? 0;
    const pos = alias ? firstAlias(text, lineCounter, docStart) : lineCounter.linePos(docStart);
    throw new InputError(
      { file, ...pos },
      alias
        ? `invalid YAML: aliases expand too far (more than ${MAX_ALIAS_COUNT} per alias; a YAML "billion laughs" document is refused)`
        : `invalid YAML/JSON: cannot convert (${e instanceof RangeError ? 'nested too deeply' : 'unsupported content'})`,
      { cause: e },
    );
  }
}

/**
 * The value is read by the fastest parser that gives the same value: JSON.parse for .json files,
 * js-yaml (YAML 1.2 core schema, no aliases, unique keys) for the rest, some 5 times faster than
 * the `yaml` library from a cold start. The `yaml` library, which places every node on its line,
 * runs only when a pointer is located (an error to report) or the fast parser declines the text
 * (a syntax error, an alias, a tag, nesting deeper than js-yaml's maxDepth): then it also gives the
 * value and the error, with the alias and depth guards of parseGuarded and sourceOf.
 */
export function parseSource(text: string, file: string): SourceDocument {
  const fast = file.toLowerCase().endsWith('.json') ? parseJson(text) : parseYamlValue(text);
  if (fast === undefined) return parseYaml(text, file);
  let yaml: SourceDocument | undefined;
  const located = (): SourceDocument => {
    yaml ??= parseYaml(text, file);
    return yaml;
  };
  return {
    file,
    text,
    value: fast.value,
    locate: (pointer, key) => located().locate(pointer, key),
    locateText: (pointer, needle) => located().locateText(pointer, needle),
  };
}

/** The value of a YAML text under the core schema, or undefined where js-yaml and `yaml` could differ. */
function parseYamlValue(text: string): { value: unknown } | undefined {
  try {
    // aliases are left to the `yaml` library, which bounds their expansion (maxAliasCount)
    const value = loadYaml(text, { schema: CORE_SCHEMA, maxAliases: 0 });
    return value === undefined ? undefined : { value };
  } catch {
    return undefined;
  }
}

/**
 * The value of a JSON text, or undefined when JSON.parse rejects it or it repeats a key in an
 * object (JSON.parse would keep the last silently; the YAML parser then reports the line).
 */
function parseJson(text: string): { value: unknown } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
    // every string literal in order (JSON has no quote outside strings); those followed by ':' are keys
    let keysInText = 0;
    for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?/g)) if (m[1] !== undefined) keysInText++;
    return keysInText === countKeys(json) ? { value: json } : undefined;
  } catch {
    // a syntax error, or nesting too deep to count: the YAML parser reports it (parseGuarded)
    return undefined;
  }
}

function countKeys(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) n += countKeys(x);
    return n;
  }
  for (const k in v) n += 1 + countKeys((v as Record<string, unknown>)[k]);
  return n;
}

function parseYaml(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  const doc = parseGuarded(file, () => parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }));
  throwFirstError(doc, lineCounter, file);
  return sourceOf(doc, lineCounter, text, file);
}

/** The first alias at or after `from` (the document's start). */
function firstAlias(text: string, lc: LineCounter, from: number): { line: number; col: number } {
  const re = /(^|[\s[{,:-])\*[^\s,\]}]+/gm;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? lc.linePos(m.index + m[1]!.length) : lc.linePos(from);
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locateText(doc: Document, lc: LineCounter, text: string, pointer: string, needle: string): LineCol {
  const node = nodeAt(doc, pointer);
  const range = node?.range;
  if (range && needle !== '') {
    const at = text.slice(range[0], range[1]).indexOf(needle);
    if (at >= 0) {
      const { line, col } = lc.linePos(range[0] + at);
      return { line, col };
    }
  }
  return locate(doc, lc, pointer);
}

/** The node at a pointer, or undefined when the path does not exist. */
function nodeAt(doc: Document, pointer: string): Node | undefined {
  let node: Node | null = (doc.contents as Node | null) ?? null;
  for (const seg of decodePointer(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) return undefined;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      node = (node.items[Number(seg)] as Node | undefined) ?? null;
    } else {
      return undefined;
    }
  }
  return node ?? undefined;
}

function locate(doc: Document, lc: LineCounter, pointer: string, key?: string): LineCol {
  return locateIn(doc, lc, pointer, key === undefined ? {} : { key });
}

/**
 * Line and column of the node at `pointer` in a parsed document (or of its closest existing
 * parent). `key` appends a key and points at the key itself; `atKeys` points at the key of every
 * mapping entry on the way ("securityRealm:" rather than the nested block under it).
 */
export function locateIn(doc: Document, lc: LineCounter, pointer: string, options: { readonly key?: string; readonly atKeys?: boolean } = {}): LineCol {
  const { key, atKeys = false } = options;
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
      if ((atKeys || seg === key) && keyNode?.range) offset = keyNode.range[0];
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
