import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { loadProfile, type Profile, profilePolicyIds, resolveParameters } from '../config/profile.js';
import type { Severity } from '../report/types.js';
import { collectAll, type CollectedTool, type CollectOptions } from './collect-all.js';
import type { Config } from '../config/types.js';
import { loadPolicyBundle, type PolicyBundle } from '../engine/policy-bundle.js';
import { evaluateCustomPolicies, mergeCustom } from '../engine/budget.js';
import type { RawResults, RunWindow } from '../engine/engine.js';
import { assertCrossToolFits, type EstateOptions, EstateEvaluator, policyView } from '../engine/estate.js';
import type { Catalog } from '../policy/catalog.js';
import { UsageError } from '../errors.js';
import { type TrustedKey, trustedKeys } from '../evidence/trust.js';
import { assembleFindings } from '../report/assemble.js';
import { printStaleWarnings, staleFactsWarnings } from '../report/stale-facts.js';
import { runWarnings } from '../report/warnings.js';
import { isDeclared } from '../model/provenance.js';
import { validateWaivers } from '../config/waivers.js';
import { runResult, type GateOptions } from '../report/gate.js';
import type { Finding, Report, Status } from '../report/types.js';
import type { ToolSnapshot } from '../model/types.js';
import { sha256 } from '../util/hash.js';
import { claimsOf } from '../policy/catalog.js';
import { BUILTIN_POLICIES_DIR, checkPolicyDirs, customPolicyBundle } from '../policy/custom.js';
import { setLimits } from '../util/limits.js';
import { registerSecrets } from '../util/redact.js';
import { VERSION } from '../version.js';
import { SILENT } from '../log/types.js';
import { plural, seconds } from '../log/words.js';

export interface CheckOptions extends CollectOptions {
  readonly configPath: string;
  /** What the caller prepared already (prepareRun with the same options): not prepared again. */
  readonly prepared?: PreparedRun;
  readonly profile?: string;
  readonly failOn?: Severity;
  readonly failOnUnknown?: boolean;
  readonly asOf?: string;
  readonly bundleDir?: string;
  /** Custom policy directories from --policy (added to the config's `policies:`). */
  readonly policyDirs?: readonly string[];
}

/** Normalize an RFC 3339 time to UTC with second precision or better; reject anything else. */
export function normalizeAsOf(value: string, where: string): string {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) || Number.isNaN(ms)) {
    throw new UsageError(`${where}: "${value}" is not an RFC 3339 time with a zone (e.g. 2026-01-31T12:00:00Z)`);
  }
  return toRfc3339(new Date(ms));
}

/** UTC, second precision unless the time has milliseconds: 2026-01-31T12:00:00Z. */
export function toRfc3339(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}

/** What a run produced beyond the report: the config, the raw captures and the policy bundle (for evidence). */
export interface CheckRun {
  readonly report: Report;
  readonly config: Config;
  readonly collected: readonly CollectedTool[];
  readonly policyBundle: PolicyBundle;
  /** Policy ids the profile evaluated (sorted), or undefined for every policy (evidence re-evaluation). */
  readonly policyIds?: readonly string[];
  /** The profile's files (child first), for the evidence bundle. */
  readonly profileFiles: readonly string[];
  /** The Rego source directories the policy bundle was built from (built-in first), when it was built from sources. */
  readonly policySourceDirs: readonly string[];
  /** as_of was fixed (config as_of or --as-of) rather than the end of collection. */
  readonly asOfFixed: boolean;
}

/** What the engine needs to turn a normalized model into findings; the evidence bundle stores it. */
export interface EvaluationInput {
  readonly policyBundle: PolicyBundle;
  readonly parameters: Record<string, unknown>;
  readonly asOf: string;
  /** The run's start and end of collection (AR-TIM-002 compares collected_at with them). */
  readonly run: RunWindow;
  readonly snapshots: readonly ToolSnapshot[];
  readonly gate: GateOptions;
  /** Policy ids the profile evaluates (sorted); undefined means every policy. */
  readonly policyIds?: readonly string[];
}

/**
 * normalized model → engine → sorted findings. Pure apart from the Wasm engine: same input, same
 * findings. The built-in policies are evaluated in chunks (src/engine/estate.ts); a bundle with
 * custom policies evaluates each custom one on the whole estate within its time budget
 * (src/engine/budget.ts).
 */
