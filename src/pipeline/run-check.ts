import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { loadProfile, type Profile, profilePolicyIds, resolveParameters } from '../config/profile.js';
import type { Severity } from '../report/types.js';
import { collectAll, type CollectOptions } from './collect-all.js';
import type { Config } from '../config/types.js';
import { loadPolicyBundle, type PolicyBundle } from '../engine/policy-bundle.js';
import { assertCrossToolFits } from '../engine/estate.js';
import { UsageError } from '../errors.js';
import { type TrustedKey, trustedKeys } from '../evidence/trust.js';
import { printStaleWarnings, staleFactsWarnings } from '../report/stale-facts.js';
import { runWarnings } from '../report/warnings.js';
import { validateWaivers } from '../config/waivers.js';
import type { GateOptions } from '../report/gating.js';
import { summarize } from '../report/summary.js';
import { targetLocations } from '../report/targets.js';
import type { Report } from '../report/types.js';
import { sha256 } from '../util/hash.js';
import { claimsOf } from '../policy/catalog.js';
import { BUILTIN_POLICIES_DIR, checkPolicyDirs, customPolicyBundle } from '../policy/custom.js';
import { setLimits } from '../util/limits.js';
import { registerSecrets } from '../util/redact.js';
import { VERSION } from '../version.js';
import { SILENT } from '../log/types.js';
import { plural, seconds } from '../log/words.js';
import { crossToolIds, evaluateModel } from './evaluate.js';
import type { CheckRun } from './types.js';

export interface CheckOptions extends CollectOptions {
  readonly configPath: string;
  /** What the caller prepared already (prepareRun with the same options): not prepared again. */
  readonly prepared?: PreparedRun;
  readonly profile?: string;
  readonly failOn?: Severity;
  readonly failOnUnknown?: boolean;
  readonly asOf?: string;
  /** Custom policy directories from --policy (added to the config's `policies:`). */
  readonly policyDirs?: readonly string[];
}

/** Normalize an RFC 3339 time to UTC with second precision or better; reject anything else. */
function normalizeAsOf(value: string, where: string): string {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) || Number.isNaN(ms)) {
    throw new UsageError(`${where}: "${value}" is not an RFC 3339 time with a zone (e.g. 2026-01-31T12:00:00Z)`);
  }
  return toRfc3339(new Date(ms));
}

