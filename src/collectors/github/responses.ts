/**
 * What each query in queries.ts gets back, typed from GitHub's own schema types
 * (@octokit/graphql-schema): every leaf is `Fields<SchemaType, 'field' | ...>`, so a misspelt
 * field or a wrong nullability is a compile error, and every nested object says which schema
 * field holds it (`Child<SchemaType, 'field', Shape>`). The queries themselves are validated
 * against the published SDL in test/collectors/github/queries.test.ts. Fields only the SDL has
 * (the TypeScript types are generated from the older JSON schema) are written by hand and marked.
 */
import type * as GH from '@octokit/graphql-schema';

/** DateTime and URI are `any` in the generated types; on the wire they are strings. */
type Leaf<T> = 0 extends 1 & T ? string : T;
/** Nullable fields are optional in the generated types. */
type IsNullable<S, K extends keyof S> = object extends Pick<S, K> ? true : false;
type Field<S, K extends keyof S> = IsNullable<S, K> extends true ? Leaf<NonNullable<S[K]>> | null : Leaf<S[K]>;
/** The scalar fields F of schema type S, with the schema's types and nullability. */
type Fields<S, F extends keyof S> = { readonly [K in F]-?: Field<S, K> };
/** An object-valued field K of schema type S, selected as `T` (null where the schema allows it). */
type Child<S, K extends keyof S, T> = IsNullable<S, K> extends true ? T | null : T;

/** query { organization(login:) { ...T } }: null when GitHub cannot resolve it. */
type InOrganization<T> = Child<GH.Query, 'organization', T>;
/** query { enterprise(slug:) { ...T } }. */
type InEnterprise<T> = Child<GH.Query, 'enterprise', T>;
/** enterprise { ownerInfo { ...T } }: null for anyone but enterprise owners. */
type InOwnerInfo<T> = InEnterprise<{ readonly ownerInfo: Child<GH.Enterprise, 'ownerInfo', T> }>;

type PageInfo = Fields<GH.PageInfo, 'hasNextPage' | 'endCursor'>;
export interface Connection {
  readonly pageInfo: PageInfo;
}

/** Every query asks for rateLimit { cost remaining resetAt }. */
export interface RateLimitResponse {
  readonly rateLimit?: Child<GH.Query, 'rateLimit', Fields<GH.RateLimit, 'cost' | 'remaining' | 'resetAt'>>;
}

// --- organization ---------------------------------------------------------------------------

type OrgSaml = Fields<GH.OrganizationIdentityProvider, 'ssoUrl' | 'issuer'> & {
  readonly externalIdentities: Fields<GH.ExternalIdentityConnection, 'totalCount'>;
};

export interface OrgResponse extends RateLimitResponse {
  readonly viewer: Child<GH.Query, 'viewer', Fields<GH.User, 'login'>>;
  readonly organization: InOrganization<
    Fields<GH.Organization, 'login' | 'viewerCanAdminister' | 'requiresTwoFactorAuthentication'> & {
      readonly samlIdentityProvider: Child<GH.Organization, 'samlIdentityProvider', OrgSaml>;
    }
  >;
}

export interface OrgOwnerResponse extends RateLimitResponse {
  readonly organization: InOrganization<
    Fields<GH.Organization, 'ipAllowListEnabledSetting' | 'notificationDeliveryRestrictionEnabledSetting'> & {
      readonly domains: Fields<GH.VerifiableDomainConnection, 'totalCount'> & {
        readonly nodes: Child<GH.VerifiableDomainConnection, 'nodes', readonly (Fields<GH.VerifiableDomain, 'domain'> | null)[]>;
      };
    }
  >;
}

type MemberEdge = Fields<GH.OrganizationMemberEdge, 'role'> & {
  readonly node: Child<GH.OrganizationMemberEdge, 'node', Fields<GH.User, 'login'>>;
};

