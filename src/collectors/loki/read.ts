/**
 * Grafana Loki's configuration (the YAML file given with -config.file, or what `GET /config`
 * serves) and its runtime overrides (`overrides:` per tenant, the file named by
 * runtime_config.file; or `GET /config/tenant/v1/limits` per tenant) → a StoreReading.
 *
 * Retention (docs/sources/operations/storage/retention.md, pkg/compactor/retention/expiration.go):
 *  - kept **forever** unless `compactor.retention_enabled: true` (default false);
 *  - then each tenant's `retention_period` applies (limits_config, overridden per tenant; `0s`, the
 *    default, means forever), except streams matched by a `retention_stream` rule (a tenant's own
 *    list replaces the global one), whose `period` applies instead;
 *  - we do not know which streams hold the audit records, so the shortest period any stream of
 *    any tenant in scope can get is the fact, and the evidence lists every candidate;
 *  - legacy (Loki 2.x): the table manager with `retention_deletes_enabled` deletes index tables
 *    after its `retention_period`; chunks stay in the object store until its lifecycle deletes
 *    them. `chunk_store_config.max_look_back_period` and `limits_config.max_query_lookback` bound
 *    what queries reach (the online retention).
 * Access: Loki has no authentication layer of its own. `auth_enabled: false` = one tenant, anyone
 * who reaches Loki reads and writes; `auth_enabled: true` (the default) = multi-tenancy through an
 * `X-Scope-OrgID` header any client can send; access control is the reverse proxy's.
 */
import { inputError } from '../log-store/errors.js';
import { isRecord, type Located, pick, segment, within } from '../log-store/located.js';
import { documented, type Missing, missing, ok, type Outcome, type Setting, type StoreReading, setting } from '../log-store/reading.js';
import { FOREVER, formatDays, keptForever, fromDuration, type Retention, retentionEvidence, shortest } from '../log-store/retention.js';

/** The per-tenant limits of one tenant, as read: its own `overrides.<tenant>` or the live limits. */
export interface TenantLimits {
  readonly tenant: string;
  readonly limits: Located;
}

export interface LokiInput {
  /** The main configuration (file or GET /config). */
  readonly config: Located;
  /** Per-tenant overrides (runtime config file, or live per-tenant limits). */
  readonly tenants: readonly TenantLimits[];
  /** Tenants holding the audit records (options.tenants); undefined = every tenant. */
  readonly scope?: readonly string[];
  /** What the overrides came from, for the evidence ("overrides.yaml", "GET /config/tenant/v1/limits"). */
  readonly overridesFrom?: string;
  /**
   * Whether the per-tenant overrides in force were read (the runtime config file, or the limits of
   * every tenant in scope). When the configuration names a runtime config file and they were not,
   * an override could shorten the retention: the retention facts are then unknown.
   */
  readonly overridesRead: boolean;
}

const EXPECTED_CONFIG = "Loki's configuration as documented (docs/sources/shared/configuration.md)";
const NO_AUTH =
  "Loki has no authentication layer of its own (its documentation asks for an authenticating reverse proxy in front): sign-in, SSO and MFA are the proxy's; add the proxy's identity provider as its own target";
const NO_USERS = 'Loki has no users or roles; tenants are an X-Scope-OrgID header, enforced (if at all) by the reverse proxy in front';
const PROXY = "access control is the reverse proxy's in front of Loki, which auditready does not read";

function bool(doc: Located, pointer: string, dflt: boolean, why: string): Setting<boolean> {
  const v = pick(doc.value, pointer);
  if (v === undefined || v === null) return setting(dflt, undefined, doc.absent(pointer, why));
  if (typeof v !== 'boolean') inputError(doc.at(pointer), `${pointer.slice(1).replace(/\//g, '.')} is ${JSON.stringify(v)}`, 'true or false');
  return setting(v, undefined, doc.at(pointer));
}

function str(doc: Located, pointer: string): string | undefined {
  const v = pick(doc.value, pointer);
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') inputError(doc.at(pointer), `${pointer.slice(1).replace(/\//g, '.')} is ${JSON.stringify(v)}`, 'a string');
  return v;
}

