/**
 * Builds the normalized facts of one tool, fact by fact, with the evidence of each: the file, line,
 * column and JSON pointer it was read at, or the endpoint; and whether the value is the tool's
 * documented default because the setting is absent. It refuses to build while any fact of the
 * model is unset (a collector bug), so a fact is always a value or null plus a gap.
 */
import { CollectorError } from '../../errors.js';
import type { Facts, Gap, GapReason, IntegrationFacts } from '../../model/types.js';

/** Where a fact was read. `default` says the setting is absent and the documented default applies. */
export type Evidence =
  | {
      readonly file: string;
      readonly line: number;
      readonly col: number;
      readonly pointer: string;
      readonly embedded_in?: string;
      readonly default?: string;
    }
  | { readonly endpoint: string; readonly pointer?: string; readonly default?: string };

/** Every fact of the model's four required groups (audit_log.fields split per field, as gaps name them). */
export const REQUIRED_FACTS = [
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

export type FactPath = (typeof REQUIRED_FACTS)[number] | 'integrations.webhooks' | 'integrations.log_streams';

export interface BuiltFacts extends Facts {
  integrations?: IntegrationFacts;
  gaps: Gap[];
  /** Per fact, where it was read (only for facts with a value or a gap that has a location). */
  evidence: Record<string, Evidence[]>;
}

export class FactSet {
  private readonly values = new Map<string, unknown>();
  private readonly where = new Map<string, Evidence[]>();
  private readonly gaps: Gap[] = [];

  constructor(private readonly collector: string) {}

  /** Record a value and where it was read (several places when it is derived from several settings). */
  set(path: FactPath, value: unknown, ...evidence: (Evidence | undefined)[]): void {
    if (this.values.has(path)) throw new CollectorError(this.collector, `fact ${path} set twice`);
    if (value === null || value === undefined) throw new CollectorError(this.collector, `fact ${path} set to ${String(value)}; use gap() for a missing fact`);
    this.values.set(path, value);
    const ev = evidence.filter((e): e is Evidence => e !== undefined);
    if (ev.length) this.where.set(path, ev);
  }

  /** Record that a fact is unknown, and why; optionally where the reason was read. */
  gap(path: FactPath, reason: GapReason, detail: string, permission?: string, ...evidence: (Evidence | undefined)[]): void {
    if (this.values.has(path)) throw new CollectorError(this.collector, `fact ${path} set twice`);
    this.values.set(path, null);
    this.gaps.push({ fact: path, reason, detail, ...(permission ? { permission } : {}) });
    const ev = evidence.filter((e): e is Evidence => e !== undefined);
    if (ev.length) this.where.set(path, ev);
  }

  has(path: FactPath): boolean {
    return this.values.has(path);
  }

  /** The value recorded for a fact (null for a gap, undefined when not recorded yet). */
  get<T>(path: FactPath): T | null | undefined {
    return this.values.get(path) as T | null | undefined;
  }

  build(options: { integrations?: boolean } = {}): BuiltFacts {
    const paths: string[] = [...REQUIRED_FACTS, ...(options.integrations ? ['integrations.webhooks', 'integrations.log_streams'] : [])];
    const unset = paths.filter((p) => !this.values.has(p));
    if (unset.length) throw new CollectorError(this.collector, `facts left unset: ${unset.join(', ')}`);
    const v = (p: string) => this.values.get(p) as never;
    const facts: BuiltFacts = {
      identity: {
        sso_provider: v('identity.sso_provider'),
        sso_enforced: v('identity.sso_enforced'),
        mfa_required: v('identity.mfa_required'),
        mfa_exempt: v('identity.mfa_exempt'),
        local_accounts: v('identity.local_accounts'),
        anonymous_access: v('identity.anonymous_access'),
      },
      access: {
        principals: v('access.principals'),
        admin_count: v('access.admin_count'),
        admin_names: v('access.admin_names'),
        member_count: v('access.member_count'),
        default_permission: v('access.default_permission'),
        wildcard_grants: v('access.wildcard_grants'),
      },
      audit_log: {
        enabled: v('audit_log.enabled'),
        level: v('audit_log.level'),
        event_classes: v('audit_log.event_classes'),
        event_levels: v('audit_log.event_levels'),
        fields: {
          actor: v('audit_log.fields.actor'),
          action: v('audit_log.fields.action'),
          time: v('audit_log.fields.time'),
          target: v('audit_log.fields.target'),
          source_ip: v('audit_log.fields.source_ip'),
          result: v('audit_log.fields.result'),
        },
        destinations: v('audit_log.destinations'),
        retention_days: v('audit_log.retention_days'),
        retention_online_days: v('audit_log.retention_online_days'),
        backup: v('audit_log.backup'),
        immutable: v('audit_log.immutable'),
        records_secret_values: v('audit_log.records_secret_values'),
        rotation: v('audit_log.rotation'),
        failure_alert: v('audit_log.failure_alert'),
        read_restricted: v('audit_log.read_restricted'),
      },
      time: {
        sync_daemon: v('time.sync_daemon'),
        sources: v('time.sources'),
        synchronized: v('time.synchronized'),
        offset_ms: v('time.offset_ms'),
        timestamp_timezone: v('time.timestamp_timezone'),
        authenticated: v('time.authenticated'),
      },
      gaps: [...this.gaps],
      evidence: Object.fromEntries([...this.where.entries()].sort(([a], [b]) => a.localeCompare(b))),
    };
    if (options.integrations) facts.integrations = { webhooks: v('integrations.webhooks'), log_streams: v('integrations.log_streams') };
    return facts;
  }
}
