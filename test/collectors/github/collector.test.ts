import { afterEach, describe, expect, it } from 'vitest';
import { webhookOrigin } from '../../../src/collectors/kit/url.js';
import { InputError } from '../../../src/errors.js';
import type { Gap, ToolSnapshot } from '../../../src/model/types.js';
import { collectFrom, FAST, FAST_TIMEOUT, TOKEN } from '../../helpers/github-collect.js';
import { generateEnterprise, generateOrg, startFakeGithub, type FakeGithub, type ServerOptions } from '../../helpers/github-server.js';

const ALL_SCOPES = ['repo', 'admin:org', 'admin:org_hook', 'admin:enterprise', 'read:audit_log'];
let server: FakeGithub | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(overrides: Partial<ServerOptions> = {}): Promise<FakeGithub> {
  server = await startFakeGithub({ orgs: [generateOrg()], token: TOKEN, scopes: ALL_SCOPES, owner: true, ...overrides });
  return server;
}

const gap = (s: ToolSnapshot, fact: string): Gap | undefined => s.gaps.find((g) => g.fact === fact);
/** The repository resources (the organization itself is a resource too, listed last). */
const reposOf = (s: ToolSnapshot) => s.resources!.filter((r) => r.kind === 'repository');
const snapshotOf = async (...args: Parameters<typeof collectFrom>) => (await collectFrom(...args)).collected.snapshot;

describe('github collector: compliant organization with its enterprise', () => {
  it('reads identity, access, audit log, Actions, webhooks and streams into the model', async () => {
    const s = await start({ enterprise: generateEnterprise('acme') });
    const snap = await snapshotOf(s, { options: { org: 'acme', enterprise: 'acme-corp', deployment: 'cloud' } });
    expect(snap.identity).toEqual({
      sso_provider: 'entra-id',
      sso_enforced: true,
      mfa_required: true,
      // personal access tokens and SSH keys reach Git without the second factor (documented)
      mfa_exempt: ['personal access tokens (Git over HTTPS, the API)', 'SSH keys (Git over SSH)'],
      // SSO enforced and no outside collaborators: nobody signs in outside the IdP
      local_accounts: [],
      anonymous_access: false,
    });
    // administrators: organization owners and the enterprise's owners (user0000 is both)
    expect(snap.access).toMatchObject({
      admin_count: 3,
      admin_names: ['ent-owner1', 'user0000', 'user0001'],
      member_count: 12,
      default_permission: 'read',
      wildcard_grants: [],
    });
    expect(snap.access.principals!.find((p) => p.name === 'user0000')).toEqual({
      name: 'user0000',
      kind: 'user',
      roles: ['owner', 'enterprise_owner', 'security_manager'],
      admin: true,
    });
    expect(snap.access.principals!.find((p) => p.name === 'ent-owner1')).toEqual({
      name: 'ent-owner1',
      kind: 'user',
      roles: ['enterprise_owner'],
      admin: true,
    });
    expect(snap.audit_log).toMatchObject({
      enabled: true,
      retention_days: 180,
      retention_online_days: 180,
      // Git events are kept 7 days on github.com
      retention_by_class: { web: { retention_days: 180, retention_online_days: 180 }, git: { retention_days: 7, retention_online_days: 7 } },
      destinations: [{ name: 'Splunk stream 7', type: 'splunk', central: true, endpoint: 'http-inputs-acme.splunkcloud.com' }],
    });
    expect(snap.time).toEqual({ sync_daemon: null, sources: null, synchronized: null, offset_ms: null, timestamp_timezone: 'UTC', authenticated: null });
    for (const f of ['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated']) {
      expect(gap(snap, f)?.reason).toBe('not_applicable');
    }
    expect(snap.audit_log.records_secret_values).toBe(false);
    expect(snap.audit_log.read_restricted).toBe(true);
    expect(gap(snap, 'audit_log.rotation')?.reason).toBe('not_applicable');
    expect(gap(snap, 'audit_log.failure_alert')?.reason).toBe('not_supported');
    expect(snap.pipeline).toEqual({ default_token_permission: 'read', can_approve_changes: false });
    expect(snap.integrations).toEqual({
      webhooks: [{ name: 'hook 1', url: 'https://ci.acme.example', active: true, signed: true, tls_verified: true }],
      log_streams: [{ name: 'Splunk stream 7', type: 'splunk', active: true }],
    });
    expect(reposOf(snap)).toHaveLength(5);
    expect(reposOf(snap)[0]).toEqual({
      id: 'repository:acme/repo-00000',
      kind: 'repository',
      name: 'acme/repo-00000',
      facts: {
        archived: false,
        visibility: 'private',
        default_branch: 'main',
        admin_names: ['user0000'],
        admin_count: 1,
        branch_protected: true,
        required_approvals: 2,
        force_push_allowed: false,
        ruleset_rules: ['DELETION', 'NON_FAST_FORWARD', 'PULL_REQUEST'],
        write_deploy_keys: [],
        review_required: true,
        review_bypass_actors: [],
        last_push_approval_required: true,
        stale_reviews_dismissed: true,
        force_push_blocked: true,
        deletion_blocked: true,
        outside_collaborators_with_write: [],
        code_owner_review_required: true,
        review_dismissal_restricted: true,
        push_restricted: true,
        unenforced_rulesets: [],
        unsecured_webhooks: [],
        actions_token_read_only: true,
        actions_can_approve_pull_requests: false,
      },
      gaps: [],
    });
    // the organization's own settings, last: the enterprise refuses insecure 2FA methods
    expect(snap.resources!.at(-1)).toEqual({
      id: 'organization:acme',
      kind: 'organization',
      name: 'acme',
      facts: {
        secure_2fa_methods_required: true,
        member_repository_creation: [],
        ip_allow_list_enabled: true,
        repository_deletion_owners_only: true,
        visibility_change_owners_only: true,
        private_forking_disabled: true,
        notifications_restricted_to_verified_domains: true,
        verified_domains: ['acme.example'],
        open_runner_groups: [],
        admin_app_installations: [],
        admin_role_holders: ['user0000 (security_manager)'],
        inactive_members: null,
      },
      // GitHub exposes no member activity to an organization: a gap that names where it is
      gaps: [expect.objectContaining({ fact: 'inactive_members', reason: 'not_supported' })],
    });
    // who collected: the token's user
    expect(snap.source).toMatchObject({ collector: 'github', method: 'api', location: s.url, collected_as: 'auditready-bot' });
    expect(snap.source.details).toMatchObject({
      collected_as: 'auditready-bot',
      authentication: { value: 'github', basis: expect.stringContaining('default on github.com') },
      api_url: s.url,
      graphql_url: `${s.url}/graphql`,
      token_scopes: ALL_SCOPES,
      audit_log_api: 'available',
      graphql_errors: [],
    });
    // every GraphQL call asked for rateLimit: the cost recorded is what the server charged
    const charged = s.requests.filter((r) => r.path === '/graphql').reduce((n, r) => n + r.cost, 0);
    expect(snap.source.details!.graphql_cost).toBe(charged);
    expect(snap.source.details!.requests).toBe(s.requests.length);
  });

  it('organization-level SAML without an enterprise: provider known, enforcement not exposed by the API', async () => {
    const s = await start();
    const snap = await snapshotOf(s);
    expect(snap.identity.sso_provider).toBe('okta');
    expect(snap.identity.sso_enforced).toBeNull();
    expect(gap(snap, 'identity.sso_enforced')).toMatchObject({
      reason: 'not_supported',
      detail: expect.stringContaining('12 linked identities for 12 members'),
    });
    expect(gap(snap, 'audit_log.destinations')).toMatchObject({ reason: 'not_collected', permission: 'admin:enterprise' });
    expect(gap(snap, 'integrations.log_streams')?.reason).toBe('not_collected');
    // 127.0.0.1 is not github.com: treated as GHES, whose retention and clocks are appliance settings
    expect(gap(snap, 'audit_log.retention_days')?.reason).toBe('not_collected');
    expect(gap(snap, 'time.offset_ms')?.reason).toBe('not_collected');
  });
});

