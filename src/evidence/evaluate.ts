import path from 'node:path';
import { loadPolicyBundle, type PolicyBundle } from '../engine/policy-bundle.js';
import { InputError } from '../errors.js';
import type { ToolSnapshot } from '../model/types.js';
import { claimsOf } from '../policy/catalog.js';
import { evaluateModel } from '../pipeline/evaluate.js';
import { findingKey } from '../report/diff.js';
import { summarize } from '../report/summary.js';
import { targetLocations } from '../report/targets.js';
import type { Finding, Report } from '../report/types.js';
import { runWarnings } from '../report/warnings.js';
import { reporters } from '../reporters/index.js';
import type { EvidenceFile, Reporter } from '../reporters/types.js';
import { decodeUtf8, readRegularFile } from '../util/read-file.js';
import { parseSource } from '../util/yaml-source.js';
import { bundlePath, readBundleJson } from './files.js';
import { checkReport } from './read.js';
import { PATHS, type EvaluationRecord, type Manifest } from './types.js';
import { readManifest } from './verify.js';
import { actorText, findingsText } from './write.js';

/** One derived file of the bundle compared with what re-evaluation produces. */
interface DerivedFile {
  readonly path: string;
  readonly identical: boolean;
}

export interface Reevaluation {
  readonly findings: Finding[];
  readonly text: string;
  readonly recorded: string;
  /** Every derived file (findings.json and each report) is byte for byte what re-evaluation produces. */
  readonly identical: boolean;
  /** Policy × tool × resource keys whose verdict differs in findings.json. */
  readonly differences: string[];
  /** findings.json and every report, each compared. */
  readonly files: DerivedFile[];
}

function readText(dir: string, rel: string): string {
  const file = bundlePath(dir, rel);
  return decodeUtf8(readRegularFile(file, { limit: 'maxBundleFileBytes', noFollow: true }), file);
}

/** The reporter that wrote reports/auditready.<extension>. */
function reporterFor(rel: string): Reporter | undefined {
  const name = rel.slice(`${PATHS.reports}/auditready.`.length);
  return Object.values(reporters).find((r) => r.extension === name);
}

/** Each tool's raw and normalized files, linked from reports/ (as writeBundle links them). */
function evidenceFiles(manifest: Manifest): Record<string, EvidenceFile[]> {
  const sha = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const out: Record<string, EvidenceFile[]> = {};
  for (const t of manifest.tools) {
    out[t.id] = [
      ...t.raw.map((p) => ({ href: `../${p}`, sha256: sha.get(p) ?? '', kind: 'raw' as const })),
      { href: `../${t.normalized}`, sha256: sha.get(t.normalized) ?? '', kind: 'normalized' as const },
    ];
  }
  return out;
}

/** The report the run wrote, rebuilt from what the bundle records and the re-evaluated findings. */
function rebuildReport(
  dir: string,
  manifest: Manifest,
  evaluation: EvaluationRecord,
  recorded: Report,
  findings: Finding[],
  snapshots: ToolSnapshot[],
  policyBundle: PolicyBundle,
): Report {
  const policy = policyBundle.manifest;
  let targets = recorded.targets;
  const copy = (manifest as { config?: { copy?: string; file?: string } }).config;
  if (copy?.copy && copy.file && recorded.targets) {
    // Target lines come from the config copy (redaction never changes the line structure).
    const source = parseSource(readText(dir, copy.copy), copy.copy);
    const raw = source.value as { targets?: { type: string; name: string }[] };
    targets = targetLocations({
      file: copy.file,
      source,
      targets: (raw.targets ?? []).map((t, i) => ({ type: t.type, name: t.name, pointer: `/targets/${i}` })),
    });
  }
  const approvals = evaluation.approvals;
  const warnings = runWarnings({
    findings,
    gate: evaluation.gate,
    snapshots,
    waivers: evaluation.waivers,
    asOf: evaluation.as_of,
    startedAt: evaluation.run?.started_at ?? manifest.run.started_at,
    asOfFixed: evaluation.as_of_fixed === true,
    parameters: evaluation.parameters,
    ...(approvals ? { approvals: { ...(approvals.approvers ? { approvers: approvals.approvers } : {}), maxDays: approvals.max_days } } : {}),
  });
  return {
    ...recorded,
    run: {
      ...recorded.run,
      as_of: evaluation.as_of,
      started_at: manifest.run.started_at,
      finished_at: manifest.run.finished_at,
      parameters: evaluation.parameters,
      fail_on: evaluation.gate.failOn,
      fail_on_unknown: evaluation.gate.failOnUnknown,
      policy_bundle: {
        opa_version: policy.opa_version,
        wasm_sha256: policy.wasm_sha256,
        catalog_sha256: policy.catalog_sha256,
        policies_digest: policy.policies_digest,
      },
    },
    summary: { ...recorded.summary, ...summarize(findings, recorded.collection_errors?.length ?? 0) },
    ...(targets ? { targets } : {}),
    snapshots,
    findings,
    warnings,
    // What each mapping proves, with the run's thresholds (claims), from the bundle's catalog.
    ...(recorded.claims ? { claims: claimsOf(evaluatedPolicies(policyBundle, evaluation.policy_ids), evaluation.parameters) } : {}),
  };
}

