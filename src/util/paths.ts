import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (the folder holding auditready's package.json): the nearest such folder above
 * this module, wherever the build put it (dist/util/paths.js, the bundled dist/cli.js, or the
 * sources under test).
 */
const packageRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'auditready') return dir;
    if (path.dirname(dir) === dir) throw new Error(`auditready: no package.json of auditready above ${from}`);
  }
}

export function fromRoot(...parts: string[]): string {
  return path.join(packageRoot, ...parts);
}
