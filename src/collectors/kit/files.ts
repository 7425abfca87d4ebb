/**
 * Files mode: the configuration files a team keeps in Git or exports (`files:` in a target:
 * paths and globs relative to the config file).
 *
 * At config load, `resolveInputFiles` expands the patterns (tinyglobby); a path or glob that
 * matches nothing, or names (or matches) a folder, FIFO or device, is a CONFIG error (exit 2): the
 * config names input that is not there, like a missing facts file, and nothing is opened. At
 * collection, `readDocuments` reads every file through util/read-file's readTextFile (the
 * checks every user file gets: regular file, size cap, strict UTF-8), then parses it with
 * util/yaml-source (all YAML documents of a file; JSON whole), expands `kind: List` (kubectl get
 * -o json/yaml) into its items, and lets the collector's recognizers claim each object by its
 * content. A collector whose files are text in a format of their own (captured command outputs,
 * line-oriented configuration, HCL, a Splunk .conf) declares text kinds, the one mechanism for
 * them: each is tried on a file's whole text before YAML parsing, and the file becomes one object
 * whose value is its text (positions by line) or what the kind's parser made of it (positions by
 * pointer). A file over the size cap or not UTF-8, an object no recognizer claims, an empty file,
 * a parse error, a kind given twice where it may appear once, or a required kind that is missing
 * is a ToolInputError (that tool is unknown, the run goes on and gates) naming the file, the line
 * and what was expected. Nothing is skipped silently: objects a collector ignores knowingly are
 * listed in the snapshot's source.details.
 */
import path from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { InputError, type Position, ToolInputError } from '../../errors.js';
import type { FactSource } from '../../model/types.js';
import { kindAt, readTextFile } from '../../util/read-file.js';
import { parseSourceDocuments, type SourceDocument } from '../../util/yaml-source.js';
import { redactConfigText, secretValues } from './redact.js';
import type { RawCapture } from './snapshot.js';

/** A file named by a target, resolved at config load. */
export interface InputFile {
  /** Absolute path. */
  readonly path: string;
  /** As shown to the user and recorded in evidence: relative to the working directory. */
  readonly display: string;
  /** When it was last modified, if known otherwise than from the file (verify: as the bundle recorded it). */
  readonly modifiedAt?: string;
}

/** Display form of a path: relative to the working directory, forward slashes. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file) || file;
  return rel.split(path.sep).join('/');
}

/**
 * Expand `files:` patterns against the config's folder: literal paths must exist as files; globs
 * must match at least one file. Sorted, without duplicates. `at(i)` is the config position of
 * pattern i (errors point there).
 */
export function resolveInputFiles(patterns: readonly string[], configDir: string, at: (i: number) => Position, label = 'files:'): InputFile[] {
  const seen = new Set<string>();
  const out: InputFile[] = [];
  patterns.forEach((pattern, i) => {
    let matches: string[];
    if (isDynamicPattern(pattern)) {
      matches = globSync(pattern, { cwd: configDir, absolute: true, onlyFiles: true, expandDirectories: false }).sort();
      if (matches.length === 0) throw new InputError(at(i), `${label} "${pattern}" matches no file (relative to ${displayPath(configDir) || '.'})`);
    } else {
      matches = [path.resolve(configDir, pattern)];
    }
    for (const m of matches.map((x) => path.resolve(x))) {
      // A folder, FIFO or device named (or matched) here is the config's error: it is never opened.
      const kind = kindAt(m);
      if (!kind) throw new InputError(at(i), `${label} ${displayPath(m)}: file not found`);
      if (kind !== 'regular file') throw new InputError(at(i), `${label} ${displayPath(m)} is a ${kind}, not a regular file (only regular files are read)`);
      if (seen.has(m)) continue;
      seen.add(m);
      out.push({ path: m, display: displayPath(m) });
    }
  });
  return out;
}

/** What every kind of object says about itself. */
interface KindBase {
  /** What it is, for messages: "the ConfigMap argocd-cm". */
  readonly describe: string;
  /** At most one object of this kind; a second is an error naming both places. */
  readonly once?: boolean;
}

