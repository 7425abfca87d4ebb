// Framework control catalogs (profiles/frameworks/<name>.yaml, schemas/framework.schema.json):
// every control of a framework within auditready's areas, with the tool categories it is about.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import type { Category } from '../model/types.js';
import { FRAMEWORKS, type Framework } from '../policy/catalog.js';
import { fromRoot } from '../util/paths.js';
import { validateSource } from '../util/schema.js';
import { readSourceFile } from '../util/yaml-source.js';

export interface FrameworkControl {
  readonly id: string;
  readonly title: string;
  readonly areas: readonly string[];
  /** Tool categories the control is about (CIS SSCS 4.2.x: registry); absent = every tool. */
  readonly scope?: readonly Category[];
  readonly manual?: boolean;
  readonly note?: string;
}

export interface FrameworkCatalog {
  readonly framework: Framework;
  readonly title: string;
  readonly source: string;
  readonly controls: readonly FrameworkControl[];
}

const FRAMEWORKS_DIR = fromRoot('profiles', 'frameworks');

export function loadFramework(name: string): FrameworkCatalog {
  const file = path.join(FRAMEWORKS_DIR, `${name}.yaml`);
  if (!(FRAMEWORKS as readonly string[]).includes(name) || !existsSync(file)) {
    const known = readdirSync(FRAMEWORKS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
    throw new UsageError(`unknown framework "${name}"; expected one of: ${known.join(', ')}`);
  }
  const src = readSourceFile(file, path.relative(process.cwd(), file));
  validateSource('framework', src, 'framework catalog');
  const fw = src.value as FrameworkCatalog;
  if (fw.framework !== name) throw new InputError({ file: src.file, line: src.locate('/framework').line }, `framework "${fw.framework}" in ${name}.yaml`);
  return fw;
}

const cache = new Map<string, FrameworkCatalog | null>();

/**
 * The catalog of a framework key as findings name it, or null for a key auditready has no catalog
 * for (a custom policy's own framework). Read once per process.
 */
export function frameworkCatalog(name: string): FrameworkCatalog | null {
  if (!cache.has(name)) cache.set(name, (FRAMEWORKS as readonly string[]).includes(name) ? loadFramework(name) : null);
  return cache.get(name)!;
}
