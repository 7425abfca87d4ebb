import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ES_KINDS, type EsKind, inputFromFiles } from '../../../src/collectors/elasticsearch/files.js';
import { type EsNames, readEsLive } from '../../../src/collectors/elasticsearch/live.js';
import { covers, type Flavor, ismRetention, readElasticsearch } from '../../../src/collectors/elasticsearch/read.js';
import { ToolInputError as StoreInputError } from '../../../src/errors.js';
import { type Located, locatedDocument } from '../../../src/collectors/log-store/located.js';
import { FOREVER } from '../../../src/collectors/log-store/retention.js';
import { parseSource } from '../../../src/util/yaml-source.js';
import { type EsFake, startEs } from '../../helpers/stores/es-server.js';
import { fetchGetter } from '../../helpers/stores/getter.js';
import type { Loopback } from '../../helpers/stores/loopback.js';

const doc = (path: string) => locatedDocument(parseSource(readFileSync(path, 'utf8'), path));
const raw = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function docsOf(dir: string) {
  const docs: { [k in EsKind]?: Located[] } = {};
  for (const name of readdirSync(dir)
    .sort()
    .filter((n) => n !== 'auditready.yaml' && n !== 'normalized.json')) {
    const d = doc(`${dir}/${name}`);
    const kind = (Object.keys(ES_KINDS) as EsKind[]).find((k) => ES_KINDS[k].match(d.value));
    if (!kind) throw new Error(`${name}: not recognized`);
    docs[kind] = [...(docs[kind] ?? []), d];
  }
  return docs;
}

const names = (n: Partial<EsNames>): EsNames => ({ ilm: [], dataStreams: [], ism: [], indices: undefined, ...n });
const fromFiles = (flavor: Flavor, dir: string, n: Partial<EsNames>) => readElasticsearch(inputFromFiles(flavor, docsOf(dir), names(n), dir));
const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'sources' || k === 'read_at' ? undefined : v)));

describe('Elasticsearch from saved API answers', () => {
  it('secure: ILM deletes after 400 days, the data stream keeps 400 days, a nightly SLM snapshot covers logs-audit-*', () => {
    const r = fromFiles('elasticsearch', 'fixtures/elasticsearch/secure', { ilm: ['audit-logs'], dataStreams: ['logs-audit-ci'], indices: ['logs-audit-*'] });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 400, raw: '400d', unit: 'duration' } });
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      { file: 'fixtures/elasticsearch/secure/ilm-policy.json', line: 23, column: 22, pointer: '/audit-logs/policy/phases/delete/min_age' },
    ]);
    expect(r.online).toMatchObject({ ok: true, value: { days: 400 } });
    expect(r.backup).toMatchObject({ ok: true, value: { value: true, why: 'SLM policy nightly-audit covers the audit indices and has succeeded' } });
    expect(r.immutable).toMatchObject({ ok: true, value: { value: false } });
    expect(r.anonymous).toMatchObject({ ok: false, reason: 'not_collected' });
    expect(r.details.snapshot_policies).toEqual([
      {
        name: 'nightly-audit',
        repository: 's3-backup',
        covers_audit_indices: true,
        last_success: '2026-11-20T01:42:22.000Z',
        last_failure: null,
        snapshots_expire_after: '400d',
      },
    ]);
  });

  it('insecure: 30 days; the only SLM policy snapshots .kibana* and has never succeeded', () => {
    const r = fromFiles('elasticsearch', 'fixtures/elasticsearch/insecure', { ilm: ['logs'], indices: ['logs-audit-default'] });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 30 } });
    expect(r.backup).toMatchObject({ ok: true, value: { value: false, why: 'no SLM policy snapshots the audit indices' } });
  });

  it('ILM without a delete phase is forever; a delete phase without min_age deletes right after rollover', () => {
    const d = (phases: unknown) => locatedDocument(parseSource(JSON.stringify({ p: { policy: { phases } } }), 'ilm.json'));
    const forever = readElasticsearch({
      ...inputFromFiles('elasticsearch', { ilm: [d({ hot: { actions: {} } })] }, names({ ilm: ['p'] }), 'x'),
      snapshots: undefined,
    });
    expect(forever.retention).toMatchObject({ ok: true, value: { days: FOREVER, note: 'no delete phase: indices are never deleted' } });
    const now = readElasticsearch(inputFromFiles('elasticsearch', { ilm: [d({ delete: { actions: { delete: {} } } })] }, names({ ilm: ['p'] }), 'x'));
    expect(now.retention).toMatchObject({
      ok: true,
      value: { days: 0, raw: '0ms', note: 'absent: the delete phase starts right after rollover (or creation)' },
    });
  });

  it('a name from the options missing from the files, or a file of the other flavor, is a broken input', () => {
    expect(() => fromFiles('elasticsearch', 'fixtures/elasticsearch/secure', { ilm: ['nope'] })).toThrow(
      'ILM policy nope (named in options) is in none of the files',
    );
    expect(() => readElasticsearch(inputFromFiles('elasticsearch', docsOf('fixtures/opensearch/secure'), names({}), 'x'))).toThrow(/is not Elasticsearch/);
  });
});

