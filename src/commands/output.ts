import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { writeChunks, writeChunksToFile } from '../reporters/write.js';
import { inputAt } from '../util/read-file.js';
import { colorFor } from '../log/color.js';

/** An output path must not be a file this run read (the config, a facts file, a baseline, a key). */
export function assertNotInput(out: string): void {
  const input = inputAt(out);
  if (input !== undefined) throw new UsageError(`--out ${out}: refusing to overwrite ${input}, an input of this run; write elsewhere`);
}

/** Colour for a report on stdout (src/log/color.ts: FORCE_COLOR, NO_COLOR, TERM=dumb, a terminal). */
export function useColor(): boolean {
  return colorFor(process.stdout);
}

/**
 * Write text (one string, or a report's pieces) to stdout, or to a file when `out` is given (and
 * not "-"). Pieces are written batch by batch: a report never has to fit in one string.
 */
export function writeOutput(text: string | Iterable<string>, out: string | undefined): void {
  const chunks = typeof text === 'string' ? [text] : text;
  if (!out || out === '-') {
    // Synchronous for files, pipes and terminals on Linux and macOS (Node's documented stdout behaviour).
    writeChunks(chunks, (buf) => process.stdout.write(buf));
    return;
  }
  assertNotInput(out);
  try {
    writeChunksToFile(out, chunks);
  } catch (e) {
    // only the file system's errors are about the output; a reporter's own error passes through
    if (!(e as NodeJS.ErrnoException).syscall) throw e;
    throw new InputError({ file: out }, `cannot write output (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
  }
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

/** -f/--format (one of `formats`, the first by default) and -o/--out: the output options of diff, history and controls. */
export function addFormatOptions(command: Command, formats: readonly [string, ...string[]]): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(formats[0]))
    .option('-o, --out <file>', 'write to a file instead of stdout');
}