describe('github collector: non-compliant organization', () => {
  it('reports what is wrong as known values, not gaps', async () => {
    const org = generateOrg({ compliant: false, repos: 10 });
    const s = await start({ orgs: [org], enterprise: generateEnterprise('acme', false) });
    const snap = await snapshotOf(s, { options: { org: 'acme', enterprise: 'acme-corp', deployment: 'cloud' } });
    expect(snap.identity).toMatchObject({ sso_provider: null, sso_enforced: false, mfa_required: false, anonymous_access: true });
    // without enforced SSO every member and outside collaborator signs in outside an IdP
    expect(snap.identity.local_accounts).toHaveLength(14); // 12 members, 2 outside collaborators
    expect(gap(snap, 'identity.sso_provider')?.reason).toBe('not_applicable');
    // without the 2FA requirement, who lacks a second factor is not read: unknown, never "nobody"
    expect(snap.identity.mfa_exempt).toBeNull();
    expect(gap(snap, 'identity.mfa_exempt')?.reason).toBe('not_collected');
    expect(snap.audit_log.fields.target).toBe(true);
    expect(gap(snap, 'audit_log.event_levels')?.reason).toBe('not_supported');
    expect(snap.access.default_permission).toBe('write');
    // public repositories are readable by anyone, internal ones by every member of the enterprise
    expect(snap.access.wildcard_grants).toEqual([
      { principal: 'anonymous', permission: 'read', scope: 'repository:acme/repo-00000' },
      { principal: 'enterprise:acme-corp members', permission: 'read', scope: 'repository:acme/repo-00003' },
      { principal: 'anonymous', permission: 'read', scope: 'repository:acme/repo-00007' },
    ]);
    expect(snap.access.principals!.filter((p) => p.roles.includes('outside_collaborator')).map((p) => p.name)).toEqual(['contractor1', 'contractor2']);
    expect(snap.pipeline).toEqual({ default_token_permission: 'write', can_approve_changes: true });
    expect(snap.integrations!.webhooks).toEqual([
      { name: 'hook 1', url: 'https://ci.acme.example', active: true, signed: true, tls_verified: false },
      { name: 'hook 2', url: 'http://chat.acme.example', active: true, signed: false, tls_verified: false },
    ]);
    expect(snap.integrations!.log_streams).toEqual([{ name: 'Amazon S3 stream 8', type: 'amazon-s3', active: false }]);
    expect(snap.audit_log.destinations).toEqual([]);
    const unprotected = reposOf(snap).find((r) => r.name === 'acme/repo-00001')!;
    expect(unprotected.facts).toMatchObject({
      branch_protected: false,
      required_approvals: 0,
      force_push_allowed: true,
      write_deploy_keys: ['deploy-0'],
      review_required: false,
      force_push_blocked: false,
    });
    expect(reposOf(snap).find((r) => r.name === 'acme/repo-00009')!.facts.archived).toBe(true);
    // admins bypass classic protection that is not enforced on them, and so does its allowed team;
    // where a ruleset also requires review, only those both let through bypass (owners are admins)
    const facts = (name: string) => reposOf(snap).find((r) => r.name === `acme/${name}`)!.facts;
    expect(facts('repo-00002').review_bypass_actors).toEqual(['repository admins', 'team:release-managers']);
    expect(facts('repo-00000').review_bypass_actors).toEqual(['organization admins', 'team:release-managers']);
    expect(facts('repo-00000')).toMatchObject({ last_push_approval_required: false, stale_reviews_dismissed: false });
    expect(
      reposOf(snap)
        .find((r) => r.name === 'acme/repo-00001')!
        .gaps.find((g) => g.fact === 'review_bypass_actors')?.reason,
    ).toBe('not_applicable');
    expect(snap.resources!.at(-1)!.facts).toEqual({
      secure_2fa_methods_required: false,
      member_repository_creation: ['public', 'private'],
      ip_allow_list_enabled: false,
      repository_deletion_owners_only: false,
      visibility_change_owners_only: false,
      private_forking_disabled: false,
      notifications_restricted_to_verified_domains: false,
      verified_domains: [],
      open_runner_groups: ['Default: 4 runners, all repositories', 'builders: 2 runners, public repositories'],
      admin_app_installations: ['org-admin-bot (members: write, organization_administration: write)'],
      admin_role_holders: ['user0000 (security_manager)', 'user0005 (all_repo_admin)'],
      inactive_members: null,
    });
    // an all-repository admin and an app that administers the organization count with the owners
    expect(snap.access.admin_names).toEqual(expect.arrayContaining(['app:org-admin-bot', 'user0005']));
    // the repository's own webhooks and Actions settings; a ruleset that only evaluates is named
    expect(facts('repo-00001').unsecured_webhooks).toEqual(['hook 50 http://chat.acme.example: no secret, not https, TLS verification off']);
    // the organization lets repositories loosen their Actions settings: each active one is read
    expect(s.requests.filter((r) => r.path.endsWith('/actions/permissions/workflow') && r.path.startsWith('/repos/'))).toHaveLength(9);
    expect(facts('repo-00002')).toMatchObject({
      actions_token_read_only: false,
      actions_can_approve_pull_requests: true,
      unenforced_rulesets: ['trial-linear-history: EVALUATE'],
      review_dismissal_restricted: false,
      push_restricted: false,
      code_owner_review_required: false,
    });
    // an outside collaborator can push to every third repository; unprotected ones can be deleted
    expect(facts('repo-00003').outside_collaborators_with_write).toEqual(['contractor1']);
    expect(facts('repo-00001')).toMatchObject({ outside_collaborators_with_write: [], deletion_blocked: false });
  });
});

