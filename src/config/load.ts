import { realpathSync } from 'node:fs';
import path from 'node:path';
import { planTarget } from '../collectors/index.js';
import { InputError } from '../errors.js';
import { isToolType, TOOL_TYPES } from '../model/tool-types.js';
import { validateSource } from '../util/schema.js';
import { setLimits } from '../util/limits.js';
import { registerSecrets } from '../util/redact.js';
import { readSourceFile } from '../util/yaml-source.js';
import type { Severity } from '../report/types.js';
import type { Config, Target } from './types.js';
import { DEFAULT_WAIVER_MAX_DAYS, type WaiverConfig } from './waivers.js';

interface RawTarget {
  type: string;
  name: string;
  facts?: string;
  files?: string[];
  endpoint?: string;
  token_env?: string;
  options?: Record<string, unknown>;
}

interface RawConfig {
  profile?: string;
  parameters?: Record<string, unknown>;
  as_of?: string;
  fail_on?: Severity;
  fail_on_unknown?: boolean;
  targets: RawTarget[];
  waivers?: Array<Omit<WaiverConfig, 'pointer'>>;
  approvers?: string[];
  waiver_max_days?: number;
  policies?: string[];
  limits?: Record<string, number>;
  trusted_keys?: { name: string; public_key: string }[];
  facts_roots?: string[];
}

export interface LoadConfigOptions {
  /** More folders facts files may be read from (--facts-root), besides the config's folder and its facts_roots. */
  readonly factsRoots?: readonly string[];
}

/** A path with symbolic links resolved as far as it exists (a missing file is the collector's to report). */
function realish(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realish(parent), path.basename(p));
  }
}

const inside = (file: string, root: string) => {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Read, parse and validate auditready.yaml. Errors name file:line:col and the problem. */
export function loadConfig(file: string, options: LoadConfigOptions = {}): Config {
  const src = readSourceFile(file);
  if (src.value === null || src.value === undefined) {
    throw new InputError({ file, line: 1, col: 1 }, 'config is empty; expected a mapping with "targets"');
  }
  validateSource('config', src, 'config');
  const raw = src.value as RawConfig;
  const dir = path.dirname(path.resolve(file));
  // The config's limits apply to everything the run reads after it (facts files, baselines).
  if (raw.limits) setLimits(raw.limits);
  const seen = new Map<string, number>();
  const targets: Target[] = raw.targets.map((t, i) => {
    const pointer = `/targets/${i}`;
    if (!isToolType(t.type)) {
      const { line, col } = src.locate(`${pointer}/type`);
      throw new InputError({ file, line, col }, `unknown target type "${t.type}"; expected one of: ${Object.keys(TOOL_TYPES).join(', ')}`);
    }
    const id = `${t.type}/${t.name}`;
    if (seen.has(id)) {
      const { line, col } = src.locate(`${pointer}/name`);
      throw new InputError({ file, line, col }, `duplicate target ${id} (also targets[${seen.get(id)}])`);
    }
    seen.set(id, i);
    // Collector, mode, options, files, endpoint: every config error stops the run here, before collection.
    const plan = planTarget({ ...t, type: t.type, pointer }, { file, dir, source: src });
    return { ...t, type: t.type, pointer, ...plan };
  });
  // Facts are read from the config's folder, or from a folder the user allowed: a config (or a
  // symbolic link in its folder) cannot make a run read /etc or a neighbour's files by accident.
  const factsRoots = [...(raw.facts_roots ?? []).map((r) => path.resolve(dir, r)), ...(options.factsRoots ?? []).map((r) => path.resolve(r))];
  const roots = [dir, ...factsRoots].map(realish);
  for (const t of targets) {
    if (t.facts === undefined) continue;
    const resolved = realish(path.resolve(dir, t.facts));
    if (roots.some((r) => inside(resolved, r))) continue;
    const { line, col } = src.locate(`${t.pointer}/facts`);
    throw new InputError(
      { file, line, col },
      `facts file ${t.facts} is outside the config's folder; allow its folder with facts_roots in the config or --facts-root`,
    );
  }
  // Tokens are redacted wherever they appear from here on: output, errors, evidence.
  registerSecrets(targets.map((t) => (t.token_env ? process.env[t.token_env] : undefined)));
  return {
    file,
    dir,
    factsRoots,
    profile: raw.profile ?? 'baseline',
    parameters: raw.parameters ?? {},
    as_of: raw.as_of,
    fail_on: raw.fail_on,
    fail_on_unknown: raw.fail_on_unknown,
    targets,
    waivers: (raw.waivers ?? []).map((w, i) => ({ ...w, pointer: `/waivers/${i}` })),
    ...(raw.approvers ? { approvers: raw.approvers } : {}),
    waiver_max_days: raw.waiver_max_days ?? DEFAULT_WAIVER_MAX_DAYS,
    policyDirs: (raw.policies ?? []).map((p) => path.resolve(dir, p)),
    trustedKeys: raw.trusted_keys ?? [],
    source: src,
  };
}
