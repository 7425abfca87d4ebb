/**
 * Pure mapping from what was read (RawGithub) to the normalized model. Every fact is a value
 * or null plus a gap; nothing unread is guessed.
 */
import type { Facts, Gap, GapReason, IntegrationFacts, PipelineFacts, Principal, Resource, ResourceFactValue, Webhook } from '../../model/types.js';
import type { Missing, Outcome, RawGithub, RawHook, RawRepo } from './fetch.js';
import type { GithubSettings } from './options.js';
import { providerName } from '../kit/identity.js';

export interface NormalizedGithub extends Facts {
  pipeline: PipelineFacts;
  integrations: IntegrationFacts;
  resources: Resource[];
  gaps: Gap[];
}

const SAAS_CLOCK = 'SaaS; GitHub operates the clocks';

export function normalizeGithub(raw: RawGithub, settings: GithubSettings): NormalizedGithub {
  const gaps: Gap[] = [];
  /** Value of a fact, or null plus a gap. */
  const fact = <T>(path: string, reason: GapReason, detail: string, permission?: string): T | null => {
    gaps.push({ fact: path, reason, detail, ...(permission ? { permission } : {}) });
    return null;
  };
  const fromOutcome = <T, R>(path: string, o: Outcome<T>, f: (v: T) => R): R | null => (o.ok ? f(o.value) : fact<R>(path, o.reason, o.detail, o.permission));

  const ent = raw.enterprise?.ok ? raw.enterprise.value : undefined;
  const entMissing = raw.enterprise && !raw.enterprise.ok ? raw.enterprise : undefined;

  // --- identity -----------------------------------------------------------------------
  const entProvider = ent
    ? ((ent.oidcProvider ? (ent.oidcProvider.providerType === 'AAD' ? 'entra-id' : ent.oidcProvider.providerType.toLowerCase()) : null) ??
      providerName(ent.samlIdentityProvider?.ssoUrl ?? ent.samlIdentityProvider?.issuer))
    : null;
  const orgSaml = raw.org.samlIdentityProvider;
  let sso_provider: string | null;
  let sso_enforced: boolean | null;
  if (entProvider) {
    sso_provider = entProvider;
  } else if (orgSaml.ok && orgSaml.value) {
    sso_provider = providerName(orgSaml.value.ssoUrl ?? orgSaml.value.issuer);
  } else if (orgSaml.ok && raw.org.viewerCanAdminister && !entMissing) {
    sso_provider = fact(
      'identity.sso_provider',
      'not_applicable',
      `no SAML identity provider is configured on the organization${settings.enterprise ? ' or its enterprise' : ''}`,
    );
  } else if (!orgSaml.ok) {
    sso_provider = fact('identity.sso_provider', orgSaml.reason, orgSaml.detail, orgSaml.permission);
  } else if (entMissing) {
    sso_provider = fact('identity.sso_provider', entMissing.reason, `enterprise identity provider: ${entMissing.detail}`, entMissing.permission);
  } else {
    // GitHub hides samlIdentityProvider (returns null) from non-owners: null is not "none".
    sso_provider = fact(
      'identity.sso_provider',
      'permission_missing',
      'samlIdentityProvider is visible to organization owners only',
      'read:org (organization owner)',
    );
  }

  if (ent?.oidcProvider) {
    sso_enforced = true; // Enterprise Managed Users with OIDC: every account is provisioned by the IdP
  } else if (ent && !ent.orgSsoState.ok) {
    sso_enforced = fact('identity.sso_enforced', ent.orgSsoState.reason, ent.orgSsoState.detail, ent.orgSsoState.permission);
  } else if (ent?.orgSsoState.ok && ent.orgSsoState.value !== null) {
    sso_enforced = ent.orgSsoState.value === 'ENFORCED';
  } else if (ent?.samlIdentityProvider) {
    sso_enforced = true; // SAML configured on the enterprise applies to, and is enforced for, every organization in it
  } else if (sso_provider === null && gaps.some((g) => g.fact === 'identity.sso_provider' && g.reason === 'not_applicable')) {
    sso_enforced = false; // nothing to enforce with
  } else if (sso_provider === null) {
    const g = gaps.find((x) => x.fact === 'identity.sso_provider')!;
    sso_enforced = fact('identity.sso_enforced', g.reason, g.detail, g.permission);
  } else {
    const linked = orgSaml.ok && orgSaml.value ? orgSaml.value.linkedIdentities : 0;
    const members = raw.members.ok ? raw.members.value.length : undefined;
    sso_enforced = fact(
      'identity.sso_enforced',
      'not_supported',
      `GitHub's API has no flag for organization SAML enforcement (${linked} linked identities${members !== undefined ? ` for ${members} members` : ''}); set options.enterprise to read the enterprise's per-organization SSO state`,
    );
  }

  const twoFa = raw.org.requiresTwoFactorAuthentication;
  const entTwoFa = ent?.twoFactorRequiredSetting;
  const restTwoFa = raw.orgSettings.ok ? raw.orgSettings.value.two_factor_requirement_enabled : undefined;
  let mfa_required: boolean | null;
  if (entTwoFa === 'ENABLED' || (twoFa.ok && twoFa.value === true) || restTwoFa === true) {
    mfa_required = true;
  } else if ((twoFa.ok && twoFa.value === false) || restTwoFa === false) {
    mfa_required = entMissing
      ? fact(
          'identity.mfa_required',
          entMissing.reason,
          `organization does not require 2FA; enterprise policy unknown: ${entMissing.detail}`,
          entMissing.permission,
        )
      : false;
  } else if (!twoFa.ok) {
    mfa_required = fact('identity.mfa_required', twoFa.reason, twoFa.detail, twoFa.permission);
  } else {
    mfa_required = fact(
      'identity.mfa_required',
      'permission_missing',
      'requiresTwoFactorAuthentication is visible to organization owners only',
      'read:org (organization owner)',
    );
  }

  // Who signs in without the second factor. With 2FA required (organization or enterprise), GitHub
  // removes members and outside collaborators who do not use it, so nobody is exempt; without the
  // requirement, who lacks 2FA needs the filter=2fa_disabled member lists, which are not read.
  const mfa_exempt: string[] | null =
    mfa_required === true
      ? []
      : mfa_required === false
        ? fact<string[]>(
            'identity.mfa_exempt',
            'not_collected',
            'the organization does not require 2FA; members and outside collaborators without it (filter=2fa_disabled) are not read',
          )
        : fact<string[]>('identity.mfa_exempt', 'not_collected', 'depends on the 2FA requirement, which could not be read (see identity.mfa_required)');

  const local_accounts = fact<string[]>(
    'identity.local_accounts',
    'not_supported',
    'GitHub does not expose which accounts can sign in without the identity provider (recovery codes, owners outside SSO)',
  );
  // Repositories GitHub returned as null: their visibility is unknown.
  const unreadableRepo = raw.repos.ok ? raw.repos.value.find((r) => r.unreadable) : undefined;
  const unreadableRepoGap = <T>(path: string): T | null => {
    const u = unreadableRepo!.unreadable!;
    return fact<T>(path, u.reason, `visibility of a repository is unknown: ${u.detail}`, u.permission);
  };
  const anonymous_access = !raw.repos.ok
    ? fact<boolean>('identity.anonymous_access', raw.repos.reason, raw.repos.detail, raw.repos.permission)
    : raw.repos.value.some((r) => r.visibility === 'PUBLIC' && !r.isDisabled)
      ? true
      : unreadableRepo
        ? unreadableRepoGap<boolean>('identity.anonymous_access')
        : false;

  // --- access ---------------------------------------------------------------------------
  // Administrators: organization owners, plus the enterprise's owners when an enterprise is
  // configured (they administer every organization in it). If either list is unreadable, the
  // count is unknown rather than too low.
  const entOwners: Outcome<string[]> | undefined = raw.enterprise === undefined ? undefined : raw.enterprise.ok ? raw.enterprise.value.owners : raw.enterprise;
  const orgOwners = raw.members.ok ? raw.members.value.filter((m) => m.role === 'ADMIN').map((m) => m.login) : null;
  const noRole = raw.members.ok
    ? raw.members.value
        .filter((m) => m.role === null)
        .map((m) => m.login)
        .sort()
    : [];
  const rolesMissing: Missing | undefined = noRole.length
    ? {
        ok: false,
        reason: 'error',
        detail: `GitHub returned no organization role for ${noRole.length} member(s) (${noRole.slice(0, 10).join(', ')}${noRole.length > 10 ? ', ...' : ''}): who is an owner is unknown`,
      }
    : undefined;
  const adminsMissing = !raw.members.ok ? raw.members : (rolesMissing ?? (entOwners && !entOwners.ok ? entOwners : undefined));
  const admins = orgOwners && !adminsMissing ? [...new Set([...orgOwners, ...(entOwners?.ok ? entOwners.value : [])])].sort() : null;
  const entOwnerSet = new Set(entOwners?.ok ? entOwners.value : []);
  const memberSet = new Set(raw.members.ok ? raw.members.value.map((m) => m.login) : []);
  const principals: Principal[] | null = rolesMissing
    ? fact('access.principals', rolesMissing.reason, rolesMissing.detail)
    : raw.members.ok
      ? [
          ...raw.members.value.map((m) => ({
            name: m.login,
            kind: 'user' as const,
            roles: [m.role === 'ADMIN' ? 'owner' : 'member', ...(entOwnerSet.has(m.login) ? ['enterprise_owner'] : [])],
            admin: m.role === 'ADMIN' || entOwnerSet.has(m.login),
          })),
          ...[...entOwnerSet]
            .filter((l) => !memberSet.has(l))
            .sort()
            .map((login) => ({ name: login, kind: 'user' as const, roles: ['enterprise_owner'], admin: true })),
          ...(raw.outsideCollaborators.ok
            ? raw.outsideCollaborators.value.map((login) => ({ name: login, kind: 'user' as const, roles: ['outside_collaborator'], admin: false }))
            : []),
        ]
      : fact('access.principals', raw.members.reason, raw.members.detail, raw.members.permission);
  const adminDetail =
    adminsMissing && raw.members.ok && !rolesMissing ? `enterprise owners could not be read: ${adminsMissing.ok ? '' : adminsMissing.detail}` : undefined;
  const admin_count =
    admins !== null
      ? admins.length
      : adminsMissing && !adminsMissing.ok
        ? fact<number>('access.admin_count', adminsMissing.reason, adminDetail ?? adminsMissing.detail, adminsMissing.permission)
        : null;
  const admin_names =
    admins !== null
      ? admins
      : adminsMissing && !adminsMissing.ok
        ? fact<string[]>('access.admin_names', adminsMissing.reason, adminDetail ?? adminsMissing.detail, adminsMissing.permission)
        : null;
  const member_count = raw.members.ok
    ? raw.members.value.length
    : fact<number>('access.member_count', raw.members.reason, raw.members.detail, raw.members.permission);
  const perm = raw.orgSettings.ok ? raw.orgSettings.value.default_repository_permission : undefined;
  const default_permission =
    perm === 'none' || perm === 'read' || perm === 'write' || perm === 'admin'
      ? perm
      : raw.orgSettings.ok
        ? fact<'none'>(
            'access.default_permission',
            'permission_missing',
            `GET /orgs/${settings.org} has no default_repository_permission: it is shown to organization owners only`,
            'admin:org (organization owner)',
          )
        : fact<'none'>('access.default_permission', raw.orgSettings.reason, raw.orgSettings.detail, raw.orgSettings.permission);
  // Grants to everyone: public repositories can be read without signing in.
  const wildcard_grants = unreadableRepo
    ? unreadableRepoGap<{ principal: string; permission: string; scope: string }[]>('access.wildcard_grants')
    : fromOutcome('access.wildcard_grants', raw.repos, (repos) =>
        repos
          .filter((r) => r.visibility === 'PUBLIC' && !r.isDisabled)
          .map((r) => ({ principal: 'anonymous', permission: 'read', scope: `repository:${r.nameWithOwner}` })),
      );

  // --- audit log --------------------------------------------------------------------------
  const streams = raw.streams;
  const destinations =
    streams === undefined
      ? fact<[]>(
          'audit_log.destinations',
          'not_collected',
          'audit-log streaming is configured on the enterprise; set options.enterprise (needs admin:enterprise)',
          'admin:enterprise',
        )
      : streams.ok
        ? streams.value
            .filter((s) => s.enabled && !s.paused_at)
            .map((s) => ({ name: `${s.stream_type} stream ${s.id}`, type: streamType(s.stream_type), central: true }))
        : fact<[]>('audit_log.destinations', streams.reason, streams.detail, streams.permission);
  const audit_log: Facts['audit_log'] = {
    enabled: true, // GitHub always records organization audit events; only access to them varies by plan
    level: fact('audit_log.level', 'not_supported', 'GitHub has no audit level setting'),
    event_classes: fact(
      'audit_log.event_classes',
      'not_supported',
      'GitHub records a fixed set of audit events; which ones (e.g. API requests) depends on enterprise settings the API does not expose',
    ),
    event_levels: fact('audit_log.event_levels', 'not_supported', 'GitHub records a fixed set of audit events with no per-class recording level'),
    fields: {
      actor: true,
      action: true,
      time: true,
      target: true, // every event names the organization, repository, team or user it acted on (org, repo, user fields)
      source_ip: fact(
        'audit_log.fields.source_ip',
        'not_collected',
        'actor_ip is recorded only when the enterprise shows IP addresses in audit logs; that setting is not in the API',
      ),
      result: fact('audit_log.fields.result', 'not_supported', 'GitHub audit events carry no success/failure field'),
    },
    destinations,
    retention_days: settings.cloud
      ? 180
      : fact(
          'audit_log.retention_days',
          'not_collected',
          'GitHub Enterprise Server keeps audit events until the appliance settings say otherwise; read them on the appliance',
        ),
    retention_online_days: settings.cloud
      ? 180
      : fact('audit_log.retention_online_days', 'not_collected', 'GitHub Enterprise Server audit retention is an appliance setting'),
    backup: fact('audit_log.backup', 'not_collected', 'backups are a property of the streaming destination, not of GitHub'),
    immutable: fact('audit_log.immutable', 'not_collected', 'GitHub does not document the audit log as tamper-proof; check the streaming destination'),
    // GitHub's audit events name a secret (e.g. org.update_actions_secret), never its value (documented event schema).
    records_secret_values: false,
    rotation: settings.cloud
      ? fact('audit_log.rotation', 'not_applicable', 'GitHub keeps the audit log as a service; there are no local log files to rotate')
      : fact('audit_log.rotation', 'not_collected', 'GitHub Enterprise Server log rotation is an appliance setting; read it on the appliance'),
    failure_alert: fact(
      'audit_log.failure_alert',
      'not_supported',
      'the API exposes no alert for a failing audit-log stream; check the streaming destination for a missing-data alert',
    ),
    // Only organization owners (and custom roles granted audit-log read) can read the organization audit log (documented).
    read_restricted: true,
  };

  // --- time -----------------------------------------------------------------------------
  const clock = (path: string) =>
    settings.cloud
      ? fact(path, 'not_applicable', SAAS_CLOCK)
      : fact(path, 'not_collected', 'the GitHub Enterprise Server appliance clock is not in the API; check its NTP settings');
  const time: Facts['time'] = {
    sync_daemon: clock('time.sync_daemon') as string | null,
    sources: clock('time.sources') as string[] | null,
    synchronized: clock('time.synchronized') as boolean | null,
    offset_ms: clock('time.offset_ms') as number | null,
    timestamp_timezone: 'UTC', // audit @timestamp is epoch milliseconds
    authenticated: clock('time.authenticated') as boolean | null,
  };

  // --- pipeline and integrations --------------------------------------------------------
  const wf = raw.workflow;
  const pipeline: PipelineFacts = {
    default_token_permission: fromOutcome('pipeline.default_token_permission', wf, (w) =>
      w.default_workflow_permissions === 'read' || w.default_workflow_permissions === 'write' ? w.default_workflow_permissions : 'write',
    ),
    can_approve_changes: fromOutcome('pipeline.can_approve_changes', wf, (w) => w.can_approve_pull_request_reviews),
  };
  const integrations: IntegrationFacts = {
    webhooks: fromOutcome('integrations.webhooks', raw.hooks, (hooks) => hooks.map(toWebhook)),
    log_streams:
      streams === undefined
        ? fact(
            'integrations.log_streams',
            'not_collected',
            'audit-log streaming is configured on the enterprise; set options.enterprise (needs admin:enterprise)',
            'admin:enterprise',
          )
        : fromOutcome('integrations.log_streams', streams, (list) =>
            list.map((s) => ({ name: `${s.stream_type} stream ${s.id}`, type: streamType(s.stream_type), active: s.enabled && !s.paused_at })),
          ),
  };

  return {
    identity: { sso_provider, sso_enforced, mfa_required, mfa_exempt, local_accounts, anonymous_access },
    access: { principals, admin_count, admin_names, member_count, default_permission, wildcard_grants },
    audit_log,
    time,
    pipeline,
    integrations,
    resources: raw.repos.ok ? raw.repos.value.map(toResource) : [],
    gaps,
  };
}

