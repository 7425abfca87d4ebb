import { closeSync, openSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';

/** Pieces are handed on once about this many characters are pending (few writes, bounded memory). */
const BATCH = 1 << 20;

export interface Written {
  readonly bytes: number;
  /** sha256 of everything written, hex (when asked for). */
  readonly sha256?: string;
}

/** Hand the pieces to `sink` in batches, in order; returns the size (and hash) of what was written. */
export function writeChunks(chunks: Iterable<string>, sink: (bytes: Buffer) => void, options: { hash?: boolean } = {}): Written {
  const hash = options.hash ? createHash('sha256') : undefined;
  let bytes = 0;
  const pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const buf = Buffer.from(pending.join(''), 'utf8');
    pending.length = 0;
    size = 0;
    hash?.update(buf);
    bytes += buf.byteLength;
    sink(buf);
  };
  for (const c of typeof chunks === 'string' ? [chunks] : chunks) {
    pending.push(c);
    size += c.length;
    if (size >= BATCH) flush();
  }
  flush();
  return { bytes, sha256: hash?.digest('hex') };
}

/** Write the pieces to a new (or truncated) file, synchronously. */
export function writeChunksToFile(file: string, chunks: Iterable<string>, options: { hash?: boolean } = {}): Written {
  const fd = openSync(file, 'w');
  try {
    return writeChunks(
      chunks,
      (buf) => {
        for (let off = 0; off < buf.byteLength; ) off += writeSync(fd, buf, off);
      },
      options,
    );
  } finally {
    closeSync(fd);
  }
}
