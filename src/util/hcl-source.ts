/**
 * HCL files (Vault and OpenBao server configuration, ACL policies) as SourceDocuments: the value
 * from js-hcl-parser — hashicorp/hcl v1 compiled to JavaScript, the same parser Vault and OpenBao
 * use for both, so a file they accept parses here the same way — and positions from a small
 * scanner that only tracks where each key and block starts (the parser gives no positions).
 *
 * The value has HCL v1's JSON shape: a block `audit "file" "local" { options { ... } }` is
 * `{ audit: [ { file: [ { local: [ { options: [ {...} ] } ] } ] } ] }`; every block or object adds
 * an element to the array of its first key. `hclBlocks` reads that shape back as blocks.
 */
import type hclParser from 'js-hcl-parser';
import { InputError } from '../errors.js';
import { lazyRequire } from './lazy-require.js';
import type { LineCol, SourceDocument } from './yaml-source.js';

/** The parser (2 MB), loaded on the first HCL text, not at every start (the package ships it as dist/lazy/js-hcl-parser.cjs). */
const hcl = lazyRequire<typeof hclParser>('js-hcl-parser');

interface Node {
  readonly line: number;
  readonly col: number;
  readonly children: Map<string, Node[]>;
}

type Token = { kind: 'word' | 'string' | 'punct' | 'heredoc'; text: string; line: number; col: number };

/** Tokens with positions: words, strings, heredocs and punctuation; comments and spaces skipped. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const advance = (to: number) => {
    for (let j = i; j < to; j++) {
      if (text[j] === '\n') {
        line++;
        lineStart = j + 1;
      }
    }
    i = to;
  };
  while (i < text.length) {
    const c = text[i]!;
    const col = i - lineStart + 1;
    if (/\s/.test(c)) advance(i + 1);
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) advance(text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i));
    else if (c === '/' && text[i + 1] === '*') advance(text.indexOf('*/', i + 2) === -1 ? text.length : text.indexOf('*/', i + 2) + 2);
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out.push({ kind: 'string', text: text.slice(i + 1, j), line, col });
      advance(Math.min(j + 1, text.length));
    } else if (c === '<' && text[i + 1] === '<') {
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\r?\n/.exec(text.slice(i));
      const end = m ? text.slice(i + m[0].length).search(new RegExp(`^\\s*${m[1]}\\s*$`, 'm')) : -1;
      const stop = m && end >= 0 ? i + m[0].length + end + text.slice(i + m[0].length + end).indexOf(m[1]!) + m[1]!.length : i + 2;
      out.push({ kind: 'heredoc', text: '', line, col });
      advance(stop);
    } else if (/[{}[\]=,:]/.test(c)) {
      out.push({ kind: 'punct', text: c, line, col });
      advance(i + 1);
    } else {
      const m = /^[^\s{}[\]=,:"#]+/.exec(text.slice(i))!;
      out.push({ kind: 'word', text: m[0], line, col });
      advance(i + m[0].length);
    }
  }
  return out;
}

