/**
 * Reads the assignments of a `gitlab.rb` (Omnibus GitLab's Ruby configuration) without executing
 * anything: `gitlab_rails['key'] = value`, `logging['key'] = value`, nested `x['a']['b'] = value`
 * and top-level calls like `external_url '...'`. Values are Ruby literals (strings, symbols,
 * numbers, true/false/nil, arrays, hashes with `=>` or `key:`), heredocs (`<<-'EOS'`, `<<~EOS`,
 * optionally through `YAML.load`), and references to the environment or files, which are kept as
 * opaque references. Anything else is recorded as an expression it could not read, with its line,
 * so a fact that depends on it becomes unknown instead of guessed.
 */
import { LineCounter } from 'yaml';
import { InputError } from '../../errors.js';
import { parseSourceDocuments } from '../../util/yaml-source.js';

/** A value that cannot be known from the file alone (ENV['X'], File.read(...), a method call). */
export interface RubyOpaque {
  readonly ruby: string;
}

export type RubyValue = string | number | boolean | null | RubyValue[] | { [k: string]: RubyValue } | RubyOpaque;

export function isOpaque(v: unknown): v is RubyOpaque {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as RubyOpaque).ruby === 'string';
}

export interface RubyAssignment {
  /** The target as written, normalized: gitlab_rails['omniauth_providers'], logging['logrotate_rotate']. */
  readonly key: string;
  readonly value: RubyValue;
  readonly line: number;
  readonly col: number;
}

export interface RubySettings {
  /** Last assignment per key (Ruby evaluates top to bottom; a later line wins). */
  readonly values: ReadonlyMap<string, RubyAssignment>;
  /** Lines that assign something this reader could not parse, with the key when it could tell. */
  readonly unreadable: readonly { readonly line: number; readonly key?: string; readonly problem: string }[];
}

class ParseError extends Error {}

/** Lists and hashes nested deeper than this are unreadable (the reader recurses per level). */
const MAX_NESTING = 64;

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Recursive-descent reader over the whole text; positions map to lines through a LineCounter. */
class Reader {
  pos = 0;
  /** Lists and hashes open around the current position. */
  private depth = 0;
  /** Heredoc bodies begin after the line that opened them; their end is where reading resumes on the next line. */
  pendingHeredocs: { tag: string; squiggly: boolean; dash: boolean; resolve: (body: string, bodyLine: number) => void }[] = [];
  constructor(
    readonly text: string,
    readonly lc: LineCounter,
  ) {}

  peek(n = 0): string {
    return this.text[this.pos + n] ?? '';
  }

