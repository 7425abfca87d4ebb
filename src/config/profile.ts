import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError, type Position } from '../errors.js';
import type { Catalog, Framework } from '../policy/catalog.js';
import { fromRoot } from '../util/paths.js';
import { validateSource } from '../util/schema.js';
import { readSourceFile, type SourceDocument } from '../util/yaml-source.js';
import type { Config } from './types.js';

export interface ProfileParam {
  readonly value: unknown;
  readonly source: string;
  /** Range of meaningful values (numbers): a config override outside it is an error at its line. */
  readonly minimum?: number;
  readonly maximum?: number;
  readonly integer?: boolean;
}

/** Why a value is outside a parameter's range, or null. */
export function rangeProblem(name: string, value: unknown, p: Pick<ProfileParam, 'minimum' | 'maximum' | 'integer'>): string | null {
  if (typeof value !== 'number') return null;
  const range = [p.minimum !== undefined ? `at least ${p.minimum}` : '', p.maximum !== undefined ? `at most ${p.maximum}` : ''].filter(Boolean).join(' and ');
  if (p.integer && !Number.isInteger(value)) return `parameter "${name}" must be a whole number${range ? `, ${range}` : ''} (got ${value})`;
  if ((p.minimum !== undefined && value < p.minimum) || (p.maximum !== undefined && value > p.maximum)) {
    return `parameter "${name}" must be ${range} (got ${value})`;
  }
  return null;
}

interface ProfileFile {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly extends?: string;
  readonly framework?: Framework;
  readonly policies?: { readonly include?: readonly string[]; readonly exclude?: readonly string[] };
  readonly params?: Readonly<Record<string, ProfileParam>>;
}

/** A profile with its `extends` chain resolved: every parameter with the source of its value. */
export interface Profile {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly framework?: Framework;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly params: Readonly<Record<string, ProfileParam>>;
  /** The profile's file and the files it extends, child first (evidence bundles copy them). */
  readonly files: readonly string[];
}

const PROFILES_DIR = fromRoot('profiles');

export function profileNames(): string[] {
  return readdirSync(PROFILES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort();
}

function readProfile(name: string, where: Position): ProfileFile & { readonly src: SourceDocument } {
  const file = path.join(PROFILES_DIR, `${name}.yaml`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !existsSync(file)) {
    throw new InputError(where, `unknown profile "${name}"; expected one of: ${profileNames().join(', ')}`);
  }
  const src = readSourceFile(file, path.relative(process.cwd(), file));
  validateSource('profile', src, 'profile');
  const profile = src.value as ProfileFile;
  if (profile.name !== name) {
    throw new InputError({ file: src.file, line: src.locate('/name').line }, `profile name "${profile.name}" does not match its file name "${name}"`);
  }
  return { ...profile, src };
}

/** Load a profile and the chain it extends; parameters of the child win. */
export function loadProfile(name: string, where: Position = { file: '--profile' }): Profile {
  const chain: (ProfileFile & { readonly src: SourceDocument })[] = [];
  for (let next: string | undefined = name; next !== undefined; ) {
    if (chain.some((p) => p.name === next)) {
      throw new InputError({ file: `profiles/${next}.yaml` }, `profile "extends" loop: ${[...chain.map((p) => p.name), next].join(' -> ')}`);
    }
    const p = readProfile(next, chain.length === 0 ? where : { file: `profiles/${chain[chain.length - 1]!.name}.yaml` });
    chain.push(p);
    next = p.extends;
  }
  // A child's entry overrides its parent's value and source; a range it does not restate is inherited.
  const params: Record<string, ProfileParam> = {};
  for (const p of [...chain].reverse()) {
    for (const [k, v] of Object.entries(p.params ?? {})) {
      params[k] = { ...params[k], ...v };
      const problem = rangeProblem(k, params[k]!.value, params[k]!);
      if (problem) throw new InputError({ file: p.src.file, ...p.src.locate(`/params/${k}/value`) }, problem);
    }
  }
  const top = chain[0]!;
  return {
    name: top.name,
    title: top.title,
    description: top.description,
    framework: top.framework,
    include: top.policies?.include ?? [],
    exclude: top.policies?.exclude ?? [],
    params,
    files: chain.map((p) => path.join(PROFILES_DIR, `${p.name}.yaml`)),
  };
}

/**
 * The policy ids a profile evaluates: those mapped to its framework (all, without one),
 * plus `include`, minus `exclude`. Undefined means every policy.
 */
export function profilePolicyIds(profile: Profile, catalog: Catalog): Set<string> | undefined {
  if (!profile.framework && profile.include.length === 0 && profile.exclude.length === 0) return undefined;
  const ids = new Set(catalog.policies.filter((p) => !profile.framework || (p.frameworks[profile.framework]?.length ?? 0) > 0).map((p) => p.id));
  for (const id of profile.include) ids.add(id);
  for (const id of profile.exclude) ids.delete(id);
  return ids;
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
    const base = profile.params[k]!.value;
    const kind = (x: unknown) => (Array.isArray(x) ? 'list' : x === null ? 'null' : typeof x);
    if (kind(base) !== kind(v)) {
      const { line, col } = config!.source.locate(`/parameters/${k}`);
      throw new InputError({ file: config!.file, line, col }, `parameter "${k}" must be a ${kind(base) === 'object' ? 'mapping' : kind(base)}`);
    }
    const problem = rangeProblem(k, v, profile.params[k]!);
    if (problem) {
      const { line, col } = config!.source.locate(`/parameters/${k}`);
      throw new InputError({ file: config!.file, line, col }, `${problem} (profile ${profile.name})`);
    }
    params[k] = v;
  }
  return params;
}