function streamType(t: string): string {
  return t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function toWebhook(h: RawHook): Webhook {
  return {
    name: `hook ${h.id}`,
    url: h.url, // scheme://host[:port] only (fetch.ts webhookOrigin): paths and queries may carry credentials
    active: h.active,
    signed: h.secret_set,
    tls_verified: String(h.insecure_ssl ?? '0') === '0' && h.url.startsWith('https://'),
  };
}

function toResource(r: RawRepo): Resource {
  const gaps: Gap[] = [];
  const facts: Record<string, ResourceFactValue> = {};
  const set = <T>(name: string, o: Outcome<T>, f: (v: T) => ResourceFactValue) => {
    if (o.ok) facts[name] = f(o.value);
    else {
      facts[name] = null;
      gaps.push({ fact: name, reason: o.reason, detail: o.detail, ...(o.permission ? { permission: o.permission } : {}) });
    }
  };
  if (r.unreadable) {
    // GitHub returned the node as null: nothing about it is known.
    for (const name of ['archived', 'visibility', 'default_branch']) set(name, r.unreadable, () => null);
  } else {
    facts.archived = r.isArchived;
    facts.visibility = r.visibility === null ? null : r.visibility.toLowerCase();
    facts.default_branch = r.defaultBranch;
    if (r.defaultBranch === null) gaps.push({ fact: 'default_branch', reason: 'not_applicable', detail: 'empty repository: no default branch' });
  }
  set('admin_names', r.collaborators, (c) =>
    c
      .filter((x) => x.permission === 'ADMIN')
      .map((x) => x.login)
      .sort(),
  );
  set('admin_count', r.collaborators, (c) => c.filter((x) => x.permission === 'ADMIN').length);
  set('branch_protected', r.protection, (p) => p !== null);
  // The most approvals any rule on the default branch requires: classic protection or a ruleset's
  // PULL_REQUEST rule (AR-ACC-103 compares it with min_required_approvals). Unreadable rulesets or
  // a rule that does not report its count leave it unknown, never the classic count alone.
  const rulesets = r.rulesetRules;
  const ruleCounts = r.pullRequestRuleApprovals;
  set(
    'required_approvals',
    !r.protection.ok
      ? r.protection
      : !rulesets.ok
        ? rulesets
        : ruleCounts.some((n) => n === null)
          ? {
              ok: false as const,
              reason: 'error' as const,
              detail: `${r.nameWithOwner}: a PULL_REQUEST ruleset rule on the default branch did not report its required approvals`,
            }
          : r.protection,
    (p) => Math.max(p?.requiresApprovingReviews ? (p.requiredApprovingReviewCount ?? 0) : 0, ...ruleCounts.map((n) => n ?? 0)),
  );
  set('force_push_allowed', r.protection, (p) => (p ? p.allowsForcePushes : true));
  set('protection_covers_admins', r.protection, (p) => (p ? p.isAdminEnforced : false));
  set('ruleset_rules', r.rulesetRules, (types) => types);
  // Derived: classic protection OR a ruleset gives the property; unknown only if neither says so and one is unreadable.
  // byRule: true, false, or the reason the ruleset side is unknown.
  const derive = (name: string, classic: (p: NonNullable<Extract<RawRepo['protection'], { ok: true }>['value']>) => boolean, byRule: boolean | Missing) => {
    const byClassic = r.protection.ok && r.protection.value !== null && classic(r.protection.value);
    if (byRule === true || byClassic) facts[name] = true;
    else if (r.protection.ok && byRule === false) facts[name] = false;
    else {
      const m = !r.protection.ok ? r.protection : (byRule as Missing);
      facts[name] = null;
      gaps.push({ fact: name, reason: m.reason, detail: m.detail, ...(m.permission ? { permission: m.permission } : {}) });
    }
  };
  const rules = r.rulesetRules;
  // A PULL_REQUEST rule requires review only with at least one approval; an unreported count is unknown, not a yes.
  const reviewByRule: boolean | Missing = !rules.ok
    ? rules
    : r.pullRequestRuleApprovals.some((n) => n !== null && n >= 1)
      ? true
      : r.pullRequestRuleApprovals.some((n) => n === null)
        ? { ok: false, reason: 'error', detail: `${r.nameWithOwner}: a PULL_REQUEST ruleset rule on the default branch did not report its required approvals` }
        : false;
  // Classic protection can require a pull request with 0 approvals: that is no review.
  derive('review_required', (p) => p.requiresApprovingReviews && (p.requiredApprovingReviewCount ?? 0) >= 1, reviewByRule);
  derive('force_push_blocked', (p) => !p.allowsForcePushes, rules.ok ? rules.value.includes('NON_FAST_FORWARD') : rules);
  set('write_deploy_keys', r.deployKeys, (k) =>
    k
      .filter((x) => !x.readOnly)
      .map((x) => x.title)
      .sort(),
  );
  return { id: `repository:${r.nameWithOwner}`, kind: 'repository', name: r.nameWithOwner, facts, gaps };
}