describe('OpenSearch ISM and Snapshot Management', () => {
  it('secure: the delete state is reached at index age 400 days at the earliest; SM nightly succeeded', () => {
    const r = fromFiles('opensearch', 'fixtures/opensearch/secure', { ism: ['audit_logs'], indices: ['audit-2026.11.20'] });
    expect(r.retention).toMatchObject({
      ok: true,
      value: {
        days: 400,
        setting: 'ISM policy audit_logs state delete (delete)',
        note: 'reached at index age 400 days at the earliest (min_index_age 400d into state delete)',
      },
    });
    expect(r.retention.ok && r.retention.value.sources[0]).toMatchObject({ pointer: '/policy/states/1/transitions/0/conditions/min_index_age' });
    expect(r.backup).toMatchObject({ ok: true, value: { value: true } });
    expect(r.backup.ok && r.backup.value.sources[0]).toMatchObject({
      file: 'fixtures/opensearch/secure/sm-explain.json',
      pointer: '/policies/0/creation/latest_execution',
    });
  });

  it('insecure: a doc-count transition into delete can fire at any age, so the bound is 0 days; no SM answer is not collected', () => {
    const r = fromFiles('opensearch', 'fixtures/opensearch/insecure', { ism: ['hot_delete'] });
    expect(r.retention).toMatchObject({
      ok: true,
      value: { days: 0, note: 'the deleting state is reached without an age condition: indices can be deleted at any age' },
    });
    expect(r.backup).toMatchObject({ ok: false, reason: 'not_collected', detail: 'no GET _plugins/_sm/policies answer among the files' });
  });

  it('takes the largest age bound along a path, and the smallest over paths; no reachable delete is forever', () => {
    const policy = (states: unknown[]) => locatedDocument(parseSource(JSON.stringify({ _id: 'p', policy: { default_state: 'a', states } }), 'ism.json'));
    const chain = policy([
      {
        name: 'a',
        actions: [],
        transitions: [
          { state_name: 'b', conditions: { min_index_age: '90d' } },
          { state_name: 'c', conditions: { min_size: '50gb' } },
        ],
      },
      { name: 'b', actions: [], transitions: [{ state_name: 'd', conditions: { min_index_age: '30d' } }] },
      { name: 'c', actions: [], transitions: [{ state_name: 'd', conditions: { min_index_age: '365d' } }] },
      { name: 'd', actions: [{ delete: {} }], transitions: [] },
    ]);
    // a -(90d)-> b -(30d)-> d: 90 days; a -(size)-> c -(365d)-> d: 365 days; the earliest is 90.
    expect(ismRetention('p', chain)).toMatchObject({ days: 90, note: 'reached at index age 90 days at the earliest (min_index_age 90d into state b)' });
    const orphan = policy([
      { name: 'a', actions: [], transitions: [] },
      { name: 'z', actions: [{ delete: {} }], transitions: [] },
    ]);
    expect(ismRetention('p', orphan)).toMatchObject({ days: FOREVER });
  });

  it('matches snapshot index patterns against the audit indices, with exclusions', () => {
    expect(covers(['*'], undefined)).toBe(true);
    expect(covers(['logs-*'], undefined)).toBeUndefined();
    expect(covers(['logs-*', '-logs-debug-*'], ['logs-audit-default'])).toBe(true);
    expect(covers(['logs-*', '-logs-audit-*'], ['logs-audit-default'])).toBe(false);
    expect(covers(['.kibana*'], ['logs-audit-*'])).toBe(false);
  });
});

