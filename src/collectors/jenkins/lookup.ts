/**
 * Finding settings across the JCasC documents of one controller. JCasC merges its files and
 * refuses two different values for the same setting; so does this lookup, naming both places.
 */
import { ToolInputError } from '../../errors.js';
import type { CascDoc, Located } from './casc.js';

export interface Found<T = unknown> {
  readonly value: T;
  readonly at: Located;
  readonly doc: CascDoc;
  /** JSON pointer of the value inside its document. */
  readonly pointer: string;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function pointerOf(path: readonly (string | number)[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function get(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isRecord(cur) && typeof seg === 'string') cur = cur[seg];
    else return undefined;
  }
  return cur;
}

function describe(at: Located): string {
  return `${at.file}:${at.line}`;
}

/** The one definition of a setting across documents, or undefined; two different definitions are an input error. */
export function findSetting(docs: readonly CascDoc[], path: readonly string[]): Found | undefined {
  let found: Found | undefined;
  for (const doc of docs) {
    const value = get(doc.value, path);
    if (value === undefined) continue;
    const pointer = pointerOf(path);
    const here: Found = { value, at: doc.at(pointer), doc, pointer };
    if (found && JSON.stringify(found.value) !== JSON.stringify(value)) {
      throw new ToolInputError(
        { file: here.at.file, line: here.at.line, col: here.at.column },
        `${path.join('.')} is set here and at ${describe(found.at)} with different values; JCasC refuses conflicting configuration, so which one applies is unknown`,
      );
    }
    found ??= here;
  }
  return found;
}

/** A child of a found setting, located in the same document. */
export function child<T = unknown>(parent: Found, ...path: (string | number)[]): Found<T> | undefined {
  const value = get(parent.value, path);
  if (value === undefined) return undefined;
  const pointer = `${parent.pointer}${pointerOf(path)}`;
  return { value: value as T, at: parent.doc.at(pointer), doc: parent.doc, pointer };
}

/**
 * A JCasC "describable": a symbol with its configuration, written `symbol` or `{symbol: {...}}`
 * (e.g. `authorizationStrategy: unsecured`, `securityRealm: {local: {allowsSignup: false}}`).
 */
export interface Describable {
  readonly symbol: string;
  readonly config: Found<Record<string, unknown>>;
}

const SYMBOL = /^[A-Za-z][\w-]*$/;

export function describable(found: Found, what: string): Describable {
  if (typeof found.value === 'string' && SYMBOL.test(found.value.trim())) {
    return { symbol: found.value.trim(), config: { ...found, value: {} } };
  }
  if (isRecord(found.value)) {
    const keys = Object.keys(found.value);
    if (keys.length === 1 && SYMBOL.test(keys[0]!)) {
      const symbol = keys[0]!;
      const inner = found.value[symbol];
      const c = child<Record<string, unknown>>(found, symbol)!;
      return { symbol, config: { ...c, value: isRecord(inner) ? inner : {} } };
    }
  }
  throw new ToolInputError(
    { file: found.at.file, line: found.at.line, col: found.at.column },
    `${what} must name exactly one implementation (e.g. ${what === 'securityRealm' ? 'local:, ldap:, saml:, oic:' : 'globalMatrix:, roleBased:, loggedInUsersCanDoAnything:'}), got ${isRecord(found.value) ? `${Object.keys(found.value).length} key(s)` : typeof found.value === 'string' ? 'a string that is not a name' : typeof found.value}`,
  );
}

/** A boolean setting; absent gives the documented default, recorded as such. A non-boolean is an input error. */
export function bool(parent: Found, key: string, fallback: boolean, defaultText: string): { value: boolean; at: Located } {
  const f = child(parent, key);
  if (f === undefined) return { value: fallback, at: { ...parent.at, default: defaultText } };
  if (typeof f.value === 'boolean') return { value: f.value, at: f.at };
  if (f.value === 'true' || f.value === 'false') return { value: f.value === 'true', at: f.at };
  throw new ToolInputError({ file: f.at.file, line: f.at.line, col: f.at.column }, `${key} must be true or false`);
}

export function str(parent: Found, ...path: (string | number)[]): Found<string> | undefined {
  const f = child(parent, ...path);
  return f && typeof f.value === 'string' && f.value.trim() !== '' ? (f as Found<string>) : undefined;
}

export function list(parent: Found, ...path: (string | number)[]): Found<unknown[]> | undefined {
  const f = child(parent, ...path);
  if (f === undefined || f.value === null) return undefined;
  if (!Array.isArray(f.value)) {
    throw new ToolInputError({ file: f.at.file, line: f.at.line, col: f.at.column }, `${path.join('.')} must be a list`);
  }
  return f as Found<unknown[]>;
}
