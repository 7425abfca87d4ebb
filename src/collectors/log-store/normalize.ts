/**
 * The one mapping from a StoreReading to the model's facts, for every log store. A log store is a
 * destination: its audit_log facts describe how it keeps the records it holds (retention, backup,
 * immutability, who may read them) and its own record of access to them; the pipeline tools'
 * destinations point at it (AR-XTL-001 follows destinations[].store to its retention_days).
 */
import type { GapReason } from '../../model/types.js';
import type { BuiltFacts, FactPath, FactsBuilder, FactValue } from '../kit/facts.js';
import type { Outcome, Setting, StoreReading } from './reading.js';
import { formatDays, type Retention, retentionEvidence } from './retention.js';

const IDENTITY: readonly FactPath[] = [
  'identity.sso_provider',
  'identity.sso_enforced',
  'identity.mfa_required',
  'identity.mfa_exempt',
  'identity.local_accounts',
];
const ACCESS: readonly FactPath[] = [
  'access.principals',
  'access.admin_count',
  'access.admin_names',
  'access.member_count',
  'access.default_permission',
  'access.wildcard_grants',
];
const FIELDS = ['actor', 'action', 'time', 'target', 'source_ip', 'result'] as const;
const CLOCK: readonly FactPath[] = ['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated'];

function from<P extends FactPath>(f: FactsBuilder, path: P, o: Outcome<Setting<FactValue<P>>>): void {
  if (o.ok) f.set(path, o.value.value, ...o.value.sources);
  else f.gap(path, o.reason, o.detail, o.permission ? { permission: o.permission } : {});
}

function days(f: FactsBuilder, path: 'audit_log.retention_days' | 'audit_log.retention_online_days', o: Outcome<Retention>): void {
  if (o.ok) f.set(path, o.value.days, ...o.value.sources);
  else f.gap(path, o.reason, o.detail, o.permission ? { permission: o.permission } : {});
}

function gapAll(f: FactsBuilder, paths: readonly FactPath[], reason: GapReason, detail: string, permission?: string): void {
  for (const p of paths) f.gap(p, reason, detail, permission ? { permission } : {});
}

/** Every fact of one log store, built on `f`, and the evidence for source.details. */
export function normalizeStore(r: StoreReading, f: FactsBuilder): { facts: BuiltFacts; details: Record<string, unknown> } {
  // --- identity and access: the store's accounts (or their absence) ---------------------------
  gapAll(f, IDENTITY, r.identity.reason, r.identity.detail, r.identity.permission);
  from(f, 'identity.anonymous_access', r.anonymous);
  gapAll(f, ACCESS, r.access.reason, r.access.detail, r.access.permission);

  // --- audit_log: how the store keeps the records it holds -----------------------------------
  days(f, 'audit_log.retention_days', r.retention);
  days(f, 'audit_log.retention_online_days', r.online);
  from(f, 'audit_log.backup', r.backup);
  from(f, 'audit_log.immutable', r.immutable);
  from(f, 'audit_log.read_restricted', r.readRestricted);
  f.gap(
    'audit_log.destinations',
    'not_applicable',
    `${r.label} is a central log store: the pipeline tools' destinations point at it (AR-XTL-001 follows them to its retention)${r.accessLog.destination ? `; its own access log goes to ${r.accessLog.destination}` : ''}`,
  );
  f.gap(
    'audit_log.records_secret_values',
    'not_applicable',
    `${r.label} stores the records the pipeline tools send; whether they hold secret values is judged on each tool (Vault log_raw, Kubernetes audit levels)`,
  );
  f.gap('audit_log.rotation', 'not_applicable', `${r.label} keeps records by retention, not by rotating local log files`);
  f.gap(
    'audit_log.failure_alert',
    'not_collected',
    `an alert when records stop arriving is the monitoring system's (e.g. on the shippers' error metrics or a missing-data alert); ${r.label} has no such setting`,
  );

  // --- audit_log: the store's own record of access to the stored logs -----------------------
  const log = r.accessLog;
  from(f, 'audit_log.enabled', log.enabled);
  const off = log.enabled.ok && !log.enabled.value.value;
  const noLog = `${r.label} writes no audit log of its own`;
  const unknownLog = log.enabled.ok ? undefined : log.enabled;
  const levels = (path: 'audit_log.level' | 'audit_log.event_levels') =>
    off ? f.gap(path, 'not_applicable', noLog) : f.gap(path, 'not_supported', `${r.label}'s access log records every request; it has no audit levels`);
  levels('audit_log.level');
  levels('audit_log.event_levels');
  if (off) f.gap('audit_log.event_classes', 'not_applicable', noLog);
  else f.gap('audit_log.event_classes', 'not_supported', `${r.label}'s access log records every request; it has no event classes to choose`);
  for (const field of FIELDS) {
    const path = `audit_log.fields.${field}` as const;
    if (off) f.gap(path, 'not_applicable', noLog);
    else if (unknownLog) f.gap(path, unknownLog.reason, unknownLog.detail, unknownLog.permission ? { permission: unknownLog.permission } : {});
    else if (log.fields) f.set(path, log.fields.value[field], ...log.fields.sources);
    else f.gap(path, 'not_collected', `the fields of ${r.label}'s access log are not read`);
  }

  // --- time -----------------------------------------------------------------------------------
  if (r.hosting === 'saas') gapAll(f, CLOCK, 'not_applicable', `${r.label} is a managed service: its clocks are the provider's`);
  else gapAll(f, CLOCK, 'not_collected', `the clocks of the ${r.label} hosts: add their time daemon (chrony, ntpsec, timesyncd) as a target`);
  from(f, 'time.timestamp_timezone', r.timestampZone);

  return { facts: f.build(), details: storeDetails(r) };
}

/** source.details of a log store: retention with raw values and units, how it was decided, warnings. */
function storeDetails(r: StoreReading): Record<string, unknown> {
  const ret = (o: Outcome<Retention>) => (o.ok ? retentionEvidence(o.value) : { unknown: `${o.reason}: ${o.detail}` });
  const why = (o: Outcome<Setting<unknown>>) => (o.ok && o.value.why ? o.value.why : undefined);
  const reasons = Object.fromEntries(
    (
      [
        ['immutable', why(r.immutable)],
        ['backup', why(r.backup)],
        ['anonymous_access', why(r.anonymous)],
        ['read_restricted', why(r.readRestricted)],
        ['access_log', why(r.accessLog.enabled)],
      ] as const
    ).filter(([, v]) => v !== undefined),
  );
  return {
    store: r.label,
    retention: {
      total: ret(r.retention),
      online: ret(r.online),
      summary:
        r.retention.ok && r.online.ok
          ? `kept ${formatDays(r.retention.value.days)}, searchable ${formatDays(r.online.value.days)}`
          : 'not fully known (see the gaps)',
      how: r.explain,
    },
    ...(Object.keys(reasons).length ? { why: reasons } : {}),
    ...(r.accessLog.destination ? { access_log_destination: r.accessLog.destination } : {}),
    ...(r.warnings.length ? { warnings: r.warnings } : {}),
    ...r.details,
  };
}
