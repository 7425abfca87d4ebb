/**
 * A loopback server shaped like Argo CD's documented REST API (assets/swagger.json of
 * argoproj/argo-cd; grpc-gateway with Go's encoding/json, so empty fields are left out). It is
 * NOT Argo CD: it serves what an Argo CD installation configured by the given ConfigMaps answers,
 * following Argo CD's own code for the parts auditready reads:
 *
 *  - GET /api/v1/settings (no authentication, server/settings/settings.go): url, dexConfig
 *    (connectors' id, name, type) when dex.config parses, oidcConfig when oidc.config parses,
 *    userLoginsDisabled, execEnabled;
 *  - GET /api/v1/account (server/account/account.go ListAccounts; util/settings/accounts.go): every
 *    account with name, enabled and capabilities (admin: login, enabled unless admin.enabled
 *    parses false), sorted, filtered by the caller's `accounts, get` permission (never a 403);
 *  - authentication (server/server.go Authenticate): a wrong token is 401; no token is 401 "no
 *    session information" unless users.anonymous.enabled is "true" or server.disable.auth is true;
 *    errors as grpc-gateway's runtimeError {error, code, message}.
 *
 * Faults stand in for what sits in front of a real server (a proxy's 403 or HTML login page, a
 * 5xx, a hang) and for a missing API (404).
 */
import http from 'node:http';
import { parse } from 'yaml';
import { listenLoopback } from './loopback.js';

export interface ArgocdFault {
  readonly path: string;
  /** 429 answers with Retry-After: 1, as a rate-limiting proxy would. */
  readonly kind: 401 | 403 | 404 | 429 | 500 | 502 | 503 | 'timeout' | 'html';
  /** How many requests to this path fail (default: all). */
  times?: number;
}

export interface FakeArgocdOptions {
  /** ConfigMap objects (argocd-cm required; argocd-cmd-params-cm optional). */
  readonly configMaps: readonly unknown[];
  readonly token: string;
  /** Whether the token's role may `get` accounts (Argo CD then filters the list; default true). */
  readonly tokenCanGetAccounts?: boolean;
  readonly faults?: ArgocdFault[];
}

export interface FakeArgocd {
  readonly url: string;
  readonly requests: { path: string; authorized: boolean; status: number }[];
  close(): Promise<void>;
}

type Data = Record<string, string>;

function dataOf(configMaps: readonly unknown[], name: string): Data {
  const cm = configMaps.find((c) => (c as { metadata?: { name?: string } }).metadata?.name === name) as { data?: Data } | undefined;
  return cm?.data ?? {};
}

function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function yamlObject(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const v = parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

interface Account {
  name: string;
  enabled: boolean;
  capabilities: string[];
}

function accountsOf(cm: Data): Account[] {
  const accounts = new Map<string, Account>([['admin', { name: 'admin', enabled: parseBool(cm['admin.enabled']) ?? true, capabilities: ['login'] }]]);
  for (const [k, v] of Object.entries(cm)) {
    const parts = k.split('.');
    if (parts[0] !== 'accounts' || parts.length < 2 || parts.length > 3) continue;
    const a = accounts.get(parts[1]!) ?? { name: parts[1]!, enabled: true, capabilities: [] };
    if (parts.length === 2) {
      a.capabilities = v
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c === 'login' || c === 'apiKey');
    } else if (parts[2] === 'enabled') a.enabled = parseBool(v) ?? a.enabled;
    accounts.set(a.name, a);
  }
  return [...accounts.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Go's encoding/json with omitempty: false, empty strings and empty lists are left out. */
function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== false && v !== '' && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

export async function startFakeArgocd(options: FakeArgocdOptions): Promise<FakeArgocd> {
  const cm = dataOf(options.configMaps, 'argocd-cm');
  const params = dataOf(options.configMaps, 'argocd-cmd-params-cm');
  const anonymous = cm['users.anonymous.enabled'] === 'true' || parseBool(params['server.disable.auth']) === true;
  const accounts = accountsOf(cm);
  const requests: FakeArgocd['requests'] = [];
  const faults = options.faults ?? [];

  const settings = (): Record<string, unknown> => {
    const dex = yamlObject(cm['dex.config']);
    const oidc = yamlObject(cm['oidc.config']);
    return omitEmpty({
      url: cm.url ?? '',
      appLabelKey: 'app.kubernetes.io/instance',
      statusBadgeEnabled: cm['statusbadge.enabled'] === 'true',
      kustomizeOptions: {},
      help: { chatText: cm['help.chatText'] ?? 'Chat now!' },
      userLoginsDisabled: !accounts.some((a) => a.enabled && a.capabilities.includes('login')),
      trackingMethod: 'annotation',
      execEnabled: cm['exec.enabled'] === 'true',
      ...(dex
        ? {
            dexConfig: omitEmpty({
              connectors: (Array.isArray(dex.connectors) ? (dex.connectors as Record<string, unknown>[]) : []).map((c) =>
                omitEmpty({ id: String(c.id ?? ''), name: String(c.name ?? ''), type: String(c.type ?? '') }),
              ),
            }),
          }
        : {}),
      ...(oidc
        ? {
            oidcConfig: omitEmpty({
              name: String(oidc.name ?? ''),
              issuer: String(oidc.issuer ?? ''),
              clientID: String(oidc.clientID ?? ''),
              scopes: Array.isArray(oidc.requestedScopes) ? oidc.requestedScopes : [],
            }),
          }
        : {}),
    });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const auth = req.headers.authorization ?? '';
    const log = { path: url.pathname, authorized: auth === `Bearer ${options.token}`, status: 0 };
    requests.push(log);
    const send = (status: number, body: unknown, type = 'application/json') => {
      log.status = status;
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const grpcError = (status: number, code: number, message: string) => send(status, { error: message, code, message });

    const fault = faults.find((f) => f.path === url.pathname && (f.times === undefined || f.times > 0));
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      if (fault.kind === 'timeout') return; // never answers; the client times out
      if (fault.kind === 'html')
        return send(200, '<!DOCTYPE html><html><body><form action="/oauth2/start">Sign in</form></body></html>', 'text/html; charset=utf-8');
      if (fault.kind === 401) return grpcError(401, 16, 'invalid session: token signature is invalid');
      if (fault.kind === 403) return send(403, '<html><body>403 Forbidden</body></html>', 'text/html');
      if (fault.kind === 404) return send(404, '404 page not found\n', 'text/plain; charset=utf-8');
      if (fault.kind === 429) {
        log.status = 429;
        res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '1' });
        return res.end('Too Many Requests');
      }
      return grpcError(fault.kind, 14, 'upstream unavailable');
    }
    if (req.method !== 'GET') return grpcError(405, 12, 'Method Not Allowed');
    if (url.pathname === '/api/v1/settings') return send(200, settings());
    if (url.pathname === '/api/v1/account') {
      if (auth !== '' && !log.authorized) return grpcError(401, 16, 'invalid session: token signature is invalid');
      if (auth === '' && !anonymous) return grpcError(401, 16, 'no session information');
      const visible = auth === '' ? true : options.tokenCanGetAccounts !== false;
      const items = visible ? accounts.map((a) => omitEmpty({ name: a.name, enabled: a.enabled, capabilities: a.capabilities })) : [];
      return send(200, omitEmpty({ items }));
    }
    return send(404, '404 page not found\n', 'text/plain; charset=utf-8');
  });
  const { url, close } = await listenLoopback(server);
  return { url, requests, close };
}
