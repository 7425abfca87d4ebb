/**
 * Resource limits: how large a file auditready reads may be and how long a collector or a
 * custom policy may run. Defaults are large enough for the biggest estate the benchmark runs
 * (a 50,000-tool config; a 10,000-tool evidence bundle); each can be changed with an
 * environment variable, and the config's `limits:` overrides them for a run.
 */
import { UsageError } from '../errors.js';

const MB = 1024 * 1024;

export interface Limits {
  /** Config, facts and profile files (YAML/JSON read with line positions). */
  readonly maxFileBytes: number;
  /** JSON files of evidence bundles and saved reports (findings, reports, snapshots, manifest). */
  readonly maxBundleFileBytes: number;
  /** Wall-clock budget of one collector (one target); past it the tool is unknown. */
  readonly collectorTimeoutMs: number;
  /** Wall-clock budget of one custom policy's evaluation; past it the policy is an error finding. */
  readonly policyTimeoutMs: number;
}

/** Each limit: its default, the environment variable that changes it, and its unit. */
export const LIMIT_SETTINGS = {
  maxFileBytes: { default: 64 * MB, env: 'AUDITREADY_MAX_FILE_MB', unit: MB, config: 'max_file_mb' },
  // V8 cannot hold a string longer than ~512 MiB: a larger JSON file could not be parsed anyway.
  maxBundleFileBytes: { default: 512 * MB, env: 'AUDITREADY_MAX_BUNDLE_FILE_MB', unit: MB, config: 'max_bundle_file_mb' },
  collectorTimeoutMs: { default: 600_000, env: 'AUDITREADY_COLLECTOR_TIMEOUT_S', unit: 1000, config: 'collector_timeout_s' },
  policyTimeoutMs: { default: 60_000, env: 'AUDITREADY_POLICY_TIMEOUT_S', unit: 1000, config: 'policy_timeout_s' },
} as const satisfies Record<keyof Limits, { default: number; env: string; unit: number; config: string }>;

export type LimitName = keyof Limits;

function fromEnv(env: Readonly<Record<string, string | undefined>>): Limits {
  const out: Record<string, number> = {};
  for (const [name, s] of Object.entries(LIMIT_SETTINGS)) {
    const raw = env[s.env];
    if (raw === undefined || raw === '') {
      out[name] = s.default;
      continue;
    }
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${s.env}=${raw}: expected a positive number`);
    out[name] = Math.round(n * s.unit);
  }
  return out as unknown as Limits;
}

let current: Limits | undefined;

/** The limits in force: defaults, the environment, then the config's `limits:` (setLimits). */
export function limits(): Limits {
  current ??= fromEnv(process.env);
  return current;
}

/** Override limits for this process (the config's `limits:` section, values in its units: MB or seconds). */
export function setLimits(overrides: Partial<Record<(typeof LIMIT_SETTINGS)[LimitName]['config'], number>>): Limits {
  const next: Record<string, number> = { ...limits() };
  for (const [name, s] of Object.entries(LIMIT_SETTINGS)) {
    const v = (overrides as Record<string, number | undefined>)[s.config];
    if (v !== undefined) next[name] = Math.round(v * s.unit);
  }
  current = next as unknown as Limits;
  return current;
}

/** Reset to defaults and the environment (tests). */
export function resetLimits(env: Readonly<Record<string, string | undefined>> = process.env): void {
  current = fromEnv(env);
}

/** "64 MB" for messages. */
export function formatBytes(n: number): string {
  if (n >= MB) return `${+(n / MB).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
