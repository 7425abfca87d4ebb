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
import { isSecretKey } from '../collectors/kit/redact.js';
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

/** HCL v1's tokens that are punctuation: the parser's errors name them, and they are shown as they are. */
const PUNCTUATION: Readonly<Record<string, string>> = {
  ASSIGN: '=',
  LBRACE: '{',
  RBRACE: '}',
  LBRACK: '[',
  RBRACK: ']',
  COMMA: ',',
  PERIOD: '.',
  ADD: '+',
  SUB: '-',
};

/** "unexpected" and a token type the parser named: punctuation as it is written, the end of the file in words. */
function describeType(type: string): string {
  if (type === 'EOF') return 'unexpected end of file';
  return PUNCTUATION[type] !== undefined ? `unexpected "${PUNCTUATION[type]}" (${type})` : `unexpected ${type}`;
}

/**
 * Whether the token at `idx` stands where a value does: undefined for a key or block name (the
 * start of a statement, or of a block's body), else the key the value belongs to (null when it
 * cannot be told, e.g. inside an object in a list). A value is where a secret would be.
 */
function valueAt(toks: readonly Token[], idx: number): { readonly key: string | null } | undefined {
  const line = toks[idx]!.line;
  const keyBefore = (j: number) => (j > 0 && toks[j - 1]!.kind !== 'punct' ? toks[j - 1]!.text : null);
  let depth = 0; // brackets closed between the token and here (walking back)
  let inList = false;
  for (let j = idx - 1; j >= 0; j--) {
    const t = toks[j]!;
    const assigns = t.kind === 'punct' && (t.text === '=' || t.text === ':');
    // a statement starts on the token's line unless the line before ends in "=" (a value on the next line)
    if (depth === 0 && !inList && t.line < line) return assigns ? { key: keyBefore(j) } : undefined;
    if (t.kind !== 'punct') continue;
    if (t.text === ']' || t.text === '}') depth++;
    else if ((t.text === '[' || t.text === '{') && depth > 0) depth--;
    else if (t.text === '[') inList = true;
    else if (t.text === '{') return inList ? { key: null } : undefined;
    else if (assigns && depth === 0) return { key: keyBefore(j) };
  }
  return inList ? { key: null } : undefined;
}

/**
 * What the parser said, with the text of the token it names where that cannot be a secret: a
 * punctuation mark, a key, or the value of a key whose name is not a secret's (util/redact and the
 * kit's isSecretKey). The value of a secret-named key, or a value whose key cannot be told, is
 * named by its type and not shown. The parser's own wording ("Unknown token: 13:16 ASSIGN =") is
 * rewritten: "token:" followed by text reads as a secret assignment to the redaction that every
 * message goes through, which then hid the harmless position and kept the token.
 */
function parseProblem(said: string, text: string, at: { line: number; col: number } | undefined): string {
  // an error inside a list's object carries the inner error with its own position
  const inner = /^(.*?)At (\d+):(\d+): (.*)$/.exec(said);
  if (inner) {
    const where = { line: Number(inner[2]), col: Number(inner[3]) };
    return `${inner[1]}at ${where.line}:${where.col}: ${parseProblem(inner[4]!, text, where)}`;
  }
  const list = /^unexpected token while parsing list: ([A-Z]+)$/.exec(said);
  if (list) return `${describeType(list[1]!)} in a list`;
  const toks = tokens(text);
  /** The scanned token the parser means: at its position, else the last one before it with that text. */
  const find = (word?: string) => {
    if (!at) return -1;
    const before = (t: Token) => t.line < at.line || (t.line === at.line && t.col <= at.col);
    const exact = toks.findIndex((t) => t.line === at.line && t.col === at.col && (word === undefined || t.text === word));
    if (exact >= 0) return exact;
    for (let i = toks.length - 1; i >= 0; i--) if (before(toks[i]!) && (word === undefined || toks[i]!.text === word)) return i;
    return -1;
  };
  const hidden = (idx: number): string | undefined => {
    const value = idx < 0 ? { key: null } : valueAt(toks, idx);
    if (!value || (value.key !== null && !isSecretKey(value.key))) return undefined;
    return value.key === null ? 'a value, not shown: it may be a secret' : `the value of ${value.key}, not shown: it may be a secret`;
  };
  const unknown = /^Unknown token: \d+:\d+ ([A-Z]+) ?(.*)$/.exec(said);
  if (unknown) {
    const [, type, shown] = unknown as unknown as [string, string, string];
    if (type === 'EOF' || PUNCTUATION[type] !== undefined) return describeType(type);
    const why = hidden(find());
    return why ? `unexpected ${type} (${why})` : `unexpected ${type} ${shown}`;
  }
  const key = /^key '(.*)' expected start of object \('\{'\) or assignment \('='\)$/.exec(said);
  if (key) {
    const why = hidden(find(key[1]!.replace(/^"|"$/g, '')));
    return `${why ? `a word (${why})` : `'${key[1]}'`} where a key was expected: it is followed by neither "{" nor "="`;
  }
  return said;
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
    const at = m ? { line: Number(m[1]), col: Number(m[2]) } : undefined;
    const said = m ? m[3]! : (message.replace(/^unable to parse JSON: /, '').split('\n')[0] ?? '');
    throw new InputError(at ? { file, ...at } : { file }, `invalid HCL: ${parseProblem(said, text, at)}`, { cause: error });
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
