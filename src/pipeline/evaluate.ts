import { evaluateCustomPolicies, mergeCustom } from '../engine/budget.js';
import type { RawResults, RunWindow } from '../engine/engine.js';
import { type EstateOptions, EstateEvaluator, policyView } from '../engine/estate.js';
import type { PolicyBundle } from '../engine/policy-bundle.js';
import type { ToolSnapshot } from '../model/types.js';
import type { Catalog } from '../policy/catalog.js';
import { assembleFindings } from '../report/assemble.js';
import type { GateOptions } from '../report/gating.js';
import type { Finding } from '../report/types.js';

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
export function crossToolIds(catalog: Catalog, policyIds: readonly string[] | undefined): string[] {
  return catalog.policies.filter((p) => p.pillar === 'cross_tool' && (!policyIds || policyIds.includes(p.id))).map((p) => p.id);
}
