/**
 * Live mode: read RBAC and the kube-apiserver static Pods through the Kubernetes API, page by
 * page (limit + continue), and turn the items into the same documents files mode reads.
 *
 * Requests (least privilege: get,list on clusterroles, clusterrolebindings, roles and
 * rolebindings of rbac.authorization.k8s.io; list on pods in kube-system, or get on the Pods
 * named in options.apiserver_pods):
 *   GET /version                                   (server version; managed-provider hints)
 *   GET /version without credentials              (does the server accept anonymous requests?)
 *   GET /apis/rbac.authorization.k8s.io/v1/{clusterroles,clusterrolebindings,roles,rolebindings}
 *   GET /api/v1/namespaces/kube-system/pods?labelSelector=component=kube-apiserver
 */
import type { GapReason } from '../../../model/types.js';
import type { AnswerLog } from '../../kit/answers.js';
import type { DocumentRef, Evidence } from '../inputs.js';
import type { ManagedProvider } from '../normalize.js';
import type { LiveTarget } from './credentials.js';
import { get, type HttpStats, type HttpTuning, KubeHttpError, type Response } from './http.js';

export interface LiveOptions {
  readonly tuning: HttpTuning;
  /** Items per page (the API's limit parameter). */
  readonly pageSize: number;
  /** Pages read at most per list before giving up (bounds memory and time). */
  readonly maxPages: number;
  /** Static Pod names to GET when listing pods in kube-system is not allowed. */
  readonly apiserverPods?: readonly string[];
  /** The run's signal: aborting it cancels requests in flight and waits. */
  readonly signal?: AbortSignal;
  /** Where each credentialed request's outcome goes (the kit's: nothing answered is an unreadable tool). */
  readonly answers?: AnswerLog;
  /** Announces waits (rate limits) on stderr. */
  readonly notice?: (message: string) => void;
}

/** A part of the cluster that could not be read, as a gap for the facts it decides. */
interface Missing {
  readonly reason: GapReason;
  readonly detail: string;
  readonly permission?: string;
}

export interface LiveRead {
  readonly version?: { readonly gitVersion: string; readonly at: Evidence };
  readonly provider?: ManagedProvider;
  readonly anonymousProbe?: { readonly status: number; readonly at: Evidence };
  /** Documents for the inputs: the apiserver Pods and every RBAC object. */
  readonly documents: DocumentRef[];
  readonly rbacMissing?: Missing;
  readonly podsMissing?: Missing;
  /** Raw responses (as received) by endpoint, for the evidence capture. */
  readonly raw: Record<string, unknown>;
  readonly stats: HttpStats;
}

/** The credentials were refused: nothing can be read. */
export class LiveAuthError extends Error {
  override readonly name = 'LiveAuthError';
}

const RBAC = 'rbac.authorization.k8s.io/v1';
const RBAC_LISTS = [
  { resource: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  { resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  { resource: 'roles', kind: 'Role', namespaced: true },
  { resource: 'rolebindings', kind: 'RoleBinding', namespaced: true },
] as const;
const PODS_PATH = '/api/v1/namespaces/kube-system/pods';

class Forbidden extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
  ) {
    super(`HTTP ${status}`);
  }
}

