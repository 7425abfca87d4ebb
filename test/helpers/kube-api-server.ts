/**
 * A loopback server shaped like the documented Kubernetes API (kube-apiserver's REST API: the
 * /version endpoint, the rbac.authorization.k8s.io/v1 lists and the core/v1 Pods of kube-system),
 * not the real server. It pages lists with limit and continue as the API does (continue tokens,
 * metadata.remainingItemCount, 410 Gone for an expired token), answers errors with metav1.Status
 * bodies, authenticates bearer tokens and TLS client certificates, and can be told to fail: any
 * status for a path, a number of times, a delay longer than the client's timeout, or an expired
 * continue token.
 */
import { type IncomingMessage, type ServerResponse, createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { makeTestPki, type TestPki } from './pki.js';
import { fixture } from './run.js';

type Obj = Record<string, unknown>;

export interface Fault {
  /** Path (without query) the fault applies to. */
  readonly path: string;
  readonly status?: number;
  /** Answer after this many milliseconds (longer than the client's timeout: a timeout). */
  readonly delayMs?: number;
  /** How many requests it affects (default: all). */
  times?: number;
  /** Body instead of a Status (e.g. an HTML page). */
  readonly body?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Only requests that carry a continue token. */
  readonly onContinue?: boolean;
}

export interface KubeApiOptions {
  /** The cluster's objects: RBAC and Pods (kind and apiVersion set, as in a kubectl List). */
  readonly objects: readonly Obj[];
  readonly gitVersion?: string;
  /** Accepted bearer tokens. */
  readonly tokens?: readonly string[];
  /** Serve TLS with this PKI, and accept its client certificates. */
  readonly pki?: TestPki;
  /** Unauthenticated requests are system:anonymous (and may read /version) instead of 401. */
  readonly anonymous?: boolean;
  /** Largest page the server returns whatever limit asks (the API may return fewer). */
  readonly maxPage?: number;
  readonly faults?: Fault[];
}

export interface KubeApi {
  readonly url: string;
  /** Every request: method, path with query, authenticated user or 'anonymous'. */
  readonly log: { path: string; user: string }[];
  close(): Promise<void>;
}

const LISTS: Record<string, { kind: string; apiVersion: string; listKind: string }> = {
  '/apis/rbac.authorization.k8s.io/v1/clusterroles': { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', listKind: 'ClusterRoleList' },
  '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings': {
    kind: 'ClusterRoleBinding',
    apiVersion: 'rbac.authorization.k8s.io/v1',
    listKind: 'ClusterRoleBindingList',
  },
  '/apis/rbac.authorization.k8s.io/v1/roles': { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', listKind: 'RoleList' },
  '/apis/rbac.authorization.k8s.io/v1/rolebindings': { kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', listKind: 'RoleBindingList' },
  '/api/v1/namespaces/kube-system/pods': { kind: 'Pod', apiVersion: 'v1', listKind: 'PodList' },
};

function status(code: number, reason: string, message: string): Obj {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

const REASONS: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  410: 'Expired',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

/** Items as a list returns them: without kind and apiVersion (the List carries them). */
function asItem(o: Obj): Obj {
  const { kind: _k, apiVersion: _a, ...rest } = o;
  return rest;
}

function matchesSelector(o: Obj, selector: string | null): boolean {
  if (!selector) return true;
  const labels = ((o.metadata as Obj | undefined)?.labels ?? {}) as Record<string, string>;
  return selector.split(',').every((term) => {
    const [k, v] = term.split('=');
    return labels[k!] === v;
  });
}

export async function startKubeApi(opts: KubeApiOptions): Promise<KubeApi> {
  const log: KubeApi['log'] = [];
  const faults = opts.faults ?? [];
  const maxPage = opts.maxPage ?? 500;
  const resourceVersion = '48151623';
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const send = (code: number, body: Obj | string, contentType = 'application/json', headers: Record<string, string> = {}) => {
      res.writeHead(code, { 'content-type': contentType, ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    // --- authentication: bearer token, then client certificate, else anonymous or 401
    const auth = req.headers.authorization;
    let user: string | undefined;
    if (auth?.startsWith('Bearer ')) {
      if ((opts.tokens ?? []).includes(auth.slice(7))) user = 'token-user';
      else return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    } else {
      const sock = req.socket as TLSSocket;
      if (typeof sock.getPeerCertificate === 'function' && sock.authorized) {
        const cert = sock.getPeerCertificate();
        user = typeof cert.subject?.CN === 'string' ? cert.subject.CN : undefined;
      }
    }
    log.push({ path: `${u.pathname}${u.search}`, user: user ?? 'anonymous' });
    if (!user) {
      if (!opts.anonymous) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
      // system:anonymous may read what system:public-info-viewer grants, nothing else
      if (u.pathname !== '/version')
        return send(403, status(403, 'Forbidden', `${u.pathname} is forbidden: User "system:anonymous" cannot get path "${u.pathname}"`));
    }
    // --- injected faults
    const fault = faults.find((f) => f.path === u.pathname && (f.times ?? 1) > 0 && (!f.onContinue || u.searchParams.has('continue')));
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      const answer = () => {
        if (fault.status === undefined) return false;
        if (fault.body !== undefined) send(fault.status, fault.body, fault.contentType ?? 'text/html', fault.headers ?? {});
        else send(fault.status, status(fault.status, REASONS[fault.status] ?? 'Unknown', `injected ${fault.status}`), 'application/json', fault.headers ?? {});
        return true;
      };
      if (fault.delayMs !== undefined) {
        setTimeout(() => {
          if (!answer() && !res.writableEnded) route();
        }, fault.delayMs);
        return;
      }
      if (answer()) return;
    }
    route();

    function route() {
      if (u.pathname === '/version') {
        const gv = opts.gitVersion ?? 'v1.31.4';
        const [major, minor] = gv.replace(/^v/, '').split('.');
        return send(200, {
          major,
          minor,
          gitVersion: gv,
          gitCommit: 'f00',
          gitTreeState: 'clean',
          buildDate: '2026-10-01T00:00:00Z',
          goVersion: 'go1.23.4',
          compiler: 'gc',
          platform: 'linux/amd64',
        });
      }
      const list = LISTS[u.pathname];
      if (list) {
        let items = opts.objects.filter((o) => o.kind === list.kind && matchesSelector(o, u.searchParams.get('labelSelector')));
        if (list.kind === 'Pod') items = items.filter((o) => (o.metadata as Obj).namespace === 'kube-system');
        const limit = Math.min(Number(u.searchParams.get('limit') ?? items.length) || items.length, maxPage);
        const token = u.searchParams.get('continue');
        let start = 0;
        if (token) {
          const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { rv: string; start: number };
          if (decoded.rv !== resourceVersion)
            return send(410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'));
          start = decoded.start;
        }
        const page = items.slice(start, start + limit);
        const next = start + limit < items.length ? Buffer.from(JSON.stringify({ rv: resourceVersion, start: start + limit })).toString('base64') : undefined;
        return send(200, {
          kind: list.listKind,
          apiVersion: list.apiVersion,
          metadata: { resourceVersion, ...(next ? { continue: next, remainingItemCount: items.length - start - limit } : {}) },
          items: page.map(asItem),
        });
      }
      const pod = /^\/api\/v1\/namespaces\/kube-system\/pods\/([^/]+)$/.exec(u.pathname);
      if (pod) {
        const found = opts.objects.find((o) => o.kind === 'Pod' && (o.metadata as Obj).name === decodeURIComponent(pod[1]!));
        return found ? send(200, found) : send(404, status(404, 'NotFound', `pods "${pod[1]}" not found`));
      }
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
  };
  const server: Server = opts.pki
    ? createHttpsServer({ cert: opts.pki.serverCert, key: opts.pki.serverKey, ca: opts.pki.ca, requestCert: true, rejectUnauthorized: false }, handler)
    : createHttpServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.pki ? 'https' : 'http'}://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

/** The objects of YAML/JSON fixture files (Lists expanded), for the server. */
export function objectsOf(values: readonly unknown[]): Obj[] {
  return values.flatMap((v) => {
    const o = v as Obj;
    return Array.isArray(o.items) && typeof o.kind === 'string' && o.kind.endsWith('List') ? (o.items as Obj[]) : [o];
  });
}

/** The secure fixture's cluster as the API serves it: its RBAC List and its kube-apiserver Pod. */
export function secureCluster(): Obj[] {
  const read = (f: string) => readFileSync(fixture('kubernetes', 'secure', f), 'utf8');
  return objectsOf(['rbac.json', 'kube-apiserver.yaml'].flatMap((f) => parseAllDocuments(read(f)).map((d) => d.toJS() as unknown)));
}

/**
 * Register the hooks of a test file that talks to the loopback API: one test PKI for the file,
 * the server started by `start` closed after each test.
 */
export function useKubeApi(): { pki(): TestPki; start(opts: Omit<KubeApiOptions, 'pki'>): Promise<KubeApi>; current(): KubeApi | undefined } {
  let pki: TestPki | undefined;
  let api: KubeApi | undefined;
  beforeAll(() => {
    pki = makeTestPki();
  });
  afterAll(() => pki?.cleanup());
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });
  return {
    pki: () => pki!,
    start: async (opts) => {
      api = await startKubeApi({ ...opts, pki: pki! });
      return api;
    },
    current: () => api,
  };
}
