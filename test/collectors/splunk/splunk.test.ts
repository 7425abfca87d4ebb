import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolInputError as StoreInputError } from '../../../src/errors.js';
import { locatedDocument } from '../../../src/collectors/log-store/located.js';
import { confDocument, parseConf } from '../../../src/collectors/splunk/conf.js';
import { readSplunkLive } from '../../../src/collectors/splunk/live.js';
import { indexFromConf, readSplunk } from '../../../src/collectors/splunk/read.js';
import { fetchGetter } from '../../helpers/stores/getter.js';
import type { Loopback } from '../../helpers/stores/loopback.js';
import { type SplunkFake, startSplunk } from '../../helpers/stores/splunk-server.js';

const located = (text: string, file: string) => locatedDocument(confDocument(parseConf(text, file), text));
const conf = (path: string) => located(readFileSync(path, 'utf8'), path);
const fromConf = (path: string, names: string[]) => {
  const c = conf(path);
  return readSplunk({
    indexes: { ok: true, value: names.map((n) => indexFromConf(c, n)) },
    anonymous: { ok: false, reason: 'not_collected', detail: 'files' },
  });
};
const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'sources' || k === 'read_at' ? undefined : v)));

describe('Splunk indexes.conf', () => {
  it('parses stanzas, [default], comments and continuation lines, keeping lines', () => {
    const c = parseConf('top = 1\n# comment\n[main]\nfrozenTimePeriodInSecs = 100\nlong = a \\\nb\n[empty]\n', 'x.conf');
    expect(c.stanzas.get('default')!.settings.get('top')).toEqual({ value: '1', line: 1 });
    expect(c.stanzas.get('main')!.settings.get('frozenTimePeriodInSecs')).toEqual({ value: '100', line: 4 });
    expect(c.stanzas.get('main')!.settings.get('long')!.value).toBe('a \nb');
    expect(c.stanzas.has('empty')).toBe(true);
    expect(() => parseConf('[main]\nthis is not a setting\n', 'x.conf')).toThrow('x.conf:2: "this is not a setting" is neither [stanza] nor key = value');
  });

  it('reads btool --debug output and keeps the file each setting came from', () => {
    const text = [
      '/opt/splunk/etc/apps/ci_logs/local/indexes.conf     [pipeline_audit]',
      '/opt/splunk/etc/apps/ci_logs/local/indexes.conf     frozenTimePeriodInSecs = 34560000',
      '/opt/splunk/etc/system/default/indexes.conf         maxTotalDataSizeMB = 500000',
    ].join('\n');
    const r = readSplunk({
      indexes: { ok: true, value: [indexFromConf(located(text, 'btool.txt'), 'pipeline_audit')] },
      anonymous: { ok: false, reason: 'not_collected', detail: 'x' },
    });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 400, raw: 34560000, unit: 'seconds' } });
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      { file: 'btool.txt', line: 2, column: 1, pointer: '/splunk_conf/pipeline_audit/frozenTimePeriodInSecs' },
    ]);
    expect((r.details.indexes as Record<string, unknown>[])[0]).toMatchObject({
      frozenTimePeriodInSecs_set_in: '/opt/splunk/etc/apps/ci_logs/local/indexes.conf',
    });
  });

  it('secure: 400 and 730 days, the shortest wins; replicated by repFactor = auto from [default]; archive noted, not counted', () => {
    const r = fromConf('fixtures/splunk/secure/indexes.conf', ['pipeline_audit', 'pipeline_audit_k8s']);
    expect(r.retention).toMatchObject({
      ok: true,
      value: { days: 400, raw: 34560000, unit: 'seconds', note: expect.stringMatching(/^frozen buckets are archived \(\/archive\/splunk\/pipeline_audit\)/) },
    });
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      { file: 'fixtures/splunk/secure/indexes.conf', line: 24, column: 1, pointer: '/splunk_conf/pipeline_audit/frozenTimePeriodInSecs' },
    ]);
    expect(r.backup).toMatchObject({ ok: true, value: { value: true } });
    expect(r.backup.ok && r.backup.value.sources[0]).toEqual({
      file: 'fixtures/splunk/secure/indexes.conf',
      line: 6,
      column: 1,
      pointer: '/splunk_conf/default/repFactor',
    });
    expect(r.warnings).toContain(
      'index pipeline_audit: its homePath is on a volume with maxVolumeDataSizeMB 8000000: a full volume rolls or freezes buckets early',
    );
    expect(r.immutable).toMatchObject({ ok: true, value: { value: false } });
  });

  it('insecure: 30 days, size caps warned, no replication', () => {
    const r = fromConf('fixtures/splunk/insecure/indexes.conf', ['pipeline_audit']);
    expect(r.retention).toMatchObject({ ok: true, value: { days: 30, note: 'frozen buckets are deleted (coldToFrozenDir and coldToFrozenScript are empty)' } });
    expect(r.warnings).toEqual([
      'index pipeline_audit: buckets also freeze when the index exceeds maxTotalDataSizeMB 10240 MB, whatever their age; a size cannot be turned into days',
      'index pipeline_audit: coldPath.maxDataSizeMB 2048 MB freezes the oldest cold buckets when exceeded',
    ]);
    expect(r.backup).toMatchObject({ ok: false, reason: 'not_collected' });
  });

  it("an index without its own setting takes Splunk's default (188697600 s), recorded as such", () => {
    const r = fromConf('fixtures/splunk/secure/indexes.conf', ['pipeline_audit_k8s']);
    expect(r.retention).toMatchObject({ ok: true, value: { days: 730 } });
    const bare = readSplunk({
      indexes: { ok: true, value: [indexFromConf(located('[main]\n', 'i.conf'), 'main')] },
      anonymous: { ok: false, reason: 'not_collected', detail: 'x' },
    });
    expect(bare.retention).toMatchObject({ ok: true, value: { days: 2184, raw: 188697600 } });
    expect(bare.retention.ok && bare.retention.value.sources[0]!.default).toBe("188697600 (Splunk's etc/system/default/indexes.conf)");
    expect(bare.warnings[0]).toMatch(/maxTotalDataSizeMB 500000 MB \(the default\)/);
  });

  it('a named index without a stanza, or a non-numeric period, is a broken input', () => {
    expect(() => fromConf('fixtures/splunk/insecure/indexes.conf', ['nope'])).toThrow('index nope (named in options) has no [nope] stanza');
    const bad = located('[main]\nfrozenTimePeriodInSecs = 30d\n', 'b.conf');
    expect(() =>
      readSplunk({ indexes: { ok: true, value: [indexFromConf(bad, 'main')] }, anonymous: { ok: false, reason: 'not_collected', detail: 'x' } }),
    ).toThrow('b.conf:2:1: frozenTimePeriodInSecs of index main is "30d"; expected a whole number');
  });
});

