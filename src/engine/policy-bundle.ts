import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../errors.js';
import type { PolicyBundleManifest } from '../policy/build.js';
import type { Catalog } from '../policy/catalog.js';
import { sha256 } from '../util/hash.js';
import { fromRoot } from '../util/paths.js';

/** The built policy bundle: the Wasm module, its catalog and manifest (build/policy/). */
export interface PolicyBundle {
  readonly dir: string;
  readonly wasm: Buffer;
  readonly catalog: Catalog;
  readonly manifest: PolicyBundleManifest;
}

export const DEFAULT_POLICY_BUNDLE_DIR = fromRoot('build', 'policy');

export function loadPolicyBundle(dir: string = DEFAULT_POLICY_BUNDLE_DIR): PolicyBundle {
  const read = (name: string): Buffer => {
    try {
      return readFileSync(path.join(dir, name));
    } catch (e) {
      throw new EngineError(`policy bundle ${dir} has no ${name}; build it with: npm run build`, { cause: e });
    }
  };
  const manifest = JSON.parse(read('manifest.json').toString('utf8')) as PolicyBundleManifest;
  const wasm = read('policy.wasm');
  const catalogText = read('catalog.json');
  if (sha256(wasm) !== manifest.wasm_sha256 || sha256(catalogText) !== manifest.catalog_sha256) {
    throw new EngineError(`policy bundle ${dir} does not match its manifest (changed after the build); rebuild with: npm run build`);
  }
  return { dir, wasm, catalog: JSON.parse(catalogText.toString('utf8')) as Catalog, manifest };
}
