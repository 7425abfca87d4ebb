import { InvalidArgumentError } from 'commander';
import { reporters, type ReporterName } from '../reporters/index.js';

/** Parse `--format a,b,c`: known names only, each once, in the order given. */
export function parseFormats(value: string): ReporterName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`no format given; expected one or more of: ${Object.keys(reporters).join(', ')}`);
  for (const n of names) {
    if (!Object.hasOwn(reporters, n)) {
      throw new InvalidArgumentError(`unknown format "${n}"; expected one or more of: ${Object.keys(reporters).join(', ')} (comma-separated)`);
    }
  }
  return [...new Set(names)] as ReporterName[];
}

/** A positive number of seconds (--timeout). */
export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number of seconds`);
  return n;
}
