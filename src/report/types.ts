import type { CollectionError } from '../collectors/types.js';
import type { FactSource, Gap, ToolSnapshot } from '../model/types.js';

export type { CollectionError };

/** Where one fact a finding read came from (the snapshot's provenance for that fact). */
export interface EvidenceSource extends FactSource {
  /** The fact, e.g. identity.local_accounts. */
  fact: string;
  /** The snapshot it was read from when not the finding's own tool (a cross-tool policy citing the log store). */
  tool?: string;
}

/** Every severity, most severe first: the one order of severities (gating, sorting, charts). */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Position of a severity in SEVERITIES (0 = most severe); an unrecognised one sorts last. */
export function severityRank(severity: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(severity);
  return i === -1 ? SEVERITIES.length : i;
}

export type Status = 'pass' | 'fail' | 'unknown' | 'not_applicable' | 'error' | 'waived';
/**
 * Every status, worst first: the one order of statuses (the policy library combines checks the
 * same way: error beats fail beats unknown; README "Finding statuses"). Sorting, filters, cards and
 * worst-of computations all read it from here.
 */
export const STATUSES: readonly Status[] = ['error', 'fail', 'unknown', 'waived', 'pass', 'not_applicable'];

/** Position of a status in STATUSES (0 = worst); an unrecognised status ranks worst of all (fail closed). */
export function statusRank(status: string): number {
  const i = (STATUSES as readonly string[]).indexOf(status);
  return i === -1 ? -1 : i;
}

/** The worse of two statuses, by STATUSES. */
export function worstStatus(a: Status, b: Status): Status {
  return statusRank(a) <= statusRank(b) ? a : b;
}

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
  kind:
    | 'waiver_expired'
    | 'waiver_not_yet_valid'
    | 'waiver_unmatched'
    | 'waiver_not_needed'
    | 'waiver_tool_not_collected'
    | 'waiver_too_long'
    | 'waiver_approver_unlisted'
    | 'gap_approver_unlisted'
    | 'as_of_distant'
    | 'facts_all_not_applicable'
    | 'facts_stale';
  message: string;
  waiver?: Waiver;
  /** The tool a warning is about (facts_all_not_applicable). */
  tool?: string;
}

export interface Report {
  report_version: '1';
  tool: { name: 'auditready'; version: string };
  run: {
    as_of: string;
    started_at: string;
    /** When collection ended (evidence collected after it is from the future); absent in reports before 0.2. */
    collected_by?: string;
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
    /** Findings on evidence declared in facts files (not read from the tool by a native collector); absent in reports before 0.2. */
    declared?: { total: number; by_status: Record<Status, number> };
  };
  /** Where each target is declared in the config (optional: reports before 0.2 lack it). */
  targets?: TargetLocation[];
  snapshots: ToolSnapshot[];
  findings: Finding[];
  warnings?: ReportWarning[];
  /** Tools whose input could not be read or parsed: their facts are unknown and the run fails. */
  collection_errors?: CollectionError[];
  /**
   * What each evaluated policy proves about each control it evidences in this run (its mappings
   * whose `requires` the parameters meet): policy id → framework → control → one-line statement.
   */
  claims?: Record<string, Record<string, Record<string, string>>>;
}

/** The config line that declares a target: remote findings are anchored there (SARIF, JUnit). */
interface TargetLocation {
  /** Snapshot id (type/name). */
  tool: string;
  config_file: string;
  line: number;
}
