/**
 * The log-store collectors through the kit (config load, files mode, live mode, redaction):
 * every fixture case (fixtures/<store>/<case>/, written after each store's documented examples)
 * gives a snapshot valid against the model that matches its normalized.json (regenerate with
 * UPDATE_STORE_FIXTURES=1, then review the diff), and live mode against loopback servers shaped
 * like each documented API, serving the same settings, gives the same model.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { assertValidSnapshot } from '../../../src/model/validate.js';
import { collectConfig, writeTree } from '../../helpers/collect.js';
import { fixture } from '../../helpers/run.js';
import { startCloudWatch } from '../../helpers/stores/cloudwatch-server.js';
import { startEs } from '../../helpers/stores/es-server.js';
import { startLoki } from '../../helpers/stores/loki-server.js';
import type { Loopback } from '../../helpers/stores/loopback.js';
import { startSplunk } from '../../helpers/stores/splunk-server.js';

const UPDATE = process.env.UPDATE_STORE_FIXTURES === '1';
const CASES = ['loki', 's3', 'cloudwatch', 'elasticsearch', 'opensearch', 'splunk'].flatMap((store) => ['secure', 'insecure'].map((c) => [store, c] as const));

/** Facts and gaps: what both modes must agree on; `except` lists facts only live mode can know (a probe). */
const model = (s: ToolSnapshot, except: readonly string[] = []) => {
  const drop = (group: Record<string, unknown>, g: string) => Object.fromEntries(Object.entries(group).filter(([k]) => !except.includes(`${g}.${k}`)));
  return {
    identity: drop(s.identity, 'identity'),
    access: s.access,
    audit_log: drop(s.audit_log, 'audit_log'),
    time: s.time,
    gaps: s.gaps.filter((g) => !except.includes(g.fact)),
    resources: s.resources,
  };
};
const PROBED = ['identity.anonymous_access', 'audit_log.read_restricted'];
const json = (...p: string[]) => JSON.parse(readFileSync(fixture(...p), 'utf8')) as Record<string, unknown>;

describe.each(CASES)('%s fixture %s', (store, name) => {
  it('files mode: valid against the model, matches normalized.json, every fact with a value says where it was read', async () => {
    const { tools, progress } = await collectConfig(fixture(store, name, 'auditready.yaml'));
    expect(progress.filter((p) => p.level !== 'info')).toEqual([]);
    const [tool] = tools;
    expect(tool!.error).toBeUndefined();
    expect(() => assertValidSnapshot(store, tool!.snapshot)).not.toThrow();
    const stable = { ...tool!.snapshot, source: { ...tool!.snapshot.source, collected_at: 'COLLECTED_AT' } };
    const file = fixture(store, name, 'normalized.json');
    if (UPDATE || !existsSync(file)) writeFileSync(file, `${JSON.stringify(stable, null, 2)}\n`);
    expect(stable).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    const s = tool!.snapshot;
    for (const fact of ['audit_log.retention_days', 'audit_log.immutable', 'identity.anonymous_access'] as const) {
      const [g, k] = fact.split('.') as ['audit_log' | 'identity', string];
      if ((s[g] as Record<string, unknown>)[k] !== null) expect(s.provenance?.[fact]?.length, fact).toBeGreaterThan(0);
    }
    expect((s.source.details as { retention: { total: unknown } }).retention.total).toBeDefined();
  });
});

