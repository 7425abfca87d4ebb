import type { Severity } from '../config/types.js';

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
  frameworks: Partial<Record<Framework, string[]>>;
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