function parseJson(res: Response, path: string): Record<string, unknown> {
  if (!/json/i.test(res.contentType))
    throw new KubeHttpError(`GET ${path}: expected application/json, got ${res.contentType || 'no content type'} (HTTP ${res.status})`, res.status);
  try {
    const v = JSON.parse(res.body) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch (e) {
    throw new KubeHttpError(`GET ${path}: the response is not a JSON object`, res.status, { cause: e });
  }
}

/** The message of a Kubernetes Status body, when there is one (it never carries credentials). */
function statusMessage(res: Response): string {
  try {
    const s = JSON.parse(res.body) as { message?: unknown };
    return typeof s.message === 'string' ? `: ${s.message.slice(0, 300)}` : '';
  } catch {
    return '';
  }
}

export async function readLive(target: LiveTarget, opts: LiveOptions): Promise<LiveRead> {
  const stats: HttpStats = { requests: 0, retries: 0 };
  const raw: Record<string, unknown> = {};
  const documents: DocumentRef[] = [];
  const url = (path: string, query: Record<string, string> = {}) => {
    const u = new URL(`${target.server}${path}`);
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u;
  };
  const location = (path: string) => `${target.server}${path}`;
  const request = async (path: string, query: Record<string, string> = {}) => {
    const res = await get(url(path, query), target.creds, opts.tuning, stats, opts.signal, opts.notice);
    if (res.status >= 200 && res.status < 300) opts.answers?.answer();
    else opts.answers?.fail({ endpoint: `GET ${location(path)}`, status: res.status, problem: `HTTP ${res.status}` });
    if (res.status === 401) throw new LiveAuthError(`GET ${path}: the API server refused the credentials (HTTP 401${statusMessage(res)})`);
    return res;
  };

  // --- version and the anonymous probe ---------------------------------------------------------
  let version: LiveRead['version'];
  const v = await request('/version');
  if (v.status === 200) {
    const body = parseJson(v, '/version');
    raw['/version'] = body;
    if (typeof body.gitVersion === 'string') version = { gitVersion: body.gitVersion, at: { endpoint: `GET ${location('/version')}`, pointer: '/gitVersion' } };
  }
  let anonymousProbe: LiveRead['anonymousProbe'];
  try {
    const anon = await get(url('/version'), target.anonymous, opts.tuning, stats, opts.signal);
    anonymousProbe = { status: anon.status, at: { endpoint: `GET ${location('/version')} without credentials: HTTP ${anon.status}` } };
    raw['/version (without credentials)'] = { status: anon.status };
  } catch {
    // the probe is corroboration only; a network failure here is reported by the other requests
  }

  // --- one list, every page ----------------------------------------------------------------------
  const list = async (path: string, query: Record<string, string>): Promise<Record<string, unknown>[]> => {
    for (let restart = 0; ; restart++) {
      const items: Record<string, unknown>[] = [];
      let token = '';
      let expired = false;
      for (let page = 0; ; page++) {
        if (page >= opts.maxPages) throw new KubeHttpError(`GET ${path}: more than ${opts.maxPages} pages of ${opts.pageSize}`);
        const res = await request(path, { ...query, limit: String(opts.pageSize), ...(token ? { continue: token } : {}) });
        if (res.status === 403 || res.status === 404) throw new Forbidden(res.status, path);
        // 410 Gone: the continue token expired (etcd compacted); the list starts over once
        if (res.status === 410 && token) {
          expired = true;
          break;
        }
        if (res.status !== 200) throw new KubeHttpError(`GET ${path}: HTTP ${res.status}${statusMessage(res)}`, res.status);
        const body = parseJson(res, path);
        const pageItems = Array.isArray(body.items) ? (body.items as unknown[]) : null;
        if (!pageItems) throw new KubeHttpError(`GET ${path}: the response has no items list`, res.status);
        items.push(...(pageItems.filter((i) => i !== null && typeof i === 'object') as Record<string, unknown>[]));
        const meta = (body.metadata ?? {}) as { continue?: unknown };
        token = typeof meta.continue === 'string' ? meta.continue : '';
        if (!token) break;
      }
      if (!expired) return items;
      if (restart >= 1) throw new KubeHttpError(`GET ${path}: the list changed faster than it could be read (continue token expired twice)`, 410);
    }
  };
  const listDocument = (path: string, items: Record<string, unknown>[], apiVersion: string, kind: string): DocumentRef => {
    const typed: Record<string, unknown>[] = items.map((i) => ({ apiVersion, kind, ...i }));
    // the objects as read, without managedFields (server bookkeeping, often most of the bytes)
    raw[path] = typed.map((o) => {
      const { managedFields: _m, ...metadata } = (o.metadata ?? {}) as Record<string, unknown>;
      return { ...o, metadata };
    });
    const loc = location(path);
    return { value: { apiVersion: 'v1', kind: 'List', items: typed }, location: loc, at: (pointer) => ({ endpoint: `GET ${loc}`, pointer }) };
  };

  // --- RBAC --------------------------------------------------------------------------------------
  let rbacMissing: Missing | undefined;
  const rbacDocs: DocumentRef[] = [];
  const forbidden: string[] = [];
  let notServed = false;
  for (const l of RBAC_LISTS) {
    const path = `/apis/${RBAC}/${l.resource}`;
    try {
      rbacDocs.push(listDocument(path, await list(path, {}), RBAC, l.kind));
    } catch (e) {
      if (!(e instanceof Forbidden)) throw e;
      if (e.status === 404) notServed = true;
      else forbidden.push(`list ${l.resource}.rbac.authorization.k8s.io${l.namespaced ? ' in all namespaces' : ''}`);
    }
  }
  if (notServed) {
    rbacMissing = {
      reason: 'not_supported',
      detail: `the API server does not serve ${RBAC} (HTTP 404): RBAC is not among its authorizers, so who may do what is decided elsewhere (--authorization-mode)`,
    };
  } else if (forbidden.length > 0) {
    rbacMissing = {
      reason: 'permission_missing',
      detail: `the credentials may not read every RBAC object (${forbidden.join('; ')}); a partial view could hide administrators and wildcard grants`,
      permission: forbidden.join(', '),
    };
  } else {
    documents.push(...rbacDocs);
  }

  // --- the kube-apiserver static Pods -----------------------------------------------------------------
  let podsMissing: Missing | undefined;
  if (opts.apiserverPods && opts.apiserverPods.length > 0) {
    const pods: Record<string, unknown>[] = [];
    for (const name of opts.apiserverPods) {
      const path = `${PODS_PATH}/${encodeURIComponent(name)}`;
      const res = await request(path);
      if (res.status === 403) {
        podsMissing = { reason: 'permission_missing', detail: `the credentials may not get Pod ${name} in kube-system`, permission: 'get pods in kube-system' };
        break;
      }
      if (res.status === 404) {
        podsMissing = { reason: 'error', detail: `there is no Pod ${name} in kube-system (options.apiserver_pods)` };
        break;
      }
      if (res.status !== 200) throw new KubeHttpError(`GET ${path}: HTTP ${res.status}${statusMessage(res)}`, res.status);
      pods.push(parseJson(res, path));
    }
    if (!podsMissing) documents.push(...pods.map((p, i) => podDocument(p, location(`${PODS_PATH}/${encodeURIComponent(opts.apiserverPods![i]!)}`), raw)));
  } else {
    try {
      const items = await list(PODS_PATH, { labelSelector: 'component=kube-apiserver' });
      const pods = items.filter((p) => isApiserver(p));
      raw[PODS_PATH] = { items: pods.length };
      documents.push(...pods.map((p, i) => podDocument(p, `${location(PODS_PATH)}?labelSelector=component%3Dkube-apiserver#${i}`, raw)));
      if (pods.length === 0) podsMissing = { reason: 'not_collected', detail: 'no kube-apiserver Pod in kube-system' };
    } catch (e) {
      if (!(e instanceof Forbidden)) throw e;
      podsMissing = {
        reason: 'permission_missing',
        detail:
          'the credentials may not list Pods in kube-system, where kube-apiserver runs as a static Pod; grant list on pods there, or get and name the Pods in options.apiserver_pods',
        permission: 'list pods in kube-system',
      };
    }
  }
  const provider = managedProvider(target.server, version?.gitVersion);
  return {
    ...(version ? { version } : {}),
    ...(provider ? { provider } : {}),
    ...(anonymousProbe ? { anonymousProbe } : {}),
    documents,
    ...(rbacMissing ? { rbacMissing } : {}),
    ...(podsMissing ? { podsMissing } : {}),
    raw,
    stats,
  };
}

function isApiserver(p: Record<string, unknown>): boolean {
  const spec = p.spec as { containers?: { name?: unknown; command?: unknown }[] } | undefined;
  return (spec?.containers ?? []).some(
    (c) => c.name === 'kube-apiserver' || (Array.isArray(c.command) && c.command.some((a) => typeof a === 'string' && /(^|\/)kube-apiserver$/.test(a))),
  );
}

/** A Pod as files mode would read it, with only what the normalizer needs kept in the raw capture. */
function podDocument(p: Record<string, unknown>, loc: string, raw: Record<string, unknown>): DocumentRef {
  const value = { apiVersion: 'v1', kind: 'Pod', ...p };
  const meta = (p.metadata ?? {}) as { name?: unknown; annotations?: unknown };
  const spec = (p.spec ?? {}) as { containers?: { name?: unknown; image?: unknown; command?: unknown; args?: unknown }[] };
  raw[loc] = {
    metadata: { name: meta.name, annotations: meta.annotations },
    spec: { containers: (spec.containers ?? []).map((c) => ({ name: c.name, image: c.image, command: c.command, args: c.args })) },
  };
  return { value, location: loc, at: (pointer) => ({ endpoint: `GET ${loc}`, pointer }) };
}

/** EKS and GKE name themselves in the version; AKS API servers live under azmk8s.io. */
function managedProvider(server: string, gitVersion: string | undefined): ManagedProvider | undefined {
  if (gitVersion && /-eks-/.test(gitVersion)) return 'eks';
  if (gitVersion && /-gke\./.test(gitVersion)) return 'gke';
  let host = '';
  try {
    host = new URL(server).hostname;
  } catch {
    // checked earlier
  }
  if (/\.azmk8s\.io$/.test(host)) return 'aks';
  if (/\.eks\.amazonaws\.com(\.cn)?$/.test(host)) return 'eks';
  return undefined;
}
