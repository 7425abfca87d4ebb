/**
 * Collects facts one by one with where each was read, whether it is the tool's documented
 * default, or why it is missing, and refuses to build while a model fact is unset.
 */
import type { Facts, Gap, GapReason } from '../../model/types.js';
import type { Evidence } from './inputs.js';

export const FACT_PATHS = [
  'identity.sso_provider',
  'identity.sso_enforced',
  'identity.mfa_required',
  'identity.mfa_exempt',
  'identity.local_accounts',
  'identity.anonymous_access',
  'access.principals',
  'access.admin_count',
  'access.admin_names',
  'access.member_count',
  'access.default_permission',
  'access.wildcard_grants',
  'audit_log.enabled',
  'audit_log.level',
  'audit_log.event_classes',
  'audit_log.event_levels',
  'audit_log.fields.actor',
  'audit_log.fields.action',
  'audit_log.fields.time',
  'audit_log.fields.target',
  'audit_log.fields.source_ip',
  'audit_log.fields.result',
  'audit_log.destinations',
  'audit_log.retention_days',
  'audit_log.retention_online_days',
  'audit_log.backup',
  'audit_log.immutable',
  'audit_log.records_secret_values',
  'audit_log.rotation',
  'audit_log.failure_alert',
  'audit_log.read_restricted',
  'time.sync_daemon',
  'time.sources',
  'time.synchronized',
  'time.offset_ms',
  'time.timestamp_timezone',
  'time.authenticated',
] as const;
export type FactPath = (typeof FACT_PATHS)[number];

export interface Entry {
  readonly value: unknown;
  readonly evidence: readonly Evidence[];
  /** Set when the value is the tool's documented default because the setting is absent. */
  readonly default?: string;
  readonly gap?: Gap;
}

export class FactRecorder {
  readonly entries = new Map<string, Entry>();

  set(path: FactPath, value: unknown, evidence: readonly Evidence[] = [], defaultNote?: string): void {
    this.entries.set(path, { value, evidence, ...(defaultNote ? { default: defaultNote } : {}) });
  }

  gap(path: FactPath, reason: GapReason, detail: string, evidence: readonly Evidence[] = [], permission?: string): void {
    this.entries.set(path, { value: null, evidence, gap: { fact: path, reason, detail, ...(permission ? { permission } : {}) } });
  }

  put(path: string, entry: Entry): void {
    this.entries.set(path, entry);
  }

  has(path: FactPath): boolean {
    return this.entries.has(path);
  }

  /** The facts, their gaps, and per fact the evidence and default notes. Throws on an unset fact. */
  build(): { facts: Facts; gaps: Gap[]; evidence: Record<string, readonly Evidence[]>; defaults: Record<string, string> } {
    const missing = FACT_PATHS.filter((p) => !this.entries.has(p));
    if (missing.length > 0) throw new Error(`kubernetes normalizer left facts unset: ${missing.join(', ')}`);
    const facts: Record<string, Record<string, unknown>> = {};
    const gaps: Gap[] = [];
    const evidence: Record<string, readonly Evidence[]> = {};
    const defaults: Record<string, string> = {};
    for (const p of FACT_PATHS) {
      const e = this.entries.get(p)!;
      const segs = p.split('.');
      let cur = facts as Record<string, unknown>;
      for (const s of segs.slice(0, -1)) {
        cur[s] ??= {};
        cur = cur[s] as Record<string, unknown>;
      }
      cur[segs.at(-1)!] = e.value;
      if (e.gap) gaps.push(e.gap);
      if (e.evidence.length > 0) evidence[p] = e.evidence;
      if (e.default) defaults[p] = e.default;
    }
    return { facts: facts as unknown as Facts, gaps, evidence, defaults };
  }
}
