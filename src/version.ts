import { readFileSync } from 'node:fs';
import { fromRoot } from './util/paths.js';

export const VERSION: string = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

/** The git commit this build came from (build/build-info.json, written by scripts/build.sh), or null. */
export function buildCommit(): string | null {
  try {
    const info = JSON.parse(readFileSync(fromRoot('build', 'build-info.json'), 'utf8')) as { commit?: unknown; dirty?: unknown };
    if (typeof info.commit !== 'string') return null;
    return info.dirty === true ? `${info.commit}-dirty` : info.commit;
  } catch {
    return null;
  }
}
