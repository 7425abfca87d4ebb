/** A small RawGithub (what fetch.ts returns) for the normalizer's unit tests: a compliant organization, edited per test. */
import { missing, ok } from '../../../../src/collectors/kit/result.js';
import type { GithubSettings } from '../../../../src/collectors/github/options.js';
import type { RawGithub, RawProtection, RawPullRequestRule, RawRepo } from '../../../../src/collectors/github/raw.js';

export const CLOUD: GithubSettings = {
  org: 'acme',
  enterprise: undefined,
  apiUrl: 'https://api.github.com',
  graphqlUrl: 'https://api.github.com/graphql',
  cloud: true,
  token: 'x',
  tokenEnv: 'GITHUB_TOKEN',
  app: undefined,
  tuning: { concurrency: 1, timeoutMs: 1, retries: 0, backoffMs: 1, maxWaitMs: 1, defaultRateLimitWaitMs: 1, waitScale: 1, maxResponseBytes: 1 },
  authentication: undefined,
  streamStores: {},
};
export const SERVER: GithubSettings = { ...CLOUD, apiUrl: 'https://ghe.acme.example/api/v3', cloud: false };

export function protection(over: Partial<RawProtection> = {}): RawProtection {
  return {
    isAdminEnforced: true,
    requiresApprovingReviews: true,
    requiredApprovingReviewCount: 2,
    requireLastPushApproval: false,
    dismissesStaleReviews: false,
    allowsForcePushes: false,
    allowsDeletions: false,
    restrictsReviewDismissals: true,
    restrictsPushes: true,
    requiresCodeOwnerReviews: true,
    bypassAllowances: ok([]),
    ...over,
  };
}

/** A PULL_REQUEST ruleset rule of ruleset `ruleset` requiring `approvals`. */
export const prRule = (approvals: number | null, ruleset = 'RS1', over: Partial<RawPullRequestRule> = {}): RawPullRequestRule => ({
  ruleset,
  approvals,
  dismissStale: false,
  lastPush: false,
  codeOwner: false,
  ...over,
});

/**
 * A repository; unless given, ruleOrigins says each rule type of rulesetRules comes from ruleset
 * RS1 (PULL_REQUEST: from the pull-request rules' rulesets).
 */
export function repo(over: Partial<RawRepo> = {}): RawRepo {
  const r = {
    id: 'R1',
    nameWithOwner: 'acme/app',
    isArchived: false,
    isDisabled: false,
    visibility: 'PRIVATE',
    viewerPermission: 'ADMIN',
    defaultBranch: 'main',
    protection: ok(protection()),
    rulesetRules: ok([]),
    rulesetIds: [],
    ruleOrigins: [],
    pullRequestRules: [],
    collaborators: ok([
      { login: 'alice', permission: 'ADMIN' },
      { login: 'bob', permission: 'WRITE' },
    ]),
    deployKeys: ok([{ title: 'ci', readOnly: true }]),
    hooks: ok([{ id: 3, active: true, url: 'https://ci.acme.example', insecure_ssl: '0', secret_set: true }]),
    workflow: ok({ default_workflow_permissions: 'read', can_approve_pull_request_reviews: false }),
    ...over,
  };
  if (over.ruleOrigins || !r.rulesetRules.ok) return r;
  const prRulesets = r.pullRequestRules.length > 0 ? r.pullRequestRules.map((p) => p.ruleset) : ['RS1'];
  const origins = r.rulesetRules.value.flatMap((type) =>
    type === 'PULL_REQUEST' ? prRulesets.map((ruleset) => ({ type, ruleset })) : [{ type, ruleset: 'RS1' }],
  );
  return { ...r, ruleOrigins: origins };
}

export function rawGithub(over: Partial<RawGithub> = {}): RawGithub {
  return {
    org: {
      login: 'acme',
      viewer: 'auditor',
      viewerCanAdminister: true,
      requiresTwoFactorAuthentication: ok(true),
      ipAllowListEnabledSetting: ok('ENABLED'),
      samlIdentityProvider: ok({ ssoUrl: 'https://acme.okta.com/app/github/sso/saml', issuer: 'http://www.okta.com/exk1', linkedIdentities: 2 }),
      notificationRestriction: ok('ENABLED'),
      verifiedDomains: ok(['acme.example']),
    },
    members: ok([
      { login: 'alice', role: 'ADMIN' },
      { login: 'bob', role: 'MEMBER' },
    ]),
    membersSkipped: 0,
    repos: ok([repo()]),
    rulesets: ok([]),
    outsideCollaborators: ok([]),
    orgSettings: ok({ two_factor_requirement_enabled: true, default_repository_permission: 'read' }),
    workflow: ok({ default_workflow_permissions: 'read', can_approve_pull_request_reviews: false }),
    hooks: ok([]),
    runnerGroups: ok([{ name: 'Default', visibility: 'selected', allows_public_repositories: false, runners: null }]),
    installations: ok([{ app_slug: 'renovate', permissions: { contents: 'write', pull_requests: 'write' } }]),
    orgRoles: ok([]),
    auditLogApi: ok(true),
    enterprise: undefined,
    streams: undefined,
    graphqlErrors: [],
    cost: 1,
    stats: { requests: 1, retries: 0, rateLimitWaits: 0, scopes: null, scopesSeen: true },
    ...over,
  };
}

export const forbidden = (permission: string) => missing('permission_missing', 'GitHub: forbidden', permission);

export function enterprise(over: Partial<Extract<NonNullable<RawGithub['enterprise']>, { ok: true }>['value']> = {}): RawGithub['enterprise'] {
  return ok({
    twoFactorRequiredSetting: 'ENABLED',
    samlIdentityProvider: { ssoUrl: 'https://login.microsoftonline.com/t/saml2', issuer: 'https://sts.windows.net/t/' },
    oidcProvider: null,
    owners: ok(['ent-owner']),
    orgSsoState: ok('ENFORCED'),
    ipAllowListEnabledSetting: 'DISABLED',
    twoFactorDisallowedMethods: ok('INSECURE'),
    ...over,
  });
}
