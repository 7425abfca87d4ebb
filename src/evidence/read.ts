import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import type { Report } from '../report/types.js';
import { PATHS } from './types.js';
import { readManifest } from './verify.js';

/** The report inside an evidence bundle (for `explore`, `diff` and `--baseline`). Does not verify hashes. */
export function readBundle(dir: string): Report {
  readManifest(dir);
  const file = path.join(dir, ...PATHS.report.split('/'));
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch (e) {
    throw new InputError({ file }, `cannot read the bundle's report (${(e as NodeJS.ErrnoException).code ?? 'invalid JSON'})`, { cause: e });
  }
}
