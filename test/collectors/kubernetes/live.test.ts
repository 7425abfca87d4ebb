import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { addDocument, emptyInputs, type KubeInputs } from '../../../src/collectors/kubernetes/inputs.js';
import { CredentialsError, kubeconfigTarget, type LiveTarget, tokenTarget } from '../../../src/collectors/kubernetes/live/credentials.js';
import { LiveAuthError, type LiveOptions, readLive } from '../../../src/collectors/kubernetes/live/fetch.js';
import { KubeHttpError } from '../../../src/collectors/kubernetes/live/http.js';
import { normalizeKubernetes } from '../../../src/collectors/kubernetes/normalize.js';
import { type Fault, objectsOf, secureCluster, useKubeApi } from '../../helpers/kube-api-server.js';
import { resetLimits } from '../../../src/util/limits.js';
import { kubeInputs } from '../../helpers/kube-inputs.js';
import { tag } from '../../helpers/survive.js';

const FIX = path.resolve('fixtures/kubernetes/secure');
const TOKEN = 'kube-test-token-5d0f2a9c7b1e';
const read = (f: string) => readFileSync(path.join(FIX, f), 'utf8');
const parse = (f: string) => parseAllDocuments(read(f)).map((d) => d.toJS());
const CLUSTER = secureCluster();
const FAST: LiveOptions = { tuning: { timeoutMs: 400, retries: 2, backoffMs: 5, maxWaitMs: 2000, maxBytes: 8 * 1024 * 1024 }, pageSize: 500, maxPages: 100 };

const kube = useKubeApi();

async function serve(over: { faults?: Fault[]; objects?: Record<string, unknown>[]; gitVersion?: string; anonymous?: boolean; maxPage?: number } = {}) {
  const api = await kube.start({ objects: over.objects ?? CLUSTER, tokens: [TOKEN], ...over });
  return { api, target: tokenTarget(api.url, TOKEN, 'KUBE_TOKEN', kube.pki().caFile) };
}

/** Live documents plus the files live mode still needs (the audit policy and webhook on the node). */
function liveInputs(docs: Awaited<ReturnType<typeof readLive>>['documents'], files: string[] = ['policy.yaml', 'webhook.kubeconfig']): KubeInputs {
  const inputs = emptyInputs();
  for (const d of docs) addDocument(inputs, d);
  return files.length > 0 ? kubeInputs(Object.fromEntries(files.map((f) => [`secure/${f}`, read(f)])), inputs) : inputs;
}