  /** Skip spaces and tabs (and a backslash line continuation), not newlines. */
  skipInline(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && this.peek(1) === '\n') this.pos += 2;
      else break;
    }
  }

  /** Skip whitespace, newlines and comments (inside brackets a value may span lines). */
  skipAll(): void {
    for (;;) {
      this.skipInline();
      const c = this.peek();
      if (c === '#') this.skipComment();
      else if (c === '\n') this.newline();
      else break;
    }
  }

  skipComment(): void {
    while (this.pos < this.text.length && this.peek() !== '\n') this.pos++;
  }

  /** Consume a newline; a heredoc opened on the line just ended starts here. */
  newline(): void {
    this.pos++;
    while (this.pendingHeredocs.length) {
      const h = this.pendingHeredocs.shift()!;
      const startLine = this.lc.linePos(this.pos).line;
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= this.text.length) throw new ParseError(`heredoc ${h.tag} is never closed`);
        const end = this.text.indexOf('\n', this.pos);
        const line = this.text.slice(this.pos, end < 0 ? this.text.length : end);
        this.pos = end < 0 ? this.text.length : end + 1;
        if ((h.dash || h.squiggly ? line.trim() : line) === h.tag) break;
        lines.push(line);
      }
      let body = lines;
      if (h.squiggly) {
        const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
        body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
      }
      h.resolve(body.join('\n'), startLine);
    }
  }

  ident(): string | undefined {
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  expect(s: string): void {
    if (!this.text.startsWith(s, this.pos)) throw new ParseError(`expected ${s}`);
    this.pos += s.length;
  }

  string(): string {
    const q = this.peek();
    this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) throw new ParseError('string is never closed');
      const c = this.peek();
      if (c === q) {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const n = this.peek(1);
        this.pos += 2;
        if (q === "'") out += n === "'" || n === '\\' ? n : `\\${n}`;
        else out += n === 'n' ? '\n' : n === 't' ? '\t' : n;
        continue;
      }
      out += c;
      this.pos++;
    }
  }

  value(): RubyValue {
    this.skipInline();
    const c = this.peek();
    if (c === '"' || c === "'") return this.concat(this.string());
    if (c === '[') return this.array();
    if (c === '{') return this.hash();
    if (c === ':' && /[A-Za-z_]/.test(this.peek(1))) {
      this.pos++;
      return this.ident()!;
    }
    if (c === '<' && this.peek(1) === '<' && /[-~'"A-Z_]/.test(this.peek(2))) return this.heredoc();
    if (c === '%' && /[wi]/.test(this.peek(1)) && /[([{<]/.test(this.peek(2))) return this.words();
    const n = this.number();
    if (n !== undefined) return this.arithmetic(n);
    const start = this.pos;
    const id = this.ident();
    if (id === 'true') return true;
    if (id === 'false') return false;
    if (id === 'nil') return null;
    const yamlCall = id === 'YAML' ? /^\.(?:safe_)?load/.exec(this.text.slice(this.pos, this.pos + 10)) : null;
    if (yamlCall) {
      this.pos += yamlCall[0].length;
      this.skipInline();
      const paren = this.peek() === '(';
      if (paren) this.pos++;
      const v = this.value();
      this.skipInline();
      if (paren) this.expect(')');
      return v;
    }
    if (id !== undefined) {
      // ENV['X'], ENV.fetch(...), File.read(...), or any other expression: keep as an opaque reference to the end of the expression.
      this.pos = start;
      return { ruby: this.opaque() };
    }
    throw new ParseError(`unexpected ${c === '\n' || c === '' ? 'end of line' : `"${c}"`}`);
  }

  private number(): number | undefined {
    const num = /-?\d[\d_]*(\.\d+)?/y;
    num.lastIndex = this.pos;
    const m = num.exec(this.text);
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0].replace(/_/g, ''));
  }

  /** `200 * 1024 * 1024`: integer arithmetic on literals, left to right with * before + and -. */
  private arithmetic(first: number): number {
    let sum = 0;
    let term = first;
    for (;;) {
      const save = this.pos;
      this.skipInline();
      const op = this.peek();
      if (op !== '*' && op !== '+' && op !== '-') {
        this.pos = save;
        return sum + term;
      }
      this.pos++;
      this.skipInline();
      const n = this.number();
      if (n === undefined) throw new ParseError(`expected a number after ${op}`);
      if (op === '*') term *= n;
      else {
        sum += term;
        term = op === '-' ? -n : n;
      }
    }
  }

  /** %w(a b c) and %i(a b c): lists of words. */
  private words(): string[] {
    this.pos += 2;
    const close = { '(': ')', '[': ']', '{': '}', '<': '>' }[this.peek()]!;
    this.pos++;
    const end = this.text.indexOf(close, this.pos);
    if (end < 0) throw new ParseError(`%w list is never closed`);
    const body = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return body.split(/\s+/).filter(Boolean);
  }

  /** "a" "b" and "a" + "b" are one string. */
  private concat(first: string): RubyValue {
    let s = first;
    for (;;) {
      const save = this.pos;
      this.skipInline();
      if (this.peek() === '+') {
        this.pos++;
        this.skipInline();
      }
      if (this.peek() === '"' || this.peek() === "'") s += this.string();
      else {
        this.pos = save;
        return s;
      }
    }
  }

  /** The source text of an expression this reader does not evaluate, up to the end of the line or the enclosing bracket. */
  private opaque(): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.peek();
      if (c === '"' || c === "'") {
        this.string();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ',' || c === '\n' || c === '#') && depth === 0) break;
      this.pos++;
    }
    return this.text.slice(start, this.pos).trim();
  }

  /** Read one list or hash, refusing absurd nesting (a stack overflow is not a parse error). */
  private nested<T>(read: () => T): T {
    if (this.depth >= MAX_NESTING) throw new ParseError(`nested more than ${MAX_NESTING} levels deep`);
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  array(): RubyValue[] {
    return this.nested(() => this.arrayBody());
  }

  hash(): { [k: string]: RubyValue } {
    return this.nested(() => this.hashBody());
  }

  private arrayBody(): RubyValue[] {
    this.expect('[');
    const out: RubyValue[] = [];
    for (;;) {
      this.skipAll();
      if (this.peek() === ']') {
        this.pos++;
        return out;
      }
      const v = this.value();
      this.skipAll();
      if (this.text.startsWith('=>', this.pos) && typeof v === 'string') {
        // [ 'key' => value ]: Ruby makes the trailing pairs of a list one hash.
        this.pos += 2;
        out.push({ [v]: this.value() });
        this.skipAll();
      } else out.push(v);
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== ']') throw new ParseError('expected , or ] in a list');
    }
  }

  private hashBody(): { [k: string]: RubyValue } {
    this.expect('{');
    const out: { [k: string]: RubyValue } = {};
    for (;;) {
      this.skipAll();
      if (this.peek() === '}') {
        this.pos++;
        return out;
      }
      let key: string;
      const c = this.peek();
      if (c === '"' || c === "'") {
        key = this.string();
        this.skipInline();
        if (this.peek() === ':')
          this.pos++; // "key": value
        else this.expect('=>');
      } else if (c === ':') {
        this.pos++;
        key = this.ident() ?? '';
        this.skipInline();
        this.expect('=>');
      } else {
        const id = this.ident();
        if (!id) throw new ParseError('expected a hash key');
        key = id;
        this.skipInline();
        if (this.peek() === ':') this.pos++;
        else this.expect('=>');
      }
      out[key] = this.value();
      this.skipAll();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== '}') throw new ParseError('expected , or } in a hash');
    }
  }

  heredoc(): RubyValue {
    const m = /<<([-~]?)(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/y;
    m.lastIndex = this.pos;
    const r = m.exec(this.text);
    if (!r) throw new ParseError('unreadable heredoc');
    this.pos += r[0].length;
    const holder: { body?: string; line?: number } = {};
    this.pendingHeredocs.push({ tag: r[3]!, squiggly: r[1] === '~', dash: r[1] === '-', resolve: (body, line) => Object.assign(holder, { body, line }) });
    // The body is read when the current line ends; return a proxy the statement resolves afterwards.
    return { __heredoc: holder } as unknown as RubyValue;
  }
}

