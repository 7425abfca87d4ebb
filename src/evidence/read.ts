import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Report } from '../report/types.js';
import { PATHS } from './types.js';
import { readManifest, verifyBundle } from './verify.js';

export interface ReadBundleOptions {
  /** Recompute every hash (and check the signature) first; throw naming what changed. @default false */
  readonly verify?: boolean;
  /** With verify: the key the manifest must be signed with. */
  readonly publicKey?: KeyObject;
}

/** The report inside an evidence bundle (for `explore`, `diff` and `--baseline`). */
export function readBundle(dir: string, options: ReadBundleOptions = {}): Report {
  readManifest(dir);
  if (options.verify) {
    const v = verifyBundle(dir, options.publicKey);
    if (!v.ok) {
      const what = [
        ...v.changed.map((p) => `changed ${p}`),
        ...v.added.map((p) => `added ${p}`),
        ...v.removed.map((p) => `removed ${p}`),
        ...(v.signature === 'invalid' || v.signature === 'missing' ? [`signature ${v.signature}`] : []),
      ];
      throw new InputError(
        { file: dir },
        `evidence bundle does not verify (${what.slice(0, 3).join(', ')}${what.length > 3 ? `, and ${what.length - 3} more` : ''})`,
      );
    }
  }
  const file = path.join(dir, ...PATHS.report.split('/'));
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Report;
  } catch (e) {
    throw new InputError({ file }, `cannot read the bundle's report (${(e as NodeJS.ErrnoException).code ?? 'invalid JSON'})`, { cause: e });
  }
}
