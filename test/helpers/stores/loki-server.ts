/**
 * A loopback server shaped like Grafana Loki's documented /config endpoint (Loki itself is AGPL
 * and is never run): `GET /config` answers the whole configuration as YAML (text/plain, as
 * writeYAMLResponse does), `GET /config?mode=diff` only the non-default part, and
 * `GET /config/tenant/v1/limits` a tenant's limits for the X-Scope-OrgID header (404 when
 * `oldLoki`, as before that endpoint existed). Optional bearer token, as a proxy in front would ask.
 */
import { type Loopback, type Reply, startLoopback } from './loopback.js';

export interface LokiFake {
  config: string;
  diff?: string;
  tenantLimits?: Record<string, string>;
  oldLoki?: boolean;
  token?: string;
  status?: number;
}

const yaml = (body: string): Reply => ({ status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });

export async function startLoki(fake: LokiFake): Promise<Loopback & { fake: LokiFake }> {
  const server = await startLoopback((req) => {
    if (fake.token && req.headers.authorization !== `Bearer ${fake.token}`) return { status: 401, body: 'Unauthorized' };
    if (fake.status) return { status: fake.status, body: 'upstream error' };
    const [path, query = ''] = req.path.split('?') as [string, string?];
    if (path === '/config') {
      const mode = new URLSearchParams(query).get('mode');
      return yaml(mode === 'diff' ? (fake.diff ?? fake.config) : fake.config);
    }
    if (path === '/config/tenant/v1/limits') {
      if (fake.oldLoki) return { status: 404, body: '404 page not found\n' };
      const tenant = String(req.headers['x-scope-orgid'] ?? '');
      if (!tenant) return { status: 401, body: 'no org id\n' };
      return yaml(fake.tenantLimits?.[tenant] ?? 'retention_period: 0s\n');
    }
    return { status: 404, body: '404 page not found\n' };
  });
  return { ...server, fake };
}