export interface MembersResponse extends RateLimitResponse {
  readonly organization: InOrganization<{
    readonly membersWithRole: Fields<GH.OrganizationMemberConnection, 'totalCount'> &
      Connection & { readonly edges: Child<GH.OrganizationMemberConnection, 'edges', readonly (MemberEdge | null)[]> };
  }>;
}

// --- repositories ---------------------------------------------------------------------------

/** A user, team or app named by a bypass allowance (`... on User { login } ... on Team { slug } ... on App { slug }`). */
export type AllowanceActor =
  | ({ readonly __typename: 'User' } & Fields<GH.User, 'login'>)
  | ({ readonly __typename: 'Team' } & Fields<GH.Team, 'slug'>)
  | ({ readonly __typename: 'App' } & Fields<GH.App, 'slug'>);

type BypassAllowances = Fields<GH.BypassPullRequestAllowanceConnection, 'totalCount'> & {
  readonly nodes: readonly ({ readonly actor: Child<GH.BypassPullRequestAllowance, 'actor', AllowanceActor> } | null)[] | null;
};

export type BranchProtection = Fields<
  GH.BranchProtectionRule,
  | 'isAdminEnforced'
  | 'requiresApprovingReviews'
  | 'requiredApprovingReviewCount'
  | 'requireLastPushApproval'
  | 'dismissesStaleReviews'
  | 'allowsForcePushes'
  | 'allowsDeletions'
  | 'restrictsReviewDismissals'
  | 'restrictsPushes'
  | 'requiresCodeOwnerReviews'
> & { readonly bypassPullRequestAllowances: Child<GH.BranchProtectionRule, 'bypassPullRequestAllowances', BypassAllowances> };

/** Present only on PULL_REQUEST rules (the `... on PullRequestParameters` fragment). */
type RuleParameters = Partial<
  Fields<GH.PullRequestParameters, 'requiredApprovingReviewCount' | 'dismissStaleReviewsOnPush' | 'requireLastPushApproval' | 'requireCodeOwnerReview'>
>;

export type BranchRule = Fields<GH.RepositoryRule, 'type'> & {
  readonly repositoryRuleset: Child<GH.RepositoryRule, 'repositoryRuleset', Fields<GH.RepositoryRuleset, 'id'>>;
  readonly parameters: Child<GH.RepositoryRule, 'parameters', RuleParameters>;
};

type DefaultBranch = Fields<GH.Ref, 'name'> & {
  readonly branchProtectionRule: Child<GH.Ref, 'branchProtectionRule', BranchProtection>;
  readonly rules: Child<GH.Ref, 'rules', Fields<GH.RepositoryRuleConnection, 'totalCount'> & { readonly nodes: readonly (BranchRule | null)[] | null }>;
};

type CollaboratorEdge = Fields<GH.RepositoryCollaboratorEdge, 'permission'> & {
  readonly node: Fields<GH.User, 'login'>;
};
export type CollaboratorPage = Fields<GH.RepositoryCollaboratorConnection, 'totalCount'> &
  Connection & { readonly edges: readonly (CollaboratorEdge | null)[] | null };

type DeployKeyNode = Fields<GH.DeployKey, 'title' | 'readOnly'>;
export type DeployKeyPage = Fields<GH.DeployKeyConnection, 'totalCount'> & Connection & { readonly nodes: readonly (DeployKeyNode | null)[] | null };

export type RepoNode = Fields<GH.Repository, 'id' | 'nameWithOwner' | 'isArchived' | 'isDisabled' | 'visibility' | 'viewerPermission'> & {
  readonly defaultBranchRef: Child<GH.Repository, 'defaultBranchRef', DefaultBranch>;
  readonly collaborators: Child<GH.Repository, 'collaborators', CollaboratorPage>;
  readonly deployKeys: Child<GH.Repository, 'deployKeys', DeployKeyPage>;
};

export interface ReposResponse extends RateLimitResponse {
  readonly organization: InOrganization<{
    readonly repositories: Fields<GH.RepositoryConnection, 'totalCount'> & Connection & { readonly nodes: readonly (RepoNode | null)[] | null };
  }>;
}