/** A kind of parsed object: one YAML document, or one item of a List. */
interface ParsedKind extends KindBase {
  /** Whether a parsed object (one YAML document, or one item of a List) is of this kind. */
  readonly match: (value: unknown) => boolean;
}

/**
 * A kind of file that is text in a format of its own, not YAML/JSON: a captured command output, a
 * line-oriented configuration (chrony.conf, a Splunk .conf), HCL, a Ruby gitlab.rb. The kit's one
 * mechanism for such files: `text` claims a whole file by its content, tried before any YAML/JSON
 * parsing (so it must recognize its own format precisely); the file becomes one object.
 *
 *  - Without `parse`, the object's value is the text itself; the collector parses it and says where
 *    each fact was read with `atLine(line, column)` or `within('', needle)`.
 *  - With `parse`, the collector's parser turns the text into a SourceDocument (a value plus the
 *    line of each JSON pointer); the object then answers `at`, `absent` and `within` by pointer like
 *    a YAML object, and its value is scanned for secrets like YAML. A syntax error is an InputError
 *    (or ToolInputError) at its line; its message is redacted.
 *  - With `match` too, the kind is also read from YAML/JSON objects that match (Vault's server
 *    configuration in HCL or JSON), and the value `parse` gives must match, else the file is
 *    unrecognized content.
 */
interface TextKind extends KindBase {
  readonly text: (text: string) => boolean;
  readonly parse?: (text: string, file: string) => SourceDocument;
  readonly match?: (value: unknown) => boolean;
}

/** One kind of object a collector reads from files. */
type DocumentKind = ParsedKind | TextKind;

const isTextKind = (k: DocumentKind): k is TextKind => 'text' in k;

/** How a collector recognizes its files: by content, never by file name. */
export interface DocumentSpec<K extends string> {
  /** One line: what the files must hold (ends every "unrecognized" and parse error). */
  readonly expected: string;
  /**
   * Tried in order: text kinds on the file's text; then, for a file no text kind claims, kinds with
   * `match` on each YAML/JSON object.
   */
  readonly kinds: { readonly [k in K]: DocumentKind };
  /** Kinds that must be among the files. */
  readonly required?: readonly K[];
  /** Objects read knowingly and left aside (e.g. another ConfigMap of the same tool): the reason, else undefined. */
  readonly ignore?: (value: unknown) => string | undefined;
  /** A text file no text kind claims but that is read knowingly and left aside (e.g. a key file): the reason. */
  readonly ignoreText?: (text: string) => string | undefined;
  /**
   * Secret values inside any file read as text (claimed by a text kind or left aside by
   * ignoreText: key material, a Ruby config's passwords): redacted from its capture and everywhere
   * else, like secretValues for YAML.
   */
  readonly textSecrets?: (text: string) => string[];
  /**
   * Why a file no kind claims is not recognized, when its text says more (e.g. "the human output of
   * X; capture it with X -c"). Used when the spec has only text kinds (else such a file is read as
   * YAML/JSON).
   */
  readonly hint?: (text: string) => string | undefined;
}

/** A recognized object, with what a collector needs to say where each fact was read. */
export interface SourceObject<K extends string = string> {
  readonly kind: K;
  readonly value: unknown;
  /** Display path of the file. */
  readonly file: string;
  /** JSON pointer of the object in its YAML document: '' or '/items/3' inside a List. */
  readonly pointer: string;
  /** 1-based line of the object. */
  readonly line: number;
  /** Where the value at `pointer` (relative to the object, e.g. '/data/admin.enabled') was read. */
  at(pointer: string): FactSource;
  /** The setting at `pointer` is absent or null (YAML's `key:`): where it is or its closest parent, marked as the documented default. */
  absent(pointer: string, documentedDefault: string): FactSource;
  /** Where `needle` occurs inside the value at `pointer` (one line of a multi-line string). */
  within(pointer: string, needle: string): FactSource;
  /** A line (and column) of the file: where a record of a text file was read. */
  atLine(line: number, column?: number): FactSource;
  /** When the file was last modified (ISO 8601): when a captured output was taken. */
  readonly modifiedAt: string;
  /** The whole text of the file the object is in (for positions inside embedded configuration). */
  readonly text: string;
}

interface IgnoredObject {
  readonly file: string;
  readonly line: number;
  readonly what: string;
  readonly reason: string;
}

