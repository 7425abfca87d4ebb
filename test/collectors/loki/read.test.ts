import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ToolInputError } from '../../../src/errors.js';
import { locatedDocument } from '../../../src/collectors/log-store/located.js';
import { FOREVER } from '../../../src/collectors/log-store/retention.js';
import { type LokiInput, overridesTenants, readLoki } from '../../../src/collectors/loki/read.js';
import { parseSource } from '../../../src/util/yaml-source.js';

const doc = (text: string, file = 'loki.yaml') => locatedDocument(parseSource(text, file));
const fixture = (name: string) => doc(readFileSync(`fixtures/loki/${name}`, 'utf8'), `fixtures/loki/${name}`);
const read = (config: string, more: Partial<LokiInput> = {}) => readLoki({ config: doc(config), tenants: [], overridesRead: false, ...more });
const days = (o: { ok: boolean; value?: { days: number } }) => (o.ok ? o.value!.days : o);

describe('Loki retention', () => {
  it('keeps logs forever when compactor retention is off, whatever retention_period says', () => {
    const r = read('limits_config:\n  retention_period: 744h\n');
    expect(days(r.retention)).toBe(FOREVER);
    expect(days(r.online)).toBe(FOREVER);
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      { file: 'loki.yaml', line: 1, column: 1, pointer: '/compactor/retention_enabled', default: 'false (the compactor only compacts; logs are kept forever)' },
    ]);
    expect(r.explain).toEqual(['compactor.retention_enabled is false (the default): logs sent to Loki live forever']);
  });

  it('keeps logs forever when retention is on but retention_period is 0s (the default)', () => {
    const on = read('compactor:\n  retention_enabled: true\n  delete_request_store: s3\nlimits_config:\n  retention_period: 0s\n');
    expect(days(on.retention)).toBe(FOREVER);
    expect(on.retention.ok && on.retention.value.note).toBe('0s means kept forever (no deletion)');
    const absent = read('compactor:\n  retention_enabled: true\n  delete_request_store: s3\n');
    expect(days(absent.retention)).toBe(FOREVER);
    expect(absent.retention.ok && absent.retention.value.sources[0]?.default).toMatch(/^0s/);
  });

  it('takes the global period, with its line, when retention is on', () => {
    const r = read('compactor:\n  retention_enabled: true\n  delete_request_store: s3\nlimits_config:\n  retention_period: 8760h\n');
    expect(r.retention).toMatchObject({ ok: true, value: { days: 365, raw: '8760h', unit: 'duration' } });
    expect(r.retention.ok && r.retention.value.sources).toEqual([{ file: 'loki.yaml', line: 5, column: 21, pointer: '/limits_config/retention_period' }]);
    expect(r.warnings).toEqual([]);
  });

  it('lets a retention_stream rule shorten it: the shortest candidate wins, and the evidence lists every one', () => {
    const r = readLoki({ config: fixture('insecure/loki.yaml'), tenants: [], overridesRead: false });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 1, raw: '24h' } });
    expect(r.retention.ok && r.retention.value.setting).toBe(
      'limits_config.retention_stream {namespace="dev"} (priority 1) — tenant fake: streams matching {namespace="dev"}',
    );
    expect(r.details.retention_candidates).toEqual([
      expect.objectContaining({ days: 31, raw: '744h', setting: 'limits_config.retention_period — tenant fake: streams no retention_stream rule matches' }),
      expect.objectContaining({ days: 1, raw: '24h' }),
    ]);
    expect(r.explain[0]).toMatch(/^compactor.retention_enabled is true: 2 retention rule\(s\) can apply to the tenants in scope \(fake\)/);
  });

  it('bounds the online retention by max_query_lookback', () => {
    const r = read(
      'compactor:\n  retention_enabled: true\n  delete_request_store: s3\nlimits_config:\n  retention_period: 8760h\n  max_query_lookback: 2160h\n',
    );
    expect(days(r.retention)).toBe(365);
    expect(r.online).toMatchObject({ ok: true, value: { days: 90, raw: '2160h' } });
    expect(r.explain[1]).toMatch(/^queries reach back only 90 days/);
  });

  it("applies per-tenant overrides: a tenant's own retention_stream replaces the global list", () => {
    const config = fixture('secure/loki.yaml');
    const overrides = fixture('secure/overrides.yaml');
    const tenants = overridesTenants(overrides);
    expect(tenants.map((t) => t.tenant)).toEqual(['platform', 'security']);
    // Every tenant: the global 398 days is the shortest.
    const all = readLoki({ config, tenants, overridesRead: true });
    expect(all.retention).toMatchObject({ ok: true, value: { days: 398, raw: '9552h' } });
    // Only the security tenant: its own 2y period and its 3y stream rule; the global rule is replaced.
    const security = readLoki({ config, tenants, scope: ['security'], overridesRead: true });
    expect(security.retention).toMatchObject({ ok: true, value: { days: 730, raw: '2y' } });
    expect(security.retention.ok && security.retention.value.sources[0]).toMatchObject({
      file: 'fixtures/loki/secure/overrides.yaml',
      pointer: '/overrides/security/retention_period',
    });
    expect(security.details.retention_candidates).toHaveLength(2);
    // A tenant in scope without an override gets the global limits.
    const other = readLoki({ config, tenants, scope: ['billing'], overridesRead: true });
    expect(other.retention).toMatchObject({ ok: true, value: { days: 398 } });
  });

  it('warns that Loki 3.x refuses retention without delete_request_store', () => {
    const r = read('compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: 8760h\n');
    expect(r.warnings[0]).toMatch(/delete_request_store is empty: Loki 3.x refuses to start/);
  });

  it('legacy table manager: the index goes after its period, the chunks stay until the bucket deletes them', () => {
    const r = read(
      [
        'storage_config:',
        '  aws:',
        '    bucketnames: loki-chunks',
        'schema_config:',
        '  configs:',
        '    - {from: "2020-01-01", store: boltdb-shipper, object_store: aws, schema: v11, index: {prefix: i_, period: 168h}}',
        'chunk_store_config:',
        '  max_look_back_period: 672h',
        'table_manager:',
        '  retention_deletes_enabled: true',
        '  retention_period: 672h',
      ].join('\n'),
    );
    expect(r.retention).toMatchObject({ ok: false, reason: 'not_collected' });
    expect(!r.retention.ok && r.retention.detail).toBe(
      'the table manager deletes index tables after 28 days (table_manager.retention_period 672h); the chunks stay in aws bucket loki-chunks until its own lifecycle deletes them: add that store as a target',
    );
    expect(r.online).toMatchObject({ ok: true, value: { days: 28 } });
    expect(r.warnings).toContain(
      "chunks are kept in aws bucket loki-chunks: a lifecycle rule on that bucket deletes them whatever Loki's retention says; add the bucket as an s3 target to read it",
    );
  });

  it('refuses values Loki itself refuses, naming file, line and what was expected', () => {
    expect(() => read('compactor:\n  retention_enabled: "yes"\n')).toThrow(ToolInputError);
    expect(() => read('compactor:\n  retention_enabled: "yes"\n')).toThrow('loki.yaml:2:22: compactor.retention_enabled is "yes"; expected true or false');
    expect(() => read('compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: 1 year\n')).toThrow(
      'loki.yaml:4:21: limits_config.retention_period: "1 year" is not a Prometheus duration',
    );
    expect(() => read('- a\n- b\n')).toThrow('the configuration is not a mapping');
  });
});

