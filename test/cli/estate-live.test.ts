/**
 * End to end through the built CLI in LIVE mode: ONE config naming the secrets managers, the
 * registries, the log stores and a clock, each with an endpoint, against servers this test starts
 * on loopback and stops:
 *  - real daemons: Debian's docker-registry (the anonymous pull/push probe), SeaweedFS as the S3
 *    API (the real AWS SDK), chronyd serving and syncing only on 127.0.0.1 (chronyc run by the
 *    collector; the system clock is never touched);
 *  - loopback servers shaped like the documented APIs (not the products): Vault/OpenBao, Harbor,
 *    Loki's /config, Elasticsearch, Splunk's REST API and CloudWatch Logs.
 * A secure and an insecure variant; the findings that matter are asserted per tool, and
 * options.audit_store links the tools' central destinations to the stores so AR-XTL-001 judges
 * the live stores' retention. ntpsec (its port 123 needs a network namespace) and timesyncd (D-Bus)
 * are read live by their own tests (test/collectors/time), not here.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { REGISTRY_MISSING, type RunningRegistry, registryBinary, startRegistry } from '../helpers/docker-registry.js';
import { startFakeHarbor } from '../helpers/harbor-server.js';
import { cliAsync } from '../helpers/loopback.js';
import { fixture } from '../helpers/run.js';
import { startCloudWatch } from '../helpers/stores/cloudwatch-server.js';
import { startEs } from '../helpers/stores/es-server.js';
import { startLoki } from '../helpers/stores/loki-server.js';
import { ADMIN, HAVE_WEED, MISSING_WEED, type SeaweedFs, startSeaweedFs } from '../helpers/stores/seaweedfs.js';
import { startSplunk } from '../helpers/stores/splunk-server.js';
import { type Chronyd, chronyc, daemonsUnavailable, freeUdpPort, startChronyd, timeBinary, waitFor } from '../helpers/time-daemons.js';
import { startFakeVault } from '../helpers/vault-server.js';
import type { Report } from '../../src/report/types.js';

const missing = [registryBinary() ? null : REGISTRY_MISSING, HAVE_WEED ? null : MISSING_WEED, daemonsUnavailable('chrony')].filter(
  (m): m is string => m !== null,
);
// .ci/run installs every daemon: a missing one is a failure there, not a skip.
if (missing.length && process.env.CI) throw new Error(missing.join('; '));

const VAULT_TOKEN = 'hvs.EstateLiveAuditorToken0123456789';
const HARBOR_PASSWORD = 'fixture-estate-live-harbor-robot-5c1';
const ES_KEY = 'fixture-estate-live-es-key-8d20';
const SPLUNK_TOKEN = 'fixture-estate-live-splunk-token-4b7';
const SECRETS = [VAULT_TOKEN, HARBOR_PASSWORD, ES_KEY, SPLUNK_TOKEN, ADMIN.secretAccessKey];
const NTP_KEY = '1 SHA256 HEX:6A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A6978879';

const json = (...p: string[]) => JSON.parse(readFileSync(fixture(...p), 'utf8')) as Record<string, unknown>;
/** A config.yml for the real registry: htpasswd users and a notification endpoint (secure), or neither. */
const REGISTRY = (secure: boolean) =>
  `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: {{DIR}}/data\n  delete:\n    enabled: true\nhttp:\n  addr: {{ADDR}}\n` +
  (secure
    ? 'auth:\n  htpasswd:\n    realm: basic-realm\n    path: {{DIR}}/htpasswd\n' +
      'notifications:\n  endpoints:\n    - name: siem\n      url: https://siem.acme.example/registry\n      timeout: 1s\n      threshold: 3\n      backoff: 1s\n'
    : '');
const splunkIndex = (days: number) => ({
  frozenTimePeriodInSecs: days * 86400,
  maxTotalDataSizeMB: 4000000,
  coldToFrozenDir: '/archive/splunk/pipeline_audit',
  repFactor: 'auto',
  'homePath.maxDataSizeMB': 0,
  'coldPath.maxDataSizeMB': 0,
});

type Variant = 'secure' | 'insecure';
const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
}, 60_000);

async function bucket(weed: SeaweedFs, name: string, secure: boolean): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const s3 = await import('@aws-sdk/client-s3');
  const admin = new s3.S3Client({ region: 'us-east-1', endpoint: weed.url, forcePathStyle: true, credentials: ADMIN, maxAttempts: 5 });
  // the gateway answers before the filer is ready: retry the first call for a few seconds
  for (let i = 0; ; i++) {
    try {
      await admin.send(new s3.CreateBucketCommand({ Bucket: name, ...(secure ? { ObjectLockEnabledForBucket: true } : {}) }));
      break;
    } catch (e) {
      if (i > 40) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await admin.send(new s3.PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: secure ? 'Enabled' : 'Suspended' } }));
  await admin.send(
    new s3.PutBucketLifecycleConfigurationCommand({
      Bucket: name,
      LifecycleConfiguration: { Rules: [{ ID: 'audit', Status: 'Enabled', Filter: {}, Expiration: { Days: secure ? 400 : 30 } }] },
    }),
  );
  if (secure) {
    await admin.send(
      new s3.PutObjectLockConfigurationCommand({
        Bucket: name,
        ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 400 } } },
      }),
    );
    await admin.send(
      new s3.PutPublicAccessBlockCommand({
        Bucket: name,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    );
  }
  admin.destroy();
}