/** Replace heredoc placeholders (filled once their line ended) by their text. */
function settle(v: RubyValue): RubyValue {
  if (v && typeof v === 'object' && '__heredoc' in v) return (v as unknown as { __heredoc: { body?: string } }).__heredoc.body ?? '';
  if (Array.isArray(v)) return v.map(settle);
  if (v && typeof v === 'object' && !isOpaque(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, settle(x)]));
  return v;
}

/** YAML inside a heredoc (`YAML.load <<-'EOS'`), e.g. ldap_servers; an unreadable body stays text. */
export function heredocYaml(text: string): unknown {
  try {
    const docs = parseSourceDocuments(text, 'heredoc');
    if (docs.length > 1) return undefined; // one document, as YAML.load reads
    return docs[0]?.value ?? null;
  } catch (e) {
    // invalid YAML, an alias bomb or absurd nesting (util/yaml-source's guards): it stays text
    if (e instanceof InputError) return undefined;
    throw e;
  }
}

/** Read every assignment of a gitlab.rb. Never throws on Ruby it cannot read: it records the line instead. */
export function readGitlabRb(text: string): RubySettings {
  const lc = new LineCounter();
  // Feed the line counter every line start of the text (the first line starts at offset 0).
  lc.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lc.addNewLine(i + 1);
  const r = new Reader(text, lc);
  const values = new Map<string, RubyAssignment>();
  const unreadable: { line: number; key?: string; problem: string }[] = [];
  while (r.pos < text.length) {
    r.skipAll();
    if (r.pos >= text.length) break;
    const start = r.pos;
    const { line, col } = lc.linePos(start);
    let key: string | undefined;
    try {
      const id = r.ident();
      if (!id) throw new ParseError('expected a setting');
      key = id;
      for (;;) {
        if (r.peek() !== '[') break;
        r.pos++;
        r.skipInline();
        const c = r.peek();
        let k: string | undefined;
        if (c === '"' || c === "'") k = r.string();
        else if (c === ':') {
          r.pos++;
          k = r.ident() ?? '';
        }
        if (k === undefined) throw new ParseError('expected a quoted key');
        r.skipInline();
        r.expect(']');
        key += `['${k}']`;
      }
      r.skipInline();
      let value: RubyValue;
      if (r.peek() === '=' && r.peek(1) !== '=') {
        r.pos++;
        value = r.value();
      } else if (!key.includes('[') && (r.peek() === "'" || r.peek() === '"')) {
        value = r.value(); // external_url 'https://gitlab.example.com'
      } else {
        throw new ParseError('not an assignment');
      }
      r.skipInline();
      if (r.peek() === '#') r.skipComment();
      if (r.peek() === ';') r.pos++;
      if (r.pos < text.length && r.peek() !== '\n') throw new ParseError('unexpected text after the value');
      if (r.pos < text.length) r.newline();
      values.set(key, { key, value: settle(value), line, col });
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      unreadable.push({ line, ...(key?.includes('[') ? { key } : {}), problem: e.message });
      r.pendingHeredocs = [];
      // Resynchronize at the next line that starts a statement (column 1, not inside a bracket).
      r.pos = start;
      const next = text.indexOf('\n', r.pos);
      r.pos = next < 0 ? text.length : next + 1;
      while (r.pos < text.length && /[ \t\])}]/.test(r.peek())) {
        const n = text.indexOf('\n', r.pos);
        r.pos = n < 0 ? text.length : n + 1;
      }
    }
  }
  return { values, unreadable };
}
