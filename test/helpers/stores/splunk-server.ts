/**
 * A loopback server shaped like Splunk's documented management REST API (not Splunk):
 * `GET /services/data/indexes/<name>?output_mode=json` answers `{entry: [{name, content}]}` from
 * the given settings; 401 without the expected Authorization header (with Splunk's XML-style
 * message in JSON), 403 for names in `forbid`, 404 for unknown indexes.
 */
import { json, type Loopback, startLoopback } from './loopback.js';

export interface SplunkFake {
  authorization: string;
  indexes: Record<string, Record<string, unknown>>;
  forbid?: string[];
}

const messages = (type: string, text: string) => ({ messages: [{ type, text }] });

export async function startSplunk(fake: SplunkFake): Promise<Loopback & { fake: SplunkFake }> {
  const server = await startLoopback((req) => {
    const [path, query] = req.path.split('?') as [string, string | undefined];
    if (req.headers.authorization !== fake.authorization) return json(401, messages('WARN', 'call not properly authenticated'));
    if (!/(^|&)output_mode=json(&|$)/.test(query ?? '')) return { status: 200, headers: { 'content-type': 'text/xml' }, body: '<feed/>' };
    const m = /^\/services\/data\/indexes\/([^/]+)$/.exec(path);
    if (!m) return json(404, messages('ERROR', `Not Found: ${path}`));
    const name = decodeURIComponent(m[1]!);
    if (fake.forbid?.includes(name))
      return json(403, messages('ERROR', 'You (user=auditor) do not have permission to perform this operation (requires capability: indexes_list_all).'));
    const content = fake.indexes[name];
    if (!content) return json(404, messages('ERROR', `Could not find object id=${name}`));
    return json(200, {
      links: {},
      origin: `https://127.0.0.1:8089/services/data/indexes`,
      updated: '2026-11-20T12:00:00+00:00',
      generator: { build: 'f0e0a2fa0e8b', version: '9.4.2' },
      entry: [
        {
          name,
          id: `https://127.0.0.1:8089/servicesNS/nobody/search/data/indexes/${name}`,
          author: 'nobody',
          acl: { app: 'search', owner: 'nobody', sharing: 'global' },
          content,
        },
      ],
      paging: { total: 1, perPage: 30, offset: 0 },
      messages: [],
    });
  });
  return { ...server, fake };
}
