/**
 * Elasticsearch and OpenSearch retention and backups from their API answers (saved as JSON files,
 * or read live): the same documents either way.
 *
 *  - ILM (Elasticsearch): `GET _ilm/policy/<name>` → `<name>.policy.phases.delete`: its `min_age`
 *    (default 0ms, from rollover or index creation) is the retention when the phase has the
 *    `delete` action; no delete phase = kept forever.
 *  - Data stream lifecycle (Elasticsearch 8.14+): `GET _data_stream/<ds>/_lifecycle` →
 *    `data_streams[].lifecycle.effective_retention` (global retention applied) or `data_retention`;
 *    neither = forever; a disabled lifecycle manages nothing.
 *  - ISM (OpenSearch): `GET _plugins/_ism/policies/<id>` → the states; an index is deleted in a
 *    state with a `delete` action, reached through transitions whose `min_index_age` (age since
 *    creation) bound how young it can be then. Other conditions (doc count, size, cron) can fire
 *    at any age, so they add nothing to the bound: the retention is the smallest, over the paths
 *    from default_state into a deleting state, of the largest age condition on the path.
 *  - Backups: SLM (`GET _slm/policy`, Elasticsearch) or Snapshot Management
 *    (`GET _plugins/_sm/policies` and `.../<name>/_explain`, OpenSearch) policies that cover the
 *    audit indices and have succeeded.
 * Several policies or data streams named: the shortest retention wins.
 */
import { inputError } from '../log-store/errors.js';
import { isRecord, type Located, pick, segment, within } from '../log-store/located.js';
import { documented, type Missing, missing, ok, type Outcome, readRestriction, type Setting, type StoreReading, setting } from '../log-store/reading.js';
import { type FactSource, formatDays, keptForever, fromDuration, type Retention, retentionEvidence, shortest } from '../log-store/retention.js';

export type Flavor = 'elasticsearch' | 'opensearch';

/** Privileges each read needs, named in gaps. */
export const PRIVILEGES = {
  ilm: 'cluster privilege read_ilm (or manage_ilm)',
  dataStream: 'index privilege view_index_metadata on the data stream',
  slm: 'cluster privilege read_slm (or manage_slm)',
  ism: 'cluster:admin/opendistro/ism/policy/get (e.g. the ism_read_access role)',
  sm: 'cluster:admin/opensearch/snapshot_management/policy/get and .../policy/explain (e.g. the snapshot_management_read_access role)',
} as const;

/** One named thing (policy, data stream) read: its document, or why not. */
export interface Named {
  readonly name: string;
  readonly answer: Outcome<Located>;
}

export interface EsInput {
  readonly flavor: Flavor;
  readonly ilm: readonly Named[];
  readonly dataStreams: readonly Named[];
  readonly ism: readonly Named[];
  /** Snapshot policies: SLM (Elasticsearch) or SM policies with their explain (OpenSearch); undefined = not given. */
  readonly snapshots: Outcome<{ readonly policies: Located; readonly explain?: Located }> | undefined;
  /** Index patterns or data streams holding the audit records (options.indices), for snapshot coverage. */
  readonly indices: readonly string[] | undefined;
  /** Whether a request without credentials is served (live probe), or why not known. */
  readonly anonymous: Outcome<Setting<boolean>>;
}

const esDuration = (doc: Located, pointer: string, setting: string): Retention => {
  const v = pick(doc.value, pointer);
  if (typeof v !== 'string') return inputError(doc.at(pointer), `${setting} is ${JSON.stringify(v)}`, 'a time value such as 30d');
  const r = fromDuration(v, 'elasticsearch', setting, doc.at(pointer));
  if ('problem' in r) return inputError(doc.at(pointer), r.problem, 'a time value the cluster accepts');
  return r;
};