/** The recognized objects by kind, and what was left aside. */
export interface Documents<K extends string> {
  readonly byKind: { readonly [k in K]: readonly SourceObject<K>[] };
  /** The one object of a kind (undefined when absent). */
  one(kind: K): SourceObject<K> | undefined;
  readonly ignored: readonly IgnoredObject[];
  /** Files read (display paths). */
  readonly files: readonly string[];
}

/** Where reading puts each file's capture and the secrets found, also when it ends in an error. */
export interface ReadSink {
  /** Each file's redacted capture (with its original bytes, for the hash). */
  readonly captures: RawCapture[];
  /** Secret values found in the files (to redact everywhere). */
  readonly secrets: string[];
}

/** "ConfigMap argocd-cm", "Deployment argocd-server", or "a mapping with keys a, b, c". */
function describeObject(value: unknown): string {
  if (value === null || typeof value !== 'object') return `a ${value === null ? 'null' : typeof value} value`;
  if (Array.isArray(value)) return 'a list';
  const o = value as { kind?: unknown; metadata?: { name?: unknown } };
  if (typeof o.kind === 'string') return typeof o.metadata?.name === 'string' ? `${o.kind} ${o.metadata.name}` : `a ${o.kind}`;
  const keys = Object.keys(value).slice(0, 4);
  return keys.length ? `a mapping with keys ${keys.join(', ')}${Object.keys(value).length > 4 ? ', ...' : ''}` : 'an empty mapping';
}

/** A key as a JSON pointer segment: '/data/' + escapePointer('policy.csv'). */
export function escapePointer(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1');
}

function sourceObject<K extends string>(kind: K, value: unknown, doc: SourceDocument, pointer: string, modifiedAt: string): SourceObject<K> {
  const pos = (p: string) => doc.locate(`${pointer}${p}`);
  const here = pos('');
  /** A value is set at `p`: the key is there with a value (YAML's `key:` with nothing after it is null, not set). */
  const has = (p: string): boolean => {
    let cur: unknown = value;
    for (const seg of p.split('/').slice(1)) {
      const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
      if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return false;
      cur = (cur as Record<string, unknown>)[key];
    }
    return cur !== null;
  };
  return {
    kind,
    value,
    file: doc.file,
    pointer,
    line: here.line,
    modifiedAt,
    text: doc.text,
    at: (p) => {
      const { line, col } = pos(p);
      return { file: doc.file, line, column: col, pointer: `${pointer}${p}` };
    },
    absent: (p, documentedDefault) => {
      const { line, col } = pos(p);
      // A key with a value is not absent: the caller asked for the wrong thing.
      if (has(p)) throw new Error(`${doc.file}: ${pointer}${p} is present; absent() is for settings that are not set`);
      return { file: doc.file, line, column: col, pointer: `${pointer}${p}`, default: documentedDefault };
    },
    within: (p, needle) => {
      const { line, col } = doc.locateText(`${pointer}${p}`, needle);
      return { file: doc.file, line, column: col, pointer: `${pointer}${p}` };
    },
    atLine: (line, column) => ({ file: doc.file, line, ...(column !== undefined ? { column } : {}) }),
  };
}

/**
 * A whole text file as one object: its only pointer is '' (the text); `within('', needle)` is the
 * line and column of the first occurrence of needle, and the file's start when it does not occur,
 * like `at('')` and `absent('', default)` (the closest position, as for an absent YAML key).
 */
function textObject<K extends string>(kind: K, text: string, file: string, modifiedAt: string): SourceObject<K> {
  const lineOf = (needle: string): { line: number; column: number } => {
    const at = needle === '' ? -1 : text.indexOf(needle);
    if (at < 0) return { line: 1, column: 1 };
    const before = text.slice(0, at).split('\n');
    return { line: before.length, column: before.at(-1)!.length + 1 };
  };
  const only = (p: string): void => {
    if (p !== '') throw new Error(`${file}: a text file has no pointer ${p}; use atLine() or within('', text)`);
  };
  return {
    kind,
    value: text,
    file,
    pointer: '',
    line: 1,
    modifiedAt,
    text,
    at: (p) => {
      only(p);
      return { file, ...lineOf('') };
    },
    absent: (p, documentedDefault) => {
      only(p);
      return { file, ...lineOf(''), default: documentedDefault };
    },
    within: (p, needle) => {
      only(p);
      return { file, ...lineOf(needle) };
    },
    atLine: (line, column) => ({ file, line, ...(column !== undefined ? { column } : {}) }),
  };
}