describe('kubernetes live mode against a loopback server shaped like the Kubernetes API', () => {
  it('gives the same model as files mode for the same cluster', async () => {
    const { target } = await serve();
    const live = await readLive(target, FAST);
    expect(live.version?.gitVersion).toBe('v1.31.4');
    const fromApi = normalizeKubernetes(liveInputs(live.documents), { auditStore: 'loki/central' });
    const files = kubeInputs(
      Object.fromEntries(['kube-apiserver.yaml', 'rbac.json', 'policy.yaml', 'webhook.kubeconfig'].map((f) => [`secure/${f}`, read(f)])),
    );
    const fromFiles = normalizeKubernetes(files, { auditStore: 'loki/central' });
    expect(fromApi.facts).toEqual(fromFiles.facts);
    expect(fromApi.gaps).toEqual(fromFiles.gaps);
    // evidence points at the endpoint and the JSON pointer instead of a file line
    expect(fromApi.evidence['identity.anonymous_access']).toEqual([
      {
        endpoint: `GET ${kube.current()!.url}/api/v1/namespaces/kube-system/pods?labelSelector=component%3Dkube-apiserver#0`,
        pointer: '/spec/containers/0/command/3',
      },
    ]);
    expect(fromApi.evidence['access.admin_names']![0]!.endpoint).toBe(`GET ${kube.current()!.url}/apis/rbac.authorization.k8s.io/v1/clusterrolebindings`);
  });

  it('reads every page of a list (limit and continue) and starts over once when the continue token expired', async () => {
    const many = Array.from({ length: 23 }, (_, i) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `role-${i}` },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }],
    }));
    const faults: Fault[] = [{ path: '/apis/rbac.authorization.k8s.io/v1/clusterroles', status: 410, times: 1, onContinue: true }];
    const { target, api: server } = await serve({ objects: [...CLUSTER, ...many], faults });
    const live = await readLive(target, { ...FAST, pageSize: 5 });
    const inputs = liveInputs(live.documents);
    expect(inputs.roles.filter((r) => r.name.startsWith('role-'))).toHaveLength(23);
    const pages = server.log.filter((l) => l.path.startsWith('/apis/rbac.authorization.k8s.io/v1/clusterroles'));
    // 35 roles in pages of 5: 7 pages, after the first page and the expired second page of the first try
    expect(pages).toHaveLength(9);
    expect(pages.filter((p) => p.path.includes('continue='))).toHaveLength(7);
  });

  it('refused credentials (401) stop the tool with a clear error', async () => {
    const { api: server } = await serve();
    const target = tokenTarget(server.url, 'wrong-token', 'KUBE_TOKEN', kube.pki().caFile);
    await expect(readLive(target, FAST)).rejects.toThrow(LiveAuthError);
    await expect(readLive(target, FAST)).rejects.toThrow('GET /version: the API server refused the credentials (HTTP 401: Unauthorized)');
  });

  it('a forbidden RBAC list (403) is a permission gap naming what to grant, never a partial picture', async () => {
    const { target } = await serve({ faults: [{ path: '/apis/rbac.authorization.k8s.io/v1/rolebindings', status: 403 }] });
    const live = await readLive(target, FAST);
    expect(live.rbacMissing).toMatchObject({ reason: 'permission_missing', permission: 'list rolebindings.rbac.authorization.k8s.io in all namespaces' });
    const n = normalizeKubernetes(liveInputs(live.documents), { rbacGap: live.rbacMissing! });
    for (const f of ['access.principals', 'access.admin_count', 'access.wildcard_grants', 'access.default_permission']) {
      expect(
        n.gaps.find((g) => g.fact === f),
        f,
      ).toMatchObject({ reason: 'permission_missing', permission: 'list rolebindings.rbac.authorization.k8s.io in all namespaces' });
    }
    // the kube-apiserver Pod was still read
    expect(n.facts.identity.anonymous_access).toBe(false);
  });

  it('an API server that does not serve RBAC (404) is a gap saying RBAC is not its authorizer', async () => {
    const { target } = await serve({ faults: [{ path: '/apis/rbac.authorization.k8s.io/v1/roles', status: 404 }] });
    const live = await readLive(target, FAST);
    expect(live.rbacMissing).toMatchObject({ reason: 'not_supported' });
    expect(live.rbacMissing!.detail).toContain('RBAC is not among its authorizers');
  });

  it('pods in kube-system not listable (403): a permission gap; with get and the Pod named, they are read', async () => {
    const faults: Fault[] = [{ path: '/api/v1/namespaces/kube-system/pods', status: 403 }];
    const { target } = await serve({ faults });
    const live = await readLive(target, FAST);
    expect(live.podsMissing).toMatchObject({ reason: 'permission_missing', permission: 'list pods in kube-system' });
    const named = await readLive(target, { ...FAST, apiserverPods: ['kube-apiserver-cp-1'] });
    expect(named.podsMissing).toBeUndefined();
    expect(liveInputs(named.documents).apiservers.map((a) => a.id)).toEqual(['kube-apiserver-cp-1']);
    const missing = await readLive(target, { ...FAST, apiserverPods: ['kube-apiserver-cp-9'] });
    expect(missing.podsMissing).toMatchObject({ reason: 'error', detail: 'there is no Pod kube-apiserver-cp-9 in kube-system (options.apiserver_pods)' });
  });

  it('retries 5xx and 429 (after Retry-After), and gives up with the status after the retries', async () => {
    const faults: Fault[] = [
      { path: '/version', status: 503, times: 2 },
      { path: '/apis/rbac.authorization.k8s.io/v1/roles', status: 429, times: 1, headers: { 'retry-after': '0' } },
    ];
    const { target } = await serve({ faults });
    const live = await readLive(target, FAST);
    expect(live.stats.retries).toBe(3);
    await kube.current()!.close();
    const broken = await serve({ faults: [{ path: '/apis/rbac.authorization.k8s.io/v1/clusterroles', status: 500 }] });
    const err = await readLive(broken.target, FAST).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeHttpError);
    expect(err).toMatchObject({ message: 'GET /apis/rbac.authorization.k8s.io/v1/clusterroles: HTTP 500 after 2 retries', status: 500 });
  });

  it('times out a request that does not answer, retries it, then fails naming the request', async () => {
    const { target } = await serve({ faults: [{ path: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', delayMs: 2_000 }] });
    const started = Date.now();
    await expect(readLive(target, FAST)).rejects.toThrow('GET /apis/rbac.authorization.k8s.io/v1/clusterrolebindings: timed out after 400 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an HTML page instead of JSON (a proxy login page) is an error naming what came back', async () => {
    const { target } = await serve({
      faults: [{ path: '/apis/rbac.authorization.k8s.io/v1/roles', status: 200, body: '<html>Sign in</html>', contentType: 'text/html' }],
    });
    await expect(readLive(target, FAST)).rejects.toThrow('GET /apis/rbac.authorization.k8s.io/v1/roles: expected application/json, got text/html (HTTP 200)');
  });

  it('a managed control plane (no kube-apiserver Pod, an EKS version): gaps say where the provider keeps the settings', async () => {
    const { target } = await serve({ objects: objectsOf(parse('rbac.json')), gitVersion: 'v1.30.4-eks-a737599', anonymous: true });
    const live = await readLive(target, FAST);
    expect(live).toMatchObject({ provider: 'eks', podsMissing: { reason: 'not_collected' }, anonymousProbe: { status: 200 } });
    const n = normalizeKubernetes(liveInputs(live.documents, []), {
      noApiserver: { ...live.podsMissing!, provider: live.provider! },
      anonymousProbe: live.anonymousProbe!,
    });
    expect(n.gaps.find((g) => g.fact === 'audit_log.enabled')!.detail).toContain('"audit" control-plane log type');
    expect(n.gaps.find((g) => g.fact === 'identity.sso_provider')!.detail).toContain('access entries');
    expect(n.gaps.find((g) => g.fact === 'time.synchronized')!.reason).toBe('not_applicable');
    // the unauthenticated GET /version was answered: anonymous requests are accepted
    expect(n.facts.identity.anonymous_access).toBe(true);
    expect(n.facts.access.admin_count).toBe(3);
  });

  it('the anonymous probe sees a 401 when anonymous requests are refused', async () => {
    const { target } = await serve({ anonymous: false });
    const live = await readLive(target, FAST);
    expect(live.anonymousProbe?.status).toBe(401);
  });
});

describe('kubernetes live credentials', () => {
  it('a kubeconfig with a client certificate (read by @kubernetes/client-node) authenticates over TLS', async () => {
    const { api: server } = await serve();
    const kubeconfig = path.join(kube.pki().dir, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: test, cluster: {server: "${server.url}", certificate-authority: "${kube.pki().caFile}"}}]`,
        `users: [{name: reader, user: {client-certificate-data: ${Buffer.from(kube.pki().clientCert).toString('base64')}, client-key-data: ${Buffer.from(kube.pki().clientKey).toString('base64')}}}]`,
        'contexts: [{name: audit, context: {cluster: test, user: reader}}, {name: other, context: {cluster: test, user: nobody}}]',
        'current-context: other',
      ].join('\n'),
    );
    const target: LiveTarget = await kubeconfigTarget(kubeconfig, 'audit', undefined);
    expect(target.via).toBe('kubeconfig context audit (user reader)');
    const live = await readLive(target, FAST);
    expect(live.documents.length).toBe(5);
    expect(server.log.filter((l) => l.user === kube.pki().clientUser).length).toBeGreaterThan(0);
    await expect(kubeconfigTarget(kubeconfig, 'prod', undefined)).rejects.toThrow(
      new CredentialsError('context', 'the kubeconfig has no context "prod" (it has: audit, other)'),
    );
  });

  it('an untrusted server certificate is refused (no CA file given)', async () => {
    const { api: server } = await serve();
    await expect(readLive(tokenTarget(server.url, TOKEN, 'KUBE_TOKEN', undefined), { ...FAST, tuning: { ...FAST.tuning, retries: 0 } })).rejects.toThrow(
      /GET \/version: network error/,
    );
  });

  it('checks the endpoint and the token variable before any request', () => {
    expect(() => tokenTarget('https://user:pw@k8s.example:6443', TOKEN, 'KUBE_TOKEN', undefined)).toThrow('must not carry credentials');
    expect(() => tokenTarget('https://k8s.example:6443', undefined, 'KUBE_TOKEN', undefined)).toThrow('environment variable KUBE_TOKEN is not set or empty');
    expect(() => tokenTarget('https://k8s.example:6443', TOKEN, 'KUBE_TOKEN', '/nonexistent/ca.crt')).toThrow('cannot read the CA file (file not found)');
  });

  it(tag('files', 'a CA file, a kubeconfig or a file it names that is a FIFO or a device is refused at once, never read (no hang)'), async () => {
    const fifo = path.join(mkdtempSync(path.join(os.tmpdir(), 'ar-kube-')), 'ca.crt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => tokenTarget('https://k8s.example:6443', TOKEN, 'KUBE_TOKEN', fifo)).toThrow('cannot read the CA file (is a FIFO, not a regular file');
    await expect(kubeconfigTarget('/dev/zero', undefined, undefined)).rejects.toThrow('cannot read the kubeconfig (is a character device, not a regular file');
    // A file the kubeconfig names is read by auditready too, never by client-node (which would block on it).
    const kubeconfig = path.join(path.dirname(fifo), 'kubeconfig');
    writeFileSync(
      kubeconfig,
      [
        'clusters: [{name: test, cluster: {server: "https://k8s.example:6443"}}]',
        'users: [{name: reader, user: {client-certificate-data: eA==, client-key: ca.crt}}]',
        'contexts: [{name: audit, context: {cluster: test, user: reader}}]',
        'current-context: audit',
      ].join('\n'),
    );
    await expect(kubeconfigTarget(kubeconfig, undefined, undefined)).rejects.toThrow(
      /^cannot read the client key of user "reader" in the kubeconfig, .*ca\.crt \(is a FIFO, not a regular file/,
    );
  });

  it(
    tag('files', "the files a kubeconfig names are read like every input file: relative to the kubeconfig's folder, size-capped, only the context in use"),
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-kube-'));
      writeFileSync(path.join(dir, 'token'), `${TOKEN}\n`);
      writeFileSync(path.join(dir, 'big-token'), 'x'.repeat(300 * 1024));
      const kubeconfig = path.join(dir, 'kubeconfig');
      writeFileSync(
        kubeconfig,
        [
          'clusters: [{name: test, cluster: {server: "https://k8s.example:6443"}}]',
          // "gone" names a token file that does not exist: no context in use names it, so it is never read.
          'users: [{name: reader, user: {token-file: token}}, {name: big, user: {token-file: big-token}}, {name: gone, user: {token-file: missing}}]',
          'contexts: [{name: audit, context: {cluster: test, user: reader}}, {name: big, context: {cluster: test, user: big}}]',
          'current-context: audit',
        ].join('\n'),
      );
      // The working directory is the repository: "token" is found next to the kubeconfig (kubectl's rule).
      const target = await kubeconfigTarget(kubeconfig, undefined, undefined);
      expect(target.creds.headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
      resetLimits({ AUDITREADY_MAX_FILE_MB: '0.25' });
      try {
        await expect(kubeconfigTarget(kubeconfig, 'big', undefined)).rejects.toThrow(
          /^cannot read the token file of user "big" in the kubeconfig, .*big-token \(is 300 KB, over the 256 KB limit \(raise it with limits\.max_file_mb/,
        );
      } finally {
        resetLimits();
      }
    },
  );
});

describe('kubernetes live cancellation', () => {
  it('stops a request in flight when the run is cancelled', async () => {
    const { target } = await serve({ faults: [{ path: '/version', delayMs: 5_000 }] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(readLive(target, { ...FAST, tuning: { ...FAST.tuning, timeoutMs: 10_000 }, signal: controller.signal })).rejects.toThrow(
      'GET /version: cancelled: the run ended',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
