import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';

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
}

export function readSourceFile(file: string, displayName = file): SourceDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a file' : `cannot read (${code ?? 'error'})`;
    throw new InputError({ file: displayName }, why, { cause: e });
  }
  return parseSource(text, displayName);
}

/**
 * The value is read by the fastest parser that gives the same value: JSON.parse for .json files,
 * js-yaml (YAML 1.2 core schema, no aliases, unique keys) for the rest, some 5 times faster than
 * the `yaml` library from a cold start. The `yaml` library, which places every node on its line,
 * runs only when a pointer is located (an error to report) or the fast parser declines the text
 * (a syntax error, an alias, a tag): then it also gives the value and the error, as it always did.
 */
export function parseSource(text: string, file: string): SourceDocument {
  const fast = file.toLowerCase().endsWith('.json') ? parseJson(text) : parseYamlValue(text);
  if (fast === undefined) return parseYaml(text, file);
  let yaml: SourceDocument | undefined;
  const locate = (pointer: string, key?: string): LineCol => {
    yaml ??= parseYaml(text, file);
    return yaml.locate(pointer, key);
  };
  return { file, text, value: fast.value, locate };
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
  } catch {
    return undefined;
  }
  // every string literal in order (JSON has no quote outside strings); those followed by ':' are keys
  let keysInText = 0;
  for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"(\s*:)?/g)) if (m[1] !== undefined) keysInText++;
  return keysInText === countKeys(json) ? { value: json } : undefined;
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
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    const what = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    throw new InputError({ file, line: pos.line, col: pos.col }, `invalid YAML/JSON: ${what}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  return {
    file,
    text,
    value,
    locate: (pointer, key) => locate(doc, lineCounter, pointer, key),
  };
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