export async function evaluateModel(input: EvaluationInput, options: EstateOptions = {}): Promise<Finding[]> {
  const crossTool = crossToolIds(input.policyBundle.catalog, input.policyIds).length > 0;
  const evaluator = new EstateEvaluator(input.policyBundle, input.parameters, { crossTool, ...options });
  let raw: RawResults;
  try {
    // with custom policies, the bundle's built-in-only entrypoints (src/engine/engine.ts entrypointsOf)
    raw = await evaluator.evaluate(input.snapshots, input.asOf, input.run);
  } finally {
    await evaluator.close();
  }
  let policyErrors: ReadonlyMap<string, string> | undefined;
  if (Object.keys(input.policyBundle.manifest.entrypoints?.custom ?? {}).length > 0) {
    const byKey = new Map(input.policyBundle.catalog.policies.map((p) => [p.key, p]));
    const describe = (key: string) => `custom policy ${byKey.get(key)?.id ?? key} (${key})`;
    const wanted = input.policyIds ? new Set(input.policyIds) : undefined;
    const runJson = input.run ? `,"run":${JSON.stringify(input.run)}` : '';
    const inputJson = `{"as_of":${JSON.stringify(input.asOf)}${runJson},"tools":[${input.snapshots.map((s) => JSON.stringify(policyView(s))).join(',')}]}`;
    const outcomes = await evaluateCustomPolicies(
      input.policyBundle,
      input.parameters,
      inputJson,
      describe,
      (key) => !wanted || wanted.has(byKey.get(key)?.id ?? ''),
    );
    ({ raw, errors: policyErrors } = mergeCustom(raw, outcomes));
  }
  if (!input.policyIds) return assembleFindings(input.policyBundle.catalog, input.snapshots, raw, input.gate, input.parameters, policyErrors);
  // The profile's subset: drop the other policies' results (a key no catalog lists still reaches
  // assembleFindings, which reports it as an engine error).
  const only = new Set(input.policyIds);
  const dropped = new Set(input.policyBundle.catalog.policies.filter((p) => !only.has(p.id)).map((p) => p.key));
  const catalog = { ...input.policyBundle.catalog, policies: input.policyBundle.catalog.policies.filter((p) => only.has(p.id)) };
  const kept = Object.fromEntries(Object.entries(raw).filter(([k]) => !dropped.has(k)));
  return assembleFindings(catalog, input.snapshots, kept, input.gate, input.parameters, policyErrors);
}

/** The cross-tool policies a run evaluates (all of the catalog's, or the profile's subset). */
function crossToolIds(catalog: Catalog, policyIds: readonly string[] | undefined): string[] {
  return catalog.policies.filter((p) => p.pillar === 'cross_tool' && (!policyIds || policyIds.includes(p.id))).map((p) => p.id);
}

/** Counts by status and the run's result (report/gate.ts runResult: gating findings or collection errors fail it). */
export function summarize(findings: readonly Finding[], collectionErrors = 0): Report['summary'] {
  const byStatus: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 };
  for (const f of findings) byStatus[f.status]++;
  const gating = findings.filter((f) => f.gating).length;
  // Findings on evidence the organization declared in a facts file, counted apart from collected ones.
  const declared: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 };
  let declaredTotal = 0;
  for (const f of findings) {
    if (!isDeclared(f.evidence)) continue;
    declared[f.status]++;
    declaredTotal++;
  }
  return {
    total: findings.length,
    by_status: byStatus,
    gating,
    ...(collectionErrors > 0 ? { collection_errors: collectionErrors } : {}),
    result: runResult(gating, collectionErrors),
    declared: { total: declaredTotal, by_status: declared },
  };
}

/** Where each target is declared in the config (SARIF and JUnit anchor remote findings there). */
export function targetLocations(config: Config): NonNullable<Report['targets']> {
  return config.targets
    .map((t) => ({ tool: `${t.type}/${t.name}`, config_file: config.file, line: config.source.locate(t.pointer).line }))
    .sort((a, b) => (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
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
  if (customDirs.length > 0 && !options.bundleDir) {
    log.emit({ level: 'info', phase: 'policies', message: `compiling custom policies (${customDirs.join(', ')}) with the OPA CLI`, status: true });
  }
  const policyBundle = loadPolicyBundle(options.bundleDir ?? (customDirs.length > 0 ? await customPolicyBundle(customDirs) : undefined));
  const policySourceDirs = options.bundleDir ? [] : [BUILTIN_POLICIES_DIR, ...customDirs];
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