/** The catalog entries the run evaluated (its profile's subset, or all). */
function evaluatedPolicies(policyBundle: PolicyBundle, ids: readonly string[] | null): PolicyBundle['catalog']['policies'] {
  return ids ? policyBundle.catalog.policies.filter((p) => ids.includes(p.id)) : policyBundle.catalog.policies;
}

/**
 * Re-evaluate a bundle offline: its normalized snapshots, with its own policy bundle, parameters,
 * evaluation time, gate and waivers; then render every report again. Nothing is collected and
 * nothing outside the folder is read. Every derived file is compared byte for byte.
 */
export async function reevaluateBundle(dir: string): Promise<Reevaluation> {
  const { manifest } = readManifest(dir);
  const evaluation = readBundleJson<EvaluationRecord>(bundlePath(dir, PATHS.evaluation), PATHS.evaluation);
  const snapshots = manifest.tools
    .map((t) => readBundleJson<ToolSnapshot>(bundlePath(dir, t.normalized), t.normalized))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const policyBundle = loadPolicyBundle(path.join(dir, PATHS.policy));
  const findings = await evaluateModel({
    policyBundle,
    parameters: evaluation.parameters,
    asOf: evaluation.as_of,
    // Bundles written before the run window was recorded: the manifest's run start, and as_of.
    run: evaluation.run ?? { started_at: manifest.run.started_at, collected_by: evaluation.as_of },
    snapshots,
    gate: evaluation.gate,
    policyIds: evaluation.policy_ids ?? undefined,
  });
  // Waivers and warnings as the run computed them (the report shows the warnings).
  const recordedReport = checkReport(readBundleJson(bundlePath(dir, PATHS.report), PATHS.report), path.join(dir, PATHS.report));
  const report = rebuildReport(dir, manifest, evaluation, recordedReport, findings, snapshots, policyBundle);
  const text = findingsText(findings);
  let recorded: string;
  try {
    recorded = readText(dir, PATHS.findings);
  } catch (e) {
    throw new InputError({ file: path.join(dir, PATHS.findings) }, 'cannot read the recorded findings', { cause: e });
  }
  const files: DerivedFile[] = [{ path: PATHS.findings, identical: text === recorded }];
  const renderOptions = {
    color: false,
    baseDir: evaluation.render?.base_dir ?? process.cwd(),
    evidenceFiles: evidenceFiles(manifest),
    runBy: actorText(manifest.actor, manifest.host.hostname),
  };
  for (const f of manifest.files) {
    if (!f.path.startsWith(`${PATHS.reports}/`)) continue;
    const reporter = reporterFor(f.path);
    if (!reporter) {
      files.push({ path: f.path, identical: false });
      continue;
    }
    files.push({ path: f.path, identical: reporter.render(report, renderOptions) === readText(dir, f.path) });
  }
  const differences: string[] = [];
  if (text !== recorded) {
    let before: Finding[] = [];
    try {
      before = JSON.parse(recorded) as Finding[];
    } catch {
      before = [];
    }
    const old = new Map((Array.isArray(before) ? before : []).filter((f) => f && typeof f === 'object').map((f) => [findingKey(f), JSON.stringify(f)]));
    const now = new Map(findings.map((f) => [findingKey(f), JSON.stringify(f)]));
    for (const k of new Set([...old.keys(), ...now.keys()])) if (old.get(k) !== now.get(k)) differences.push(k);
    differences.sort();
  }
  return { findings, text, recorded, identical: files.every((f) => f.identical), differences, files };
}