/** "a text file of 3 lines": what an unrecognized text file is, without quoting it (it may hold anything). */
function describeText(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '').length;
  return `a text file of ${lines} line${lines === 1 ? '' : 's'}`;
}

/**
 * The object of a file a text kind claimed: the text itself, or what the kind's parser made of it
 * (its secrets added to `found`). A syntax error, or a parsed value the kind's `match` refuses, is a
 * ToolInputError at the file's line; the file's capture is kept either way.
 */
function readText<K extends string>(
  kind: K,
  spec: TextKind,
  file: InputFile,
  text: string,
  modifiedAt: string,
  read: { readonly found: string[]; readonly expected: string; readonly sink: ReadSink },
): SourceObject<K> {
  if (!spec.parse) return textObject(kind, text, file.display, modifiedAt);
  const { found, expected, sink } = read;
  let doc: SourceDocument;
  try {
    doc = spec.parse(text, file.display);
  } catch (e) {
    captureText(file, sink.captures, found, text, 'text/plain');
    // A syntax error can sit on a line that holds a password: its message is redacted like the file.
    if (e instanceof InputError) throw new ToolInputError(e.position, redactConfigText(e.problem, found), { expected, cause: e });
    if (e instanceof ToolInputError) throw new ToolInputError(e.where, redactConfigText(e.problem, found), { expected: e.expected ?? expected, cause: e });
    throw e;
  }
  const parsedSecrets = secretValues(doc.value);
  found.push(...parsedSecrets);
  sink.secrets.push(...parsedSecrets);
  if (spec.match && !spec.match(doc.value)) {
    captureText(file, sink.captures, found, text, 'text/plain');
    throw new ToolInputError({ file: file.display, line: 1, col: 1 }, `unrecognized content (${describeObject(doc.value)})`, { expected });
  }
  return sourceObject(kind, doc.value, doc, '', modifiedAt);
}

/**
 * Read and recognize the target's files. Throws a ToolInputError on anything unreadable,
 * unparsable or unrecognized; `sink` keeps the captures and secrets read until then.
 */