/** The tree of keys and blocks with the position where each starts. */
function structure(text: string): Node {
  const toks = tokens(text);
  const root: Node = { line: 1, col: 1, children: new Map() };
  const stack: Node[] = [root];
  const add = (parent: Node, key: string, at: Token): Node => {
    const n: Node = { line: at.line, col: at.col, children: new Map() };
    const list = parent.children.get(key) ?? [];
    list.push(n);
    parent.children.set(key, list);
    return n;
  };
  /** Skip a value that is not an object: a scalar, or a bracketed list (nested lists included). */
  const skipValue = (k: number): number => {
    if (toks[k]?.text !== '[') return k + 1;
    let depth = 0;
    for (let j = k; j < toks.length; j++) {
      const t = toks[j]!.text;
      if (toks[j]!.kind === 'punct' && (t === '[' || t === '{')) depth++;
      if (toks[j]!.kind === 'punct' && (t === ']' || t === '}')) depth--;
      if (depth === 0) return j + 1;
    }
    return toks.length;
  };
  let k = 0;
  while (k < toks.length) {
    const t = toks[k]!;
    const parent = stack.at(-1)!;
    if (t.kind === 'punct') {
      if (t.text === '}' && stack.length > 1) stack.pop();
      k++;
      continue;
    }
    // a run of keys (word or string) followed by `{` (a block) or `=`/`:` (an attribute)
    let j = k;
    while (j < toks.length && toks[j]!.kind !== 'punct') j++;
    const keys = toks.slice(k, j);
    const next = toks[j];
    if (next?.text === '{') {
      let node = parent;
      for (const key of keys) node = add(node, key.text, key);
      stack.push(node);
      k = j + 1;
    } else if (next && (next.text === '=' || next.text === ':') && keys.length > 0) {
      // only the last word is the key (a scalar before it would be a previous attribute's value)
      const key = keys.at(-1)!;
      const node = add(parent, key.text, key);
      if (toks[j + 1]?.text === '{') {
        stack.push(node);
        k = j + 2;
      } else {
        k = skipValue(j + 1);
      }
    } else {
      k = j === k ? k + 1 : j;
    }
  }
  return root;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isBlockList = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.length > 0 && v.every(isObject);

function decode(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .split('/')
        .slice(1)
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Line and column of the value at `pointer` (or its closest existing parent). */
function locate(root: Node, value: unknown, pointer: string): LineCol {
  const segs = decode(pointer);
  let node = root;
  let val = value;
  let best: LineCol = { line: 1, col: 1 };
  // One occurrence counter per node: the i-th element of `key: [...]` is the i-th `key` in the text.
  for (let i = 0; i < segs.length; ) {
    const key = segs[i]!;
    if (!isObject(val) || !Object.hasOwn(val, key)) break;
    const list = node.children.get(key);
    if (!list || list.length === 0) break;
    const v = val[key];
    if (isBlockList(v)) {
      const idx = i + 1 < segs.length && /^\d+$/.test(segs[i + 1]!) ? Number(segs[i + 1]) : 0;
      node = list[idx] ?? list[0]!;
      val = v[idx];
      i += i + 1 < segs.length && /^\d+$/.test(segs[i + 1]!) ? 2 : 1;
    } else {
      node = list[0]!;
      val = v;
      i++;
    }
    best = { line: node.line, col: node.col };
  }
  return best;
}

/** Parse HCL text; a syntax error is an InputError at the line and column the parser reports. */
export function parseHclSource(text: string, file: string): SourceDocument {
  // js-hcl-parser returns the error text instead of JSON ("unable to parse JSON: At 2:2: ...").
  let value: unknown;
  let error: unknown;
  try {
    value = JSON.parse(hcl().parse(text)) as unknown;
  } catch (e) {
    error = e;
  }
  if (error !== undefined || !isObject(value)) {
    let message: string;
    try {
      message = hcl().parse(text);
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    const m = /At (\d+):(\d+): ([^\n]*)/.exec(message);
    const problem = `invalid HCL: ${m ? m[3]! : message.replace(/^unable to parse JSON: /, '').split('\n')[0]}`;
    throw new InputError(m ? { file, line: Number(m[1]), col: Number(m[2]) } : { file }, problem, { cause: error });
  }
  const root = structure(text);
  const lines = text.split('\n');
  return {
    file,
    text,
    value,
    locate: (pointer) => locate(root, value, pointer),
    locateText: (pointer, needle) => {
      const start = locate(root, value, pointer);
      for (let l = start.line - 1; l < lines.length; l++) {
        const c = lines[l]!.indexOf(needle);
        if (c >= 0) return { line: l + 1, col: c + 1 };
      }
      return start;
    },
  };
}

export interface HclBlock {
  /** The block's labels: ['file', 'local'] for `audit "file" "local"`. */
  readonly labels: readonly string[];
  readonly body: Record<string, unknown>;
  /** JSON pointer of the body in the document's value. */
  readonly pointer: string;
}

const escapeSegment = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every `key "l1" ... "ln" { body }` (n = labels) directly in `parent`, in the order of the text. */
export function hclBlocks(parent: unknown, key: string, labels: number, pointer = ''): HclBlock[] {
  if (!isObject(parent) || !(isBlockList(parent[key]) || isObject(parent[key]))) return [];
  const out: HclBlock[] = [];
  // HCL gives lists of objects; the JSON form of a configuration may give an object directly.
  const walk = (v: unknown, got: string[], at: string) => {
    const list = isBlockList(v) ? v.map((o, i) => [o, `${at}/${i}`] as const) : isObject(v) ? [[v, at] as const] : [];
    for (const [o, here] of list) {
      if (got.length === labels) {
        out.push({ labels: got, body: o, pointer: here });
        continue;
      }
      for (const [label, inner] of Object.entries(o)) walk(inner, [...got, label], `${here}/${escapeSegment(label)}`);
    }
  };
  walk(parent[key], [], `${pointer}/${escapeSegment(key)}`);
  return out;
}

/** An object attribute or nested block (`options { }` or `options = { }`) as one mapping. */
export function hclObject(v: unknown): Record<string, unknown> {
  if (isObject(v)) return v;
  if (isBlockList(v)) return Object.assign({}, ...v) as Record<string, unknown>;
  return {};
}