/** A chronyd client: synchronized to two key-authenticated loopback servers, or whose only server never answers. */
async function clock(secure: boolean): Promise<Chronyd> {
  const files = { keys: `${NTP_KEY}\n` };
  if (!secure) {
    const dead = await freeUdpPort();
    const client = await startChronyd([`server 127.0.0.1 port ${dead} iburst minpoll -4 maxpoll -4`]);
    stops.push(client.stop);
    return client;
  }
  const a = await startChronyd(['local stratum 8', 'keyfile @DIR@/keys'], { serve: true, files });
  stops.push(a.stop);
  const b = await startChronyd(['local stratum 8', 'keyfile @DIR@/keys'], { serve: true, address: '127.0.0.2', files });
  stops.push(b.stop);
  const client = await startChronyd(
    [
      `server 127.0.0.1 port ${a.ntpPort} iburst minpoll -4 maxpoll -4 key 1`,
      `server 127.0.0.2 port ${b.ntpPort} iburst minpoll -4 maxpoll -4 key 1`,
      'minsources 2',
      'keyfile @DIR@/keys',
    ],
    { files },
  );
  stops.push(client.stop);
  await waitFor(
    'the client to select both sources',
    () => {
      const t = chronyc('127.0.0.1', client.cmdPort, '-c', 'tracking').stdout;
      const s = chronyc('127.0.0.1', client.cmdPort, '-c', 'sources').stdout;
      return t.endsWith('Normal\n') && !t.startsWith('7F7F0101') && (s.match(/^\^,[*+-]/gm) ?? []).length === 2 ? true : null;
    },
    45_000,
  );
  return client;
}

