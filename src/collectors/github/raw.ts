/**
 * What the collector read, before any decision about facts: each part an Outcome (a value, or
 * why it could not be read). This is also the raw capture stored as evidence
 * (github-<org>.json), so its shape is what an auditor reads.
 */
import type { Missing, Outcome } from '../kit/result.js';
import type { GraphqlErrorItem } from './errors.js';
import type { HttpStats } from './http.js';

export interface RawOrg {
  login: string;
  /** The login the token authenticates as (viewer.login): who collected. */
  viewer: string | null;
  viewerCanAdminister: boolean;
  requiresTwoFactorAuthentication: Outcome<boolean | null>;
  ipAllowListEnabledSetting: Outcome<string>;
  samlIdentityProvider: Outcome<{ ssoUrl: string | null; issuer: string | null; linkedIdentities: number } | null>;
  /** notificationDeliveryRestrictionEnabledSetting: ENABLED (email only to verified or approved domains) or DISABLED (owners only). */
  notificationRestriction: Outcome<string>;
  /** The organization's verified domains (owners only). */
  verifiedDomains: Outcome<string[]>;
}

export interface RawMember {
  login: string;
  /** null: GitHub returned the edge without a role (unknown, never assumed MEMBER). */
  role: 'ADMIN' | 'MEMBER' | null;
}

/** Classic branch protection of the default branch (the fields read). */
export interface RawProtection {
  isAdminEnforced: boolean;
  requiresApprovingReviews: boolean;
  requiredApprovingReviewCount: number | null;
  requireLastPushApproval: boolean;
  dismissesStaleReviews: boolean;
  allowsForcePushes: boolean;
  allowsDeletions: boolean;
  /** Only named people, teams or apps may dismiss reviews. */
  restrictsReviewDismissals: boolean;
  /** Only named people, teams or apps may push. */
  restrictsPushes: boolean;
  requiresCodeOwnerReviews: boolean;
  /** Who may merge without the required reviews (user:<login>, team:<slug>, app:<slug>), or why that is unknown. */
  bypassAllowances: Outcome<string[]>;
}

/** A PULL_REQUEST rule of an active ruleset on the default branch; null: GitHub did not say. */
export interface RawPullRequestRule {
  /** Node id of the ruleset it belongs to. */
  ruleset: string | null;
  approvals: number | null;
  dismissStale: boolean | null;
  lastPush: boolean | null;
  codeOwner: boolean | null;
}

/** A ruleset rule type and the node id of the ruleset it belongs to. */
export interface RawRuleOrigin {
  type: string;
  ruleset: string | null;
}

/** A ruleset with who may bypass it, as actor labels (organization admins, repository admins, team:<slug>, ...). */
export interface RawRuleset {
  id: string;
  name: string;
  /** ACTIVE (enforced), EVALUATE (only reports) or DISABLED; null: GitHub did not say. */
  enforcement: string | null;
  bypass: Outcome<string[]>;
}

export interface RawCollaborator {
  login: string;
  permission: string;
}

export interface RawDeployKey {
  title: string;
  readOnly: boolean;
}

export interface RawRepo {
  id: string;
  nameWithOwner: string;
  /** null: the repository node could not be read (see `unreadable`). */
  isArchived: boolean | null;
  isDisabled: boolean;
  visibility: string | null;
  /** Why GitHub returned this repository's node as null (a placeholder keeps it in the model as unknown). */
  unreadable?: Missing;
  viewerPermission: string | null;
  defaultBranch: string | null;
  protection: Outcome<RawProtection | null>;
  /** Types of the ruleset rules that apply to the default branch (PULL_REQUEST, NON_FAST_FORWARD, ...). */
  rulesetRules: Outcome<string[]>;
  /** Node ids of the rulesets whose rules apply to the default branch. */
  rulesetIds: string[];
  /**
   * Each ruleset rule type on the default branch with the ruleset it comes from (null: GitHub did
   * not say), when rulesetRules is ok: a rule protects only while its ruleset enforces.
   */
  ruleOrigins: RawRuleOrigin[];
  /** The PULL_REQUEST ruleset rules on the default branch, when rulesetRules is ok. */
  pullRequestRules: RawPullRequestRule[];
  collaborators: Outcome<RawCollaborator[]>;
  deployKeys: Outcome<RawDeployKey[]>;
  /** The repository's own webhooks (GET /repos/{owner}/{repo}/hooks), URLs cut to their origin. */
  hooks: Outcome<RawHook[]>;
  /** The repository's Actions token settings (GET /repos/{owner}/{repo}/actions/permissions/workflow). */
  workflow: Outcome<RawWorkflow>;
}

