import { afterEach, describe, expect, it } from 'vitest';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { collectTarget } from '../../helpers/collect.js';
import { type Fault, type FakeGitlab, type GitlabState, startFakeGitlab, stateFromFixture } from '../../helpers/gitlab-server.js';
import { fixture } from '../../helpers/run.js';

const TOKEN = `glpat-${'Zq8rT3stT0ken4uditR3ady'}`;
const SECURE = fixture('gitlab', 'secure');

let server: FakeGitlab | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function live(state: GitlabState, faults: Fault[] = [], target: Record<string, unknown> = {}) {
  server = await startFakeGitlab(state, faults);
  return collectTarget(
    {
      type: 'gitlab',
      name: 'acme',
      endpoint: server.url,
      token_env: 'AR_TEST_GL_TOKEN',
      options: { group: 'platform' },
      files: [`${SECURE}/gitlab.rb`],
      ...target,
    },
    { AR_TEST_GL_TOKEN: TOKEN },
    { timeoutMs: 300, backoffMs: 5, waitScale: 0.001, retries: 2 },
  );
}

/** The model without where it was read: what must not depend on the mode. */
function model(s: ToolSnapshot) {
  return {
    identity: s.identity,
    access: s.access,
    audit_log: s.audit_log,
    time: s.time,
    integrations: s.integrations,
    resources: s.resources?.map((r) => ({ ...r, gaps: r.gaps.map((g) => ({ fact: g.fact, reason: g.reason })) })),
    gaps: s.gaps.map((g) => ({ fact: g.fact, reason: g.reason })).sort((a, b) => a.fact.localeCompare(b.fact)),
  };
}