/** Start every server of a variant; the one config naming them all in live mode. */
async function estate(v: Variant): Promise<{ config: string; env: Record<string, string> }> {
  const secure = v === 'secure';
  const [vault, openbao, harbor, loki, es, splunk, cloudwatch] = await Promise.all([
    // the insecure estate's Vault is the well-configured one too: it ships to a store that keeps 30 days
    startFakeVault({ exportDir: fixture('vault', 'secure', 'export'), token: VAULT_TOKEN }),
    startFakeVault({ exportDir: fixture('openbao', v, 'export'), token: VAULT_TOKEN, paginate: true }),
    startFakeHarbor({ dir: fixture('harbor', v), username: 'robot$auditready', password: HARBOR_PASSWORD }),
    startLoki({ config: readFileSync(fixture('loki', v, 'loki.yaml'), 'utf8') }),
    secure
      ? startEs({
          authorization: `ApiKey ${ES_KEY}`,
          ilm: json('elasticsearch', 'secure', 'ilm-policy.json'),
          dataStreams: (json('elasticsearch', 'secure', 'data-stream-lifecycle.json') as { data_streams: { name: string }[] }).data_streams,
          slm: json('elasticsearch', 'secure', 'slm-policies.json'),
        })
      : startEs({
          authorization: `ApiKey ${ES_KEY}`,
          anonymous: true,
          ilm: json('elasticsearch', 'insecure', 'ilm-policy.json'),
          slm: json('elasticsearch', 'insecure', 'slm-policies.json'),
        }),
    startSplunk({ authorization: `Bearer ${SPLUNK_TOKEN}`, indexes: { pipeline_audit: splunkIndex(secure ? 400 : 30) } }),
    startCloudWatch({
      logGroups: (json('cloudwatch', v, 'log-groups.json') as { logGroups: Record<string, unknown>[] }).logGroups,
      resourcePolicies: (json('cloudwatch', v, 'resource-policies.json') as { resourcePolicies: Record<string, unknown>[] }).resourcePolicies,
      accessKeyId: ADMIN.accessKeyId, // one AWS identity for both AWS targets, as in an account
    }),
  ]);
  for (const s of [vault, openbao, harbor, loki, es, splunk, cloudwatch]) stops.push(() => s.close());
  const registry: RunningRegistry = await startRegistry(
    REGISTRY(secure),
    secure ? { htpasswd: readFileSync(fixture('distribution', 'htpasswd', 'htpasswd'), 'utf8') } : {},
  );
  stops.push(registry.stop);
  const weed = await startSeaweedFs();
  stops.push(weed.stop);
  await bucket(weed, `estate-${v}`, secure);
  const chronyd = await clock(secure);

  const to = (store: string) => ({ audit_store: store });
  const targets = [
    {
      type: 'vault',
      name: secure ? 'prod' : 'shared',
      endpoint: vault.url,
      token_env: 'AR_LIVE_VAULT_TOKEN',
      files: [fixture('vault', 'secure', 'vault.hcl')],
      options: to('splunk/siem'),
    },
    {
      type: 'openbao',
      name: secure ? 'prod' : 'lab',
      endpoint: openbao.url,
      token_env: 'AR_LIVE_VAULT_TOKEN',
      files: [fixture('openbao', v, 'bao.hcl')],
      options: to('splunk/siem'),
    },
    {
      type: 'harbor',
      name: secure ? 'prod' : 'lab',
      endpoint: harbor.url,
      token_env: 'AR_LIVE_HARBOR',
      options: { username: 'robot$auditready', ...to('splunk/siem') },
    },
    {
      type: 'distribution',
      name: secure ? 'prod' : 'dev',
      endpoint: registry.url,
      files: [registry.configPath, ...(secure ? [path.join(registry.dir, 'htpasswd')] : [])],
      options: to('elasticsearch/siem'),
    },
    // the runtime overrides file next to the endpoint: /config does not show every tenant's overrides
    { type: 'loki', name: 'central', endpoint: loki.url, ...(secure ? { files: [fixture('loki', 'secure', 'overrides.yaml')] } : {}) },
    {
      type: 'elasticsearch',
      name: 'siem',
      endpoint: es.url,
      token_env: 'AR_LIVE_ES_KEY',
      options: secure ? { ilm_policies: ['audit-logs'], indices: ['logs-audit-*'] } : { ilm_policies: ['logs'], indices: ['logs-audit-default'] },
    },
    { type: 'splunk', name: 'siem', endpoint: splunk.url, token_env: 'AR_LIVE_SPLUNK_TOKEN', options: { indexes: ['pipeline_audit'] } },
    { type: 'cloudwatch', name: 'audit', endpoint: cloudwatch.url, options: { region: 'eu-west-1', prefix: '/acme/audit/' } },
    { type: 's3', name: 'audit-logs', endpoint: weed.url, options: { bucket: `estate-${v}`, region: 'us-east-1' } },
    {
      type: 'chrony',
      name: secure ? 'ntp-client-1' : 'web-1',
      endpoint: `unix://${chronyd.socket}`,
      files: [path.join(chronyd.dir, 'chrony.conf'), ...(secure ? [path.join(chronyd.dir, 'keys')] : [])],
      options: { command: timeBinary('chronyc'), timeout_ms: 5000, complete: true },
    },
  ];
  const dir = mkdtempSync(path.join(tmpdir(), `ar-estate-live-${v}-`));
  const config = path.join(dir, 'auditready.yaml');
  writeFileSync(config, `version: 1\ntargets:\n${targets.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n`);
  return {
    config,
    env: {
      AR_LIVE_VAULT_TOKEN: VAULT_TOKEN,
      AR_LIVE_HARBOR: HARBOR_PASSWORD,
      AR_LIVE_ES_KEY: ES_KEY,
      AR_LIVE_SPLUNK_TOKEN: SPLUNK_TOKEN,
      AWS_ACCESS_KEY_ID: ADMIN.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  };
}

async function run(v: Variant): Promise<{ code: number; stderr: string; report: Report; all: string }> {
  const { config, env } = await estate(v);
  const r = await cliAsync(['check', '-c', config, '--format', 'json'], env);
  const report = JSON.parse(r.stdout) as Report;
  expect(validator('report')(report)).toBe(true);
  return { code: r.code, stderr: r.stderr, report, all: r.stdout + r.stderr };
}
const verdicts = (r: Report, tool: string) =>
  Object.fromEntries(r.findings.filter((f) => f.tool === tool).map((f) => [f.resource ? `${f.policy_id} ${f.resource}` : f.policy_id, f.status]));

describe.skipIf(missing.length > 0)(`the estate in live mode${missing.length ? ` — skipped: ${missing.join('; ')}` : ''}`, () => {
  it('secure: every tool is read from its endpoint; the stores keep records long enough, the clock is synchronized to authenticated sources', async () => {
    const { report, stderr, all } = await run('secure');
    expect(report.collection_errors ?? [], stderr).toEqual([]);
    for (const f of report.findings) expect(f.evidence.location, `${f.tool} ${f.policy_id}`).toMatch(/^(http:\/\/127\.0\.0\.1:\d+|unix:\/\/)/);
    expect(verdicts(report, 'vault/prod')).toMatchObject({
      'AR-EVT-001': 'pass',
      'AR-EVT-005': 'pass',
      'AR-IDN-001': 'pass',
      'AR-CLG-001': 'pass',
      'AR-XTL-001': 'pass',
    });
    expect(verdicts(report, 'openbao/prod')).toMatchObject({
      'AR-EVT-001': 'pass',
      'AR-EVT-005': 'pass',
      'AR-IDN-150 token-store': 'pass',
      'AR-XTL-001': 'pass',
    });
    expect(verdicts(report, 'harbor/prod')).toMatchObject({ 'AR-IDN-001': 'pass', 'AR-IDN-003': 'pass', 'AR-CLG-001': 'pass', 'AR-XTL-001': 'pass' });
    // the real registry refuses the anonymous pull and push the probe tries
    expect(verdicts(report, 'distribution/prod')).toMatchObject({ 'AR-IDN-003': 'pass', 'AR-CLG-001': 'pass', 'AR-XTL-001': 'pass' });
    expect(verdicts(report, 'loki/central')).toMatchObject({ 'AR-RET-001': 'pass', 'AR-IDN-003': 'unknown', 'AR-RET-002': 'fail' });
    expect(verdicts(report, 'elasticsearch/siem')).toMatchObject({ 'AR-RET-001': 'pass', 'AR-RET-003': 'pass', 'AR-IDN-003': 'pass' });
    expect(verdicts(report, 'splunk/siem')).toMatchObject({ 'AR-RET-001': 'pass', 'AR-IDN-003': 'pass' });
    expect(verdicts(report, 'cloudwatch/audit')).toMatchObject({ 'AR-RET-001': 'pass' });
    // SeaweedFS through the AWS SDK: 400-day lifecycle, versioning, Object Lock COMPLIANCE 400 days
    expect(verdicts(report, 's3/audit-logs')).toMatchObject({ 'AR-RET-001': 'pass', 'AR-RET-002': 'pass', 'AR-RET-003': 'pass' });
    // real chronyd: synchronized, two key-authenticated sources, not its own clock
    expect(verdicts(report, 'chrony/ntp-client-1')).toMatchObject({ 'AR-TIM-001': 'pass', 'AR-TIM-004': 'pass', 'AR-TIM-101': 'pass', 'AR-TIM-102': 'pass' });
    for (const s of SECRETS) expect(all.includes(s), `${s} leaked`).toBe(false);
  }, 240_000);

  it('insecure: each tool fails for its documented reason', async () => {
    const { report, stderr, all } = await run('insecure');
    expect(report.collection_errors ?? [], stderr).toEqual([]);
    // a well-configured Vault whose SIEM keeps 30 days
    expect(verdicts(report, 'vault/shared')['AR-XTL-001']).toBe('fail');
    expect(report.findings.find((f) => f.tool === 'vault/shared' && f.policy_id === 'AR-XTL-001')!.observed).toEqual({
      'audit_log.destinations': ['siem to splunk/siem (retention_days 30, retention_online_days 30)'],
    });
    expect(verdicts(report, 'openbao/lab')).toMatchObject({
      'AR-IDN-001': 'fail',
      'AR-IDN-150 token-store': 'fail',
      'AR-EVT-005': 'fail',
      'AR-CLG-001': 'fail',
    });
    expect(verdicts(report, 'harbor/lab')).toMatchObject({ 'AR-IDN-003': 'fail', 'AR-IDN-160 system-settings': 'fail', 'AR-CLG-001': 'fail' });
    // the real registry without auth accepts the anonymous push the probe starts (and cancels)
    expect(verdicts(report, 'distribution/dev')).toMatchObject({ 'AR-IDN-003': 'fail', 'AR-ACC-004': 'fail', 'AR-CLG-001': 'fail' });
    expect(verdicts(report, 'loki/central')).toMatchObject({ 'AR-RET-001': 'fail', 'AR-IDN-003': 'fail' });
    expect(verdicts(report, 'elasticsearch/siem')).toMatchObject({ 'AR-RET-001': 'fail', 'AR-IDN-003': 'fail' });
    expect(verdicts(report, 'splunk/siem')).toMatchObject({ 'AR-RET-001': 'fail' });
    expect(verdicts(report, 'cloudwatch/audit')).toMatchObject({ 'AR-RET-001': 'fail' });
    expect(verdicts(report, 's3/audit-logs')).toMatchObject({ 'AR-RET-001': 'fail', 'AR-RET-002': 'fail' });
    // real chronyd whose only server never answers: not synchronized, no authenticated source
    expect(verdicts(report, 'chrony/web-1')).toMatchObject({ 'AR-TIM-001': 'fail', 'AR-TIM-004': 'fail' });
    for (const s of SECRETS) expect(all.includes(s), `${s} leaked`).toBe(false);
  }, 240_000);
});
