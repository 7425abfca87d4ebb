/**
 * The Kubernetes collector through the kit (config load, files mode, live mode, redaction):
 * the fixtures (fixtures/kubernetes/<case>/, written after the Kubernetes documentation's kubeadm
 * manifests, audit policy guidance and RBAC defaults) against their normalized.json (regenerate
 * with UPDATE_KUBERNETES_FIXTURES=1, then review the diff), and live mode against the loopback
 * server shaped like the Kubernetes API (test/helpers/kube-api-server.ts) serving the same cluster.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { InputError } from '../../../src/errors.js';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { assertValidSnapshot } from '../../../src/model/validate.js';
import { collectConfig, writeTree } from '../../helpers/collect.js';
import { type Fault, secureCluster, useKubeApi } from '../../helpers/kube-api-server.js';
import { fixture } from '../../helpers/run.js';

const UPDATE = process.env.UPDATE_KUBERNETES_FIXTURES === '1';
const TOKEN = 'kube-collector-token-7e1d40a2c9';
const secure = (f: string) => readFileSync(fixture('kubernetes', 'secure', f), 'utf8');
const CLUSTER = secureCluster();

/** Facts and gaps only: what files and live mode must agree on. */
const model = (s: ToolSnapshot) => ({ identity: s.identity, access: s.access, audit_log: s.audit_log, time: s.time, gaps: s.gaps });

const kube = useKubeApi();

describe.each(['secure', 'insecure'])('kubernetes fixture %s', (name) => {
  it('files mode: the snapshot is valid against the model and matches normalized.json', async () => {
    const { tools, progress } = await collectConfig(fixture('kubernetes', name, 'auditready.yaml'));
    expect(progress.filter((p) => p.level !== 'info')).toEqual([]);
    const tool = tools.find((t) => t.snapshot.type === 'kubernetes')!;
    expect(tool.error).toBeUndefined();
    expect(() => assertValidSnapshot('kubernetes', tool.snapshot)).not.toThrow();
    const stable = { ...tool.snapshot, source: { ...tool.snapshot.source, collected_at: 'COLLECTED_AT' } };
    const file = fixture('kubernetes', name, 'normalized.json');
    if (UPDATE || !existsSync(file)) writeFileSync(file, `${JSON.stringify(stable, null, 2)}\n`);
    expect(stable).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    expect(tool.snapshot.source).toMatchObject({ collector: 'kubernetes', method: 'file' });
  });
});

/** A live target for the loopback API, with the node-only files next to it. */
async function live(over: { faults?: Fault[]; target?: Record<string, unknown>; files?: Record<string, string>; env?: Record<string, string> } = {}) {
  const api = await kube.start({ objects: CLUSTER, tokens: [TOKEN], ...(over.faults ? { faults: over.faults } : {}) });
  const target = {
    type: 'kubernetes',
    name: 'prod',
    endpoint: api.url,
    token_env: 'K8S_TOKEN',
    files: ['policy.yaml', 'webhook.kubeconfig'],
    options: { ca_file: 'ca.crt', audit_store: 'loki/central', retries: 1 },
    ...over.target,
  };
  const config = writeTree({
    'policy.yaml': secure('policy.yaml'),
    'webhook.kubeconfig': secure('webhook.kubeconfig'),
    'ca.crt': kube.pki().ca,
    ...over.files,
    'auditready.yaml': `targets:\n  - ${JSON.stringify(target)}\n`,
  });
  return collectConfig(config, { env: over.env ?? { K8S_TOKEN: TOKEN } });
}

