import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CloudWatchConnection, MAX_PAGES, readCloudWatchApi } from '../../../src/collectors/cloudwatch/api.js';
import { AnswerLog } from '../../../src/collectors/kit/answers.js';
import { readCloudWatch, selectGroups } from '../../../src/collectors/cloudwatch/read.js';
import { ToolInputError as StoreInputError } from '../../../src/errors.js';
import { locatedDocument } from '../../../src/collectors/log-store/located.js';
import { FOREVER } from '../../../src/collectors/log-store/retention.js';
import { parseSource } from '../../../src/util/yaml-source.js';
import { startCloudWatch } from '../../helpers/stores/cloudwatch-server.js';
import type { Loopback } from '../../helpers/stores/loopback.js';

const file = (path: string) => locatedDocument(parseSource(readFileSync(path, 'utf8'), path));
const groupsOf = (path: string) => (file(path).value as { logGroups: Record<string, unknown>[] }).logGroups;
const policiesOf = (path: string) => (file(path).value as { resourcePolicies: Record<string, unknown>[] }).resourcePolicies;

function fromFiles(dir: string, wanted: { names?: string[]; prefix?: string }) {
  return readCloudWatch({
    groups: { ok: true, value: selectGroups(file(`${dir}/log-groups.json`), wanted) },
    policies: { ok: true, value: file(`${dir}/resource-policies.json`) },
    selection: wanted.names ? `log groups ${wanted.names.join(', ')}` : `log groups ${wanted.prefix}*`,
    region: 'eu-west-1',
  });
}

describe('CloudWatch Logs from describe-log-groups output', () => {
  it('secure: 400 days and never-expiring groups, the shortest is the fact; protected groups are not provably immutable', () => {
    const r = fromFiles('fixtures/cloudwatch/secure', { prefix: '/acme/audit/' });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 400, raw: 400, unit: 'days', setting: 'log group /acme/audit/github retentionInDays' } });
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      { file: 'fixtures/cloudwatch/secure/log-groups.json', line: 6, column: 32, pointer: '/logGroups/0/retentionInDays' },
    ]);
    expect(r.online).toMatchObject({ ok: true, value: { days: 400 } });
    expect(r.immutable).toMatchObject({ ok: false, reason: 'not_collected' });
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: false } });
    expect(r.details.log_groups).toEqual([
      expect.objectContaining({ name: '/acme/audit/github', deletion_protection: true, kms_key: expect.stringMatching(/^arn:aws:kms:/) }),
      expect.objectContaining({
        name: '/acme/audit/jenkins',
        retention: expect.objectContaining({ days: FOREVER, raw: null, note: 'absent: the log events never expire' }),
      }),
    ]);
  });

  it('an absent retentionInDays is forever, recorded as the documented default', () => {
    const r = fromFiles('fixtures/cloudwatch/secure', { names: ['/acme/audit/jenkins'] });
    expect(r.retention).toMatchObject({ ok: true, value: { days: FOREVER } });
    expect(r.retention.ok && r.retention.value.sources[0]).toMatchObject({
      pointer: '/logGroups/1/retentionInDays',
      default: 'never expire (CloudWatch Logs omits retentionInDays when no retention policy is set)',
    });
  });

  it('a null retentionInDays (the AWS CLI with --query prints unset fields so) is not set: forever, at its line', () => {
    const doc = locatedDocument(parseSource('{"logGroups": [\n  {"logGroupName": "g", "retentionInDays": null}\n]}', 'g.json'));
    const r = readCloudWatch({
      groups: { ok: true, value: selectGroups(doc, {}) },
      policies: { ok: false, reason: 'not_collected', detail: 'x' },
      selection: 'g',
      region: 'r',
    });
    expect(r.retention).toMatchObject({ ok: true, value: { days: FOREVER, raw: null } });
    expect(r.retention.ok && r.retention.value.sources).toEqual([
      {
        file: 'g.json',
        line: 2,
        column: 44,
        pointer: '/logGroups/0/retentionInDays',
        default: 'never expire (CloudWatch Logs omits retentionInDays when no retention policy is set)',
      },
    ]);
  });

  it('insecure: 30 days, no deletion protection, a resource policy open to anyone; other prefixes are not selected', () => {
    const r = fromFiles('fixtures/cloudwatch/insecure', { prefix: '/acme/audit/' });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 30 } });
    expect(r.immutable).toMatchObject({
      ok: true,
      value: { value: false, why: 'no deletion protection on /acme/audit/github: DeleteLogGroup deletes every event in it' },
    });
    expect(r.anonymous).toMatchObject({ ok: true, value: { value: true, why: 'resource policy anyone-can-read allows Principal "*" without a condition' } });
    expect(r.readRestricted).toMatchObject({ ok: true, value: { value: false } });
  });

  it('a named group missing from the output stops the target; a bad retention is an input error at its line', () => {
    expect(() => fromFiles('fixtures/cloudwatch/secure', { names: ['/nope'] })).toThrow('no log group matches log groups /nope');
    const bad = locatedDocument(parseSource('{"logGroups": [{"logGroupName": "g", "retentionInDays": 0}]}', 'g.json'));
    expect(() =>
      readCloudWatch({
        groups: { ok: true, value: selectGroups(bad, {}) },
        policies: { ok: false, reason: 'not_collected', detail: 'x' },
        selection: 'g',
        region: 'r',
      }),
    ).toThrow('g.json:1:57: retentionInDays of g is 0; expected a positive number of days');
  });
});