export function readDocuments<K extends string>(files: readonly InputFile[], spec: DocumentSpec<K>, sink: ReadSink): Documents<K> {
  const kinds = Object.keys(spec.kinds) as K[];
  const textKinds = kinds.filter((k) => isTextKind(spec.kinds[k]));
  // Kinds read from YAML/JSON objects: every kind with `match` (a text kind may have one too).
  const parsedKinds = kinds.filter((k) => spec.kinds[k].match !== undefined);
  const byKind = Object.fromEntries(kinds.map((k) => [k, [] as SourceObject<K>[]])) as unknown as Record<K, SourceObject<K>[]>;
  const ignored: IgnoredObject[] = [];
  const { captures, secrets } = sink;
  const fail = (where: Position, problem: string, cause?: unknown): never => {
    throw new ToolInputError(where, problem, { expected: spec.expected, cause });
  };
  const claim = (k: K, object: SourceObject<K>, where: Position): void => {
    const first = byKind[k][0];
    if (spec.kinds[k].once && first) fail(where, `${spec.kinds[k].describe} is given twice (also at ${first.file}:${first.line})`);
    byKind[k].push(object);
  };
  for (const given of files) {
    let text: string;
    let docs: SourceDocument[];
    // when the file was last changed, from the descriptor it was read through (the path may be gone by now)
    let modifiedAt: string;
    try {
      ({ text, modifiedAt } = readTextFile(given.path, { display: given.display }));
    } catch (e) {
      if (e instanceof InputError) fail(e.position, e.problem, e);
      throw e;
    }
    if (given.modifiedAt) modifiedAt = given.modifiedAt;
    // Its capture records the time too: the evidence bundle keeps it for verify.
    const file: InputFile = { ...given, modifiedAt };
    // Plain text first: a captured command output or a line-oriented configuration, claimed whole.
    if (textKinds.length > 0 || spec.ignoreText) {
      if (text.trim() === '') fail({ file: file.display, line: 1, col: 1 }, 'the file is empty');
      const found = spec.textSecrets?.(text) ?? [];
      secrets.push(...found);
      const textKind = textKinds.find((k) => (spec.kinds[k] as TextKind).text(text));
      const reason = textKind === undefined ? spec.ignoreText?.(text) : undefined;
      if (textKind !== undefined || reason !== undefined || parsedKinds.length === 0) {
        if (textKind !== undefined) {
          const object = readText(textKind, spec.kinds[textKind] as TextKind, file, text, modifiedAt, { found, expected: spec.expected, sink });
          captureText(file, captures, found, text, 'text/plain');
          claim(textKind, object, { file: file.display, line: object.line, col: 1 });
        } else if (reason !== undefined) {
          captureText(file, captures, found, text, 'text/plain');
          ignored.push({ file: file.display, line: 1, what: describeText(text), reason });
        } else {
          captureText(file, captures, found, text, 'text/plain');
          const hint = spec.hint?.(text);
          fail({ file: file.display, line: 1, col: 1 }, `unrecognized content (${hint ?? describeText(text)})`);
        }
        continue;
      }
    }
    try {
      docs = parseSourceDocuments(text, file.display);
    } catch (e) {
      captureText(file, captures, [], text);
      // A parse error can sit on a line that holds a password: its message is redacted like the file.
      if (e instanceof InputError) fail(e.position, redactConfigText(e.problem), e);
      throw e;
    }
    const found = docs.flatMap((d) => secretValues(d.value));
    secrets.push(...found);
    captureText(file, captures, found, text);
    let objects = 0;
    docs.forEach((doc) => {
      if (doc.value === null || doc.value === undefined) return; // an empty document (a trailing ---)
      const items = listItems(doc.value);
      const entries = items ? items.map((v, i) => ({ value: v, pointer: `/items/${i}` })) : [{ value: doc.value, pointer: '' }];
      for (const { value, pointer } of entries) {
        objects++;
        // Parsed kinds see mappings and lists only: a text is a text kind's (a bare YAML string is not one).
        const kind = value !== null && typeof value === 'object' ? parsedKinds.find((k) => spec.kinds[k].match!(value)) : undefined;
        const { line, col } = doc.locate(pointer);
        if (kind === undefined) {
          const reason = spec.ignore?.(value);
          if (reason !== undefined) {
            ignored.push({ file: file.display, line, what: describeObject(value), reason });
            continue;
          }
          fail({ file: file.display, line, col }, `unrecognized content (${describeObject(value)})`);
        }
        claim(kind as K, sourceObject(kind as K, value, doc, pointer, modifiedAt), { file: file.display, line, col });
      }
    });
    if (objects === 0) fail({ file: file.display, line: 1, col: 1 }, docs.length === 0 ? 'the file is empty' : 'the file holds only empty documents');
  }
  for (const k of spec.required ?? []) {
    if (byKind[k].length === 0) {
      fail({ file: files.map((f) => f.display).join(', ') || '(no files)' }, `none of the files is ${spec.kinds[k].describe}`);
    }
  }
  return { byKind, one: (kind) => byKind[kind][0], ignored, files: files.map((f) => f.display) };
}

/** The items of a `kind: List` (kubectl get -o json/yaml of several objects), else undefined. */
function listItems(value: unknown): unknown[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as { kind?: unknown; items?: unknown };
  return typeof v.kind === 'string' && /List$/.test(v.kind) && Array.isArray(v.items) ? v.items : undefined;
}

function captureText(file: InputFile, captures: RawCapture[], secrets: readonly string[], text: string, mediaType?: string): void {
  const name = path.basename(file.path);
  const type = mediaType ?? (/\.json$/i.test(name) ? 'application/json' : 'application/yaml');
  captures.push({
    name,
    mediaType: type,
    bytes: Buffer.from(redactConfigText(text, secrets), 'utf8'),
    original: Buffer.from(text, 'utf8'),
    file: { display: file.display, ...(file.modifiedAt ? { modifiedAt: file.modifiedAt } : {}) },
  });
}
