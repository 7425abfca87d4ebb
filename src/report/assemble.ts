import { cmp } from '../util/compare.js';
import type { RawFinding, RawResults } from '../engine/engine.js';
import { EngineError } from '../errors.js';
import type { ToolSnapshot } from '../model/types.js';
import { appliesTo, type Catalog, heldFrameworks, type PolicyEntry } from '../policy/catalog.js';
import { pointerFact, pointerTarget } from './evidence-pointer.js';
import { gates, type GateOptions } from './gate.js';
import type { EvidenceSource, Finding } from './types.js';

/** Pillars in report order. */
export const PILLAR_ORDER = ['identity', 'access', 'event_tracking', 'centralized_logging', 'retention', 'time', 'cross_tool'];

/**
 * Join the engine's raw findings with the catalog and the snapshots. A policy that applies to
 * a tool but said nothing about it yields an `error` finding: silence never passes.
 */
export function assembleFindings(
  catalog: Catalog,
  snapshots: readonly ToolSnapshot[],
  raw: RawResults,
  gate: GateOptions,
  params: Readonly<Record<string, unknown>> = {},
): Finding[] {
  const byKey = new Map(catalog.policies.map((p) => [p.key, p]));
  for (const key of Object.keys(raw)) {
    if (!byKey.has(key)) throw new EngineError(`policy bundle returned findings for ${key}, which the catalog does not list`);
  }
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  const findings: Finding[] = [];
  for (const policy of catalog.policies) {
    if (policy.deprecated) continue;
    // The controls this policy evidences with the run's thresholds (a mapping's `requires`).
    const frameworks = heldFrameworks(policy, params);
    const results = raw[policy.key] ?? [];
    const seen = new Set<string>();
    for (const r of results) {
      const tool = byId.get(r.tool);
      if (!tool) throw new EngineError(`policy ${policy.id} returned a finding for unknown tool ${r.tool}`);
      seen.add(r.tool);
      findings.push(enrich(policy, frameworks, tool, r, gate, byId));
    }
    for (const tool of snapshots) {
      if (!appliesTo(policy, tool) || seen.has(tool.id)) continue;
      findings.push(
        enrich(
          policy,
          frameworks,
          tool,
          {
            tool: tool.id,
            resource: null,
            status: 'error',
            message: 'policy produced no verdict for this tool (fail closed: a rule that is undefined never passes)',
            observed: {},
            expected: {},
            evidence: [],
            gaps: [],
          },
          gate,
          byId,
        ),
      );
    }
  }
  return findings.sort(compareFindings);
}

/**
 * Where each fact a finding read came from: its JSON pointers looked up in the provenance of the
 * snapshot they point into (its own tool's, or another's for "type/name#/pointer", which then
 * names that tool).
 */
export function evidenceSources(tool: ToolSnapshot, pointers: readonly string[], byId: ReadonlyMap<string, ToolSnapshot> = new Map()): EvidenceSource[] {
  const out: EvidenceSource[] = [];
  for (const p of pointers) {
    const target = pointerTarget({ tool: tool.id }, p);
    const snapshot = target.tool === tool.id ? tool : byId.get(target.tool);
    const fact = pointerFact(target.pointer);
    for (const src of snapshot?.provenance?.[fact] ?? []) out.push({ fact, ...(snapshot === tool ? {} : { tool: target.tool }), ...src });
  }
  return out;
}

function enrich(
  policy: PolicyEntry,
  frameworks: Record<string, string[]>,
  tool: ToolSnapshot,
  r: RawFinding,
  gate: GateOptions,
  byId: ReadonlyMap<string, ToolSnapshot>,
): Finding {
  const { collector, method, location, collected_at, sha256 } = tool.source;
  const sources = evidenceSources(tool, r.evidence, byId);
  return {
    policy_id: policy.id,
    policy: policy.key,
    title: policy.title,
    pillar: policy.pillar,
    severity: policy.severity,
    tool: tool.id,
    tool_type: tool.type,
    resource: r.resource ?? null,
    status: r.status,
    message: r.message,
    observed: r.observed,
    expected: r.expected,
    evidence: { collector, method, location, collected_at, sha256, pointers: r.evidence, ...(sources.length ? { sources } : {}) },
    gaps: r.gaps as Finding['gaps'],
    frameworks,
    remediation: policy.remediation,
    gating: gates(r.status, policy.severity, gate),
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    PILLAR_ORDER.indexOf(a.pillar) - PILLAR_ORDER.indexOf(b.pillar) ||
    cmp(a.policy_id, b.policy_id) ||
    cmp(a.tool, b.tool) ||
    cmp(a.resource ?? '', b.resource ?? '')
  );
}