describe('CloudWatch Logs live, against a loopback server shaped like the documented JSON 1.1 API', () => {
  let server: (Loopback & { fake: { throttle?: number; deny?: string[]; badKey?: boolean; fail?: boolean } }) | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const conn = (url: string): CloudWatchConnection => ({
    region: 'eu-west-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIAFIXTURECWLOGS001', secretAccessKey: 'fixture-cw-secret-5d1e0c' },
    timeoutMs: 2000,
    retries: 3,
    signal: new AbortController().signal,
  });
  const many = Array.from({ length: 120 }, (_, i) => ({ logGroupName: `/acme/audit/g${String(i).padStart(3, '0')}`, retentionInDays: i === 77 ? 90 : 400 }));

  it('reads the same facts as the CLI output of the same groups', async () => {
    server = await startCloudWatch({
      logGroups: groupsOf('fixtures/cloudwatch/secure/log-groups.json'),
      resourcePolicies: policiesOf('fixtures/cloudwatch/secure/resource-policies.json'),
      accessKeyId: 'AKIAFIXTURECWLOGS001',
    });
    const live = await readCloudWatchApi(conn(server.url), { prefix: '/acme/audit/' });
    const r = readCloudWatch({ groups: live.groups, policies: live.policies, selection: 'log groups /acme/audit/*', region: 'eu-west-1' });
    const f = fromFiles('fixtures/cloudwatch/secure', { prefix: '/acme/audit/' });
    const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'sources' || k === 'read_at' ? undefined : v)));
    expect(strip(r)).toEqual(strip(f));
    expect(r.retention.ok && r.retention.value.sources[0]).toEqual({
      endpoint: `DescribeLogGroups ${server.url} logGroupNamePrefix=/acme/audit/ page 1`,
      pointer: '/logGroups/0/retentionInDays',
    });
  });

  it('follows nextToken across pages', async () => {
    server = await startCloudWatch({ logGroups: many, resourcePolicies: [], accessKeyId: 'AKIAFIXTURECWLOGS001' });
    const live = await readCloudWatchApi(conn(server.url), { prefix: '/acme/' });
    expect(live.groups.ok && live.groups.value).toHaveLength(120);
    expect(live.requests).toBe(4); // 3 pages of 50 + DescribeResourcePolicies
    const r = readCloudWatch({ groups: live.groups, policies: live.policies, selection: 'x', region: 'eu-west-1' });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 90, setting: 'log group /acme/audit/g077 retentionInDays' } });
    expect(MAX_PAGES).toBeGreaterThan(3);
  });

  it('finds named groups by prefix and exact name, and stops at the page that has them', async () => {
    server = await startCloudWatch({ logGroups: many, resourcePolicies: [], accessKeyId: 'AKIAFIXTURECWLOGS001' });
    const live = await readCloudWatchApi(conn(server.url), { names: ['/acme/audit/g005'] });
    expect(live.groups.ok && live.groups.value.map((g) => g.name)).toEqual(['/acme/audit/g005']);
    await expect(readCloudWatchApi(conn(server.url), { names: ['/acme/audit/missing'] })).rejects.toThrow(
      'log group /acme/audit/missing does not exist in eu-west-1',
    );
  });

  it('waits out throttling (the SDK retries ThrottlingException)', async () => {
    server = await startCloudWatch({ logGroups: many.slice(0, 3), resourcePolicies: [], accessKeyId: 'AKIAFIXTURECWLOGS001', throttle: 2 });
    const live = await readCloudWatchApi(conn(server.url), { prefix: '/acme/' });
    expect(live.groups.ok && live.groups.value).toHaveLength(3);
    expect(server.requests.length).toBe(4);
  });

  it('AccessDenied on one call makes only its facts unknown, naming the IAM action', async () => {
    server = await startCloudWatch({
      logGroups: many.slice(0, 3),
      resourcePolicies: [],
      accessKeyId: 'AKIAFIXTURECWLOGS001',
      deny: ['DescribeResourcePolicies'],
    });
    const live = await readCloudWatchApi(conn(server.url), { prefix: '/acme/' });
    const r = readCloudWatch({ groups: live.groups, policies: live.policies, selection: 'x', region: 'eu-west-1' });
    expect(r.retention.ok).toBe(true);
    expect(r.anonymous).toMatchObject({ ok: false, reason: 'permission_missing', permission: 'logs:DescribeResourcePolicies' });
    server.fake.deny = ['DescribeLogGroups'];
    const denied = await readCloudWatchApi(conn(server.url), { prefix: '/acme/' });
    expect(denied.groups).toMatchObject({ ok: false, reason: 'permission_missing', permission: 'logs:DescribeLogGroups' });
    const r2 = readCloudWatch({ groups: denied.groups, policies: denied.policies, selection: 'x', region: 'eu-west-1' });
    expect(r2.retention).toMatchObject({ ok: false, permission: 'logs:DescribeLogGroups' });
    expect(r2.immutable).toMatchObject({ ok: false, permission: 'logs:DescribeLogGroups' });
  });

  it('every call refused: the answer log names the SDK error code and status, and keeps the error as cause', async () => {
    server = await startCloudWatch({
      logGroups: many.slice(0, 3),
      resourcePolicies: [],
      accessKeyId: 'AKIAFIXTURECWLOGS001',
      deny: ['DescribeLogGroups', 'DescribeResourcePolicies'],
    });
    const answers = new AnswerLog();
    await readCloudWatchApi({ ...conn(server.url), answers }, { prefix: '/acme/' });
    const e = answers.unreadable()!;
    expect(e.where).toMatchObject({ endpoint: `DescribeLogGroups ${server.url}` });
    expect(e.problem).toMatch(/^AccessDeniedException \(HTTP 400\); no request to the API got an answer \(all 2 failed: HTTP 400 ×2\)/);
    expect((e.cause as Error).name).toBe('AccessDeniedException');
  });

  it('refused credentials and a failing service stop the target with a clear error', async () => {
    server = await startCloudWatch({ logGroups: [], resourcePolicies: [], accessKeyId: 'AKIAFIXTURECWLOGS001', badKey: true });
    const e = await readCloudWatchApi(conn(server.url), { prefix: '' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreInputError);
    expect((e as StoreInputError).problem).toBe('the credentials were refused (UnrecognizedClientException)');
    server.fake.badKey = false;
    server.fake.fail = true;
    const f = await readCloudWatchApi({ ...conn(server.url), retries: 1 }, { prefix: '' }).catch((x: unknown) => x);
    expect((f as StoreInputError).problem).toMatch(/^DescribeLogGroups failed: ServiceUnavailableException \(HTTP 500\)/);
  });

  it('a server that never answers times out', async () => {
    const { startLoopback } = await import('../../helpers/stores/loopback.js');
    const hang = await startLoopback(() => ({ status: 200, hang: true }));
    try {
      const e = await readCloudWatchApi({ ...conn(hang.url), timeoutMs: 300, retries: 0 }, { prefix: '' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(StoreInputError);
      expect((e as StoreInputError).problem).toMatch(/^DescribeLogGroups failed: TimeoutError/);
    } finally {
      await hang.close();
    }
  });
});