/** A Prometheus duration setting (model.Duration), or undefined when absent. */
function duration(doc: Located, pointer: string, name: string): Retention | undefined {
  const v = pick(doc.value, pointer);
  if (v === undefined || v === null) return undefined;
  // YAML reads a bare 0 as a number; Loki accepts it as a zero duration.
  const text = typeof v === 'number' && v === 0 ? '0' : v;
  if (typeof text !== 'string') return inputError(doc.at(pointer), `${name} is ${JSON.stringify(v)}`, 'a duration such as 8760h, 365d or 0s');
  const r = fromDuration(text, 'prometheus', name, doc.at(pointer));
  if ('problem' in r) return inputError(doc.at(pointer), r.problem, 'a duration Loki accepts');
  return r;
}

interface StreamRule {
  readonly selector: string;
  readonly priority: number;
  readonly period: Retention;
}

function streamRules(doc: Located, pointer: string, owner: string): StreamRule[] | undefined {
  const v = pick(doc.value, pointer);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) return inputError(doc.at(pointer), `${owner}.retention_stream is not a list`, 'a list of {selector, priority, period}');
  return v.map((_, i) => {
    const at = `${pointer}/${i}`;
    const selector = str(doc, `${at}/selector`);
    if (!selector) return inputError(doc.at(at), `${owner}.retention_stream[${i}] has no selector`, 'a Prometheus label selector such as {namespace="dev"}');
    const priority = pick(doc.value, `${at}/priority`) ?? 0;
    if (typeof priority !== 'number') return inputError(doc.at(`${at}/priority`), `${owner}.retention_stream[${i}].priority is not a number`, 'an integer');
    const period = duration(doc, `${at}/period`, `${owner}.retention_stream[${i}].period`);
    if (!period) return inputError(doc.at(at), `${owner}.retention_stream[${i}] has no period`, 'a duration such as 744h');
    return { selector, priority, period: { ...period, setting: `${owner}.retention_stream ${selector} (priority ${priority})` } };
  });
}

/** Every retention a stream of one tenant can get, with what each applies to. */
function tenantCandidates(tenant: string, globals: Located, own: Located | undefined): { candidates: Retention[]; lookback: Retention | undefined } {
  const name = own ? `overrides.${tenant}` : 'limits_config';
  const ownPeriod = own ? duration(own, '/retention_period', `${name}.retention_period`) : undefined;
  const period =
    ownPeriod ??
    duration(globals, '/retention_period', 'limits_config.retention_period') ??
    keptForever(
      'limits_config.retention_period',
      'absent: the default 0s keeps streams forever',
      globals.absent('/retention_period', '0s (kept forever; since Loki 2.8 a zero period disables retention)'),
    );
  const streams = (own ? streamRules(own, '/retention_stream', name) : undefined) ?? streamRules(globals, '/retention_stream', 'limits_config') ?? [];
  const lookback =
    (own ? duration(own, '/max_query_lookback', `${name}.max_query_lookback`) : undefined) ??
    duration(globals, '/max_query_lookback', 'limits_config.max_query_lookback');
  const label = (r: Retention, what: string): Retention => ({ ...r, setting: `${r.setting} — tenant ${tenant}: ${what}` });
  return {
    candidates: [label(period, 'streams no retention_stream rule matches'), ...streams.map((s) => label(s.period, `streams matching ${s.selector}`))],
    lookback: lookback && lookback.days !== FOREVER ? lookback : undefined,
  };
}

/** Where Loki keeps its chunks, for the evidence and the gaps that point at the object store. */
function chunkStore(config: Located): string {
  const schemas = pick(config.value, '/schema_config/configs');
  const last = Array.isArray(schemas) && schemas.length > 0 ? schemas[schemas.length - 1] : undefined;
  const store = isRecord(last) && typeof last.object_store === 'string' ? last.object_store : undefined;
  const bucket =
    str(config, '/storage_config/aws/bucketnames') ??
    str(config, '/common/storage/s3/bucketnames') ??
    str(config, '/storage_config/gcs/bucket_name') ??
    str(config, '/common/storage/gcs/bucket_name') ??
    str(config, '/storage_config/azure/container_name') ??
    str(config, '/common/storage/azure/container_name');
  const dir = str(config, '/common/storage/filesystem/chunks_directory') ?? str(config, '/storage_config/filesystem/directory');
  if (bucket) return `${store ?? 'object store'} bucket ${bucket}`;
  if (dir) return `filesystem ${dir}`;
  return store ? `${store}` : 'the configured object store';
}

