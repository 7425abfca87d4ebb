/**
 * A CommonJS package required on first use instead of at start-up, for a large one that a
 * synchronous reader needs (import() would make every caller asynchronous): js-hcl-parser, 2 MB,
 * only for Vault and OpenBao HCL. The build bundles each into dist/lazy/<name>.cjs
 * (scripts/bundle.mjs LAZY_REQUIRES), which the package ships with no node_modules; without a
 * build (tests run from the sources) it is the installed package.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fromRoot } from './paths.js';

const requireHere = createRequire(import.meta.url);

/** A function that returns the package `name`, required the first time it is called. */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    if (loaded === undefined) {
      const bundled = fromRoot('dist', 'lazy', `${name}.cjs`);
      loaded = requireHere(existsSync(bundled) ? bundled : name) as T;
    }
    return loaded;
  };
}
