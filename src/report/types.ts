import type { Severity } from '../config/types.js';
import type { CollectionError } from '../collectors/types.js';
import type { FactSource, Gap, ToolSnapshot } from '../model/types.js';

export type { CollectionError };

/** Where one fact a finding read came from (the snapshot's provenance for that fact). */
export interface EvidenceSource extends FactSource {
  /** The fact, e.g. identity.local_accounts. */
  fact: string;
}

export type Status = 'pass' | 'fail' | 'unknown' | 'not_applicable' | 'error' | 'waived';
export const STATUSES: readonly Status[] = ['fail', 'error', 'unknown', 'waived', 'pass', 'not_applicable'];

/** An approved, time-limited exception that covered a finding (config `waivers`). */
export interface Waiver {
  id?: string;
  policy: string;
  tool: string;
  resource?: string;
  justification: string;
  approver: string;
  approved_on: string;
  expires_on: string;
  /** The status the finding had before the waiver. */
  waived_status: 'fail' | 'unknown' | 'error';
}

/** One verdict: policy × tool (× resource). schemas/report.schema.json#/$defs/finding */
export interface Finding {
  policy_id: string;
  policy: string;
  title: string;
  pillar: string;
  severity: Severity;
  tool: string;
  tool_type: string;
  resource: string | null;
  status: Status;
  message: string;
  observed: Record<string, unknown>;
  expected: Record<string, unknown>;
  evidence: {
    collector: string;
    method: string;
    location: string;
    collected_at: string;
    sha256: string;
    pointers: string[];
    /** For each fact the policy read, the file:line (or endpoint) it came from, when the collector recorded it. */
    sources?: EvidenceSource[];
  };
  gaps: Gap[];
  frameworks: Record<string, string[]>;
  remediation: string;
  gating: boolean;
  waiver?: Waiver;
}

/** Something the run noticed that is not a finding (a waiver that expired or matched nothing). */
export interface ReportWarning {
  kind: 'waiver_expired' | 'waiver_not_yet_valid' | 'waiver_unmatched' | 'waiver_not_needed';
  message: string;
  waiver?: Waiver;
}

export interface Report {
  report_version: '1';
  tool: { name: 'auditready'; version: string };
  run: {
    as_of: string;
    started_at: string;
    finished_at: string;
    config: string;
    config_sha256: string;
    profile: string;
    parameters: Record<string, unknown>;
    policy_bundle: { opa_version: string; wasm_sha256: string; catalog_sha256: string; policies_digest: string };
    fail_on: Severity;
    fail_on_unknown: boolean;
    /** With `check --baseline`: only findings worse than in this report gate. */
    baseline?: { report: string; new_failures: number; not_gating: number };
  };
  summary: {
    total: number;
    by_status: Record<Status, number>;
    gating: number;
    /** Tools whose input could not be read (their facts are unknown); any makes the result fail. */
    collection_errors?: number;
    result: 'pass' | 'fail';
  };
  /** Where each target is declared in the config (optional: reports before 0.2 lack it). */
  targets?: TargetLocation[];
  snapshots: ToolSnapshot[];
  findings: Finding[];
  warnings?: ReportWarning[];
  /** Tools whose input could not be read or parsed: their facts are unknown and the run fails. */
  collection_errors?: CollectionError[];
}

/** The config line that declares a target: remote findings are anchored there (SARIF, JUnit). */
export interface TargetLocation {
  /** Snapshot id (type/name). */
  tool: string;
  config_file: string;
  line: number;
}
