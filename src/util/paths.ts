import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The package root (the folder holding package.json), from dist/util/paths.js. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function fromRoot(...parts: string[]): string {
  return path.join(packageRoot, ...parts);
}