describe('github collector: token without admin:org / read:org', () => {
  it('every fact it cannot read is null with a gap naming the scope', async () => {
    const s = await start({ scopes: ['repo'], owner: false });
    const snap = await snapshotOf(s, { options: { org: 'acme', enterprise: undefined } });
    expect(snap.source.details!.token_scopes).toEqual(['repo']);
    const expectGap = (fact: string, permission: RegExp) => {
      expect(gap(snap, fact), fact).toMatchObject({ reason: 'permission_missing', permission: expect.stringMatching(permission) });
    };
    expectGap('identity.sso_provider', /read:org/);
    expectGap('identity.mfa_required', /read:org/);
    expectGap('access.admin_names', /read:org/);
    expectGap('access.member_count', /read:org/);
    expectGap('access.default_permission', /admin:org/);
    expectGap('pipeline.default_token_permission', /admin:org/);
    expectGap('pipeline.can_approve_changes', /admin:org/);
    expectGap('integrations.webhooks', /admin:org_hook/);
    expect(gap(snap, 'access.admin_names')!.detail).toContain("The 'membersWithRole' field requires one of the following scopes: ['read:org']");
    // collaborators need push access; branch protection and deploy keys need repository admin
    const repo = reposOf(snap)[0]!;
    expect(repo.facts).toMatchObject({ admin_names: null, branch_protected: null, write_deploy_keys: null });
    // rulesets are readable with read access: review and force-push protection are still known
    expect(repo.facts).toMatchObject({ review_required: true, force_push_blocked: true });
    expect(repo.gaps.map((g) => [g.fact, g.reason])).toEqual(
      expect.arrayContaining([
        ['admin_names', 'permission_missing'],
        ['branch_protected', 'permission_missing'],
        ['write_deploy_keys', 'permission_missing'],
      ]),
    );
    expect(snap.source.details!.graphql_errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^INSUFFICIENT_SCOPES at organization\.samlIdentityProvider/)]),
    );
  });

  it('with an enterprise whose owners cannot be read, the administrator count is unknown, not too low', async () => {
    const s = await start({ scopes: ['repo', 'read:org', 'admin:org'], enterprise: generateEnterprise('acme') });
    const snap = await snapshotOf(s, { options: { org: 'acme', enterprise: 'acme-corp' } });
    expect(snap.access.member_count).toBe(12);
    expect(snap.access.admin_count).toBeNull();
    expect(gap(snap, 'access.admin_count')).toMatchObject({
      reason: 'permission_missing',
      permission: 'read:enterprise',
      detail: expect.stringMatching(/^enterprise owners could not be read: GitHub: Your token has not been granted/),
    });
  });

  it('fine-grained or App tokens send no X-OAuth-Scopes: recorded as not reported', async () => {
    const s = await start({ scopes: null });
    const snap = await snapshotOf(s);
    expect(snap.source.details!.token_scopes).toBe('not reported (fine-grained or GitHub App token)');
    expect(snap.access.admin_count).toBe(2);
  });
});

describe('github collector: pagination and edge cases', () => {
  it('pages every connection 100 at a time, with the minimum number of requests', async () => {
    const org = generateOrg({ members: 250, admins: 3, repos: 230, collaboratorsPerRepo: 2 });
    org.repos[5]!.collaborators = Array.from({ length: 250 }, (_, i) => ({ login: `c${i}`, permission: i < 4 ? 'ADMIN' : 'READ' }));
    org.repos[6]!.deployKeys = Array.from({ length: 150 }, (_, i) => ({ title: `k${i}`, readOnly: i !== 149 }));
    org.outsideCollaborators = Array.from({ length: 130 }, (_, i) => `oc${i}`);
    org.hooks = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, active: true, url: `https://h${i}.example/`, insecure_ssl: '0', secret: true }));
    const s = await start({ orgs: [org] });
    const { collected, progress } = await collectFrom(s);
    const snap = collected.snapshot;
    expect(snap.access.member_count).toBe(250);
    expect(snap.access.admin_count).toBe(3);
    expect(reposOf(snap)).toHaveLength(230);
    const big = reposOf(snap).find((r) => r.name === 'acme/repo-00005')!;
    expect(big.facts.admin_count).toBe(4);
    expect(reposOf(snap).find((r) => r.name === 'acme/repo-00006')!.facts.write_deploy_keys).toEqual(['k149']);
    expect(snap.access.principals!.filter((p) => p.roles.includes('outside_collaborator'))).toHaveLength(130);
    expect(snap.integrations!.webhooks).toHaveLength(101);
    const ops = s.requests.map((r) => r.operation ?? r.path.replace(/\?.*/, ''));
    const count = (name: string) => ops.filter((o) => o === name).length;
    expect(count('AuditreadyMembers')).toBe(3); // 250 members
    expect(count('AuditreadyRepos')).toBe(3); // 230 repositories
    expect(count('AuditreadyRepoCollaborators')).toBe(2); // 250 collaborators: 100 in the repo page + 2 more
    expect(count('AuditreadyRepoDeployKeys')).toBe(1);
    expect(count('AuditreadyRulesets')).toBe(1); // one organization ruleset behind 230 repositories' rules
    expect(count('/orgs/acme/outside_collaborators')).toBe(2);
    expect(count('/orgs/acme/hooks')).toBe(2);
    // REST only: each active repository's webhooks (207 of 230 are not archived); not their Actions
    // settings, which the organization's read-only, cannot-approve settings lock (documented); the
    // runner groups and the runners of the one open to every repository, the app installations, the
    // organization roles and the holders of the two administrator-like ones.
    expect(ops.filter((o) => /^\/repos\/acme\/[^/]+\/hooks$/.test(o))).toHaveLength(207);
    expect(ops.filter((o) => /^\/repos\/acme\/[^/]+\/actions\/permissions\/workflow$/.test(o))).toHaveLength(0);
    expect(reposOf(snap).find((r) => r.name === 'acme/repo-00000')!.facts).toMatchObject({
      actions_token_read_only: true,
      actions_can_approve_pull_requests: false,
    });
    expect(count('/orgs/acme/actions/runner-groups')).toBe(1);
    expect(count('/orgs/acme/actions/runner-groups/1/runners')).toBe(1);
    expect(count('/orgs/acme/installations')).toBe(1);
    expect(count('/orgs/acme/organization-roles')).toBe(1);
    expect(ops.filter((o) => /^\/orgs\/acme\/organization-roles\/\d+\/users$/.test(o))).toHaveLength(2);
    expect(progress.some((p) => /github\/acme: 230\/230 repositories \(\d+ requests, GraphQL cost \d+\)/.test(p))).toBe(true);
  });

  it('an organization without repositories', async () => {
    const s = await start({ orgs: [generateOrg({ repos: 0 })] });
    const snap = await snapshotOf(s);
    expect(reposOf(snap)).toEqual([]);
    expect(snap.identity.anonymous_access).toBe(false);
    expect(snap.access.wildcard_grants).toEqual([]);
  });

  it('an empty repository has no default branch: protection facts are not applicable', async () => {
    const org = generateOrg({ repos: 1 });
    org.repos[0]!.defaultBranch = null;
    const s = await start({ orgs: [org] });
    const repo = reposOf(await snapshotOf(s))[0]!;
    expect(repo.facts).toMatchObject({ default_branch: null, branch_protected: null });
    expect(repo.gaps.find((g) => g.fact === 'branch_protected')?.reason).toBe('not_applicable');
    expect(repo.gaps.find((g) => g.fact === 'review_required')?.reason).toBe('not_applicable');
  });

  it('a member deleted while paging (and a null member node) does not break collection', async () => {
    const org = generateOrg({ members: 150 });
    const s = await start({ orgs: [org], deleteMemberAfterFirstPage: 'user0003', nullMemberNodes: ['user0120'] });
    const snap = await snapshotOf(s);
    // user0003 was on page 1 (kept); deleting it shifts page 2 by one, as cursors over a live list do
    expect(snap.access.admin_names).toEqual(['user0000', 'user0001']);
    expect(snap.access.principals!.some((p) => p.name === 'user0120')).toBe(false);
    expect(snap.source.details!.members_deleted_while_reading).toBe(1);
    expect(snap.access.member_count).toBe(snap.access.principals!.length);
  });
});