describe('kubernetes live mode through the kit', () => {
  it('the same cluster read from the API gives the same facts as files mode', async () => {
    const files = (await collectConfig(fixture('kubernetes', 'secure', 'auditready.yaml'))).tools.find((t) => t.snapshot.type === 'kubernetes')!;
    const { tools } = await live();
    const [tool] = tools;
    expect(tool!.error).toBeUndefined();
    expect(() => assertValidSnapshot('kubernetes', tool!.snapshot)).not.toThrow();
    expect(model(tool!.snapshot)).toEqual(model(files.snapshot));
    expect(tool!.snapshot.source).toMatchObject({ collector: 'kubernetes', method: 'api', location: kube.current()!.url });
    expect(tool!.snapshot.source.details).toMatchObject({ authenticated_with: 'bearer token from $K8S_TOKEN', server_version: 'v1.31.4' });
    // where each fact was read: the API response and pointer, or the file next to the endpoint
    expect(tool!.snapshot.provenance!['identity.anonymous_access']![0]).toMatchObject({ pointer: '/spec/containers/0/command/3' });
    expect(tool!.snapshot.provenance!['identity.anonymous_access']![0]!.endpoint).toContain('/api/v1/namespaces/kube-system/pods');
    expect(tool!.snapshot.provenance!['audit_log.event_levels']![0]!.file).toMatch(/policy\.yaml$/);
    // the raw captures are the API responses and the files, the token in none of them
    const raw = tool!.raw.map((r) => Buffer.from(r.bytes).toString('utf8')).join('\n');
    expect(tool!.raw.map((r) => r.name)).toEqual(expect.arrayContaining(['version.json', 'apis_rbac.authorization.k8s.io_v1_clusterroles.json']));
    expect(raw).not.toContain(TOKEN);
  });

  it('refused credentials make the tool unknown with the endpoint and status; the run goes on', async () => {
    const { tools } = await live({ env: { K8S_TOKEN: 'expired-token-0000' } });
    expect(tools[0]!.error).toMatchObject({ tool: 'kubernetes/prod', status: 401 });
    expect(tools[0]!.error!.message).toContain('the API server refused the credentials (HTTP 401');
    expect(tools[0]!.snapshot.identity.anonymous_access).toBeNull();
  });

  it('an API that keeps failing (5xx) makes the tool unknown naming the request', async () => {
    const { tools } = await live({ faults: [{ path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', status: 503 }] });
    expect(tools[0]!.error).toMatchObject({
      tool: 'kubernetes/prod',
      status: 503,
      endpoint: `GET ${kube.current()!.url}/apis/rbac.authorization.k8s.io/v1/clusterrolebindings`,
    });
    expect(tools[0]!.error!.message).toBe(`GET ${kube.current()!.url}/apis/rbac.authorization.k8s.io/v1/clusterrolebindings: HTTP 503 after 2 retries`);
  });

  it('a forbidden list is a permission gap, not an error', async () => {
    const { tools } = await live({ faults: [{ path: '/api/v1/namespaces/kube-system/pods', status: 403 }] });
    const s = tools[0]!.snapshot;
    expect(tools[0]!.error).toBeUndefined();
    expect(s.gaps.find((g) => g.fact === 'audit_log.enabled')).toMatchObject({ reason: 'permission_missing', permission: 'list pods in kube-system' });
    expect(s.access.admin_count).toBe(3);
  });

  it('an API server forbidding every request is unreadable (the kit: nothing answered), not a run of permission gaps beside the files', async () => {
    const paths = ['/version', 'clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'].map((p) =>
      p.startsWith('/') ? p : `/apis/rbac.authorization.k8s.io/v1/${p}`,
    );
    const { tools } = await live({ faults: [...paths, '/api/v1/namespaces/kube-system/pods'].map((path) => ({ path, status: 403 })) });
    expect(tools[0]!.error).toMatchObject({ tool: 'kubernetes/prod', status: 403, endpoint: `GET ${kube.current()!.url}/version` });
    expect(tools[0]!.error!.message).toMatch(/HTTP 403; no request to the API got an answer \(all 6 failed: HTTP 403 ×6\)/);
    expect(tools[0]!.snapshot.audit_log.enabled).toBeNull();
    expect(tools[0]!.snapshot.time.timestamp_timezone).toBeNull();
  });

  it('an RBAC export next to the endpoint is refused: live mode reads RBAC from the API', async () => {
    const { tools } = await live({ files: { 'rbac.json': secure('rbac.json') }, target: { files: ['policy.yaml', 'rbac.json'] } });
    expect(tools[0]!.error!.message).toContain('is read from the API in live mode');
  });

  it('a kubeconfig with a client certificate (options.kubeconfig, relative to the config) reads the API', async () => {
    const api = await kube.start({ objects: CLUSTER, tokens: [TOKEN] });
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{name: c, cluster: {server: "${api.url}", certificate-authority-data: ${Buffer.from(kube.pki().ca).toString('base64')}}}]`,
      `users: [{name: auditor, user: {client-certificate-data: ${Buffer.from(kube.pki().clientCert).toString('base64')}, client-key-data: ${Buffer.from(kube.pki().clientKey).toString('base64')}}}]`,
      'contexts: [{name: audit, context: {cluster: c, user: auditor}}]',
      'current-context: audit',
    ].join('\n');
    const config = writeTree({
      kubeconfig,
      'policy.yaml': secure('policy.yaml'),
      'auditready.yaml': `targets:\n  - ${JSON.stringify({ type: 'kubernetes', name: 'prod', endpoint: api.url, files: ['policy.yaml'], options: { kubeconfig: 'kubeconfig' } })}\n`,
    });
    const { tools } = await collectConfig(config);
    expect(tools[0]!.error).toBeUndefined();
    expect(tools[0]!.snapshot.source.details).toMatchObject({ authenticated_with: 'kubeconfig context audit (user auditor)' });
    expect(api.log.every((l) => l.user === kube.pki().clientUser || l.path === '/version')).toBe(true);
    expect(tools[0]!.snapshot.audit_log.enabled).toBe(true);
  });
});

describe('kubernetes config errors stop the run before anything is collected', () => {
  const load =
    (target: Record<string, unknown>, files: Record<string, string> = {}) =>
    () =>
      loadConfig(
        writeTree({
          ...files,
          'auditready.yaml': `targets:\n  - ${JSON.stringify({ type: 'kubernetes', name: 'p', endpoint: 'https://k8s.example:6443', ...target })}\n`,
        }),
      );
  it.each([
    [{ token_env: 'T', options: { kubeconfig: 'kubeconfig' } }, { kubeconfig: 'x' }, 'give either token_env (a bearer token) or options.kubeconfig, not both'],
    [{}, {}, 'live mode needs credentials: token_env (a bearer token, with options.ca_file) or options.kubeconfig'],
    [{ token_env: 'T', options: { ca_file: 'missing.crt' } }, {}, 'options.ca_file missing.crt: file not found'],
    [{ token_env: 'T', options: { ca_file: '/dev/null' } }, {}, 'options.ca_file /dev/null is a character device, not a regular file'],
    [{ options: { kubeconfig: '.' } }, {}, 'options.kubeconfig . is a directory, not a regular file'],
    [{ token_env: 'T', options: { context: 'prod' } }, {}, 'options.context needs options.kubeconfig'],
    [{ token_env: 'T', options: { audit_store: 'loki' } }, {}, 'invalid options: audit_store: must match pattern'],
    [{ token_env: 'T', options: { page_size: 1 } }, {}, 'invalid options: page_size: must be >= 10'],
  ])('%j', (target, files, message) => {
    expect(load(target, files)).toThrow(InputError);
    expect(load(target, files)).toThrow(message);
  });
});
