/**
 * A loopback server shaped like the documented Elasticsearch / OpenSearch REST API (not a real
 * cluster): GET / (cluster info), _ilm/policy/<name>, _data_stream/<name>/_lifecycle, _slm/policy,
 * _plugins/_ism/policies/<id>, _plugins/_sm/policies and .../_explain, answered from the given
 * documents; 401 without the expected Authorization header unless anonymous access is on; 403 for
 * the paths in `forbid`; 404 for unknown names (with the documented error body); 500 or a hang for
 * the paths in `fail` / `hang`.
 */
import { json, type Loopback, startLoopback } from './loopback.js';

export interface EsFake {
  authorization: string;
  /** Requests without credentials are served (security off or anonymous access). */
  anonymous?: boolean;
  ilm?: Record<string, unknown>;
  dataStreams?: { name: string; lifecycle?: unknown }[];
  slm?: Record<string, unknown>;
  ism?: Record<string, unknown>[];
  sm?: unknown;
  smExplain?: unknown;
  forbid?: string[];
  fail?: string[];
  hang?: string[];
}

const notFound = (type: string, reason: string) => json(404, { error: { root_cause: [{ type, reason }], type, reason }, status: 404 });

export async function startEs(fake: EsFake): Promise<Loopback & { fake: EsFake }> {
  const server = await startLoopback((req) => {
    const path = decodeURIComponent(req.path.split('?')[0]!);
    if (fake.hang?.some((p) => path.startsWith(p))) return { status: 200, hang: true };
    const auth = req.headers.authorization;
    if (auth !== fake.authorization && !(auth === undefined && fake.anonymous)) {
      return json(
        401,
        { error: { type: 'security_exception', reason: 'missing authentication credentials for REST request [/]' }, status: 401 },
        { 'www-authenticate': 'Basic realm="security"' },
      );
    }
    if (fake.forbid?.some((p) => path.startsWith(p)))
      return json(403, { error: { type: 'security_exception', reason: `action [${path}] is unauthorized` }, status: 403 });
    if (fake.fail?.some((p) => path.startsWith(p))) return json(500, { error: { type: 'internal_error' }, status: 500 });
    const ilm = /^\/_ilm\/policy\/([^/]+)$/.exec(path);
    const ds = /^\/_data_stream\/([^/]+)\/_lifecycle$/.exec(path);
    const ism = /^\/_plugins\/_ism\/policies\/([^/]+)$/.exec(path);
    if (path === '/') return json(200, { name: 'node-1', cluster_name: 'audit', version: { number: '8.19.0' }, tagline: 'You Know, for Search' });
    if (ilm) {
      const p = fake.ilm?.[ilm[1]!];
      return p ? json(200, { [ilm[1]!]: p }) : notFound('resource_not_found_exception', `Lifecycle policy not found: ${ilm[1]}`);
    }
    if (ds) {
      const d = fake.dataStreams?.find((x) => x.name === ds[1]);
      return d ? json(200, { global_retention: {}, data_streams: [d] }) : notFound('index_not_found_exception', `no such index [${ds[1]}]`);
    }
    if (path === '/_slm/policy')
      return fake.slm ? json(200, fake.slm) : json(400, { error: { type: 'illegal_argument_exception', reason: 'no handler found' }, status: 400 });
    if (ism) {
      const p = fake.ism?.find((x) => x._id === ism[1]);
      return p ? json(200, p) : notFound('status_exception', 'Policy not found');
    }
    if (/^\/_plugins\/_sm\/policies\/[^/]+\/_explain$/.test(path)) return json(200, fake.smExplain ?? { policies: [] });
    if (path === '/_plugins/_sm/policies')
      return fake.sm ? json(200, fake.sm) : notFound('index_not_found_exception', 'Snapshot management config index not found');
    return notFound('no_handler', path);
  });
  return { ...server, fake };
}
