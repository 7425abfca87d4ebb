import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolInputError as StoreInputError } from '../../../src/errors.js';
import { locatedDocument } from '../../../src/collectors/log-store/located.js';
import { readLokiLive } from '../../../src/collectors/loki/live.js';
import { overridesTenants, readLoki } from '../../../src/collectors/loki/read.js';
import { parseSource } from '../../../src/util/yaml-source.js';
import { fetchTextGetter } from '../../helpers/stores/getter.js';
import { type LokiFake, startLoki } from '../../helpers/stores/loki-server.js';
import type { Loopback } from '../../helpers/stores/loopback.js';

const text = (p: string) => readFileSync(p, 'utf8');
const strip = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v) => (k === 'sources' || k === 'read_at' ? undefined : v)));

describe('Loki live, against a loopback server shaped like the documented /config endpoint', () => {
  let server: (Loopback & { fake: LokiFake }) | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reads GET /config like the file, and marks values absent from ?mode=diff as defaults', async () => {
    const config = `${text('fixtures/loki/insecure/loki.yaml')}\ntable_manager:\n  retention_deletes_enabled: false\n`;
    server = await startLoki({ config, diff: text('fixtures/loki/insecure/loki.yaml') });
    const live = await readLokiLive(fetchTextGetter(server.url), undefined);
    const r = readLoki({ config: live.config, tenants: live.tenants, overridesRead: false });
    const f = readLoki({ config: locatedDocument(parseSource(text('fixtures/loki/insecure/loki.yaml'), 'loki.yaml')), tenants: [], overridesRead: false });
    expect(strip(r)).toEqual(strip(f));
    expect(r.retention.ok && r.retention.value.sources[0]).toEqual({
      endpoint: `GET ${server.url}/config`,
      pointer: '/limits_config/retention_stream/0/period',
    });
    expect(r.anonymous.ok && r.anonymous.value.sources[0]).toEqual({ endpoint: `GET ${server.url}/config`, pointer: '/auth_enabled' });
    expect(live.config.at('/table_manager/retention_deletes_enabled')).toEqual({
      endpoint: `GET ${server.url}/config`,
      pointer: '/table_manager/retention_deletes_enabled',
      default: "Loki's default (absent from GET /config?mode=diff)",
    });
    expect(server.requests.map((q) => q.path)).toEqual(['/config', '/config?mode=diff']);
  });

  it('reads each tenant in scope from /config/tenant/v1/limits with X-Scope-OrgID', async () => {
    server = await startLoki({ config: text('fixtures/loki/secure/loki.yaml'), tenantLimits: { security: 'retention_period: 2y\nretention_stream: []\n' } });
    const live = await readLokiLive(fetchTextGetter(server.url), ['security']);
    expect(server.requests.at(-1)!.headers['x-scope-orgid']).toBe('security');
    const r = readLoki({ config: live.config, tenants: live.tenants, scope: ['security'], overridesRead: live.tenantsUnread.length === 0 });
    expect(r.retention).toMatchObject({ ok: true, value: { days: 730, raw: '2y' } });
    // The same tenant from the runtime overrides file: its own stream rule (3y) is longer, 2y still wins.
    const fromFile = readLoki({
      config: locatedDocument(parseSource(text('fixtures/loki/secure/loki.yaml'), 'loki.yaml')),
      tenants: overridesTenants(locatedDocument(parseSource(text('fixtures/loki/secure/overrides.yaml'), 'overrides.yaml'))),
      scope: ['security'],
      overridesRead: true,
    });
    expect(fromFile.retention).toMatchObject({ ok: true, value: { days: 730 } });
  });

  it('an older Loki without the limits endpoint leaves those tenants unread: the retention is unknown', async () => {
    server = await startLoki({ config: text('fixtures/loki/secure/loki.yaml'), oldLoki: true });
    const live = await readLokiLive(fetchTextGetter(server.url), ['security']);
    expect(live.tenantsUnread).toEqual(['security']);
    const r = readLoki({ config: live.config, tenants: live.tenants, scope: ['security'], overridesRead: live.tenantsUnread.length === 0 });
    expect(r.retention).toMatchObject({ ok: false, reason: 'not_collected' });
  });

  it("a proxy that refuses the token, a 5xx, or an answer that is not Loki's config stop the target", async () => {
    server = await startLoki({ config: text('fixtures/loki/secure/loki.yaml'), token: 'fixture-loki-proxy-token-91aa' });
    await expect(readLokiLive(fetchTextGetter(server.url, { authorization: 'Bearer wrong' }), undefined)).rejects.toThrow(
      'HTTP 401 from the proxy in front of Loki',
    );
    const ok = await readLokiLive(fetchTextGetter(server.url, { authorization: 'Bearer fixture-loki-proxy-token-91aa' }), undefined);
    expect(ok.config.value).toHaveProperty('limits_config');
    server.fake.status = 502;
    await expect(readLokiLive(fetchTextGetter(server.url, { authorization: 'Bearer fixture-loki-proxy-token-91aa' }), undefined)).rejects.toThrow(
      StoreInputError,
    );
    server.fake.status = undefined;
    server.fake.config = '<html>login</html>';
    await expect(readLokiLive(fetchTextGetter(server.url, { authorization: 'Bearer fixture-loki-proxy-token-91aa' }), undefined)).rejects.toThrow(
      'the answer is not a Loki configuration',
    );
  });
});