/** An ILM policy's retention: the delete phase's min_age, or forever. */
function ilmRetention(name: string, doc: Located): Retention {
  const base = `/${segment(name)}/policy/phases`;
  const phases = pick(doc.value, base);
  if (!isRecord(phases)) return inputError(doc.at(`/${segment(name)}`), `ILM policy ${name} has no policy.phases`, 'the answer of GET _ilm/policy/<name>');
  const del = phases.delete;
  if (!isRecord(del) || !isRecord(pick(del, '/actions/delete'))) {
    return keptForever(
      `ILM policy ${name}`,
      isRecord(del) ? 'the delete phase has no delete action: indices are never deleted' : 'no delete phase: indices are never deleted',
      isRecord(del) ? doc.at(`${base}/delete`) : doc.absent(`${base}/delete`, 'no delete phase (kept forever)'),
    );
  }
  if (pick(del, '/min_age') === undefined) {
    return {
      days: 0,
      raw: '0ms',
      unit: 'duration',
      setting: `ILM policy ${name} delete phase min_age`,
      note: 'absent: the delete phase starts right after rollover (or creation)',
      sources: [doc.absent(`${base}/delete/min_age`, '0ms')],
    };
  }
  return {
    ...esDuration(doc, `${base}/delete/min_age`, `ILM policy ${name} delete phase min_age`),
    note: 'counted from rollover (or index creation without rollover)',
  };
}

/** A data stream's lifecycle retention (effective retention first). */
function dataStreamRetention(name: string, doc: Located): Retention {
  const list = pick(doc.value, '/data_streams');
  if (!Array.isArray(list)) return inputError(doc.at(''), 'no data_streams list', 'the answer of GET _data_stream/<name>/_lifecycle');
  const i = list.findIndex((d) => pick(d, '/name') === name);
  if (i < 0) return inputError(doc.at('/data_streams'), `data stream ${name} is not in the answer`, `an answer of GET _data_stream/${name}/_lifecycle`);
  const base = `/data_streams/${i}/lifecycle`;
  const lc = pick(doc.value, base);
  if (!isRecord(lc) || lc.enabled === false) {
    return keptForever(
      `data stream ${name} lifecycle`,
      'no enabled data stream lifecycle: it deletes nothing (an ILM policy may: name it in options.ilm_policies)',
      isRecord(lc) ? doc.at(`${base}/enabled`) : doc.absent(base, 'no lifecycle'),
    );
  }
  for (const key of ['effective_retention', 'data_retention'] as const) {
    if (lc[key] !== undefined && lc[key] !== null) {
      const r = esDuration(doc, `${base}/${key}`, `data stream ${name} lifecycle ${key}`);
      return typeof lc.retention_determined_by === 'string' ? { ...r, note: `determined by ${lc.retention_determined_by}` } : r;
    }
  }
  return keptForever(`data stream ${name} lifecycle`, 'no data_retention: kept forever', doc.absent(`${base}/data_retention`, 'none (kept forever)'));
}

/** Where an ISM policy sits in an answer: a single policy ({_id, policy}) or a list ({policies: [...]}). */
function ismBase(id: string, doc: Located): string {
  if (pick(doc.value, '/_id') === id && isRecord(pick(doc.value, '/policy'))) return '/policy';
  const list = pick(doc.value, '/policies');
  const i = Array.isArray(list) ? list.findIndex((p) => pick(p, '/_id') === id || pick(p, '/policy/policy_id') === id) : -1;
  if (i < 0) return inputError(doc.at(''), `ISM policy ${id} is not in the answer`, `the answer of GET _plugins/_ism/policies/${id}`);
  return `/policies/${i}/policy`;
}

