import { readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { decodeUtf8, kindOf, readRegularFile, type FileKind } from '../util/read-file.js';
import { MANIFEST } from './types.js';

/** A bundle entry that is neither a folder nor a regular file: refused, never followed or read. */
export interface SpecialEntry {
  readonly path: string;
  readonly kind: FileKind;
}

/**
 * Every entry under `dir` as sorted POSIX paths relative to it: the regular files, and the
 * special ones (symbolic links, FIFOs, sockets, devices), which are listed but never followed.
 */
export function listEntries(dir: string): { files: string[]; special: SpecialEntry[] } {
  const files: string[] = [];
  const special: SpecialEntry[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.push(p);
      else special.push({ path: p, kind: kindOf(e) });
    }
  };
  walk('');
  const byPath = (a: { path: string } | string, b: { path: string } | string) => {
    const x = typeof a === 'string' ? a : a.path;
    const y = typeof b === 'string' ? b : b.path;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return { files: files.sort(byPath), special: special.sort(byPath) };
}

/** Every regular file under `dir`, as sorted POSIX paths relative to it. */
export function listFiles(dir: string): string[] {
  return listEntries(dir).files;
}

/** A safe single path segment (tool names and capture names come from config and collectors). */
export function segment(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_');
  return s.length ? s : '_';
}

/** A path from a manifest, inside the bundle: never absolute, never through "..". */
function insideBundle(rel: string): boolean {
  return rel.length > 0 && !path.isAbsolute(rel) && !rel.split(/[\\/]/).includes('..') && !rel.includes('\0');
}

/** Read a JSON file of a bundle (or a saved report): regular file, size-capped, UTF-8, parsed. */
export function readBundleJson<T>(file: string, what: string): T {
  const bytes = readRegularFile(file, { limit: 'maxBundleFileBytes', noFollow: true });
  try {
    return JSON.parse(decodeUtf8(bytes, file)) as T;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError({ file }, `${what} is not JSON (${(e as Error).message})`, { cause: e });
  }
}

/** A file named by the manifest, as a path on disk; refuses one that would leave the bundle. */
export function bundlePath(dir: string, rel: string): string {
  if (!insideBundle(rel)) throw new InputError({ file: path.join(dir, MANIFEST) }, `path "${rel}" leaves the bundle`);
  return path.join(dir, ...rel.split('/'));
}
