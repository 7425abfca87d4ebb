import path from 'node:path';
import { fromRoot } from './paths.js';

/**
 * The `# yaml-language-server: $schema=` value for a file written into `dir`: the schema shipped
 * in the package (schemas/<name>.schema.json), relative to that folder, so editors that read the
 * modeline (VS Code's YAML extension, and any yaml-language-server client) complete and validate.
 */
export function schemaRef(name: 'config' | 'facts', dir: string): string {
  return path
    .relative(path.resolve(dir), fromRoot('schemas', `${name}.schema.json`))
    .split(path.sep)
    .join('/');
}