describe('live, against a loopback server shaped like the documented REST API', () => {
  let server: (Loopback & { fake: EsFake }) | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const AUTH = 'ApiKey Zml4dHVyZS1lcy1hcGkta2V5LWQ0ZTI=';
  const es = (more: Partial<EsFake> = {}): EsFake => ({
    authorization: AUTH,
    ilm: { 'audit-logs': raw('fixtures/elasticsearch/secure/ilm-policy.json')['audit-logs'] },
    dataStreams: (raw('fixtures/elasticsearch/secure/data-stream-lifecycle.json') as { data_streams: { name: string }[] }).data_streams,
    slm: raw('fixtures/elasticsearch/secure/slm-policies.json'),
    ...more,
  });
  const live = async (flavor: Flavor, n: Partial<EsNames>, timeout = 2000) =>
    readEsLive(flavor, fetchGetter(server!.url, { authorization: AUTH }, timeout), fetchGetter(server!.url, {}, timeout), names(n));

  it('reads the same facts as the saved answers, and probes without credentials', async () => {
    server = await startEs(es());
    const n = { ilm: ['audit-logs'], dataStreams: ['logs-audit-ci'], indices: ['logs-audit-*'] };
    const got = await live('elasticsearch', n);
    const r = readElasticsearch(got.input);
    const f = fromFiles('elasticsearch', 'fixtures/elasticsearch/secure', n);
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: false } });
    expect(strip({ ...r, anonymous: null, readRestricted: null })).toEqual(strip({ ...f, anonymous: null, readRestricted: null }));
    expect(server.requests.map((q) => q.path)).toEqual(['/', '/_ilm/policy/audit-logs', '/_data_stream/logs-audit-ci/_lifecycle', '/_slm/policy', '/']);
    expect(server.requests.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('anonymous access on: requests without credentials are served', async () => {
    server = await startEs(es({ anonymous: true }));
    const r = readElasticsearch((await live('elasticsearch', { ilm: ['audit-logs'] })).input);
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: true } });
    expect(r.readRestricted).toMatchObject({ ok: true, value: { value: false } });
  });

  it('403 makes that fact unknown with the privilege; 404 for a named policy is a broken input; 401 stops', async () => {
    server = await startEs(es({ forbid: ['/_slm'] }));
    const r = readElasticsearch((await live('elasticsearch', { ilm: ['audit-logs'], indices: ['logs-audit-*'] })).input);
    expect(r.retention.ok).toBe(true);
    expect(r.backup).toMatchObject({ ok: false, reason: 'permission_missing', permission: 'cluster privilege read_slm (or manage_slm)' });
    server.fake.forbid = ['/_ilm'];
    const denied = readElasticsearch((await live('elasticsearch', { ilm: ['audit-logs'] })).input);
    expect(denied.retention).toMatchObject({ ok: false, reason: 'permission_missing', permission: 'cluster privilege read_ilm (or manage_ilm)' });
    server.fake.forbid = [];
    await expect(live('elasticsearch', { ilm: ['missing-policy'] })).rejects.toThrow('ILM policy missing-policy does not exist (HTTP 404)');
    server.fake.authorization = 'ApiKey other';
    const e = await live('elasticsearch', { ilm: ['audit-logs'] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreInputError);
    expect((e as StoreInputError).problem).toBe('the credentials were rejected (HTTP 401)');
  });

  it('5xx is an error gap for that call; a hang times out', async () => {
    server = await startEs(es({ fail: ['/_slm'] }));
    const r = readElasticsearch((await live('elasticsearch', { ilm: ['audit-logs'] })).input);
    expect(r.backup).toMatchObject({ ok: false, reason: 'error', detail: `GET ${server.url}/_slm/policy answered HTTP 500` });
    server.fake.fail = [];
    server.fake.hang = ['/_ilm'];
    await expect(live('elasticsearch', { ilm: ['audit-logs'] }, 300)).rejects.toThrow(/aborted|timeout/i);
  });

  it('OpenSearch: ISM and Snapshot Management with its explain', async () => {
    server = await startEs({
      authorization: AUTH,
      ism: [raw('fixtures/opensearch/secure/ism-policy.json')],
      sm: raw('fixtures/opensearch/secure/sm-policies.json'),
      smExplain: raw('fixtures/opensearch/secure/sm-explain.json'),
    });
    const n = { ism: ['audit_logs'], indices: ['audit-2026.11.20'] };
    const r = readElasticsearch((await live('opensearch', n)).input);
    const f = fromFiles('opensearch', 'fixtures/opensearch/secure', n);
    expect(strip({ ...r, anonymous: null, readRestricted: null })).toEqual(strip({ ...f, anonymous: null, readRestricted: null }));
    expect(server.requests.map((q) => q.path)).toContain('/_plugins/_sm/policies/nightly-audit/_explain');
  });
});