describe('github collector: faults', () => {
  it('honours primary and secondary rate limits, retries 502 and timeouts, and still collects everything', async () => {
    const s = await start({
      faults: [
        { kind: 'primary', match: 'graphql', times: 1 },
        { kind: 'secondary', match: '/hooks', times: 1 },
        { kind: 'secondary-no-header', match: '/actions/', times: 1 },
        { kind: 'graphql-rate-limited', match: 'graphql', times: 1, skip: 1 },
        { kind: '502', match: 'rest', times: 2 },
        { kind: 'timeout', match: '/outside_collaborators', times: 1 },
      ],
    });
    const { collected, progress } = await collectFrom(s);
    const snap = collected.snapshot;
    expect(snap.access.admin_count).toBe(2);
    expect(snap.pipeline!.default_token_permission).toBe('read');
    expect(snap.integrations!.webhooks).toHaveLength(1);
    expect(snap.source.details).toMatchObject({ rate_limit_waits: 4, retries: 7, outside_collaborators: 0 });
    expect(progress.filter((p) => p.includes('rate limited'))).toHaveLength(4);
    // secondary limit waits retry-after (60 s, scaled down in tests)
    expect(progress).toContain('github: rate limited on GET /orgs/acme/hooks, waiting 60 s');
  });

  it('cost awareness: waits for the reset when the GraphQL budget is nearly spent, instead of being refused', async () => {
    // The budget resets 2 s after the server starts: wide enough that the first queries land before it on a loaded machine.
    const s = await start({ rateLimit: { remaining: 6, resetInMs: 2_000 } });
    const started = Date.now();
    const { collected, progress } = await collectFrom(s, {}, { tuning: { ...FAST, waitScale: 1 } });
    expect(progress.some((p) => /^github: nearly out of GraphQL points \(\d left\), waiting [1-3] s$/.test(p))).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(s.requests.every((r) => r.status === 200)).toBe(true);
    expect(collected.snapshot.access.admin_count).toBe(2);
  });

  it('a repository page that keeps failing is asked for again in smaller pages', async () => {
    const s = await start({ orgs: [generateOrg({ repos: 120 })], faults: [{ kind: '502', match: 'graphql', operation: 'AuditreadyRepos', times: 4 }] });
    const { collected, progress } = await collectFrom(s);
    expect(reposOf(collected.snapshot)).toHaveLength(120);
    expect(progress).toContain('github/acme: repository page failed (POST /graphql: HTTP 502 after 3 retries); retrying with pages of 50');
    expect(s.requests.filter((r) => r.operation === 'AuditreadyRepos' && r.status === 200)).toHaveLength(3); // 50 + 50 + 20
  });

  it('when a later repository page fails, the follow-up pages already started are waited for (no unhandled rejection)', async () => {
    const org = generateOrg({ repos: 120 });
    org.repos[0]!.collaborators = Array.from({ length: 150 }, (_, i) => ({ login: `c${i}`, permission: 'READ' }));
    const s = await start({
      orgs: [org],
      // the second page of repositories fails; the collaborators' second page of repo-00000 times out every time
      failFields: {
        'Organization.repositories': {
          type: 'SERVICE_UNAVAILABLE',
          message: 'Something went wrong while executing your query.',
          when: (o) => o._after !== null,
        },
      },
      faults: [{ kind: 'timeout', match: 'graphql', operation: 'AuditreadyRepoCollaborators', times: 99 }],
    });
    const snap = await snapshotOf(s, {}, { tuning: FAST_TIMEOUT });
    // the list could not be read: one placeholder carries why, so per-repository verdicts are unknown, not "none"
    expect(reposOf(snap).map((r) => r.name)).toEqual(['acme/(repositories not read)']);
    expect(reposOf(snap)[0]!.gaps.find((g) => g.fact === 'required_approvals')).toMatchObject({
      reason: 'error',
      detail: expect.stringContaining('SERVICE_UNAVAILABLE'),
    });
    expect(gap(snap, 'identity.anonymous_access')).toMatchObject({ reason: 'error', detail: expect.stringContaining('SERVICE_UNAVAILABLE') });
    // every attempt of the follow-up (1 + 3 retries) was made before the collection returned
    expect(s.requests.filter((r) => r.operation === null && r.path === '/graphql' && r.status === 0)).toHaveLength(4);
  });

  it('gives up after the configured retries with a clear error that does not leak the token', async () => {
    const s = await start({ faults: [{ kind: '502', match: 'graphql', times: 99 }] });
    const err = await collectFrom(s).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    // a tool error: the one-line message names the request and the status; the tool is unknown, the run goes on
    expect((err as Error).message).toBe(`POST ${s.url}/graphql: HTTP 502 after 3 retries`);
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err))).not.toContain(TOKEN);
  });

  it('a REST 2xx that is not JSON (a proxy\'s login page, a body cut short) is a collection error saying what came, not "HTTP 200"', async () => {
    for (const [kind, problem] of [
      ['html-200', /expected JSON, got text\/html; charset=utf-8 \(an HTML page: a login page or proxy in front of the API\?\)$/],
      ['cut-200', /the body is not valid JSON$/],
    ] as const) {
      const s = await start({ faults: [{ kind, match: 'rest', times: 99 }] });
      const err = (await collectFrom(s).catch((e: unknown) => e)) as Error;
      expect(err.message, kind).toMatch(new RegExp(`^GET ${s.url}/orgs/acme\\S*: `));
      expect(err.message, kind).toMatch(problem);
      expect(err.message, kind).not.toMatch(/GitHub answered HTTP 200/);
      await s.close();
    }
  });

  it('a GraphQL answer of {"data": null} without errors is a collection error, not a missing organization', async () => {
    const s = await start({
      rewriteGraphql: (_op, response) => {
        response.data = null;
        delete response.errors;
      },
    });
    const err = (await collectFrom(s).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('the GraphQL answer is not a JSON object with data or errors');
    expect(err.message).not.toMatch(/not found/i);
  });

  it('partial GraphQL responses keep their data and turn each error into a gap', async () => {
    const s = await start({
      failFields: {
        'Repository.collaborators': { type: 'FORBIDDEN', message: 'Resource not accessible by integration', when: (r) => r.name === 'repo-00002' },
        'Organization.requiresTwoFactorAuthentication': { type: 'SERVICE_UNAVAILABLE', message: 'Something went wrong while executing your query.' },
      },
    });
    const snap = await snapshotOf(s);
    const repo2 = reposOf(snap).find((r) => r.name === 'acme/repo-00002')!;
    expect(repo2.facts.admin_names).toBeNull();
    expect(repo2.gaps.find((g) => g.fact === 'admin_names')).toEqual({
      fact: 'admin_names',
      reason: 'permission_missing',
      detail: 'GitHub: Resource not accessible by integration',
      permission: 'repo (push access to the repository)',
    });
    expect(reposOf(snap).find((r) => r.name === 'acme/repo-00001')!.facts.admin_names).toEqual(['user0000']);
    // 2FA: GraphQL failed but REST /orgs/{org} still answered two_factor_requirement_enabled
    expect(snap.identity.mfa_required).toBe(true);
    expect(snap.source.details!.graphql_errors).toEqual(
      expect.arrayContaining([
        'SERVICE_UNAVAILABLE at organization.requiresTwoFactorAuthentication: Something went wrong while executing your query.',
        'FORBIDDEN at organization.repositories.nodes.2.collaborators: Resource not accessible by integration',
      ]),
    );
  });
});

