/**
 * The Argo CD collector: files mode against the fixtures (fixtures/argocd/<case>/, written for
 * these tests after Argo CD's documented argocd-cm.yaml and argocd-rbac-cm.yaml), live mode
 * against the loopback server shaped like Argo CD's API (test/helpers/argocd-server.ts) serving
 * the SAME ConfigMaps, and the faults a real installation can show. normalized.json next to each
 * case is the expected snapshot (regenerate with UPDATE_ARGOCD_FIXTURES=1, then review the diff).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { assertValidSnapshot } from '../../../src/model/validate.js';
import { type ArgocdFault, type FakeArgocd, startFakeArgocd } from '../../helpers/argocd-server.js';
import { collectConfig, writeTree } from '../../helpers/collect.js';
import { fixture } from '../../helpers/run.js';

const TOKEN = 'argocd-api-token-0123456789abcdef';
const UPDATE = process.env.UPDATE_ARGOCD_FIXTURES === '1';

/** The ConfigMap objects of a fixture case, however they are stored (YAML files or a kubectl List). */
function configMaps(name: string): Record<string, unknown>[] {
  const dir = fixture('argocd', name);
  const out: Record<string, unknown>[] = [];
  for (const f of ['argocd-cm.yaml', 'argocd-rbac-cm.yaml', 'configmaps.json']) {
    if (!existsSync(path.join(dir, f))) continue;
    for (const d of parseAllDocuments(readFileSync(path.join(dir, f), 'utf8')) as { toJS(): unknown }[]) {
      const v = d.toJS() as { kind?: string; items?: Record<string, unknown>[] };
      if (v.kind === 'List') out.push(...(v.items ?? []).filter((i) => i.kind === 'ConfigMap'));
      else out.push(v as Record<string, unknown>);
    }
  }
  return out;
}

const named = (maps: Record<string, unknown>[], name: string) => maps.find((m) => (m.metadata as { name: string }).name === name)!;

/** Facts and gaps only: what both modes must agree on. */
function model(s: ToolSnapshot) {
  return { identity: s.identity, access: s.access, audit_log: s.audit_log, time: s.time, gaps: s.gaps };
}

let server: FakeArgocd | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function live(
  name: string,
  options: { faults?: ArgocdFault[]; rbacFile?: boolean; token?: string; tokenCanGetAccounts?: boolean } = {},
): Promise<Awaited<ReturnType<typeof collectConfig>>> {
  const maps = configMaps(name);
  server = await startFakeArgocd({
    configMaps: maps,
    token: TOKEN,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.tokenCanGetAccounts !== undefined ? { tokenCanGetAccounts: options.tokenCanGetAccounts } : {}),
  });
  const files: Record<string, string> = {};
  if (options.rbacFile !== false) files['rbac.json'] = JSON.stringify(named(maps, 'argocd-rbac-cm'), null, 2);
  const target = { type: 'argocd', name: 'prod', endpoint: server.url, token_env: 'ARGOCD_TOKEN', ...(files['rbac.json'] ? { files: ['rbac.json'] } : {}) };
  const config = writeTree({ ...files, 'auditready.yaml': `targets:\n  - ${JSON.stringify(target)}\n` });
  return collectConfig(config, { env: { ARGOCD_TOKEN: options.token ?? TOKEN } });
}

describe.each(['secure', 'insecure'])('argocd fixture %s', (name) => {
  it('files mode: the snapshot is valid against the model and matches normalized.json', async () => {
    const { tools, progress } = await collectConfig(fixture('argocd', name, 'auditready.yaml'));
    expect(progress.filter((p) => p.level !== 'info')).toEqual([]);
    const [tool] = tools;
    expect(tool!.error).toBeUndefined();
    expect(() => assertValidSnapshot('argocd', tool!.snapshot)).not.toThrow();
    const stable = { ...tool!.snapshot, source: { ...tool!.snapshot.source, collected_at: 'COLLECTED_AT' } };
    const file = fixture('argocd', name, 'normalized.json');
    if (UPDATE || !existsSync(file)) writeFileSync(file, `${JSON.stringify(stable, null, 2)}\n`);
    expect(stable).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    // the raw capture is each file as read, with its secrets removed; the hash is of the bytes read
    expect(tool!.raw.length).toBeGreaterThan(0);
  });

  it('live mode against the same installation gives the same model (RBAC from argocd-rbac-cm next to the endpoint)', async () => {
    const files = await collectConfig(fixture('argocd', name, 'auditready.yaml'));
    const { tools } = await live(name);
    expect(tools[0]!.error).toBeUndefined();
    expect(() => assertValidSnapshot('argocd', tools[0]!.snapshot)).not.toThrow();
    expect(tools[0]!.snapshot.source.method).toBe('api');
    expect(model(tools[0]!.snapshot)).toEqual(model(files.tools[0]!.snapshot));
    // the live evidence points at the endpoints it read
    expect(tools[0]!.snapshot.provenance!['identity.anonymous_access']![0]!.endpoint).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/account \(without a token: HTTP (200|401)\)$/,
    );
  });

  it('live mode without argocd-rbac-cm: RBAC facts are gaps saying the API does not expose them; the rest is the same', async () => {
    const files = await collectConfig(fixture('argocd', name, 'auditready.yaml'));
    const { tools } = await live(name, { rbacFile: false });
    const s = tools[0]!.snapshot;
    expect(s.access.default_permission).toBeNull();
    expect(s.gaps.find((g) => g.fact === 'access.default_permission')).toMatchObject({
      reason: 'not_supported',
      detail: expect.stringContaining("Argo CD's API does not expose the RBAC policy"),
    });
    expect(s.identity).toEqual(files.tools[0]!.snapshot.identity);
  });
});