describe('Splunk live, against a loopback server shaped like the documented REST API', () => {
  let server: (Loopback & { fake: SplunkFake }) | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const TOKEN = 'Bearer fixture-splunk-token-0c4f1e';
  // What data/indexes/<name> returns for the secure fixture's pipeline_audit (values as strings, as Splunk sends many).
  const audit = {
    frozenTimePeriodInSecs: 34560000,
    maxTotalDataSizeMB: 4000000,
    coldToFrozenDir: '/archive/splunk/pipeline_audit',
    coldToFrozenScript: '',
    'homePath.maxDataSizeMB': '0',
    'coldPath.maxDataSizeMB': '0',
    repFactor: 'auto',
    disabled: false,
    currentDBSizeMB: 3400000,
    totalEventCount: 912345678,
  };

  it('reads entry[0].content; values and the size warning; the probe without a token is refused', async () => {
    server = await startSplunk({ authorization: TOKEN, indexes: { pipeline_audit: audit } });
    const { input } = await readSplunkLive(fetchGetter(server.url, { authorization: TOKEN }), fetchGetter(server.url), ['pipeline_audit']);
    const r = readSplunk(input);
    expect(r.retention).toMatchObject({ ok: true, value: { days: 400 } });
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      { endpoint: `GET ${server.url}/services/data/indexes/pipeline_audit`, pointer: '/entry/0/content/frozenTimePeriodInSecs' },
    ]);
    expect(r.backup).toMatchObject({ ok: true, value: { value: true } });
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: false } });
    expect(r.warnings).toContain('index pipeline_audit holds 3400000 MB, 85 % of maxTotalDataSizeMB: buckets are (or will soon be) frozen by size');
    // The same settings from the file give the same retention.
    expect(strip(r.retention)).toEqual(strip(fromConf('fixtures/splunk/secure/indexes.conf', ['pipeline_audit']).retention));
  });

  it('403 is a permission gap naming the capability; 404 and 401 stop the target', async () => {
    server = await startSplunk({ authorization: TOKEN, indexes: { pipeline_audit: audit }, forbid: ['pipeline_audit'] });
    const { input } = await readSplunkLive(fetchGetter(server.url, { authorization: TOKEN }), fetchGetter(server.url), ['pipeline_audit']);
    expect(readSplunk(input).retention).toMatchObject({ ok: false, reason: 'permission_missing', permission: expect.stringMatching(/indexes_list_all/) });
    await expect(readSplunkLive(fetchGetter(server.url, { authorization: TOKEN }), fetchGetter(server.url), ['nope'])).rejects.toThrow(
      'index nope does not exist (HTTP 404)',
    );
    const e = await readSplunkLive(fetchGetter(server.url, { authorization: 'Bearer wrong' }), fetchGetter(server.url), ['pipeline_audit']).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(StoreInputError);
  });
});