/** node(id:) of a repository: only the fields of the `... on Repository` fragment. */
export interface RepoCollaboratorsResponse extends RateLimitResponse {
  readonly node: Child<GH.Query, 'node', { readonly collaborators?: CollaboratorPage | null }>;
}

export interface RepoDeployKeysResponse extends RateLimitResponse {
  readonly node: Child<GH.Query, 'node', { readonly deployKeys?: DeployKeyPage | null }>;
}

// --- enterprise -----------------------------------------------------------------------------

type EnterpriseSaml = Fields<GH.EnterpriseIdentityProvider, 'ssoUrl' | 'issuer'>;
type EnterpriseOidc = Fields<GH.OidcProvider, 'providerType'>;

type EnterpriseIdentity = Fields<GH.EnterpriseOwnerInfo, 'twoFactorRequiredSetting' | 'ipAllowListEnabledSetting'> & {
  readonly samlIdentityProvider: Child<GH.EnterpriseOwnerInfo, 'samlIdentityProvider', EnterpriseSaml>;
  readonly oidcProvider: Child<GH.EnterpriseOwnerInfo, 'oidcProvider', EnterpriseOidc>;
};

export interface EnterpriseResponse extends RateLimitResponse {
  readonly enterprise: InEnterprise<Fields<GH.Enterprise, 'slug'> & { readonly ownerInfo: Child<GH.Enterprise, 'ownerInfo', EnterpriseIdentity> }>;
}

type LoginNodes = Connection & { readonly nodes: readonly (Fields<GH.User, 'login'> | null)[] | null };

export interface EnterpriseOwnersResponse extends RateLimitResponse {
  readonly enterprise: InOwnerInfo<{ readonly admins: Fields<GH.EnterpriseAdministratorConnection, 'totalCount'> & LoginNodes }>;
}

export interface EnterpriseSsoOrgsResponse extends RateLimitResponse {
  readonly enterprise: InOwnerInfo<{ readonly samlIdentityProviderSettingOrganizations: LoginNodes }>;
}

/** One bypass actor of a ruleset; `enterpriseOwner` is SDL-only (written by hand). */
export type RulesetBypassActor = Fields<GH.RepositoryRulesetBypassActor, 'organizationAdmin' | 'deployKey' | 'repositoryRoleName'> & {
  readonly enterpriseOwner: boolean;
  readonly actor: Child<
    GH.RepositoryRulesetBypassActor,
    'actor',
    ({ readonly __typename: 'Team' } & Fields<GH.Team, 'slug'>) | ({ readonly __typename: 'App' } & Fields<GH.App, 'slug'>)
  >;
};

export type RulesetNode = Fields<GH.RepositoryRuleset, 'id' | 'name' | 'enforcement'> & {
  readonly bypassActors: Child<
    GH.RepositoryRuleset,
    'bypassActors',
    Fields<GH.RepositoryRulesetBypassActorConnection, 'totalCount'> & { readonly nodes: readonly (RulesetBypassActor | null)[] | null }
  >;
};

/** nodes(ids:): a node that is not a ruleset comes back as {} (the fragment does not apply). */
export interface RulesetsResponse extends RateLimitResponse {
  readonly nodes: readonly (RulesetNode | Record<string, never> | null)[];
}

export interface EnterpriseOrgsResponse extends RateLimitResponse {
  readonly enterprise: InEnterprise<{ readonly organizations: Connection & { readonly nodes: readonly (Fields<GH.Organization, 'login'> | null)[] | null } }>;
}

/** SDL-only (tool-facts §0): EnterpriseOwnerInfo.twoFactorDisallowedMethodsSetting, written by hand. */
export interface Enterprise2faMethodsResponse extends RateLimitResponse {
  readonly enterprise: InOwnerInfo<{ readonly twoFactorDisallowedMethodsSetting: 'INSECURE' | 'NO_POLICY' }>;
}