/** A webhook as kept: its URL cut to scheme://host[:port] (paths and queries may carry secrets), whether a secret is set. */
export interface RawHook {
  id: number;
  active: boolean;
  url: string;
  insecure_ssl: string | number | null;
  secret_set: boolean;
}

export interface RawStream {
  id: number;
  stream_type: string;
  /** Where the stream delivers (GitHub: a string naming the endpoint, bucket or host). */
  stream_details?: unknown;
  enabled: boolean;
  paused_at: string | null;
}

export interface RawEnterprise {
  twoFactorRequiredSetting: string | null;
  samlIdentityProvider: { ssoUrl: string | null; issuer: string | null } | null;
  oidcProvider: { providerType: string } | null;
  /** Logins of the enterprise owners. */
  owners: Outcome<string[]>;
  /** This organization's SAML state in the enterprise: ENFORCED, CONFIGURED, UNCONFIGURED, or null if not listed. */
  orgSsoState: Outcome<string | null>;
  /** The enterprise's IP allow list (ENABLED applies to every organization), when ownerInfo was read. */
  ipAllowListEnabledSetting: string | null;
  /** twoFactorDisallowedMethodsSetting: INSECURE (SMS and other insecure methods refused) or NO_POLICY. */
  twoFactorDisallowedMethods: Outcome<string>;
}

export interface RawWorkflow {
  default_workflow_permissions: string;
  can_approve_pull_request_reviews: boolean;
}

/** A self-hosted runner group (GET /orgs/{org}/actions/runner-groups) with how many runners it holds. */
export interface RawRunnerGroup {
  name: string;
  /** all, selected or private: which repositories of the organization may use it. */
  visibility: string;
  allows_public_repositories: boolean;
  /** Runners in the group; null: could not be counted. */
  runners: number | null;
}

/** A GitHub App installed on the organization (GET /orgs/{org}/installations). */
export interface RawInstallation {
  app_slug: string;
  /** Permission name → read, write or admin. */
  permissions: Record<string, string>;
}

/** An organization role with the people it is granted to, directly or through a team. */
export interface RawOrgRole {
  name: string;
  /** Logins holding it (members of the teams it is granted to included). */
  users: string[];
}

export interface RawGithub {
  org: RawOrg;
  members: Outcome<RawMember[]>;
  /** Member nodes GitHub returned as null (deleted while we paged). */
  membersSkipped: number;
  repos: Outcome<RawRepo[]>;
  /** The rulesets whose rules apply to the repositories' default branches, with their enforcement and bypass actors. */
  rulesets: Outcome<RawRuleset[]>;
  outsideCollaborators: Outcome<string[]>;
  orgSettings: Outcome<Record<string, unknown>>;
  workflow: Outcome<RawWorkflow>;
  hooks: Outcome<RawHook[]>;
  runnerGroups: Outcome<RawRunnerGroup[]>;
  installations: Outcome<RawInstallation[]>;
  /** The administrator-like organization roles (all-repository admin, CI/CD admin, security manager) and who holds them. */
  orgRoles: Outcome<RawOrgRole[]>;
  auditLogApi: Outcome<boolean>;
  enterprise: Outcome<RawEnterprise> | undefined;
  streams: Outcome<RawStream[]> | undefined;
  graphqlErrors: GraphqlErrorItem[];
  cost: number;
  stats: HttpStats;
}