describe('argocd files mode: what the fixtures must show', () => {
  it('secure: SSO (Okta), admin off, no anonymous access, no local accounts, one admin group, nothing by default', async () => {
    const s = (await collectConfig(fixture('argocd', 'secure', 'auditready.yaml'))).tools[0]!.snapshot;
    expect(s.identity).toMatchObject({
      sso_provider: 'okta',
      sso_enforced: true,
      local_accounts: [],
      mfa_exempt: [],
      anonymous_access: false,
      mfa_required: null,
    });
    expect(s.access).toMatchObject({ admin_names: ['acme:platform-admins'], admin_count: 1, default_permission: 'none', wildcard_grants: [] });
    // every policy.*.csv overlay is read: the auditors' binding comes from policy.auditors.csv
    expect(s.access.principals!.find((p) => p.name === 'acme:auditors')).toEqual({
      name: 'acme:auditors',
      kind: 'group',
      roles: ['role:readonly'],
      admin: false,
    });
    // a documented default is recorded as such
    expect(s.provenance!['access.default_permission']).toEqual([
      { file: 'fixtures/argocd/secure/argocd-rbac-cm.yaml', line: 13, column: 19, pointer: '/data/policy.default' },
    ]);
    expect(s.source.details).toMatchObject({ rbac_scopes: '[groups, email]' });
  });

  it('insecure: admin on by DEFAULT (admin.enabled absent), anonymous on, dex SSO with local logins, role:admin by default, wildcards', async () => {
    const s = (await collectConfig(fixture('argocd', 'insecure', 'auditready.yaml'))).tools[0]!.snapshot;
    expect(s.identity).toEqual({
      sso_provider: 'dex/github,ldap',
      sso_enforced: false,
      mfa_required: false,
      mfa_exempt: ['admin', 'alice', 'bob', 'alice (API key)', 'deploybot (API key)'],
      local_accounts: ['admin', 'alice', 'bob', 'deploybot'], // carol is disabled
      anonymous_access: true,
    });
    const adminSource = s.provenance!['identity.local_accounts']![0]!;
    expect(adminSource).toMatchObject({ file: 'fixtures/argocd/insecure/configmaps.json', pointer: '/items/0/data/admin.enabled' });
    expect(adminSource.default).toMatch(/admin\.enabled is absent: Argo CD enables the built-in admin user by default/);
    expect(s.access.admin_names).toEqual(['acme:ops', 'admin', 'alice']); // p, role:ops, *, *, *, allow makes acme:ops an admin
    expect(s.access.default_permission).toBe('admin');
    expect(s.access.wildcard_grants).toHaveLength(3); // one of them from the policy.tmp.csv overlay
    expect(s.audit_log.fields.source_ip).toBeNull();
    expect(s.gaps.find((g) => g.fact === 'audit_log.fields.source_ip')!.detail).toMatch(/does not record client IP addresses/);
    expect(s.audit_log.destinations).toEqual([{ name: 'kubernetes-events', type: 'kubernetes-events', central: false }]);
    // the Secret and the other Argo CD ConfigMap are recognized and left aside, said in the evidence
    expect((s.source.details as { ignored: string[] }).ignored).toEqual([
      expect.stringMatching(/configmaps\.json:\d+ ConfigMap argocd-ssh-known-hosts-cm: another Argo CD ConfigMap/),
      expect.stringMatching(/configmaps\.json:\d+ Secret argocd-secret: a Secret: its values are never read or stored/),
    ]);
  });

  it('a policy.csv line is located at its own line inside the block scalar', async () => {
    const s = (await collectConfig(fixture('argocd', 'secure', 'auditready.yaml'))).tools[0]!.snapshot;
    const lines = readFileSync(fixture('argocd', 'secure', 'argocd-rbac-cm.yaml'), 'utf8').split('\n');
    const src = s.provenance!['access.admin_names']![0]!;
    expect(lines[src.line! - 1]).toContain('g, acme:platform-admins, role:admin');
  });
});

