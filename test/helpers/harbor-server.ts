/**
 * A loopback server shaped like Harbor's documented v2.0 API (api/v2.0/swagger.yaml) — not the
 * real Harbor. It serves a fixture's exports: GET /api/v2.0/configurations,
 * /system/purgeaudit/schedule, /users and /projects (page, page_size, X-Total-Count, Link), with
 * basic auth; errors as Harbor sends them ({"errors": [{"code", "message"}]}).
 */
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { listenLoopback } from './loopback.js';

export interface HarborFault {
  readonly path: string;
  readonly kind: 403 | 404 | 500 | 'hang';
}

export interface FakeHarbor {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startFakeHarbor(options: { dir: string; username: string; password: string; faults?: HarborFault[] }): Promise<FakeHarbor> {
  const load = (f: string) => (existsSync(path.join(options.dir, f)) ? (JSON.parse(readFileSync(path.join(options.dir, f), 'utf8')) as unknown) : undefined);
  const routes: Record<string, unknown> = {
    '/api/v2.0/configurations': load('configurations.json'),
    '/api/v2.0/system/purgeaudit/schedule': load('purgeaudit-schedule.json'),
  };
  const lists: Record<string, Record<string, unknown>[]> = {
    '/api/v2.0/users': (load('users.json') as Record<string, unknown>[]) ?? [],
    '/api/v2.0/projects': (load('projects.json') as Record<string, unknown>[]) ?? [],
  };
  const requests: string[] = [];
  const auth = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const error = (res: http.ServerResponse, status: number, code: string, message: string): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code, message }] }));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const fault = options.faults?.find((f) => url.pathname === f.path);
    if (fault?.kind === 'hang') return;
    if (req.headers.authorization !== auth) return error(res, 401, 'UNAUTHORIZED', 'unauthorized');
    if (fault?.kind === 403) return error(res, 403, 'FORBIDDEN', 'forbidden');
    if (fault?.kind === 404) return error(res, 404, 'NOT_FOUND', 'not found');
    if (fault?.kind === 500) return error(res, 500, 'UNKNOWN', 'internal server error');
    const list = lists[url.pathname];
    if (list) {
      const page = Number(url.searchParams.get('page') ?? 1);
      const size = Number(url.searchParams.get('page_size') ?? 10);
      const all = url.searchParams.get('public') === 'true' ? list.filter((p) => (p.metadata as { public?: string } | undefined)?.public === 'true') : list;
      const items = all.slice((page - 1) * size, page * size);
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-total-count': String(all.length) };
      if (page * size < all.length) headers.link = `<${url.pathname}?page=${page + 1}&page_size=${size}>; rel="next"`;
      res.writeHead(200, headers).end(JSON.stringify(items));
      return;
    }
    const body = routes[url.pathname];
    if (body === undefined) return error(res, 404, 'NOT_FOUND', `${url.pathname} not found`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  const { url, close } = await listenLoopback(server);
  return { url, requests, close };
}