/** UTC, second precision unless the time has milliseconds: 2026-01-31T12:00:00Z. */
function toRfc3339(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

/** The custom policy directories of a run (config `policies:`, then --policy), checked to exist. */
function userPolicyDirs(config: Config, cliDirs: readonly string[]): string[] {
  checkPolicyDirs(cliDirs, (d) => ({ file: `--policy ${d}` }));
  checkPolicyDirs(config.policyDirs, (d) => {
    const i = config.policyDirs.indexOf(d);
    return { file: config.file, ...config.source.locate(`/policies/${i}`) };
  });
  return [...config.policyDirs, ...cliDirs.map((d) => path.resolve(d))];
}

/** config → collectors → normalized model → engine → findings → report. */
export async function runCheck(options: CheckOptions): Promise<Report> {
  return (await runCheckDetailed(options)).report;
}

/** What a run decides before collecting, beyond the check options: the command line's own inputs. */
export interface PrepareOptions extends Omit<CheckOptions, keyof CollectOptions | 'prepared'> {
  /** --facts-root: folders facts files may be read from besides the config's folder and its facts_roots. */
  readonly factsRoots?: readonly string[];
  /** --timeout: each collector's budget in seconds (else the config's limits.collector_timeout_s). */
  readonly collectorTimeoutS?: number;
  /** --pub-key files trusted besides the config's trusted_keys. */
  readonly pubKeys?: readonly string[];
  /** Token values are registered for redaction from this environment (else process.env, at config load). */
  readonly env?: CollectOptions['env'];
  /** Where the preparation's progress goes (src/log): loading the config, compiling custom policies. */
  readonly log?: CollectOptions['log'];
}

/** Everything a check decides before it collects: a problem in any of it stops the run (exit 2). */
export interface PreparedRun {
  readonly config: Config;
  readonly profile: Profile;
  readonly params: Record<string, unknown>;
  readonly fixedAsOf: string | undefined;
  readonly gate: GateOptions;
  readonly policyBundle: PolicyBundle;
  /** The profile's policies, sorted, or undefined for every policy in the bundle. */
  readonly policyIds: readonly string[] | undefined;
  /** The Rego source directories the policy bundle was built from (built-in first), when it was built from sources. */
  readonly policySourceDirs: readonly string[];
  /** The keys the user trusts (--pub-key, then the config's trusted_keys), each read and parsed. */
  readonly trusted: readonly TrustedKey[];
}

/**
 * Load and check the config (schema, targets, files, limits, facts_roots), the trusted keys, the
 * profile, parameters, as_of and policies (custom ones compiled, with their time budget), and the
 * waivers against the policy ids and targets: what `check` does before collection and what
 * `config validate` reports.
 */
export async function prepareRun(options: PrepareOptions): Promise<PreparedRun> {
  options.log?.emit({ level: 'info', phase: 'config', message: `loading ${options.configPath}`, status: true });
  const config = loadConfig(options.configPath, { factsRoots: options.factsRoots ?? [] });
  if (options.collectorTimeoutS !== undefined) setLimits({ collector_timeout_s: options.collectorTimeoutS });
  if (options.env) registerSecrets(config.targets.map((t) => (t.token_env ? options.env![t.token_env] : undefined)));
  const trusted = trustedKeys(options.pubKeys ?? [], config);
  const profile = options.profile ? loadProfile(options.profile) : loadProfile(config.profile, { file: config.file, ...config.source.locate('/profile') });
  const params = resolveParameters(profile, config);
  const fixedAsOf = options.asOf ? normalizeAsOf(options.asOf, '--as-of') : config.as_of ? normalizeAsOf(config.as_of, `${config.file}: as_of`) : undefined;
  const gate = {
    failOn: options.failOn ?? config.fail_on ?? 'high',
    failOnUnknown: options.failOnUnknown ?? config.fail_on_unknown ?? true,
  };
  const customDirs = userPolicyDirs(config, options.policyDirs ?? []);
  const log = options.log ?? SILENT;
  if (customDirs.length > 0) {
    log.emit({ level: 'info', phase: 'policies', message: `compiling custom policies (${customDirs.join(', ')}) with the OPA CLI`, status: true });
  }
  const policyBundle = loadPolicyBundle(customDirs.length > 0 ? await customPolicyBundle(customDirs) : undefined);
  const policySourceDirs = [BUILTIN_POLICIES_DIR, ...customDirs];
  const ids = profilePolicyIds(profile, policyBundle.catalog);
  const policyIds = ids ? [...ids].sort() : undefined;
  // fail now, not after collecting every target, when the estate is too large to evaluate
  assertCrossToolFits(config.targets.length, crossToolIds(policyBundle.catalog, policyIds), config.file);
  validateWaivers(
    config.waivers,
    { policyIds: new Set(policyBundle.catalog.policies.map((p) => p.id)), toolIds: new Set(config.targets.map((t) => `${t.type}/${t.name}`)) },
    config,
  );
  const policies = policyIds?.length ?? policyBundle.catalog.policies.length;
  log.emit({
    level: 'info',
    phase: 'policies',
    message: `${config.file}: ${plural(config.targets.length, 'target')}, profile ${profile.name}, ${plural(policies, 'policy', 'policies')}`,
  });
  return { config, profile, params, fixedAsOf, gate, policyBundle, policyIds, policySourceDirs, trusted };
}

/** runCheck, also returning the config, raw captures and policy bundle (for `--evidence`). */
export async function runCheckDetailed(options: CheckOptions): Promise<CheckRun> {
  const now = options.now ?? (() => new Date());
  const startedAt = toRfc3339(now());
  const { config, profile, params, fixedAsOf, gate, policyBundle, policyIds, policySourceDirs } = options.prepared ?? (await prepareRun(options));
  const collected = await collectAll(config, options);
  const snapshots = collected.map((c) => c.snapshot).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Said as soon as the files are read; the report's warnings (runWarnings) list them too.
  const log = options.log ?? SILENT;
  printStaleWarnings(staleFactsWarnings(snapshots, startedAt, params.max_evidence_age_hours), (message) => log.emit({ level: 'warn', message }));
  // Without a fixed time, evaluate as of the end of collection: evidence read during the run
  // must not look as if it came from the future.
  const collectedBy = toRfc3339(now());
  const asOf = fixedAsOf ?? collectedBy;
  const evaluating = `${plural(policyIds?.length ?? policyBundle.catalog.policies.length, 'policy', 'policies')} on ${plural(snapshots.length, 'tool')}`;
  log.emit({ level: 'info', phase: 'evaluate', message: `evaluating ${evaluating}`, status: true });
  const evaluationStart = Date.now();
  const findings = await evaluateModel(
    {
      policyBundle,
      parameters: params,
      asOf,
      run: { started_at: startedAt, collected_by: collectedBy },
      snapshots,
      gate,
      policyIds,
    },
    { onChunk: (done, total) => log.emit({ level: 'info', phase: 'evaluate', message: `evaluating ${evaluating}`, status: true, done, total }) },
  );
  const evaluationMs = Date.now() - evaluationStart;
  log.emit({
    level: 'info',
    phase: 'evaluate',
    message: `evaluated ${evaluating} in ${seconds(evaluationMs)}: ${plural(findings.length, 'finding')}`,
    ms: evaluationMs,
  });
  const warnings = runWarnings({
    findings,
    gate,
    snapshots,
    waivers: config.waivers,
    asOf,
    startedAt,
    asOfFixed: fixedAsOf !== undefined,
    parameters: params,
    approvals: { approvers: config.approvers, maxDays: config.waiver_max_days },
  });
  const collectionErrors = collected.flatMap((c) => (c.error ? [c.error] : [])).sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));

  const report: Report = {
    report_version: '1',
    tool: { name: 'auditready', version: VERSION },
    run: {
      as_of: asOf,
      started_at: startedAt,
      collected_by: collectedBy,
      finished_at: toRfc3339(now()),
      config: config.file,
      config_sha256: sha256(config.source.text),
      profile: profile.name,
      parameters: params,
      policy_bundle: {
        opa_version: policyBundle.manifest.opa_version,
        wasm_sha256: policyBundle.manifest.wasm_sha256,
        catalog_sha256: policyBundle.manifest.catalog_sha256,
        policies_digest: policyBundle.manifest.policies_digest,
      },
      fail_on: gate.failOn,
      fail_on_unknown: gate.failOnUnknown,
    },
    summary: summarize(findings, collectionErrors.length),
    targets: targetLocations(config),
    snapshots,
    findings,
    warnings,
    ...(collectionErrors.length > 0 ? { collection_errors: collectionErrors } : {}),
    claims: claimsOf(policyIds ? policyBundle.catalog.policies.filter((p) => policyIds.includes(p.id)) : policyBundle.catalog.policies, params),
  };
  return { report, config, collected, policyBundle, policyIds, profileFiles: profile.files, policySourceDirs, asOfFixed: fixedAsOf !== undefined };
}
