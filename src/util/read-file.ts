/**
 * Reading a user's file safely: only regular files (a FIFO, socket or device is an error, never
 * a hang or an endless read), at most a size cap, and text only when it is valid UTF-8 (never
 * silently altered: the bytes hashed are the bytes read).
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { InputError } from '../errors.js';
import { formatBytes, LIMIT_SETTINGS, limits, type LimitName } from './limits.js';

export type FileKind = 'regular file' | 'directory' | 'symbolic link' | 'FIFO' | 'socket' | 'character device' | 'block device' | 'special file';

export function kindOf(s: Pick<Stats, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): FileKind {
  if (s.isFile()) return 'regular file';
  if (s.isDirectory()) return 'directory';
  if (s.isSymbolicLink()) return 'symbolic link';
  if (s.isFIFO()) return 'FIFO';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice()) return 'character device';
  if (s.isBlockDevice()) return 'block device';
  return 'special file';
}

/** What is at `file`, looked at without opening it (a FIFO is never opened): its kind, or undefined when nothing can be found there. */
export function kindAt(file: string): FileKind | undefined {
  try {
    return kindOf(statSync(file));
  } catch {
    return undefined;
  }
}

export interface ReadOptions {
  /** Name in messages (default: the path). */
  readonly display?: string;
  /** Which limit caps the size (default maxFileBytes). */
  readonly limit?: LimitName;
  /** Refuse a symbolic link instead of following it (files inside evidence bundles). */
  readonly noFollow?: boolean;
}

function capHint(limit: LimitName): string {
  const s = LIMIT_SETTINGS[limit];
  return `raise it with limits.${s.config} in the config or ${s.env}`;
}

/** Every file this process read as input, by device and inode: outputs must never overwrite one. */
const inputs = new Map<string, string>();

/** The input file `file` is (same device and inode, so links count), or undefined. */
export function inputAt(file: string): string | undefined {
  try {
    const st = statSync(file);
    return inputs.get(`${st.dev}:${st.ino}`);
  } catch {
    return undefined;
  }
}

/**
 * The bytes of a regular file, at most the limit. Opened non-blocking so that a FIFO without a
 * writer cannot block, then checked with fstat on the open descriptor (no race with a swap).
 */
export function readRegularFile(file: string, options: ReadOptions = {}): Buffer {
  return readRegularFileTimed(file, options).bytes;
}

/**
 * readRegularFile, with the file's modification time from the same fstat: the time belongs to the
 * bytes read, and nothing looks the path up again (the file may be gone or replaced by then).
 */
export function readRegularFileTimed(file: string, options: ReadOptions = {}): { bytes: Buffer; modifiedAt: string } {
  const display = options.display ?? file;
  const limit = options.limit ?? 'maxFileBytes';
  const max = limits()[limit];
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, expected a file'
          : code === 'ELOOP' && options.noFollow
            ? 'is a symbolic link, not a regular file (only regular files are read)'
            : `cannot read (${code ?? 'error'})`;
    throw new InputError({ file: display }, why, { cause: e });
  }
  try {
    const st = fstatSync(fd);
    const kind = kindOf(st);
    if (kind === 'directory') throw new InputError({ file: display }, 'is a directory, expected a file');
    if (kind === 'regular file') inputs.set(`${st.dev}:${st.ino}`, display);
    if (kind !== 'regular file') throw new InputError({ file: display }, `is a ${kind}, not a regular file (only regular files are read)`);
    if (st.size > max) {
      throw new InputError({ file: display }, `is ${formatBytes(st.size)}, over the ${formatBytes(max)} limit (${capHint(limit)})`);
    }
    // The file may grow while we read: never read past the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size - total, 64 * 1024), max + 1 - total, 16 * 1024 * 1024));
      if (buf.length === 0) break;
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        throw new InputError({ file: display }, `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
      }
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > max) throw new InputError({ file: display }, `grew past the ${formatBytes(max)} limit while being read (${capHint(limit)})`);
    }
    return { bytes: Buffer.concat(chunks, total), modifiedAt: st.mtime.toISOString() };
  } finally {
    closeSync(fd);
  }
}

/** Line and column (1-based) of a byte offset. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  // Column in characters: count the UTF-8 lead bytes between the line start and the offset.
  let col = 1;
  for (let i = start; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) col++;
  return { line, col };
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence. */
function firstInvalid(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the longest valid prefix (a prefix may end inside a sequence: stream mode).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Bytes as UTF-8 text, exactly: a byte order mark is kept (so the text's UTF-8 encoding is the
 * file's bytes and hashes agree), and invalid UTF-8 is an error at its line, never replaced.
 */
export function decodeUtf8(bytes: Uint8Array, display: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    const at = firstInvalid(bytes);
    const { line, col } = positionOf(bytes, at);
    const b = bytes[at];
    throw new InputError(
      { file: display, line, col },
      `not valid UTF-8 (byte 0x${(b ?? 0).toString(16).padStart(2, '0')} at offset ${at}); save the file as UTF-8`,
      { cause: e },
    );
  }
}

/** A regular file's bytes and its UTF-8 text (see readRegularFile and decodeUtf8). */
export function readTextFile(file: string, options: ReadOptions = {}): { bytes: Buffer; text: string; modifiedAt: string } {
  const { bytes, modifiedAt } = readRegularFileTimed(file, options);
  return { bytes, text: decodeUtf8(bytes, options.display ?? file), modifiedAt };
}

/**
 * sha256 of a regular file, read in chunks (no size cap: nothing is kept). A FIFO, device or
 * socket is refused like in readRegularFile.
 */
export function hashRegularFile(file: string, display = file): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      { file: display },
      code === 'ELOOP' ? 'is a symbolic link, not a regular file (only regular files are read)' : `cannot read (${code ?? 'error'})`,
      {
        cause: e,
      },
    );
  }
  try {
    const kind = kindOf(fstatSync(fd));
    if (kind !== 'regular file') throw new InputError({ file: display }, `is a ${kind}, not a regular file (only regular files are read)`);
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}