describe('argocd live mode: faults', () => {
  it('a rejected token (401) makes the tool unknown with the endpoint and status', async () => {
    const { tools, progress } = await live('secure', { token: 'wrong-token-value' });
    expect(tools[0]!.error).toMatchObject({ tool: 'argocd/prod', status: 401, endpoint: expect.stringMatching(/^GET http:.*\/api\/v1\/account$/) });
    expect(tools[0]!.error!.message).toMatch(/the token in \$ARGOCD_TOKEN was rejected \(HTTP 401\); expected a valid Argo CD API token/);
    expect(tools[0]!.snapshot.identity.local_accounts).toBeNull();
    expect(tools[0]!.snapshot.gaps.every((g) => g.reason === 'error')).toBe(true);
    expect(progress.filter((p) => p.level === 'error').map((p) => p.message)).toEqual([`argocd/prod: ${tools[0]!.error!.message}`]);
    expect(JSON.stringify(tools)).not.toContain('wrong-token-value');
  });

  it('a proxy answering 403 for the account list: those facts are permission gaps, the rest is collected', async () => {
    const { tools } = await live('secure', { faults: [{ path: '/api/v1/account', kind: 403, times: 1 }] });
    const s = tools[0]!.snapshot;
    expect(tools[0]!.error).toBeUndefined();
    expect(s.identity.local_accounts).toBeNull();
    expect(s.gaps.find((g) => g.fact === 'identity.local_accounts')).toMatchObject({
      reason: 'permission_missing',
      permission: expect.stringContaining('accounts, get'),
    });
    expect(s.identity.sso_provider).toBe('okta');
  });

  it('a token that may not get accounts: Argo CD filters the list, so the admin is a permission gap, never "no admin"', async () => {
    const { tools } = await live('insecure', { tokenCanGetAccounts: false });
    const s = tools[0]!.snapshot;
    expect(s.identity.local_accounts).toBeNull();
    expect(s.access.admin_names).toBeNull();
    expect(s.gaps.find((g) => g.fact === 'identity.local_accounts')!.reason).toBe('permission_missing');
  });

  it('404 on /api/v1/settings (not an Argo CD API) is a tool error', async () => {
    const { tools } = await live('secure', { faults: [{ path: '/api/v1/settings', kind: 404 }] });
    expect(tools[0]!.error).toMatchObject({ status: 404 });
    expect(tools[0]!.error!.message).toMatch(/\/api\/v1\/settings: HTTP 404; expected the Argo CD API/);
  });

  it('5xx is retried; after the retries it is a tool error', async () => {
    const once = await live('secure', { faults: [{ path: '/api/v1/settings', kind: 503, times: 1 }] });
    expect(once.tools[0]!.error).toBeUndefined();
    await server!.close();
    const always = await live('secure', { faults: [{ path: '/api/v1/settings', kind: 502 }] });
    expect(always.tools[0]!.error!.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/settings: HTTP 502 after 2 retries$/);
    expect(server!.requests.filter((r) => r.path === '/api/v1/settings')).toHaveLength(3);
  });

  it('a request that never answers times out and is a tool error', async () => {
    const { tools } = await live('secure', { faults: [{ path: '/api/v1/settings', kind: 'timeout' }] });
    expect(tools[0]!.error!.message).toMatch(/\/api\/v1\/settings: timed out after 500 ms$/);
  });

  it('an HTML login page in front of the API is a clear tool error, not a parse failure', async () => {
    const { tools } = await live('secure', { faults: [{ path: '/api/v1/settings', kind: 'html' }] });
    expect(tools[0]!.error!.message).toMatch(/expected JSON, got text\/html; charset=utf-8 \(an HTML page: a login page or proxy in front of the API\?\)$/);
  });

  it('a rate limit with Retry-After is waited for and announced as a notice (shown without a terminal too)', async () => {
    const { tools, progress } = await live('secure', { faults: [{ path: '/api/v1/settings', kind: 429, times: 1 }] });
    expect(tools[0]!.error).toBeUndefined();
    expect(progress).toContainEqual({ message: 'argocd/prod: rate limited on GET /api/v1/settings, waiting 1 s', level: 'notice' });
  });

  it('argocd-cm next to the endpoint is refused: live mode reads it from the API', async () => {
    server = await startFakeArgocd({ configMaps: configMaps('secure'), token: TOKEN });
    const target = { type: 'argocd', name: 'prod', endpoint: server.url, token_env: 'ARGOCD_TOKEN', files: ['cm.yaml'] };
    const config = writeTree({
      'cm.yaml': readFileSync(fixture('argocd', 'secure', 'argocd-cm.yaml'), 'utf8'),
      'auditready.yaml': `targets:\n  - ${JSON.stringify(target)}\n`,
    });
    const { tools } = await collectConfig(config, { env: { ARGOCD_TOKEN: TOKEN } });
    expect(tools[0]!.error!.message).toMatch(
      /cm\.yaml:\d+: the ConfigMap argocd-cm is read from the API in live mode; expected only the ConfigMap argocd-rbac-cm next to endpoint:/,
    );
  });
});
