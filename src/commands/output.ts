import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';

export function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

/** Write to stdout, or to a file when `out` is given (and not "-"). */
export function writeOutput(text: string, out: string | undefined): void {
  if (!out || out === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    throw new InputError({ file: out }, `cannot write output (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
  }
}

/**
 * Collector progress on stderr: 'info' lines only on a terminal; 'notice' lines (rate-limit and
 * Retry-After waits) and 'error' lines (a tool whose input could not be read) always, so a CI log
 * shows why a run waited or what it could not read.
 */
export function progressToStderr(message: string, level: 'info' | 'notice' | 'error' = 'info'): void {
  if (level === 'info' && !process.stderr.isTTY) return;
  process.stderr.write(level === 'info' ? `${message}\n` : `auditready: ${message}\n`);
}

/** Create a file the user asked for; an existing one is kept unless `force` (then it is replaced). */
export function writeNewFile(file: string, text: string, force: boolean): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  try {
    writeFileSync(file, text, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${file} exists; not overwritten (use --force to replace it)`, { cause: e });
    throw new InputError({ file }, `cannot write (${code ?? 'error'})`, { cause: e });
  }
}