describe('GitLab live mode against a loopback server shaped like the documented API', () => {
  it('gives the same model as the same installation saved to files', async () => {
    const files = await collectTarget({ type: 'gitlab', name: 'acme', files: [`${SECURE}/api/*.json`, `${SECURE}/gitlab.rb`] });
    const api = await live(stateFromFixture(SECURE, TOKEN));
    expect(files.snapshot.source.method).toBe('file');
    expect(api.snapshot.source.method).toBe('api');
    expect(model(api.snapshot)).toEqual(model(files.snapshot));
    expect(api.snapshot.identity).toMatchObject({ sso_provider: 'okta', sso_enforced: true, mfa_required: true, mfa_exempt: [] });
    // Evidence differs in kind: a file line there, an endpoint and pointer here.
    const ev = api.snapshot.provenance!['identity.mfa_required']!;
    expect(ev[0]).toMatchObject({
      endpoint: expect.stringMatching(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/application\/settings$/),
      pointer: '/require_two_factor_authentication',
    });
  });

  it('follows x-next-page, and Link when that is all the server sends', async () => {
    for (const linkOnly of [false, true]) {
      const state = stateFromFixture(SECURE, TOKEN);
      const members = state.groups.platform!.members;
      for (let i = 0; i < 230; i++) members.push({ id: 5000 + i, username: `bulk${i}`, state: 'active', access_level: 30 });
      state.maxPerPage = 100;
      state.linkOnly = linkOnly;
      const r = await live(state);
      expect(r.snapshot.access.member_count).toBe(members.filter((m) => m.state === 'active').length + 1);
      expect(server!.requests.filter((q) => q.path.startsWith('/api/v4/groups/platform/members/all'))).toHaveLength(3);
      await server!.close();
      server = undefined;
    }
  });

  it('stops at options.max_pages: the rest is a gap, not a silently short list', async () => {
    const state = stateFromFixture(SECURE, TOKEN);
    for (let i = 0; i < 250; i++) state.groups.platform!.members.push({ id: 7000 + i, username: `p${i}`, state: 'active', access_level: 30 });
    const r = await live(state, [], { options: { group: 'platform', max_pages: 2 } });
    expect(r.snapshot.access.member_count).toBeNull();
    expect(r.snapshot.gaps.find((g) => g.fact === 'access.member_count')?.detail).toMatch(/more than 2 pages of 100; raise options\.max_pages/);
  });

  it('a rejected token makes the tool unknown with the reason; the token appears nowhere', async () => {
    const r = await live(stateFromFixture(SECURE, 'another-token'));
    expect(r.error?.message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v4\/user: GitLab rejected the token in \$AR_TEST_GL_TOKEN \(HTTP 401\)/);
    expect(r.error?.status).toBe(401);
    expect(r.snapshot.identity.mfa_required).toBeNull();
    expect(JSON.stringify(r)).not.toContain(TOKEN);
  });

  it('Admin Mode without the admin_mode scope: settings are a permission gap naming the scope', async () => {
    const state = stateFromFixture(SECURE, TOKEN);
    state.scopes = ['read_api'];
    const r = await live(state);
    expect(r.snapshot.identity.local_accounts).toBeNull();
    const g = r.snapshot.gaps.find((x) => x.fact === 'identity.local_accounts')!;
    expect(g).toMatchObject({ reason: 'permission_missing', permission: 'admin_mode scope' });
    expect(g.detail).toMatch(/403 Forbidden.*admin_mode scope and Admin Mode is on/);
    // The group's own 2FA requirement is still read.
    expect(r.snapshot.identity.mfa_required).toBe(true);
  });

  it('a non-administrator token: who administers is unknown, not zero', async () => {
    const state = stateFromFixture(SECURE, TOKEN);
    state.user.is_admin = false;
    const r = await live(state);
    expect(r.snapshot.access.admin_count).toBeNull();
    expect(r.snapshot.gaps.find((x) => x.fact === 'access.admin_count')).toMatchObject({ reason: 'permission_missing' });
  });

  it('an unknown group makes the tool unknown, naming the group', async () => {
    const r = await live(stateFromFixture(SECURE, TOKEN), [], { options: { group: 'nope' } });
    expect(r.error?.message).toMatch(/group nope was not found or is not visible to the token \(HTTP 404\)/);
  });

  it('retries a 502 that passes; a 502 that stays, or a timeout, is a gap for what it cost', async () => {
    const passing = await live(stateFromFixture(SECURE, TOKEN), [{ path: '/groups/platform/members/all', status: 502, times: 1 }]);
    expect(passing.snapshot.access.admin_names).toEqual(['erin.lead', 'gitlab-ops-1', 'gitlab-ops-2']);
    await server!.close();
    server = undefined;
    const staying = await live(stateFromFixture(SECURE, TOKEN), [{ path: '/groups/platform/members/all', status: 502 }]);
    expect(staying.snapshot.access.admin_count).toBeNull();
    expect(staying.snapshot.gaps.find((x) => x.fact === 'access.admin_count')?.detail).toMatch(/502/);
    await server!.close();
    server = undefined;
    const slow = await live(stateFromFixture(SECURE, TOKEN), [{ path: '/application/settings', delayMs: 2000 }]);
    expect(slow.snapshot.identity.sso_enforced).toBeNull();
    expect(slow.snapshot.gaps.find((x) => x.fact === 'identity.sso_enforced')?.detail).toMatch(/timed out/);
  });

  it('asks the old and the new streaming fields: a field the server lacks is a gap for that field only', async () => {
    const state = stateFromFixture(SECURE, TOKEN);
    // An older server: no unified fields; destinations live in the per-type fields, without an active flag.
    const unified = state.graphql.group.externalAuditEventStreamingDestinations!;
    delete state.graphql.group.externalAuditEventStreamingDestinations;
    delete state.graphql.instance.auditEventsInstanceStreamingDestinations;
    state.graphql.group.externalAuditEventDestinations = unified.map((d) => ({ id: d.id, name: d.name, destinationUrl: (d.config as { url: string }).url }));
    state.noActiveField = true;
    const r = await live(state);
    const details = r.snapshot.source.details as Record<string, unknown>;
    expect(details.streaming_fields_unknown_to_server).toEqual(['externalAuditEventStreamingDestinations', 'auditEventsInstanceStreamingDestinations']);
    expect(details.streaming_active_assumed).toMatch(/cannot be paused/);
    expect(r.snapshot.audit_log.destinations).toContainEqual({
      name: 'splunk-hec',
      type: 'http',
      central: true,
      endpoint: 'https://splunk.acme.internal:8088',
    });
  });

  it('a streaming field the token may not read leaves destinations unknown (unless a central one was found)', async () => {
    const state = stateFromFixture(SECURE, TOKEN);
    state.graphql.group.externalAuditEventStreamingDestinations = [];
    state.graphql.instance.auditEventsInstanceStreamingDestinations = [];
    const r = await live(state, [{ path: '/api/graphql', status: 403, graphqlField: 'amazonS3Configurations' }]);
    expect(r.snapshot.audit_log.destinations).toBeNull();
    expect(r.snapshot.gaps.find((x) => x.fact === 'audit_log.destinations')).toMatchObject({ reason: 'permission_missing' });
  });

  it('never sends the token anywhere but the auth header, and never stores it', async () => {
    const r = await live(stateFromFixture(SECURE, TOKEN));
    expect(server!.requests.every((q) => !q.path.includes(TOKEN))).toBe(true);
    const all = JSON.stringify(r.snapshot) + r.raw.map((x) => Buffer.from(x.bytes).toString('utf8')).join('\n');
    expect(all).not.toContain(TOKEN);
    expect(server!.requests.every((q) => q.auth === TOKEN)).toBe(true);
  });
});
