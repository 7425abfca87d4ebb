/**
 * A loopback server shaped like the documented Vault/OpenBao HTTP API (api-docs: sys/audit,
 * sys/auth, sys/policies/acl, identity, auth methods, auth/token/accessors and lookup-accessor,
 * identity/mfa/login-enforcement) — not the real server: OpenBao cannot be installed here (the Go
 * module proxy refuses github.com/openbao/openbao@v2.4.1, see the README). It serves a fixture's
 * export folder, so one fixture is read both ways. Like the real API it answers a bad token with
 * 403 "permission denied", a LIST with no keys with 404, `?list=true` for LIST, and (OpenBao)
 * pages lists with `after` and `limit`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { isAclPolicyExport, isSysAuditExport, isSysAuthExport } from '../../src/collectors/vault/documents.js';
import { listenLoopback } from './loopback.js';

export interface VaultFault {
  /** API path prefix (without /v1/), e.g. 'sys/audit' or 'auth/token/accessors'. */
  readonly path: string;
  readonly kind: 403 | 500 | 'hang';
  /** How many times (default: always). */
  times?: number;
}

interface Entry {
  readonly status: number;
  readonly body: unknown;
}

export interface FakeVault {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The export folder as responses: reads, lists and lookups by path. */
function load(dir: string) {
  const reads = new Map<string, Entry>();
  const lists = new Map<string, Entry>();
  const lookups = new Map<string, Entry>();
  const policies: string[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const v = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>;
    if (isSysAuditExport(v)) reads.set('sys/audit', { status: 200, body: v });
    else if (isSysAuthExport(v)) reads.set('sys/auth', { status: 200, body: v });
    else if (isAclPolicyExport(v)) {
      const name = String((v.data as { name: string }).name);
      policies.push(name);
      reads.set(`sys/policies/acl/${name}`, { status: 200, body: v });
    } else if (typeof v.path === 'string') {
      const { path: p, list, accessor, status, ...body } = v;
      const entry = { status: typeof status === 'number' ? status : 200, body };
      if (accessor) lookups.set(String(accessor), entry);
      else (list ? lists : reads).set(String(p), entry);
    }
  }
  if (!lists.has('sys/policies/acl')) lists.set('sys/policies/acl', { status: 200, body: { data: { keys: [...policies, 'root'].sort() } } });
  return { reads, lists, lookups };
}

export async function startFakeVault(options: { exportDir: string; token: string; paginate?: boolean; faults?: VaultFault[] }): Promise<FakeVault> {
  const { reads, lists, lookups } = load(options.exportDir);
  const requests: string[] = [];
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const apiPath = url.pathname.replace(/^\/v1\//, '').replace(/\/$/, '');
    const isList = url.searchParams.get('list') === 'true';
    requests.push(`${req.method} ${apiPath}${isList ? ' (list)' : ''}${url.searchParams.has('after') ? ` after=${url.searchParams.get('after')}` : ''}`);
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const fault = options.faults?.find((f) => apiPath.startsWith(f.path) && (f.times === undefined || f.times > 0));
      if (fault) {
        if (fault.times !== undefined) fault.times--;
        if (fault.kind === 'hang') return; // never answers
        if (fault.kind === 500) return json(res, 500, { errors: ['internal error'] });
        return json(res, 403, { errors: ['1 error occurred:\n\t* permission denied\n\n'] });
      }
      if (req.headers['x-vault-token'] !== options.token) return json(res, 403, { errors: ['permission denied'] });
      if (apiPath === 'auth/token/lookup-self') {
        return json(res, 200, { data: { id: options.token, display_name: 'token-auditready', policies: ['auditready', 'default'] } });
      }
      if (req.method === 'POST' && apiPath === 'auth/token/lookup-accessor') {
        const accessor = (JSON.parse(body || '{}') as { accessor?: string }).accessor ?? '';
        const e = lookups.get(accessor);
        return e ? json(res, e.status, e.body) : json(res, 400, { errors: ['invalid accessor'] });
      }
      if (req.method !== 'GET') return json(res, 405, { errors: ['unsupported operation'] });
      const e = (isList ? lists : reads).get(apiPath);
      if (!e) return json(res, 404, { errors: [] });
      const data = isMapping(e.body) ? e.body.data : undefined;
      const keys = isMapping(data) && Array.isArray(data.keys) ? (data.keys as string[]) : undefined;
      if (isList && keys && options.paginate && url.searchParams.has('limit')) {
        const after = url.searchParams.get('after');
        const page = [...keys]
          .sort()
          .filter((k) => after === null || k > after)
          .slice(0, Number(url.searchParams.get('limit')));
        return page.length ? json(res, 200, { ...(e.body as object), data: { keys: page } }) : json(res, 404, { errors: [] });
      }
      return json(res, e.status, e.body);
    });
  });
  const { url, close } = await listenLoopback(server);
  return { url, requests, close };
}
