import path from 'node:path';
import { planTarget } from '../collectors/index.js';
import { InputError } from '../errors.js';
import { isToolType, TOOL_TYPES } from '../model/tool-types.js';
import { validateSource } from '../util/schema.js';
import { readSourceFile } from '../util/yaml-source.js';
import type { Config, Severity, Target } from './types.js';
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
}

/** Read, parse and validate auditready.yaml. Errors name file:line:col and the problem. */
export function loadConfig(file: string): Config {
  const src = readSourceFile(file);
  if (src.value === null || src.value === undefined) {
    throw new InputError({ file, line: 1, col: 1 }, 'config is empty; expected a mapping with "targets"');
  }
  validateSource('config', src, 'config');
  const raw = src.value as RawConfig;
  const dir = path.dirname(path.resolve(file));
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
  return {
    file,
    dir,
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
    source: src,
  };
}