describe('github collector: webhook URLs', () => {
  it('keep only scheme://host[:port]: no user info, path, query or fragment', () => {
    expect(webhookOrigin('https://u:pw@hooks.slack.com/services/T0/B0/secret?x=1#f')).toBe('https://hooks.slack.com');
    expect(webhookOrigin('https://discord.com:8443/api/webhooks/1/tok')).toBe('https://discord.com:8443');
    expect(webhookOrigin('http://bad host/secret?token=abc')).toBe('http://bad host');
    expect(webhookOrigin('not a url/secret')).toBe('(unparseable URL)');
    expect(webhookOrigin(undefined)).toBe('');
  });
});

describe('github collector: Actions workflow permissions', () => {
  it('a 200 without the expected fields is an error gap, not "cannot approve"', async () => {
    for (const body of [{ default_workflow_permissions: 'read' }, null, { can_approve_pull_request_reviews: false }]) {
      const org = generateOrg();
      org.workflow = body as never;
      const s = await start({ orgs: [org] });
      const snap = await snapshotOf(s);
      expect(snap.pipeline, JSON.stringify(body)).toEqual({ default_token_permission: null, can_approve_changes: null });
      expect(gap(snap, 'pipeline.can_approve_changes')?.reason).toBe('error');
      expect(gap(snap, 'pipeline.default_token_permission')?.reason).toBe('error');
      await s.close();
      server = undefined;
    }
  });
});

describe('github collector: member edges without a role', () => {
  it('a null role is unknown, not MEMBER: the administrators are a gap, not undercounted', async () => {
    const org = generateOrg();
    org.members[1]!.role = null; // user0001, an owner
    const s = await start({ orgs: [org] });
    const snap = await snapshotOf(s);
    expect(snap.access.member_count).toBe(12);
    expect(snap.access.admin_count).toBeNull();
    expect(snap.access.admin_names).toBeNull();
    expect(gap(snap, 'access.admin_count')).toMatchObject({ reason: 'error', detail: expect.stringContaining('user0001') });
    expect(gap(snap, 'access.admin_names')?.reason).toBe('error');
    expect(snap.access.principals).toBeNull(); // whose admin flag is unknown
  });
});

describe('github collector: ruleset pull-request rules', () => {
  it('count as review required only with at least one required approval; an unreported count is unknown', async () => {
    const org = generateOrg({ repos: 3 });
    for (const r of org.repos) {
      r.protection = null; // only the rulesets decide
      r.rules = ['PULL_REQUEST'];
    }
    org.repos[0]!.ruleApprovals = 2;
    org.repos[1]!.ruleApprovals = 0;
    org.repos[2]!.ruleApprovals = null;
    const s = await start({ orgs: [org] });
    const [two, zero, unknown] = reposOf(await snapshotOf(s));
    expect(two!.facts.review_required).toBe(true);
    expect(zero!.facts.review_required).toBe(false);
    expect(unknown!.facts.review_required).toBeNull();
    expect(unknown!.gaps.find((g) => g.fact === 'review_required')).toMatchObject({ reason: 'error', detail: expect.stringContaining('required approvals') });
    // required_approvals (AR-ACC-103) is the most any rule requires, the rulesets' included
    expect(two!.facts.required_approvals).toBe(2);
    expect(zero!.facts.required_approvals).toBe(0);
    expect(unknown!.facts.required_approvals).toBeNull();
    expect(unknown!.gaps.find((g) => g.fact === 'required_approvals')).toMatchObject({ reason: 'error' });
  });
});

