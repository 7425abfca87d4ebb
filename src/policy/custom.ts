import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.js';
import { HOST_BUILTINS } from '../engine/builtins.js';
import { locateOpa } from '../opa/locate.js';
import { sha256 } from '../util/hash.js';
import { fromRoot } from '../util/paths.js';
import { buildPolicies, policiesDigest } from './build.js';
import { WASM_NATIVE } from './builtins-capability.js';

export const BUILTIN_POLICIES_DIR = fromRoot('policies');

/** Changes when the layout of a built custom bundle changes (cached bundles of older layouts are rebuilt). */
const BUNDLE_FORMAT = 'custom-bundle-2 (per-policy entrypoints)';

function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.AUDITREADY_CACHE_DIR) return env.AUDITREADY_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'auditready');
}

/** Check that every custom policy directory exists; `where` names the flag or config line. */
export function checkPolicyDirs(dirs: readonly string[], where: (dir: string) => { file: string; line?: number; col?: number }): void {
  for (const dir of dirs) {
    let ok = false;
    try {
      ok = statSync(dir).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new InputError(where(dir), `policy directory ${dir} does not exist or is not a directory`);
  }
}

/**
 * Build the built-in policies together with a user's policy directories into one Wasm bundle,
 * compiled by the OPA CLI at run time and cached by content hash (sources, OPA version and the
 * engine's built-ins), so an unchanged set of policies is compiled once.
 */
export async function customPolicyBundle(userDirs: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dirs = [BUILTIN_POLICIES_DIR, ...userDirs.map((d) => path.resolve(d))];
  const opa = await locateOpa(env);
  const key = sha256(
    [BUNDLE_FORMAT, opa.version, policiesDigest(dirs), Object.keys(HOST_BUILTINS).join(','), WASM_NATIVE.join(','), dirs.join('\n')].join('\n'),
  );
  const dir = path.join(cacheRoot(env), 'bundles', key.slice(0, 32));
  if (existsSync(path.join(dir, 'manifest.json'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  try {
    await buildPolicies(dirs, tmp, { customDirs: userDirs });
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
