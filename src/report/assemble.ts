import { cmp } from '../util/compare.js';
import type { RawFinding, RawResults } from '../engine/engine.js';
import { EngineError } from '../errors.js';
import type { ToolSnapshot } from '../model/types.js';
import { appliesTo, type Catalog, type PolicyEntry } from '../policy/catalog.js';
import { gates, type GateOptions } from './gate.js';
import type { EvidenceSource, Finding } from './types.js';

/** Pillars in report order. */
export const PILLAR_ORDER = ['identity', 'access', 'event_tracking', 'centralized_logging', 'retention', 'time', 'cross_tool'];

/**
 * Join the engine's raw findings with the catalog and the snapshots. A policy that applies to
 * a tool but said nothing about it yields an `error` finding: silence never passes.
 */
export function assembleFindings(catalog: Catalog, snapshots: readonly ToolSnapshot[], raw: RawResults, gate: GateOptions): Finding[] {
  const byKey = new Map(catalog.policies.map((p) => [p.key, p]));
  for (const key of Object.keys(raw)) {
    if (!byKey.has(key)) throw new EngineError(`policy bundle returned findings for ${key}, which the catalog does not list`);
  }
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  const findings: Finding[] = [];
  for (const policy of catalog.policies) {
    if (policy.deprecated) continue;
    const results = raw[policy.key] ?? [];
    const seen = new Set<string>();
    for (const r of results) {
      const tool = byId.get(r.tool);
      if (!tool) throw new EngineError(`policy ${policy.id} returned a finding for unknown tool ${r.tool}`);
      seen.add(r.tool);
      findings.push(enrich(policy, tool, r, gate));
    }
    for (const tool of snapshots) {
      if (!appliesTo(policy, tool) || seen.has(tool.id)) continue;
      findings.push(
        enrich(
          policy,
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
        ),
      );
    }
  }
  return findings.sort(compareFindings);
}

/** Where each fact a finding read came from: its JSON pointers looked up in the snapshot's provenance. */
export function evidenceSources(tool: ToolSnapshot, pointers: readonly string[]): EvidenceSource[] {
  if (!tool.provenance) return [];
  const out: EvidenceSource[] = [];
  for (const p of pointers) {
    const fact = p.slice(1).split('/').join('.');
    for (const src of tool.provenance[fact] ?? []) out.push({ fact, ...src });
  }
  return out;
}

function enrich(policy: PolicyEntry, tool: ToolSnapshot, r: RawFinding, gate: GateOptions): Finding {
  const { collector, method, location, collected_at, sha256 } = tool.source;
  const sources = evidenceSources(tool, r.evidence);
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
    frameworks: policy.frameworks as Record<string, string[]>,
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
