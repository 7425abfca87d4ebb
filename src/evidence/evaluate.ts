import { findingKey } from '../report/diff.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateModel } from '../check.js';
import { loadBundle } from '../engine/bundle.js';
import { InputError } from '../errors.js';
import type { ToolSnapshot } from '../model/types.js';
import type { Finding } from '../report/types.js';
import { applyWaivers } from '../report/waivers.js';
import { findingsText } from './write.js';
import { PATHS, type EvaluationRecord } from './types.js';
import { readManifest } from './verify.js';

export interface Reevaluation {
  readonly findings: Finding[];
  readonly text: string;
  readonly recorded: string;
  readonly identical: boolean;
  /** Policy × tool × resource keys whose verdict differs, when not identical. */
  readonly differences: string[];
}

function readJson<T>(dir: string, rel: string): T {
  // Paths come from the manifest: never follow one out of the bundle.
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) {
    throw new InputError({ file: path.join(dir, 'manifest.json') }, `path "${rel}" leaves the bundle`);
  }
  const file = path.join(dir, ...rel.split('/'));
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new InputError({ file }, `cannot read (${(e as NodeJS.ErrnoException).code ?? 'invalid JSON'})`, { cause: e });
  }
}

/**
 * Re-evaluate a bundle offline: its normalized snapshots, with its own policy bundle, parameters,
 * evaluation time, gate and waivers. Nothing is collected and nothing outside the folder is read.
 */
export async function reevaluateBundle(dir: string): Promise<Reevaluation> {
  const { manifest } = readManifest(dir);
  const evaluation = readJson<EvaluationRecord>(dir, PATHS.evaluation);
  const snapshots = manifest.tools.map((t) => readJson<ToolSnapshot>(dir, t.normalized)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const bundle = loadBundle(path.join(dir, PATHS.policy));
  const findings = await evaluateModel({
    bundle,
    parameters: evaluation.parameters,
    asOf: evaluation.as_of,
    // Bundles written before the run window was recorded: the manifest's run start, and as_of.
    run: evaluation.run ?? { started_at: manifest.run.started_at, collected_by: evaluation.as_of },
    snapshots,
    gate: evaluation.gate,
    policyIds: evaluation.policy_ids ?? undefined,
  });
  applyWaivers(findings, evaluation.waivers, evaluation.as_of);
  const text = findingsText(findings);
  const recordedFile = path.join(dir, PATHS.findings);
  let recorded: string;
  try {
    recorded = readFileSync(recordedFile, 'utf8');
  } catch (e) {
    throw new InputError({ file: recordedFile }, 'cannot read the recorded findings', { cause: e });
  }
  const identical = text === recorded;
  const differences: string[] = [];
  if (!identical) {
    let before: Finding[] = [];
    try {
      before = JSON.parse(recorded) as Finding[];
    } catch {
      before = [];
    }
    const old = new Map(before.map((f) => [findingKey(f), JSON.stringify(f)]));
    const now = new Map(findings.map((f) => [findingKey(f), JSON.stringify(f)]));
    for (const k of new Set([...old.keys(), ...now.keys()])) if (old.get(k) !== now.get(k)) differences.push(k);
    differences.sort();
  }
  return { findings, text, recorded, identical, differences };
}