describe('Loki access', () => {
  it('auth_enabled: false is anonymous read and write', () => {
    const r = readLoki({ config: fixture('insecure/loki.yaml'), tenants: [], overridesRead: false });
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: true } });
    expect(r.readRestricted).toMatchObject({ ok: true, value: { value: false } });
  });

  it('auth_enabled: true (or absent) is never "no anonymous access": the proxy decides, a gap', () => {
    for (const text of ['auth_enabled: true\n', 'server: {}\n']) {
      const r = read(text);
      expect(r.anonymous).toMatchObject({ ok: false, reason: 'not_collected' });
      expect(!r.anonymous.ok && r.anonymous.detail).toMatch(/X-Scope-OrgID header is not authentication/);
      expect(r.readRestricted.ok).toBe(false);
    }
  });

  it('has no immutability, no audit log and no accounts of its own', () => {
    const r = read('auth_enabled: true\n');
    expect(r.immutable).toMatchObject({ ok: true, value: { value: false } });
    expect(r.accessLog.enabled).toMatchObject({ ok: true, value: { value: false } });
    expect(r.identity.reason).toBe('not_supported');
    expect(r.backup).toMatchObject({ ok: false, reason: 'not_collected' });
  });
});

describe('Loki runtime overrides not read', () => {
  it('a runtime config file that was not read leaves the retention unknown (an override could shorten it)', () => {
    const r = readLoki({ config: fixture('secure/loki.yaml'), tenants: [], overridesRead: false });
    expect(r.retention).toMatchObject({ ok: false, reason: 'not_collected' });
    expect(!r.retention.ok && r.retention.detail).toMatch(
      /^per-tenant overrides in \/etc\/loki\/overrides.yaml \(runtime_config.file\) can shorten the retention and were not read/,
    );
    expect(r.online).toEqual(r.retention);
  });
});