/** An ISM policy's retention: the youngest age at which any path reaches a deleting state. */
export function ismRetention(id: string, doc: Located): Retention {
  const base = ismBase(id, doc);
  const p = within(doc, base);
  const states = pick(p.value, '/states');
  if (!Array.isArray(states)) return inputError(p.at(''), `ISM policy ${id} has no states`, 'an ISM policy {default_state, states: [...]}');
  const byName = new Map<string, number>();
  for (const [i, s] of states.entries()) byName.set(String(pick(s, '/name')), i);
  const deleting = (i: number) => {
    const actions = pick(states[i], '/actions');
    return Array.isArray(actions) && actions.some((a) => isRecord(a) && a.delete !== undefined);
  };
  const start = byName.get(String(pick(p.value, '/default_state')));
  if (start === undefined)
    return inputError(p.at('/default_state'), `ISM policy ${id}: default_state names no state`, 'default_state naming one of the states');
  // Dijkstra-like: the smallest "largest age bound so far" at which each state can be reached.
  const best = new Map<number, { age: number; via: FactSource[]; text: string }>([[start, { age: 0, via: [], text: '' }]]);
  const queue = [start];
  while (queue.length) {
    queue.sort((a, b) => best.get(a)!.age - best.get(b)!.age);
    const i = queue.shift()!;
    const here = best.get(i)!;
    const transitions = pick(states[i], '/transitions');
    (Array.isArray(transitions) ? transitions : []).forEach((t, j) => {
      const to = byName.get(String(pick(t, '/state_name')));
      if (to === undefined) return;
      let age = here.age;
      let via = here.via;
      let text = here.text;
      for (const cond of ['min_index_age', 'min_rollover_age'] as const) {
        const v = pick(t, `/conditions/${cond}`);
        if (v === undefined) continue;
        const at = `/states/${i}/transitions/${j}/conditions/${cond}`;
        const r = esDuration(p, at, `ISM policy ${id} ${cond}`);
        if (r.days > age) {
          age = r.days;
          via = r.sources as FactSource[];
          text = `${cond} ${String(v)} into state ${String(pick(t, '/state_name'))}`;
        }
      }
      const prev = best.get(to);
      if (!prev || age < prev.age) {
        best.set(to, { age, via, text });
        queue.push(to);
      }
    });
  }
  const reached = [...best.entries()].filter(([i]) => deleting(i)).sort((a, b) => a[1].age - b[1].age)[0];
  if (!reached) {
    return keptForever(`ISM policy ${id}`, 'no state with a delete action is reachable from default_state: indices are never deleted', p.at('/states'));
  }
  const [i, r] = reached;
  const stateName = String(pick(states[i], '/name'));
  return {
    days: r.age,
    raw: r.text ? r.text.split(' ')[1]! : null,
    unit: 'duration',
    setting: `ISM policy ${id} state ${stateName} (delete)`,
    note: r.text
      ? `reached at index age ${formatDays(r.age)} at the earliest (${r.text})`
      : 'the deleting state is reached without an age condition: indices can be deleted at any age',
    sources: r.via.length ? r.via : [p.at(`/states/${i}`)],
  };
}