describe('live mode gives the same model as the files of the same installation', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const same = async (
    store: string,
    name: string,
    target: Record<string, unknown>,
    env: Record<string, string> = {},
    files: Record<string, string> = {},
    except: readonly string[] = [],
  ) => {
    const fromFiles = await collectConfig(fixture(store, name, 'auditready.yaml'));
    const config = writeTree({
      ...files,
      'auditready.yaml': `targets:\n  - ${JSON.stringify({ type: store, name: fromFiles.tools[0]!.snapshot.name, ...target })}\n`,
    });
    const live = await collectConfig(config, { env });
    expect(live.tools[0]!.error).toBeUndefined();
    expect(() => assertValidSnapshot(store, live.tools[0]!.snapshot)).not.toThrow();
    expect(live.tools[0]!.snapshot.source.method).toBe('api');
    expect(model(live.tools[0]!.snapshot, except)).toEqual(model(fromFiles.tools[0]!.snapshot, except));
    return live.tools[0]!;
  };

  it('loki: GET /config with the overrides file next to the endpoint', async () => {
    server = await startLoki({ config: readFileSync(fixture('loki', 'secure', 'loki.yaml'), 'utf8') });
    const tool = await same(
      'loki',
      'secure',
      { endpoint: server.url, files: ['overrides.yaml'] },
      {},
      { 'overrides.yaml': readFileSync(fixture('loki', 'secure', 'overrides.yaml'), 'utf8') },
    );
    expect(tool.snapshot.provenance!['audit_log.retention_days']![0]).toEqual({
      endpoint: `GET ${server.url}/config`,
      pointer: '/limits_config/retention_period',
    });
  });

  it('elasticsearch: ILM, data stream lifecycle and SLM with an API key', async () => {
    const ilm = json('elasticsearch', 'secure', 'ilm-policy.json');
    server = await startEs({
      authorization: 'ApiKey fixture-es-api-key-5b1f',
      ilm,
      dataStreams: (json('elasticsearch', 'secure', 'data-stream-lifecycle.json') as { data_streams: { name: string }[] }).data_streams,
      slm: json('elasticsearch', 'secure', 'slm-policies.json'),
    });
    const tool = await same(
      'elasticsearch',
      'secure',
      { endpoint: server.url, token_env: 'ES_KEY', options: { ilm_policies: ['audit-logs'], data_streams: ['logs-audit-ci'], indices: ['logs-audit-*'] } },
      { ES_KEY: 'fixture-es-api-key-5b1f' },
      {},
      PROBED,
    );
    // the probe without credentials is the only difference from the files: known live (HTTP 401)
    expect(tool.snapshot.identity.anonymous_access).toBe(false);
    expect(JSON.stringify(tool)).not.toContain('fixture-es-api-key-5b1f');
  });

  it('opensearch: ISM and Snapshot Management with basic auth', async () => {
    server = await startEs({
      authorization: `Basic ${Buffer.from('auditor:fixture-os-password-77', 'utf8').toString('base64')}`,
      ism: [json('opensearch', 'secure', 'ism-policy.json')],
      sm: json('opensearch', 'secure', 'sm-policies.json'),
      smExplain: json('opensearch', 'secure', 'sm-explain.json'),
    });
    await same(
      'opensearch',
      'secure',
      { endpoint: server.url, token_env: 'OS_CRED', options: { ism_policies: ['audit_logs'], indices: ['audit-2026.11.20'] } },
      { OS_CRED: 'auditor:fixture-os-password-77' },
      {},
      PROBED,
    );
  });

  it('splunk: data/indexes with a bearer token', async () => {
    const content = (frozen: number) => ({
      frozenTimePeriodInSecs: frozen,
      maxTotalDataSizeMB: 4000000,
      coldToFrozenDir: '',
      repFactor: 'auto',
      'homePath.maxDataSizeMB': 0,
      'coldPath.maxDataSizeMB': 0,
    });
    server = await startSplunk({
      authorization: 'Bearer fixture-splunk-token-0c4f1e',
      indexes: { pipeline_audit: { ...content(34560000), coldToFrozenDir: '/archive/splunk/pipeline_audit' }, pipeline_audit_k8s: content(63072000) },
    });
    const config = writeTree({
      'auditready.yaml': `targets:\n  - ${JSON.stringify({ type: 'splunk', name: 'siem', endpoint: server.url, token_env: 'SPLUNK_TOKEN', options: { indexes: ['pipeline_audit', 'pipeline_audit_k8s'] } })}\n`,
    });
    const live = await collectConfig(config, { env: { SPLUNK_TOKEN: 'fixture-splunk-token-0c4f1e' } });
    const files = await collectConfig(fixture('splunk', 'secure', 'auditready.yaml'));
    const [l, f] = [live.tools[0]!.snapshot, files.tools[0]!.snapshot];
    expect(l.audit_log).toEqual({ ...f.audit_log });
    expect(l.identity.anonymous_access).toBe(false); // the probe without a token is refused (401)
  });

  it('cloudwatch: the SDK against the endpoint, credentials from the environment', async () => {
    server = await startCloudWatch({
      logGroups: (json('cloudwatch', 'secure', 'log-groups.json') as { logGroups: Record<string, unknown>[] }).logGroups,
      resourcePolicies: (json('cloudwatch', 'secure', 'resource-policies.json') as { resourcePolicies: Record<string, unknown>[] }).resourcePolicies,
      accessKeyId: 'AKIAFIXTURECWLOGS001',
    });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAFIXTURECWLOGS001', AWS_SECRET_ACCESS_KEY: 'fixture-cw-secret-5d1e0c' });
    try {
      const tool = await same('cloudwatch', 'secure', { endpoint: server.url, options: { region: 'eu-west-1', prefix: '/acme/audit/' } });
      expect(JSON.stringify(tool)).not.toContain('fixture-cw-secret-5d1e0c');
    } finally {
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
});