describe('github collector: ruleset enforcement', () => {
  const RULES = ['DELETION', 'NON_FAST_FORWARD', 'UPDATE'];
  const BY_RULESETS = ['deletion_blocked', 'force_push_blocked', 'push_restricted'] as const;
  /** Four repositories without classic protection: rules of an active, an evaluating, a disabled ruleset, and a mix. */
  function rulesetOrg() {
    const org = generateOrg({ repos: 4 });
    const ruleset = (name: string, enforcement: 'ACTIVE' | 'EVALUATE' | 'DISABLED') => ({ name, bypass: [], enforcement });
    const modes = [ruleset('guard', 'ACTIVE'), ruleset('trial', 'EVALUATE'), ruleset('off', 'DISABLED')];
    org.repos.forEach((r, i) => {
      r.protection = null;
      r.rules =
        i < 3
          ? RULES.map((type) => ({ type, ruleset: modes[i]! }))
          : [{ type: 'DELETION', ruleset: modes[0]! }, ...RULES.slice(1).map((type) => ({ type, ruleset: modes[1]! }))];
    });
    return org;
  }
  const byRulesets = (facts: Record<string, unknown>) => Object.fromEntries(BY_RULESETS.map((k) => [k, facts[k]]));

  it('only rules of rulesets that enforce protect: evaluate mode and disabled rulesets give nothing', async () => {
    const s = await start({ orgs: [rulesetOrg()] });
    const [active, evaluate, disabled, mixed] = reposOf(await snapshotOf(s));
    expect(byRulesets(active!.facts)).toEqual({ deletion_blocked: true, force_push_blocked: true, push_restricted: true });
    expect(active!.facts).toMatchObject({ ruleset_rules: RULES, unenforced_rulesets: [] });
    expect(byRulesets(evaluate!.facts)).toEqual({ deletion_blocked: false, force_push_blocked: false, push_restricted: false });
    expect(evaluate!.facts).toMatchObject({ ruleset_rules: [], unenforced_rulesets: ['trial: EVALUATE'] });
    expect(byRulesets(disabled!.facts)).toEqual({ deletion_blocked: false, force_push_blocked: false, push_restricted: false });
    expect(byRulesets(mixed!.facts)).toEqual({ deletion_blocked: true, force_push_blocked: false, push_restricted: false });
    expect(mixed!.facts).toMatchObject({ ruleset_rules: ['DELETION'], unenforced_rulesets: ['trial: EVALUATE'] });
  });

  it('rulesets whose enforcement could not be read leave what they give unknown, never a protection', async () => {
    const s = await start({
      orgs: [rulesetOrg()],
      rewriteGraphql: (operation, response) => {
        if (operation !== 'AuditreadyRulesets') return;
        response.data = { rateLimit: (response.data as { rateLimit: unknown }).rateLimit, nodes: null };
        response.errors = [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration', path: ['nodes'] }];
      },
    });
    for (const repo of reposOf(await snapshotOf(s))) {
      for (const fact of BY_RULESETS) {
        expect(repo.facts[fact], `${repo.name} ${fact}`).toBeNull();
        expect(repo.gaps.find((g) => g.fact === fact)?.detail).toMatch(/whether its rulesets are enforced: .*Resource not accessible by integration/);
      }
    }
  });
});

describe('github collector: classic branch protection', () => {
  it('a required pull request with 0 approvals is not review required', async () => {
    const org = generateOrg({ repos: 2 });
    for (const r of org.repos) {
      r.rules = [];
      r.protection = {
        isAdminEnforced: true,
        requiresApprovingReviews: true,
        requiredApprovingReviewCount: 1,
        allowsForcePushes: false,
        allowsDeletions: false,
      };
    }
    org.repos[1]!.protection = { ...org.repos[1]!.protection!, requiredApprovingReviewCount: 0 };
    const s = await start({ orgs: [org] });
    const [one, zero] = reposOf(await snapshotOf(s));
    expect(one!.facts.review_required).toBe(true);
    expect(zero!.facts.review_required).toBe(false);
  });
});

describe('github collector: deploy keys returned as null', () => {
  it('without an error, a null deployKeys is an error gap, not "no write keys"', async () => {
    const s = await start({
      orgs: [generateOrg({ repos: 2 })],
      rewriteGraphql: (op, res) => {
        if (op !== 'AuditreadyRepos') return;
        const nodes = (res.data as { organization: { repositories: { nodes: { deployKeys: unknown }[] } } }).organization.repositories.nodes;
        nodes[1]!.deployKeys = null;
      },
    });
    const snap = await snapshotOf(s);
    expect(reposOf(snap)[0]!.facts.write_deploy_keys).toEqual([]);
    const repo = reposOf(snap)[1]!;
    expect(repo.facts.write_deploy_keys).toBeNull();
    expect(repo.gaps.find((g) => g.fact === 'write_deploy_keys')).toMatchObject({ reason: 'error', detail: expect.stringContaining('acme/repo-00001') });
  });
});

describe('github collector: repositories GitHub returns as null', () => {
  it('a repository node nulled by an error stays in the model with every fact unknown', async () => {
    const s = await start({
      failFields: {
        'Repository.nameWithOwner': {
          type: 'SERVICE_UNAVAILABLE',
          message: 'Something went wrong while executing your query.',
          when: (r) => r.name === 'repo-00002',
        },
      },
    });
    const snap = await snapshotOf(s);
    expect(reposOf(snap)).toHaveLength(5);
    const lost = reposOf(snap).find((r) => r.name === 'acme/unreadable-repository-3')!;
    expect(lost).toBeDefined();
    for (const f of ['archived', 'visibility', 'review_required', 'force_push_blocked', 'branch_protected', 'admin_names', 'write_deploy_keys']) {
      expect(lost.facts[f], f).toBeNull();
      expect(
        lost.gaps.find((g) => g.fact === f),
        f,
      ).toMatchObject({ reason: 'error', detail: expect.stringContaining('SERVICE_UNAVAILABLE') });
    }
    // its visibility is unknown, so whether anyone can read anonymously is unknown too
    expect(snap.identity.anonymous_access).toBeNull();
    expect(gap(snap, 'identity.anonymous_access')?.reason).toBe('error');
    expect(snap.access.wildcard_grants).toBeNull();
  });
});

describe('github collector: the token never leaves the Authorization header', () => {
  it('is absent from the snapshot, the raw capture, progress lines and every error, even with faults', async () => {
    // webhook URLs carry secrets too: in the query (?token=abc) or the path (Slack, Discord)
    const org = generateOrg();
    org.hooks.push(
      { id: 2, active: true, url: 'http://chat.acme.example/hook?token=abc', insecure_ssl: '0', secret: false },
      { id: 3, active: true, url: 'https://hooks.slack.example:8443/services/T0/B0/SlackPathSecret42', insecure_ssl: '0', secret: false },
    );
    const s = await start({
      orgs: [org],
      enterprise: generateEnterprise('acme'),
      faults: [
        { kind: 'secondary', match: 'graphql', times: 1 },
        { kind: '502', match: 'rest', times: 1 },
      ],
    });
    const { collected, progress } = await collectFrom(s, { options: { org: 'acme', enterprise: 'acme-corp' } });
    const everything = [JSON.stringify(collected.snapshot), ...collected.raw.map((r) => Buffer.from(r.bytes).toString('utf8')), ...progress].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(TOKEN.slice(4)); // nor its body without the ghp_ prefix
    expect(everything).not.toMatch(/(?<![A-Za-z0-9])abc(?![A-Za-z0-9])/); // the webhook's ?token=abc (not hex inside a hash)
    expect(everything).not.toContain('token=');
    expect(everything).not.toContain('SlackPathSecret42');
    expect(everything).not.toContain('/services/');
    expect(collected.snapshot.integrations!.webhooks!.map((h) => h.url)).toEqual([
      'https://ci.acme.example',
      'http://chat.acme.example',
      'https://hooks.slack.example:8443',
    ]);
    // the raw capture keeps only what was read from each hook
    const raw = JSON.parse(Buffer.from(collected.raw[0]!.bytes).toString('utf8')) as { hooks: { value: unknown[] } };
    expect(raw.hooks.value[2]).toEqual({ id: 3, active: true, url: 'https://hooks.slack.example:8443', insecure_ssl: '0', secret_set: false });
    const failing = await startFakeGithub({
      orgs: [generateOrg()],
      token: TOKEN,
      scopes: ALL_SCOPES,
      owner: true,
      faults: [{ kind: 'timeout', match: 'graphql', times: 99 }],
    });
    try {
      const e = (await collectFrom(failing, {}, { tuning: FAST_TIMEOUT }).catch((x: unknown) => x)) as Error;
      const text = [e.message, e.stack, String((e as { cause?: unknown }).cause), JSON.stringify(e, Object.getOwnPropertyNames(e))].join('\n');
      expect(e.message).toBe(`POST ${failing.url}/graphql: timed out after 300 ms`);
      expect(text).not.toContain(TOKEN);
    } finally {
      await failing.close();
    }
  });
});

describe('github collector: configuration and credentials', () => {
  const inputError = async (target: Record<string, unknown>, env?: Record<string, string | undefined>) => {
    const s = server ?? (await start());
    const e = await collectFrom(s, target, env ? { env } : {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message.replace(/^.*auditready\.yaml/, 'auditready.yaml');
  };
  /** The one-line error of a tool whose input could not be read (the tool is unknown; exit 1). */
  const toolError = async (target: Record<string, unknown>, env?: Record<string, string | undefined>) => {
    const s = server ?? (await start());
    const e = (await collectFrom(s, target, env ? { env } : {}).catch((x: unknown) => x)) as { collectionError?: { message: string; status?: number } };
    expect(e.collectionError).toBeDefined();
    return e.collectionError!;
  };

  it('rejects bad options at the config line, from the options schema (config load: exit 2 before anything is collected)', async () => {
    expect(await inputError({ options: {} })).toMatch(
      /^auditready\.yaml:3:\d+: github target acme: options\.org \(one organization\) or options\.enterprise \(every organization of the enterprise\) is required$/,
    );
    expect(await inputError({ options: { org: 'acme', colour: 1 } })).toMatch(
      /^auditready\.yaml:3:\d+: github target acme: invalid options: unexpected property "colour" \(known options: org, /,
    );
    expect(await inputError({ options: { org: 'acme', enterprise: 'a b' } })).toMatch(
      /invalid options: enterprise: must match pattern .* \(the enterprise slug, /,
    );
    expect(await inputError({ options: { org: 'acme', retries: 99 } })).toMatch(/invalid options: retries: must be <= 10 \(retries for 5xx/);
    expect(await inputError({ endpoint: 'https://github.com' })).toMatch(/endpoint is the API, https:\/\/api\.github\.com/);
    expect(await inputError({ endpoint: 'http://api.example.com' })).toMatch(/endpoint must be https \(plain http only on the loopback interface\)$/);
    expect(await inputError({ token_env: undefined })).toMatch(
      /token_env must name the environment variable that holds the token \(or use options.app: GitHub App authentication\)$/,
    );
    expect(await inputError({}, {})).toMatch(/environment variable AR_TEST_GH_TOKEN is not set or empty$/);
  });

  it('an unknown organization or a rejected token is a tool error (that tool unknown, exit 1); the token never appears', async () => {
    expect((await toolError({ options: { org: 'nope' } })).message).toMatch(
      /graphql: organization nope was not found or is not visible to the token \(Could not resolve to an Organization with the login of 'nope'\.\)$/,
    );
    const bad = 'ghp_' + 'WrongWrongWrongWrongWrongWrong0123';
    const e = await toolError({}, { AR_TEST_GH_TOKEN: bad });
    expect(e.message).toMatch(/the token in \$AR_TEST_GH_TOKEN was rejected \(HTTP 401 Bad credentials\); expected a valid token in \$AR_TEST_GH_TOKEN$/);
    expect(e.status).toBe(401);
    expect(e.message).not.toContain(bad);
  });

  it('GHES: https://HOST/api/v3 for REST and https://HOST/api/graphql for GraphQL', async () => {
    const s = await start();
    const snap = await snapshotOf({ url: `${s.url}/api/v3` }, {});
    expect(snap.source.details).toMatchObject({ api_url: `${s.url}/api/v3`, graphql_url: `${s.url}/api/graphql` });
    expect(new Set(s.requests.map((r) => (r.path.split('/')[1] === 'api' ? r.path : 'rest')))).toEqual(new Set(['/api/graphql', 'rest']));
    expect(snap.access.admin_count).toBe(2);
  });
});

describe('github collector: who authenticates (Enterprise Managed Users, GHES through an IdP)', () => {
  it("Enterprise Managed Users: MFA is the IdP's, unknown with that reason; the setup user is the one local account", async () => {
    const org = generateOrg({ managedUsers: true });
    const s = await start({ orgs: [org], enterprise: generateEnterprise('acme', true, true) });
    const snap = await snapshotOf(s, { options: { org: 'acme', enterprise: 'acme-corp', deployment: 'cloud' } });
    expect(snap.identity).toMatchObject({ sso_provider: 'entra-id', sso_enforced: true, mfa_required: null, local_accounts: ['acme_admin'] });
    expect(gap(snap, 'identity.mfa_required')).toMatchObject({
      reason: 'not_collected',
      detail: expect.stringMatching(
        /^Enterprise Managed Users: GitHub's 2FA requirement does not apply; MFA is enforced by the identity provider \(entra-id\)/,
      ),
    });
    expect(snap.source.details!.authentication).toEqual({ value: 'emu', basis: expect.stringContaining('OIDC') });
    expect(snap.resources!.at(-1)!.gaps[0]).toMatchObject({ fact: 'secure_2fa_methods_required', reason: 'not_applicable' });
  });

  it('Enterprise Managed Users without options.enterprise are recognized by their _shortcode logins', async () => {
    const s = await start({ orgs: [generateOrg({ managedUsers: true })] });
    const snap = await snapshotOf(s, { options: { org: 'acme', deployment: 'cloud' } });
    expect(snap.identity.mfa_required).toBeNull();
    expect(gap(snap, 'identity.sso_provider')).toMatchObject({ reason: 'not_collected', permission: 'read:enterprise' });
    expect(snap.source.details!.authentication).toEqual({ value: 'emu', basis: expect.stringContaining('_shortcode') });
  });

  it("GHES: without options.authentication an organization without 2FA is unknown; saml makes MFA the IdP's, github makes it a fail", async () => {
    const org = generateOrg({ compliant: false });
    const s = await start({ orgs: [org] });
    const unknownMode = await snapshotOf(s, { options: { org: 'acme', deployment: 'server' } });
    expect(unknownMode.identity.mfa_required).toBeNull();
    expect(gap(unknownMode, 'identity.mfa_required')?.detail).toContain('set options.authentication');
    const saml = await snapshotOf(s, { options: { org: 'acme', deployment: 'server', authentication: 'saml' } });
    expect(gap(saml, 'identity.mfa_required')?.detail).toMatch(/^GitHub Enterprise Server signing in through SAML: GitHub's 2FA requirement does not apply/);
    const builtin = await snapshotOf(s, { options: { org: 'acme', deployment: 'server', authentication: 'github' } });
    expect(builtin.identity.mfa_required).toBe(false);
  });
});

describe('github collector: audit-log streams delivering to a store target', () => {
  it('options.stream_stores maps a stream (by id or type) to its store; a key naming no stream is reported', async () => {
    const s = await start({ enterprise: generateEnterprise('acme') });
    const snap = await snapshotOf(s, { options: { org: 'acme', enterprise: 'acme-corp', stream_stores: { '7': 'splunk/siem', Datadog: 'datadog/x' } } });
    expect(snap.audit_log.destinations).toEqual([
      { name: 'Splunk stream 7', type: 'splunk', central: true, endpoint: 'http-inputs-acme.splunkcloud.com', store: 'splunk/siem' },
    ]);
    expect(snap.source.details!.stream_stores_unmatched).toBe('options.stream_stores names no stream GitHub listed: Datadog');
  });

  it('a store that is not a type/name id is a config error', async () => {
    const s = await start();
    const e = await collectFrom(s, { options: { org: 'acme', stream_stores: { '7': 'splunk' } } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(/invalid options: stream_stores/);
  });
});

describe('github collector: review bypass and the SDL-only 2FA methods field, with faults', () => {
  it('ruleset bypass actors the token may not read leave review_bypass_actors unknown, naming the permission', async () => {
    const s = await start({
      failFields: { 'RepositoryRuleset.bypassActors': { type: 'FORBIDDEN', message: 'Resource not accessible by integration' } },
    });
    const repo = reposOf(await snapshotOf(s))[0]!;
    expect(repo.facts.review_bypass_actors).toBeNull();
    expect(repo.gaps.find((g) => g.fact === 'review_bypass_actors')).toMatchObject({
      reason: 'permission_missing',
      permission: 'repository admin (ruleset bypass actors)',
      detail: 'ruleset default-branch: GitHub: Resource not accessible by integration',
    });
    // the other review facts do not depend on who bypasses
    expect(repo.facts).toMatchObject({ review_required: true, last_push_approval_required: true });
  });

  it('a GitHub that does not know twoFactorDisallowedMethodsSetting costs only that fact', async () => {
    const s = await start({
      enterprise: generateEnterprise('acme'),
      rewriteGraphql: (op, res) => {
        if (op !== 'AuditreadyEnterprise2faMethods') return;
        delete res.data;
        res.errors = [{ message: "Field 'twoFactorDisallowedMethodsSetting' doesn't exist on type 'EnterpriseOwnerInfo'" }];
      },
    });
    const snap = await snapshotOf(s, { options: { org: 'acme', enterprise: 'acme-corp', deployment: 'cloud' } });
    expect(snap.identity).toMatchObject({ sso_provider: 'entra-id', mfa_required: true });
    expect(snap.resources!.at(-1)!.gaps[0]).toMatchObject({
      fact: 'secure_2fa_methods_required',
      reason: 'error',
      detail: expect.stringContaining("twoFactorDisallowedMethodsSetting' doesn't exist"),
    });
  });

  it('an error on the 2FA methods field is a gap of that fact', async () => {
    const s = await start({
      enterprise: generateEnterprise('acme'),
      failFields: { 'EnterpriseOwnerInfo.twoFactorDisallowedMethodsSetting': { type: 'FORBIDDEN', message: 'Must be an enterprise owner' } },
    });
    const snap = await snapshotOf(s, { options: { org: 'acme', enterprise: 'acme-corp' } });
    expect(snap.resources!.at(-1)!.gaps[0]).toMatchObject({ reason: 'permission_missing', permission: 'read:enterprise' });
  });
});
