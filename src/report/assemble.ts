import { cmp } from '../util/compare.js';
import type { RawFinding, RawResults } from '../engine/engine.js';
import { EngineError } from '../errors.js';
import type { ToolSnapshot } from '../model/types.js';
import { appliesTo, type Catalog, heldFrameworks, type PolicyEntry } from '../policy/catalog.js';
import { pointerFact, pointerTarget } from './evidence-pointer.js';
import { failClosed } from './fail-closed.js';
import { gateDecision, type GateOptions } from './gating.js';
import type { EvidenceSource, Finding } from './types.js';

/** Pillars in report order. */
export const PILLAR_ORDER = ['identity', 'access', 'event_tracking', 'centralized_logging', 'retention', 'time', 'cross_tool'];

/** The statuses a policy may return (waived is applied later, by auditready). */
const POLICY_STATUSES: ReadonlySet<string> = new Set(['pass', 'fail', 'unknown', 'not_applicable', 'error']);

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * What is wrong with one raw finding, or null. A policy is Rego the user may have written: any
 * shape can come back, and anything auditready does not recognise must gate, not pass.
 */
function problemOf(r: unknown, tools: ReadonlyMap<string, ToolSnapshot>): { problem: string; tool?: string } | null {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return { problem: `returned a finding that is not an object (${typeName(r)})` };
  const f = r as Record<string, unknown>;
  if (typeof f.tool !== 'string') return { problem: 'returned a finding without a tool (a string tool id)' };
  if (!tools.has(f.tool)) return { problem: `returned a finding for unknown tool ${f.tool}` };
  const at = { tool: f.tool };
  if (typeof f.status !== 'string' || !POLICY_STATUSES.has(f.status)) {
    return { ...at, problem: `returned status ${JSON.stringify(f.status) ?? 'undefined'}; expected one of ${[...POLICY_STATUSES].join(', ')}` };
  }
  if (f.resource !== undefined && f.resource !== null && typeof f.resource !== 'string')
    return { ...at, problem: 'returned a finding whose resource is not a string' };
  if (typeof f.message !== 'string') return { ...at, problem: 'returned a finding whose message is not a string' };
  for (const k of ['observed', 'expected'] as const) {
    if (f[k] !== undefined && (f[k] === null || typeof f[k] !== 'object' || Array.isArray(f[k])))
      return { ...at, problem: `returned a finding whose ${k} is not an object` };
  }
  if (f.evidence !== undefined && (!Array.isArray(f.evidence) || f.evidence.some((e) => typeof e !== 'string'))) {
    return { ...at, problem: 'returned a finding whose evidence is not a list of JSON pointers' };
  }
  if (
    f.gaps !== undefined &&
    (!Array.isArray(f.gaps) || f.gaps.some((g) => g === null || typeof g !== 'object' || typeof (g as { fact?: unknown }).fact !== 'string'))
  ) {
    return { ...at, problem: 'returned a finding whose gaps are not a list of gaps' };
  }
  return null;
}

function errorFinding(tool: ToolSnapshot, message: string): RawFinding {
  return { tool: tool.id, resource: null, status: 'error', message, observed: {}, expected: {}, evidence: [], gaps: [] };
}

/**
 * Join the engine's raw findings with the catalog and the snapshots. A policy that applies to
 * a tool but said nothing about it yields an `error` finding: silence never passes. So does a
 * verdict of a shape auditready does not recognise (a status "failed", findings := 5): the
 * error names the policy and what it returned.
 */
export function assembleFindings(
  catalog: Catalog,
  snapshots: readonly ToolSnapshot[],
  raw: RawResults,
  gate: GateOptions,
  params: Readonly<Record<string, unknown>> = {},
  /** Policies that could not be evaluated (a custom policy past its time budget), by key: an error finding on every tool in scope. */
  policyErrors?: ReadonlyMap<string, string>,
): Finding[] {
  const byKey = new Map(catalog.policies.map((p) => [p.key, p]));
  for (const key of Object.keys(raw)) {
    if (!byKey.has(key)) throw new EngineError(`policy bundle returned findings for ${key}, which the catalog does not list`);
  }
  const byId = new Map(snapshots.map((s) => [s.id, s]));
  const findings: Finding[] = [];
  // compareFindings order, a policy at a time (smaller sorts; the same result, as policy ids are unique)
  const policies = [...catalog.policies].sort((a, b) => PILLAR_ORDER.indexOf(a.pillar) - PILLAR_ORDER.indexOf(b.pillar) || cmp(a.id, b.id));
  for (const policy of policies) {
    if (policy.deprecated) continue;
    const name = `policy ${policy.id} (${policy.key})`;
    // The controls this policy evidences with the run's thresholds (a mapping's `requires`).
    const frameworks = heldFrameworks(policy, params);
    const results: unknown = raw[policy.key] ?? [];
    const seen = new Set<string>();
    const own: Finding[] = [];
    // A problem without a tool to pin it on is reported on every tool the policy applies to.
    const problems: string[] = policyErrors?.has(policy.key) ? [policyErrors.get(policy.key)!] : [];
    const perTool = new Map<string, string>();
    if (!Array.isArray(results)) problems.push(`${name} returned findings of type ${typeName(results)}; expected a set of findings`);
    for (const r of Array.isArray(results) ? results : []) {
      const p = problemOf(r, byId);
      if (p?.tool) perTool.set(p.tool, perTool.get(p.tool) ?? `${name} ${p.problem}`);
      else if (p) problems.push(`${name} ${p.problem}`);
      else {
        const f = r as RawFinding;
        seen.add(f.tool);
        own.push(
          enrich(
            policy,
            frameworks,
            byId.get(f.tool)!,
            { ...f, observed: f.observed ?? {}, expected: f.expected ?? {}, evidence: f.evidence ?? [], gaps: f.gaps ?? [] },
            gate,
            byId,
          ),
        );
      }
    }
    for (const [id, problem] of perTool) {
      seen.add(id);
      own.push(enrich(policy, frameworks, byId.get(id)!, errorFinding(byId.get(id)!, problem), gate, byId));
    }
    for (const tool of snapshots) {
      if (!appliesTo(policy, tool) || seen.has(tool.id)) continue;
      const why = problems[0] ?? 'policy produced no verdict for this tool (fail closed: a rule that is undefined never passes)';
      own.push(enrich(policy, frameworks, tool, errorFinding(tool, why), gate, byId));
    }
    if (problems.length > 0 && !snapshots.some((t) => appliesTo(policy, t))) {
      throw new EngineError(`${problems[0]} (and it applies to no tool to report it on)`);
    }
    own.sort((a, b) => cmp(a.tool, b.tool) || cmp(a.resource ?? '', b.resource ?? ''));
    for (const f of own) findings.push(f);
  }
  return findings;
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
  // a tool whose input could not be read: nothing better than unknown (fail closed)
  const { status, message } = failClosed(r, tool);
  return {
    policy_id: policy.id,
    policy: policy.key,
    title: policy.title,
    pillar: policy.pillar,
    severity: policy.severity,
    tool: tool.id,
    tool_type: tool.type,
    resource: r.resource ?? null,
    status,
    message,
    observed: r.observed,
    expected: r.expected,
    evidence: { collector, method, location, collected_at, sha256, pointers: r.evidence, ...(sources.length ? { sources } : {}) },
    gaps: r.gaps as Finding['gaps'],
    frameworks,
    remediation: policy.remediation,
    gating: gateDecision({ status, severity: policy.severity }, gate).gates,
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
