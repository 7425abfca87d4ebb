import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';
import { fromRoot } from '../util/paths.js';
import { validateSource } from '../util/schema.js';
import { readSourceFile } from '../util/yaml-source.js';
import type { Config } from './types.js';

export interface ProfileParam {
  readonly value: unknown;
  readonly source: string;
}

export interface Profile {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly params: Readonly<Record<string, ProfileParam>>;
}

export const PROFILES_DIR = fromRoot('profiles');

export function profileNames(): string[] {
  return readdirSync(PROFILES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

export function loadProfile(name: string): Profile {
  const file = path.join(PROFILES_DIR, `${name}.yaml`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !existsSync(file)) {
    throw new InputError({ file: '--profile' }, `unknown profile "${name}"; expected one of: ${profileNames().join(', ')}`);
  }
  const src = readSourceFile(file, path.relative(process.cwd(), file));
  validateSource('profile', src, 'profile');
  return src.value as Profile;
}

/**
 * The parameters the policies get: the profile's values, overridden by the config's
 * `parameters`. A config parameter the profile does not define is a typo until proven otherwise.
 */
export function resolveParameters(profile: Profile, config?: Config): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(profile.params)) params[k] = p.value;
  for (const [k, v] of Object.entries(config?.parameters ?? {})) {
    if (!Object.hasOwn(profile.params, k)) {
      const { line, col } = config!.source.locate('/parameters', k);
      throw new InputError(
        { file: config!.file, line, col },
        `unknown parameter "${k}"; profile ${profile.name} defines: ${Object.keys(profile.params).sort().join(', ')}`,
      );
    }
    const want = typeof profile.params[k]!.value;
    const isArr = Array.isArray(profile.params[k]!.value);
    if (isArr !== Array.isArray(v) || (!isArr && typeof v !== want)) {
      const { line, col } = config!.source.locate(`/parameters/${k}`);
      throw new InputError({ file: config!.file, line, col }, `parameter "${k}" must be ${isArr ? 'a list' : `a ${want}`}`);
    }
    params[k] = v;
  }
  return params;
}