/** Index patterns of a snapshot policy ("a,b", ["a", "-b"], absent = all). */
function patternsOf(v: unknown): string[] {
  if (v === undefined || v === null) return ['*'];
  if (Array.isArray(v)) return v.map(String);
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const glob = (p: string) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** Whether a snapshot policy's patterns cover every audit index pattern (undefined when nothing says). */
export function covers(patterns: readonly string[], audit: readonly string[] | undefined): boolean | undefined {
  const include = patterns.filter((p) => !p.startsWith('-'));
  const exclude = patterns.filter((p) => p.startsWith('-')).map((p) => p.slice(1));
  const all = include.some((p) => p === '*' || p === '_all');
  if (audit === undefined) return all && exclude.length === 0 ? true : undefined;
  return audit.every((a) => include.some((p) => p === '_all' || glob(p).test(a)) && !exclude.some((x) => glob(x).test(a)));
}

interface SnapshotPolicy {
  readonly name: string;
  readonly covered: boolean | undefined;
  readonly lastSuccess: number | undefined;
  readonly lastFailure: number | undefined;
  readonly source: FactSource;
  readonly repository: string;
  readonly expireAfter: string | undefined;
}

function slmPolicies(doc: Located, audit: readonly string[] | undefined): SnapshotPolicy[] {
  if (!isRecord(doc.value)) return inputError(doc.at(''), 'not an object of SLM policies', 'the answer of GET _slm/policy');
  return Object.entries(doc.value).map(([name, p]) => {
    if (!isRecord(p) || !isRecord(p.policy))
      return inputError(doc.at(`/${segment(name)}`), `SLM policy ${name} has no policy`, 'the answer of GET _slm/policy');
    const time = (k: string) => {
      const t = pick(p, `/${k}/time`);
      return typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : undefined;
    };
    return {
      name,
      covered: covers(patternsOf(pick(p, '/policy/config/indices')), audit),
      lastSuccess: time('last_success'),
      lastFailure: time('last_failure'),
      source: doc.at(`/${segment(name)}${p.last_success ? '/last_success' : ''}`),
      repository: String(pick(p, '/policy/repository') ?? '?'),
      expireAfter: typeof pick(p, '/policy/retention/expire_after') === 'string' ? String(pick(p, '/policy/retention/expire_after')) : undefined,
    };
  });
}

function smPolicies(doc: Located, explain: Located | undefined, audit: readonly string[] | undefined): SnapshotPolicy[] {
  // GET _plugins/_sm/policies lists them; GET _plugins/_sm/policies/<name> answers one.
  const list = pick(doc.value, '/policies');
  const entries: { entry: unknown; at: string }[] = Array.isArray(list)
    ? list.map((entry, i) => ({ entry, at: `/policies/${i}` }))
    : isRecord(pick(doc.value, '/sm_policy'))
      ? [{ entry: doc.value, at: '' }]
      : inputError(doc.at(''), 'no policies list and no sm_policy', 'the answer of GET _plugins/_sm/policies');
  const found = pick(explain?.value, '/policies');
  const explained: unknown[] = Array.isArray(found) ? found : [];
  return entries.map(({ entry, at }) => {
    const name = String(pick(entry, '/sm_policy/name') ?? pick(entry, '/_id'));
    const e = explained.findIndex((x) => pick(x, '/name') === name);
    const latest = e >= 0 ? pick(explained[e], '/creation/latest_execution') : undefined;
    const status = pick(latest, '/status');
    const end = pick(latest, '/end_time') ?? pick(latest, '/start_time');
    const when = typeof end === 'number' ? end : undefined;
    const maxAge = pick(entry, '/sm_policy/deletion/condition/max_age') ?? pick(entry, '/sm_policy/deletion/delete_condition/max_age');
    return {
      name,
      covered: covers(patternsOf(pick(entry, '/sm_policy/snapshot_config/indices')), audit),
      lastSuccess: status === 'SUCCESS' ? when : undefined,
      lastFailure: status === 'FAILED' || status === 'TIME_LIMIT_EXCEEDED' ? when : undefined,
      source: e >= 0 && explain ? explain.at(`/policies/${e}/creation/latest_execution`) : doc.at(at),
      repository: String(pick(entry, '/sm_policy/snapshot_config/repository') ?? '?'),
      expireAfter: typeof maxAge === 'string' ? maxAge : undefined,
    };
  });
}

function backupOf(input: EsInput, warnings: string[]): { outcome: Outcome<Setting<boolean>>; evidence: unknown } {
  const what = input.flavor === 'opensearch' ? 'Snapshot Management' : 'SLM';
  if (input.snapshots === undefined) {
    return {
      outcome: missing(
        'not_collected',
        input.flavor === 'opensearch' ? 'no GET _plugins/_sm/policies answer among the files' : 'no GET _slm/policy answer among the files',
      ),
      evidence: 'not read',
    };
  }
  if (!input.snapshots.ok) return { outcome: input.snapshots, evidence: `unknown: ${input.snapshots.detail}` };
  const { policies, explain } = input.snapshots.value;
  const list = input.flavor === 'opensearch' ? smPolicies(policies, explain, input.indices) : slmPolicies(policies, input.indices);
  const evidence = list.map((p) => ({
    name: p.name,
    repository: p.repository,
    covers_audit_indices: p.covered ?? 'unknown (set options.indices)',
    last_success: p.lastSuccess ? new Date(p.lastSuccess).toISOString() : null,
    last_failure: p.lastFailure ? new Date(p.lastFailure).toISOString() : null,
    ...(p.expireAfter ? { snapshots_expire_after: p.expireAfter } : {}),
  }));
  const good = list.filter((p) => p.covered === true && p.lastSuccess !== undefined);
  for (const p of good) {
    if (p.lastFailure !== undefined && p.lastFailure > p.lastSuccess!)
      warnings.push(`${what} policy ${p.name}: the latest run failed (after the last success)`);
  }
  if (good.length) {
    return {
      outcome: ok(
        setting(true, `${what} policy ${good.map((p) => p.name).join(', ')} covers the audit indices and has succeeded`, ...good.map((p) => p.source)),
      ),
      evidence,
    };
  }
  if (list.some((p) => p.covered === undefined)) {
    return {
      outcome: missing(
        'not_collected',
        `${what} policies snapshot named indices; set options.indices to the audit indices or data streams to know whether they are covered`,
      ),
      evidence,
    };
  }
  const covering = list.filter((p) => p.covered);
  return {
    outcome: ok(
      setting(
        false,
        covering.length
          ? `${what} policy ${covering.map((p) => p.name).join(', ')} covers the audit indices but has never succeeded`
          : `no ${what} policy snapshots the audit indices`,
        policies.at(''),
      ),
    ),
    evidence,
  };
}

export function readElasticsearch(input: EsInput): StoreReading {
  const label = input.flavor === 'opensearch' ? 'OpenSearch' : 'Elasticsearch';
  const candidates: Retention[] = [];
  let unknown: Missing | undefined;
  const add = (list: readonly Named[], f: (name: string, doc: Located) => Retention) => {
    for (const n of list) {
      if (!n.answer.ok) unknown ??= missing(n.answer.reason, `${n.name}: ${n.answer.detail}`, n.answer.permission);
      else candidates.push(f(n.name, n.answer.value));
    }
  };
  add(input.ilm, ilmRetention);
  add(input.dataStreams, dataStreamRetention);
  add(input.ism, ismRetention);
  const decided = shortest(candidates);
  const explain: string[] = [];
  const warnings: string[] = [];
  let total: Outcome<Retention>;
  if (unknown) total = unknown;
  else if (!decided) total = missing('not_collected', 'no ILM policy, data stream or ISM policy named in options');
  else {
    total = ok(decided);
    explain.push(
      candidates.length > 1
        ? `${candidates.length} policies or data streams hold audit records; the shortest, ${formatDays(decided.days)} (${decided.setting}), is the fact`
        : `${formatDays(decided.days)} (${decided.setting})`,
    );
  }
  const b = backupOf(input, warnings);
  const online: Outcome<Retention> = total.ok
    ? ok({ ...total.value, note: [total.value.note, 'indices stay searchable until deleted (cold and frozen tiers included)'].filter(Boolean).join('; ') })
    : total;
  return {
    label,
    hosting: 'self-hosted',
    retention: total,
    online,
    immutable: ok(
      setting(
        false,
        `${label} has no write-once storage: a user with the delete_index privilege (or ILM/ISM) deletes indices, and documents can be updated or deleted`,
        documented(label, 'indices can be deleted and documents changed by any user with the privilege; there is no WORM setting'),
      ),
    ),
    backup: b.outcome,
    anonymous: input.anonymous,
    readRestricted: readRestriction(
      input.anonymous,
      'requests without credentials are served',
      `who can read the audit indices is decided by ${label}'s roles and role mappings, which auditready does not evaluate`,
    ),
    accessLog: {
      enabled: missing(
        'not_collected',
        input.flavor === 'opensearch'
          ? "the security plugin's audit log (plugins.security.audit.type, GET _plugins/_security/api/audit) is not read"
          : 'security audit logging (xpack.security.audit.enabled in elasticsearch.yml) is a node setting, not read',
      ),
    },
    identity: missing('not_collected', `${label}'s realms, users and SSO (SAML, OIDC) are not read by this collector`),
    access: missing('not_collected', `${label}'s roles and role mappings are not read by this collector`),
    timestampZone: ok(setting('UTC', undefined, documented(label, 'date fields are stored as milliseconds since the epoch in UTC'))),
    explain,
    warnings,
    details: {
      ...(input.ilm.length ? { ilm_policies: input.ilm.map((n) => n.name) } : {}),
      ...(input.dataStreams.length ? { data_streams: input.dataStreams.map((n) => n.name) } : {}),
      ...(input.ism.length ? { ism_policies: input.ism.map((n) => n.name) } : {}),
      retention_candidates: candidates.map(retentionEvidence),
      snapshot_policies: b.evidence,
      ...(input.indices ? { audit_indices: input.indices } : {}),
    },
  };
}
