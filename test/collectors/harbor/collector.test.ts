/**
 * The Harbor collector: the fixtures' normalized snapshots (files mode), the same model from a
 * loopback server shaped like Harbor's v2.0 API serving the same fixture (paged users), and the
 * API's failures: 401 stops the tool, 403 is a permission gap, 404 on the purge schedule means no
 * purge job, 5xx and timeouts are error gaps.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CollectedTool } from '../../../src/pipeline/collect-all.js';
import { validator } from '../../../src/util/schema.js';
import { collectConfig, FAST_HTTP, writeTree } from '../../helpers/collect.js';
import { type FakeHarbor, type HarborFault, startFakeHarbor } from '../../helpers/harbor-server.js';
import { fixture } from '../../helpers/run.js';

const UPDATE = process.env.UPDATE_HARBOR === '1';
const PASSWORD = 'fixture-robot-secret-5TfQ2x';
const stable = (snapshot: object): unknown => JSON.parse(JSON.stringify(snapshot, (k, v) => (k === 'collected_at' ? '<time>' : v)));
const model = (t: CollectedTool) => {
  const { identity, access, audit_log, time, gaps, resources } = t.snapshot;
  return { identity, access, audit_log, time, gaps: gaps.map(({ fact, reason, permission }) => ({ fact, reason, permission })), resources };
};

let server: FakeHarbor | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function live(name: string, faults: HarborFault[] = [], options: Record<string, unknown> = {}, password = PASSWORD, tuning = FAST_HTTP) {
  server = await startFakeHarbor({ dir: fixture('harbor', name), username: 'robot$auditready', password: PASSWORD, faults });
  const config = writeTree({});
  const target = { type: 'harbor', name, endpoint: server.url, token_env: 'AR_TEST_HARBOR', options: { username: 'robot$auditready', ...options } };
  writeFileSync(config, `targets:\n  - ${JSON.stringify(target)}\n`);
  return (await collectConfig(config, { env: { AR_TEST_HARBOR: password }, httpTuning: tuning })).tools[0]!;
}

describe('harbor files mode', () => {
  it.each(['secure', 'insecure'])('%s: valid normalized snapshot, as reviewed (normalized.json)', async (name) => {
    const t = (await collectConfig(fixture('harbor', name, 'auditready.yaml'))).tools[0]!;
    expect(t.error).toBeUndefined();
    expect(validator('model')({ model_version: '1', tools: [t.snapshot] }), JSON.stringify(validator('model').errors)).toBe(true);
    const file = fixture('harbor', name, 'normalized.json');
    if (UPDATE) writeFileSync(file, `${JSON.stringify(stable(t.snapshot), null, 2)}\n`);
    expect(stable(t.snapshot)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('secure: OIDC via Okta, the admin group counts as an administrator, records forwarded and purged after 396 days', async () => {
    const s = (await collectConfig(fixture('harbor', 'secure', 'auditready.yaml'))).tools[0]!.snapshot;
    expect(s.identity).toMatchObject({ sso_provider: 'okta', sso_enforced: true, local_accounts: ['admin'], anonymous_access: false });
    expect(s.access.admin_names).toEqual(['admin', 'harbor-admins (identity provider group)']);
    expect(s.audit_log).toMatchObject({
      retention_days: 396,
      destinations: [
        { name: 'database', central: false },
        { name: 'audit_log_forward_endpoint', type: 'syslog', central: true, endpoint: 'tcp://siem.acme.example:6514' },
      ],
    });
    expect(s.gaps.find((g) => g.fact === 'audit_log.fields.source_ip')!.detail).toMatch(/no client IP/);
  });

  it('insecure: database passwords, self-registration, public projects, a 7-day purge, disabled event types', async () => {
    const s = (await collectConfig(fixture('harbor', 'insecure', 'auditready.yaml'))).tools[0]!.snapshot;
    expect(s.identity).toMatchObject({ sso_enforced: false, mfa_required: false, anonymous_access: true });
    expect(s.access.wildcard_grants).toEqual([
      { principal: 'anonymous', permission: 'pull', scope: 'project library' },
      { principal: 'anonymous', permission: 'pull', scope: 'project internal-tools' },
    ]);
    expect(s.audit_log.retention_days).toBe(7);
    expect(s.audit_log.event_classes).not.toContain('pull_artifact');
    expect(s.resources![0]!.facts).toMatchObject({ self_registration: true });
    expect(s.source.details!.warnings).toEqual([
      'oidc_verify_cert is false: Harbor does not verify the OIDC provider’s certificate',
      "fixtures/harbor/insecure/harbor.yml: harbor_admin_password is still the default of Harbor's harbor.yml template (change the admin password in the UI if it was not)",
      'fixtures/harbor/insecure/harbor.yml: no https section: Harbor serves plain HTTP unless a proxy terminates TLS',
    ]);
  });
});

describe('harbor live mode (a loopback server shaped like the Harbor v2.0 API)', () => {
  it.each(['secure', 'insecure'])('%s gives the same model as files mode; users are read page by page', async (name) => {
    const t = await live(name, [], { page_size: 2 });
    expect(t.error).toBeUndefined();
    const files = (await collectConfig(fixture('harbor', name, 'auditready.yaml'))).tools[0]!;
    expect(model(t)).toEqual(model(files));
    expect(server!.requests.filter((r) => r.startsWith('GET /api/v2.0/users')).length).toBeGreaterThan(1);
    expect(JSON.stringify(t)).not.toContain(PASSWORD);
  });

  it('401: the credentials were rejected; that tool is not collected', async () => {
    const t = await live('secure', [], {}, 'wrong-secret');
    expect(t.error?.message).toMatch(/the credentials in \$AR_TEST_HARBOR were rejected \(HTTP 401\)/);
  });

  it('403 on users: admins unknown with the permission; the rest is read', async () => {
    const t = await live('secure', [{ path: '/api/v2.0/users', kind: 403 }]);
    expect(t.snapshot.gaps.find((g) => g.fact === 'access.admin_count')).toMatchObject({
      reason: 'permission_missing',
      permission: expect.stringMatching(/system administrator/),
    });
    expect(t.snapshot.identity.sso_enforced).toBe(true);
  });

  it('404 on the purge schedule: no purge job, records kept forever (-1), as Harbor does', async () => {
    const t = await live('secure', [{ path: '/api/v2.0/system/purgeaudit/schedule', kind: 404 }]);
    expect(t.snapshot.audit_log.retention_days).toBe(-1);
  });

  it.each([
    [500, /HTTP 500 after 2 retries/],
    ['hang', /timed out after 300 ms/],
  ] as const)(
    '%s on configurations: identity and audit facts are error gaps',
    async (kind, detail) => {
      const t = await live('secure', [{ path: '/api/v2.0/configurations', kind }], {}, PASSWORD, { ...FAST_HTTP, timeoutMs: 300 });
      const g = t.snapshot.gaps.find((x) => x.fact === 'identity.sso_enforced')!;
      expect(g.reason).toBe('error');
      expect(g.detail).toMatch(detail);
      expect(t.snapshot.access.admin_count).toBeNull(); // an identity-provider admin group would be unknown
      expect(t.snapshot.access.member_count).toBe(4);
    },
    30_000,
  );
});
