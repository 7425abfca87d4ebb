import type { Severity } from '../report/types.js';

export const FRAMEWORKS = ['soc2', 'iso27001', 'pci-dss', 'nist-800-53', 'hipaa', 'cis-sscs'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export type Pillar = 'identity' | 'access' | 'event_tracking' | 'centralized_logging' | 'time' | 'retention' | 'cross_tool';

/** One policy as the catalog describes it (schemas/catalog.schema.json). */
export interface PolicyEntry {
  key: string;
  package: string;
  file: string;
  line: number;
  id: string;
  title: string;
  description: string;
  severity: Severity;
  pillar: Pillar;
  applies_to: string[];
  facts: string[];
  params?: string[];
  remediation: string;
  /** Every control the policy can evidence, per framework (from the metadata's `frameworks`). */
  frameworks: Partial<Record<Framework, string[]>>;
  /** Per framework and control: what the policy proves about it, and the parameter values the claim needs. */
  mappings?: Partial<Record<Framework, Record<string, Mapping>>>;
  deprecated?: boolean;
  aliases?: string[];
  /** A user's policy (config `policies:` or --policy), not built in. */
  custom?: boolean;
}

export interface Catalog {
  catalog_version: '1';
  policies: PolicyEntry[];
}

/** Whether a policy applies to a tool, by its applies_to list (types, categories or "*"). */
export function appliesTo(policy: Pick<PolicyEntry, 'applies_to'>, tool: { type: string; category: string }): boolean {
  return policy.applies_to.some((s) => s === '*' || s === tool.type || s === tool.category);
}

/**
 * A parameter value a mapping needs: the claim holds only when the run's threshold is at least
 * (`min`) or at most (`max`) the control's number, its allowed values are within `subset_of`, or
 * it lists at least `min_count` values.
 */
interface Condition {
  min?: number;
  max?: number;
  subset_of?: unknown[];
  /** The (array) parameter lists at least this many values (designated time servers). */
  min_count?: number;
}

/** One policy → control mapping: what the policy proves about the control, in one line. */
export interface Mapping {
  proves: string;
  requires?: Record<string, Condition>;
}

/** Why a mapping does not hold with these parameters (one phrase per unmet condition), or [] when it holds. */
function unmetConditions(mapping: Mapping | undefined, params: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const [name, c] of Object.entries(mapping?.requires ?? {})) {
    const v = params[name];
    if (c.min !== undefined && !(typeof v === 'number' && v >= c.min)) out.push(`${name} >= ${c.min}`);
    if (c.max !== undefined && !(typeof v === 'number' && v >= 0 && v <= c.max)) out.push(`${name} <= ${c.max}`);
    if (c.subset_of !== undefined && !(Array.isArray(v) && v.every((x) => c.subset_of!.some((y) => JSON.stringify(y) === JSON.stringify(x))))) {
      out.push(`${name} within ${JSON.stringify(c.subset_of)}`);
    }
    if (c.min_count !== undefined && !(Array.isArray(v) && v.length >= c.min_count)) out.push(`${name} lists at least ${c.min_count}`);
  }
  return out;
}

/**
 * The controls a policy evidences with these parameters: its mappings whose conditions hold
 * (a retention minimum below PCI DSS 10.5.1's 12 months does not evidence 10.5.1).
 */
export function heldFrameworks(policy: Pick<PolicyEntry, 'frameworks' | 'mappings'>, params: Readonly<Record<string, unknown>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [fw, ids] of Object.entries(policy.frameworks) as [Framework, string[]][]) {
    const held = ids.filter((id) => unmetConditions(policy.mappings?.[fw]?.[id], params).length === 0);
    if (held.length > 0) out[fw] = held;
  }
  return out;
}

/** What each policy proves per control it evidences with these parameters: id → framework → control → statement. */
export function claimsOf(policies: readonly PolicyEntry[], params: Readonly<Record<string, unknown>>): Record<string, Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, Record<string, string>>> = {};
  for (const p of policies) {
    if (p.deprecated) continue;
    for (const [fw, ids] of Object.entries(heldFrameworks(p, params))) {
      for (const id of ids) {
        const proves = p.mappings?.[fw as Framework]?.[id]?.proves;
        if (!proves) continue;
        out[p.id] ??= {};
        out[p.id]![fw] ??= {};
        out[p.id]![fw]![id] = proves;
      }
    }
  }
  return out;
}
