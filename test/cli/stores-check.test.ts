/**
 * End to end through the built CLI (node dist/cli.js): the log-store collectors (Loki, S3,
 * CloudWatch Logs, Elasticsearch, OpenSearch, Splunk) on their secure and insecure fixtures, the
 * verdicts that matter per policy, evidence pointing at the line, the cross-tool retention policy
 * following a pipeline tool's destination into a natively collected store, config errors (exit 2)
 * and broken inputs (that tool unknown, exit 1), live mode through the CLI, and no fixture secret
 * in any output format, the evidence bundle, stdout or stderr.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { cliAsync } from '../helpers/loopback.js';
import { cli, fixture, withoutProgress } from '../helpers/run.js';
import { secretList } from '../helpers/secret-scan.js';
import { startEs } from '../helpers/stores/es-server.js';
import { ADMIN, HAVE_WEED, MISSING_WEED, REQUIRE_WEED, startSeaweedFs } from '../helpers/stores/seaweedfs.js';
import type { Report } from '../../src/report/types.js';

const check = (store: string, name: string, extra: string[] = []) =>
  cli(['check', '-c', fixture(store, name, 'auditready.yaml'), '--format', 'json', ...extra]);
const report = (store: string, name: string) => {
  const r = check(store, name);
  expect(withoutProgress(r.stderr)).toBe('');
  const rep = JSON.parse(r.stdout) as Report;
  expect(validator('report')(rep)).toBe(true);
  return { code: r.code, rep };
};
const statuses = (r: Report) => Object.fromEntries(r.findings.map((f) => [f.policy_id, f.status]));
const config = (targets: unknown[]) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-stores-'));
  writeFileSync(path.join(dir, 'auditready.yaml'), `targets:\n${targets.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n`);
  return path.join(dir, 'auditready.yaml');
};

describe('log stores in files mode through the CLI', () => {
  it.each([
    // Loki: retention from the compactor, anonymous access only when auth_enabled is false, no WORM, no audit log of its own
    [
      'loki',
      'secure',
      {
        'AR-RET-001': 'pass',
        'AR-RET-002': 'fail',
        'AR-RET-003': 'unknown',
        'AR-IDN-003': 'unknown',
        'AR-EVT-001': 'fail',
        'AR-CLG-001': 'not_applicable',
        'AR-TIM-002': 'pass',
        'AR-TIM-003': 'pass',
      },
    ],
    ['loki', 'insecure', { 'AR-RET-001': 'fail', 'AR-RET-002': 'fail', 'AR-RET-004': 'fail', 'AR-IDN-003': 'fail', 'AR-EVT-001': 'fail' }],
    // S3: lifecycle, Object Lock COMPLIANCE, versioning, Block Public Access, server access logging
    [
      's3',
      'secure',
      {
        'AR-RET-001': 'pass',
        'AR-RET-002': 'pass',
        'AR-RET-003': 'pass',
        'AR-RET-101': 'pass',
        'AR-IDN-003': 'pass',
        'AR-EVT-001': 'pass',
        'AR-EVT-002': 'pass',
        'AR-TIM-001': 'not_applicable',
      },
    ],
    [
      's3',
      'insecure',
      {
        'AR-RET-001': 'fail',
        'AR-RET-002': 'fail',
        'AR-RET-003': 'fail',
        'AR-RET-004': 'fail',
        'AR-RET-101': 'fail',
        'AR-IDN-003': 'fail',
        'AR-EVT-001': 'fail',
      },
    ],
    // CloudWatch Logs: retentionInDays (absent = forever), deletion protection (alone not provably immutable), resource policies
    ['cloudwatch', 'secure', { 'AR-RET-001': 'pass', 'AR-RET-002': 'unknown', 'AR-RET-003': 'unknown', 'AR-IDN-003': 'pass', 'AR-TIM-003': 'pass' }],
    ['cloudwatch', 'insecure', { 'AR-RET-001': 'fail', 'AR-RET-002': 'fail', 'AR-RET-004': 'fail', 'AR-IDN-003': 'fail' }],
    // Elasticsearch / OpenSearch: ILM, data stream lifecycle, ISM; SLM / Snapshot Management backups; no WORM
    ['elasticsearch', 'secure', { 'AR-RET-001': 'pass', 'AR-RET-002': 'fail', 'AR-RET-003': 'pass', 'AR-IDN-003': 'unknown' }],
    ['elasticsearch', 'insecure', { 'AR-RET-001': 'fail', 'AR-RET-003': 'fail' }],
    ['opensearch', 'secure', { 'AR-RET-001': 'pass', 'AR-RET-003': 'pass' }],
    ['opensearch', 'insecure', { 'AR-RET-001': 'fail', 'AR-RET-003': 'unknown' }],
    // Splunk: frozenTimePeriodInSecs, repFactor, the _audit index
    ['splunk', 'secure', { 'AR-RET-001': 'pass', 'AR-RET-003': 'pass', 'AR-EVT-001': 'pass' }],
    ['splunk', 'insecure', { 'AR-RET-001': 'fail', 'AR-RET-003': 'unknown' }],
  ] as const)('%s %s', (store, name, expected) => {
    const { code, rep } = report(store, name);
    expect(statuses(rep)).toMatchObject(expected);
    // every store's identity and access are someone else's (IAM, a proxy, realms): unknown, never pass
    expect(rep.findings.filter((f) => f.policy_id === 'AR-IDN-002').map((f) => f.status)).toEqual(['unknown']);
    expect(code).toBe(1);
  });

  it('the retention finding names the line the deciding setting was read at, and says it in the message', () => {
    const { rep } = report('loki', 'insecure');
    const f = rep.findings.find((x) => x.policy_id === 'AR-RET-001')!;
    expect(f.message).toBe(
      'Audit log retention is too short: audit_log.retention_days is 1, expected >= 365 (retention_days_min) or -1 (forever); audit_log.retention_online_days is 1, expected >= 90 (retention_online_days_min) or -1 (forever)',
    );
    expect(f.evidence.sources![0]).toEqual({
      fact: 'audit_log.retention_days',
      file: 'fixtures/loki/insecure/loki.yaml',
      line: 40,
      column: 15,
      pointer: '/limits_config/retention_stream/0/period',
    });
    const cw = report('cloudwatch', 'secure').rep.findings.find((x) => x.policy_id === 'AR-RET-001')!;
    expect(cw.evidence.sources![0]).toMatchObject({ file: 'fixtures/cloudwatch/secure/log-groups.json', pointer: '/logGroups/0/retentionInDays' });
  });

  it('AR-RET-101 judges the bucket as a resource', () => {
    const f = report('s3', 'insecure').rep.findings.find((x) => x.policy_id === 'AR-RET-101')!;
    expect(f.resource).toBe('bucket:acme-audit-logs');
    expect(f.message).toMatch(/resources\.object_lock_mode is "none", expected "COMPLIANCE"/);
  });

  it("SARIF anchors a store finding at the line in the store's own file", () => {
    const r = cli(['check', '-c', fixture('splunk', 'insecure', 'auditready.yaml'), '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const ret = sarif.runs[0]!.results.find((x) => x.ruleId === 'AR-RET-001')!;
    expect(ret.locations[0]!.physicalLocation).toMatchObject({ artifactLocation: { uri: 'fixtures/splunk/insecure/indexes.conf' }, region: { startLine: 7 } });
  });
});

describe("AR-XTL-001 follows a pipeline tool's destination into a natively collected store", () => {
  const estate = (lokiCase: 'secure' | 'insecure') =>
    config([
      { type: 'jenkins', name: 'ci-prod', facts: fixture('demo', 'facts', 'jenkins-ci-prod.yaml') },
      {
        type: 'loki',
        name: 'central',
        files:
          lokiCase === 'secure'
            ? [fixture('loki', 'secure', 'loki.yaml'), fixture('loki', 'secure', 'overrides.yaml')]
            : [fixture('loki', 'insecure', 'loki.yaml')],
      },
    ]);
  it.each([
    ['secure', 'pass', 'retention_days 398, retention_online_days 398', 41],
    ['insecure', 'fail', 'retention_days 1, retention_online_days 1', 40],
  ] as const)('Jenkins ships to loki/central (%s): %s, with the Loki line as evidence', (lokiCase, status, seen, line) => {
    // The demo's Jenkins facts lie outside the temporary config's folder: allowed explicitly.
    const r = cli(['check', '-c', estate(lokiCase), '--facts-root', fixture('demo', 'facts'), '--format', 'json']);
    const rep = JSON.parse(r.stdout) as Report;
    const f = rep.findings.find((x) => x.policy_id === 'AR-XTL-001' && x.tool === 'jenkins/ci-prod')!;
    expect(f.status).toBe(status);
    expect(JSON.stringify(f)).toContain(`syslog-to-loki to loki/central (${seen})`);
    expect(f.evidence.sources![0]).toMatchObject({ fact: 'audit_log.retention_days', tool: 'loki/central', file: `fixtures/loki/${lokiCase}/loki.yaml`, line });
  });
});

describe('errors', () => {
  it.each([
    [{ type: 's3', name: 'b', files: [fixture('s3', 'secure', 'lifecycle.json')] }, /s3 target b: invalid options: .*bucket/],
    [
      { type: 'cloudwatch', name: 'c', files: [fixture('cloudwatch', 'secure', 'log-groups.json')], options: { region: 'eu-west-1' } },
      /cloudwatch target c: invalid options/,
    ],
    [
      { type: 'elasticsearch', name: 'e', files: [fixture('elasticsearch', 'secure', 'ilm-policy.json')], options: { indices: ['x'] } },
      /elasticsearch target e: invalid options/,
    ],
    [
      { type: 'splunk', name: 's', endpoint: 'https://splunk.example:8089', options: { indexes: ['main'] } },
      /splunk target s: token_env must name the environment variable/,
    ],
    [{ type: 'loki', name: 'l', endpoint: 'http://loki.example:3100' }, /endpoint must be https \(plain http only on the loopback interface\)/],
  ])('a config error stops the run before collection (exit 2): %j', (target, message) => {
    const r = cli(['check', '-c', config([target])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('a value Loki itself would refuse makes that tool unknown with file, line and what was expected; the others are reported', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-stores-broken-'));
    writeFileSync(path.join(dir, 'loki.yaml'), 'compactor:\n  retention_enabled: true\nlimits_config:\n  retention_period: 1 year\n');
    writeFileSync(
      path.join(dir, 'auditready.yaml'),
      `targets:\n  - { type: loki, name: broken, files: [loki.yaml] }\n  - { type: splunk, name: siem, files: ["${fixture('splunk', 'secure', 'indexes.conf')}"], options: { indexes: [pipeline_audit] } }\n`,
    );
    const r = cli(['check', '-c', path.join(dir, 'auditready.yaml'), '--format', 'json', '--no-fail-on-unknown']);
    expect(r.code).toBe(1);
    expect(withoutProgress(r.stderr)).toMatch(
      /^auditready: loki\/broken: .*loki\.yaml:4:21: limits_config\.retention_period: "1 year" is not a Prometheus duration .*; expected a duration Loki accepts\n$/,
    );
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.summary.collection_errors).toBe(1);
    expect(rep.findings.find((f) => f.tool === 'splunk/siem' && f.policy_id === 'AR-RET-001')!.status).toBe('pass');
  });
});

describe('live mode through the CLI', () => {
  it('elasticsearch with an API key from token_env: the key is sent, never shown', async () => {
    const read = (f: string) => JSON.parse(readFileSync(fixture('elasticsearch', 'secure', f), 'utf8')) as Record<string, unknown>;
    const es = await startEs({
      authorization: 'ApiKey fixture-es-cli-key-3e8a91',
      ilm: read('ilm-policy.json'),
      dataStreams: (read('data-stream-lifecycle.json') as { data_streams: { name: string }[] }).data_streams,
      slm: read('slm-policies.json'),
    });
    try {
      const c = config([
        {
          type: 'elasticsearch',
          name: 'siem',
          endpoint: es.url,
          token_env: 'AR_E2E_ES_KEY',
          options: { ilm_policies: ['audit-logs'], indices: ['logs-audit-*'] },
        },
      ]);
      const r = await cliAsync(['check', '-c', c, '--format', 'json'], { AR_E2E_ES_KEY: 'fixture-es-cli-key-3e8a91' });
      const rep = JSON.parse(r.stdout) as Report;
      expect(statuses(rep)).toMatchObject({ 'AR-RET-001': 'pass', 'AR-RET-003': 'pass', 'AR-IDN-003': 'pass' });
      expect(r.stdout + r.stderr).not.toContain('fixture-es-cli-key-3e8a91');
    } finally {
      await es.close();
    }
  });

  it.skipIf(!HAVE_WEED && !REQUIRE_WEED)(
    `s3 against SeaweedFS with AWS credentials from the environment${HAVE_WEED ? '' : ` — skipped: ${MISSING_WEED}`}`,
    async () => {
      const weed = await startSeaweedFs();
      try {
        const { S3Client, CreateBucketCommand, PutBucketLifecycleConfigurationCommand, PutBucketVersioningCommand } = await import('@aws-sdk/client-s3');
        const admin = new S3Client({ region: 'us-east-1', endpoint: weed.url, forcePathStyle: true, credentials: ADMIN, maxAttempts: 5 });
        for (let i = 0; ; i++) {
          try {
            await admin.send(new CreateBucketCommand({ Bucket: 'cli-audit' }));
            break;
          } catch (e) {
            if (i > 40) throw e;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
        await admin.send(new PutBucketVersioningCommand({ Bucket: 'cli-audit', VersioningConfiguration: { Status: 'Enabled' } }));
        await admin.send(
          new PutBucketLifecycleConfigurationCommand({
            Bucket: 'cli-audit',
            LifecycleConfiguration: { Rules: [{ ID: 'short', Status: 'Enabled', Filter: {}, Expiration: { Days: 30 } }] },
          }),
        );
        admin.destroy();
        const c = config([{ type: 's3', name: 'cli', endpoint: weed.url, options: { bucket: 'cli-audit', region: 'us-east-1' } }]);
        const r = await cliAsync(['check', '-c', c, '--format', 'json'], {
          AWS_ACCESS_KEY_ID: ADMIN.accessKeyId,
          AWS_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
        });
        const rep = JSON.parse(r.stdout) as Report;
        expect(statuses(rep)).toMatchObject({ 'AR-RET-001': 'fail', 'AR-RET-002': 'fail', 'AR-RET-003': 'pass', 'AR-RET-101': 'fail' });
        expect(rep.findings.find((f) => f.policy_id === 'AR-RET-001')!.evidence.sources![0]).toEqual({
          fact: 'audit_log.retention_days',
          endpoint: `GetBucketLifecycleConfiguration ${weed.url}/cli-audit`,
          pointer: '/Rules/0/Expiration/Days',
        });
        expect(r.stdout + r.stderr).not.toContain(ADMIN.secretAccessKey);
        expect(r.stderr).not.toContain('NodeVersionSupportWarning');
      } finally {
        await weed.stop();
      }
    },
    120_000,
  );
});

describe('secrets in log-store configurations never leave the process', () => {
  it('no secret value of the fixtures appears in any output format, the evidence bundle, stdout or stderr', () => {
    const secrets = [...secretList(fixture('loki', 'secrets.txt')), ...secretList(fixture('splunk', 'secrets.txt'))];
    const out = mkdtempSync(path.join(tmpdir(), 'ar-stores-secrets-'));
    const texts: string[] = [];
    for (const [name, c] of [
      ['loki-secure', fixture('loki', 'secure', 'auditready.yaml')],
      ['loki-insecure', fixture('loki', 'insecure', 'auditready.yaml')],
      ['splunk', fixture('splunk', 'secure', 'auditready.yaml')],
    ] as const) {
      const dir = path.join(out, name);
      const r = cli(['check', '-c', c, '--format', 'table,json,sarif,junit,markdown,oscal,html', '--out', `${dir}-reports`, '--evidence', `${dir}-evidence`]);
      expect(r.code).toBe(1);
      texts.push(r.stdout, r.stderr, cli(['collect', '-c', c]).stdout);
    }
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)) : [path.join(d, f)]));
    const files = walk(out);
    expect(files.some((f) => f.endsWith(`${path.sep}raw${path.sep}loki.yaml`))).toBe(true);
    for (const f of files) texts.push(readFileSync(f, 'utf8'));
    const all = texts.join('\n');
    for (const s of secrets) expect(all.includes(s), `${s} leaked`).toBe(false);
    // what is not secret stays: the bucket, the access key id is redacted by its shape anyway
    expect(all).toContain('acme-loki-chunks');
  });
});