export function readLoki(input: LokiInput): StoreReading {
  const { config } = input;
  if (!isRecord(config.value)) inputError(config.at(''), 'the configuration is not a mapping', EXPECTED_CONFIG);
  const limits = within(config, '/limits_config');
  const explain: string[] = [];
  const warnings: string[] = [];

  // --- access -------------------------------------------------------------------------------
  const auth = bool(config, '/auth_enabled', true, 'true (multi-tenant: every request needs an X-Scope-OrgID header, which any client can send)');
  const anonymous: Outcome<Setting<boolean>> = auth.value
    ? missing(
        'not_collected',
        `auth_enabled: true only turns on multi-tenancy: the X-Scope-OrgID header is not authentication and any client can send it; ${PROXY}`,
      )
    : ok(setting(true, 'auth_enabled: false: a single tenant ("fake"), and anyone who reaches Loki reads and writes every log', ...auth.sources));
  const readRestricted: Outcome<Setting<boolean>> = auth.value
    ? missing('not_collected', `tenants are not an access control (the X-Scope-OrgID header is set by the client); ${PROXY}`)
    : ok(setting(false, 'auth_enabled: false: every client that reaches Loki can query every log', ...auth.sources));

  // --- retention ----------------------------------------------------------------------------
  const compactor = bool(config, '/compactor/retention_enabled', false, 'false (the compactor only compacts; logs are kept forever)');
  const tableDeletes = bool(config, '/table_manager/retention_deletes_enabled', false, 'false (the table manager deletes nothing)');
  const tablePeriod = duration(config, '/table_manager/retention_period', 'table_manager.retention_period');
  const legacyLookback = duration(config, '/chunk_store_config/max_look_back_period', 'chunk_store_config.max_look_back_period');
  const chunks = chunkStore(config);

  const known = new Set(input.tenants.map((t) => t.tenant));
  const own = (tenant: string) => input.tenants.find((x) => x.tenant === tenant)?.limits;
  // Without options.tenants every tenant counts: those with an override, and the others (global limits).
  // With auth_enabled: false there is one tenant, "fake".
  const perTenant: { tenant: string; own: Located | undefined }[] = input.scope
    ? input.scope.map((t) => ({ tenant: t, own: own(t) }))
    : auth.value
      ? [{ tenant: '(every tenant without an override)', own: undefined }, ...[...known].map((t) => ({ tenant: t, own: own(t) }))]
      : [{ tenant: 'fake', own: own('fake') }];

  let total: Outcome<Retention>;
  let onlineCandidates: Retention[] = [];
  const candidatesShown: Record<string, unknown>[] = [];
  if (compactor.value) {
    if (!str(config, '/compactor/delete_request_store')) {
      warnings.push(
        'compactor.retention_enabled is true but compactor.delete_request_store is empty: Loki 3.x refuses to start with this configuration (2.x accepted it)',
      );
    }
    const all: Retention[] = [];
    for (const t of perTenant) {
      const { candidates, lookback } = tenantCandidates(t.tenant, limits, t.own);
      all.push(...candidates);
      const tenantTotal = shortest(candidates)!;
      onlineCandidates.push(
        tenantTotal,
        ...(lookback ? [{ ...lookback, setting: `${lookback.setting} — tenant ${t.tenant}: queries reach back no further` }] : []),
      );
      candidatesShown.push(...candidates.map(retentionEvidence));
    }
    const decided = shortest(all)!;
    total = ok(decided);
    explain.push(
      `compactor.retention_enabled is true: ${all.length} retention rule(s) can apply to the tenants in scope (${perTenant.map((t) => t.tenant).join(', ')}); which streams hold the audit records is not known, so the shortest, ${formatDays(decided.days)} (${decided.setting}), is the fact`,
    );
    if (tableDeletes.value)
      warnings.push(
        'table_manager.retention_deletes_enabled is also true: with the compactor applying retention, the table manager is not needed (and not used by tsdb/boltdb-shipper)',
      );
  } else if (tableDeletes.value && tablePeriod && tablePeriod.days !== FOREVER) {
    total = missing(
      'not_collected',
      `the table manager deletes index tables after ${formatDays(tablePeriod.days)} (table_manager.retention_period ${String(tablePeriod.raw)}); the chunks stay in ${chunks} until its own lifecycle deletes them: add that store as a target`,
    );
    onlineCandidates = [{ ...tablePeriod, note: 'the table manager deletes the index after this period; chunks without an index are not searchable' }];
    explain.push('compactor retention is off; the legacy table manager deletes index tables (retention_deletes_enabled: true), not chunks');
  } else {
    const f: Retention = keptForever(
      'compactor.retention_enabled',
      'retention is off: Loki deletes nothing (limits_config.retention_period and retention_stream only apply when the compactor applies retention)',
      ...compactor.sources,
    );
    total = ok(f);
    onlineCandidates = [f];
    explain.push('compactor.retention_enabled is false (the default): logs sent to Loki live forever');
    for (const t of perTenant) {
      const { lookback } = tenantCandidates(t.tenant, limits, t.own);
      if (lookback) onlineCandidates.push({ ...lookback, setting: `${lookback.setting} — tenant ${t.tenant}: queries reach back no further` });
    }
  }
  const runtimeFile = str(config, '/runtime_config/file') ?? str(limits, '/per_tenant_override_config');
  if (runtimeFile && !input.overridesRead) {
    const why = `per-tenant overrides in ${runtimeFile} (runtime_config.file) can shorten the retention and were not read: give that file with files: (next to endpoint: in live mode), or name the audit tenants in options.tenants`;
    total = missing('not_collected', why);
    onlineCandidates = [];
    explain.push(why);
  }
  if (chunks.includes('bucket')) {
    warnings.push(
      `chunks are kept in ${chunks}: a lifecycle rule on that bucket deletes them whatever Loki's retention says; add the bucket as an s3 target to read it`,
    );
  }
  if (legacyLookback && legacyLookback.days !== FOREVER)
    onlineCandidates.push({ ...legacyLookback, note: 'queries reach back no further (legacy chunk store setting)' });
  const online = shortest(onlineCandidates);
  if (online && total.ok && online !== total.value)
    explain.push(`queries reach back only ${formatDays(online.days)} (${online.setting}): the online retention`);

  // --- evidence -------------------------------------------------------------------------------
  const details: Record<string, unknown> = {
    auth_enabled: auth.value,
    compactor_retention_enabled: compactor.value,
    ...(compactor.value ? { delete_request_store: str(config, '/compactor/delete_request_store') ?? '' } : {}),
    deletion_mode: str(limits, '/deletion_mode') ?? 'filter-and-delete (default)',
    chunk_store: chunks,
    tenants_in_scope: input.scope ?? 'every tenant (set options.tenants to the tenants holding audit records)',
    tenants_with_overrides: [...known],
    ...(input.overridesFrom ? { overrides_from: input.overridesFrom } : {}),
    ...(candidatesShown.length ? { retention_candidates: candidatesShown } : {}),
    ...(tableDeletes.value ? { table_manager: { retention_deletes_enabled: true, retention_period: tablePeriod?.raw ?? '0s' } } : {}),
  };

  const noOwnLog: Missing = missing('not_applicable', 'Loki writes no audit log of its own');
  return {
    label: 'Loki',
    hosting: 'self-hosted',
    retention: total,
    online: online ? ok(online) : total,
    immutable: ok(
      setting(
        false,
        "Loki has no immutability of its own: the compactor and the delete API remove log lines, and whoever can write the object store can delete chunks (use the bucket's Object Lock, read by an s3 target)",
        documented('Loki', 'Loki has no WORM or object-lock setting'),
      ),
    ),
    backup: missing(
      'not_collected',
      `Loki makes no second copy of stored chunks (ingester replication covers only data not yet flushed); versioning or replication of ${chunks} is the backup: add it as a target`,
    ),
    anonymous,
    readRestricted,
    accessLog: {
      enabled: ok(
        setting(
          false,
          "Loki writes no audit log of who queried or pushed; the reverse proxy's access log is the only record",
          documented('Loki', 'Loki has no audit log'),
        ),
      ),
    },
    identity: missing('not_supported', NO_AUTH),
    access: missing('not_supported', NO_USERS),
    timestampZone: ok(setting('UTC', undefined, documented('Loki', 'Loki stores every entry with a Unix epoch timestamp in nanoseconds (UTC)'))),
    explain,
    warnings,
    details: { ...details, own_audit_log: noOwnLog.detail },
  };
}

/** The tenants of a runtime overrides document (`overrides: {<tenant>: limits}`). */
export function overridesTenants(doc: Located): TenantLimits[] {
  const o = pick(doc.value, '/overrides');
  if (o === undefined || o === null) return [];
  if (!isRecord(o)) return inputError(doc.at('/overrides'), 'overrides is not a mapping of tenant to limits', 'overrides: {<tenant>: {retention_period: ...}}');
  return Object.keys(o).map((tenant) => ({ tenant, limits: within(doc, `/overrides/${segment(tenant)}`) }));
}
