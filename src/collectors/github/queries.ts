/**
 * Every GraphQL document the GitHub collector can send. Each is validated in a test against
 * GitHub's published schema (@octokit/graphql-schema's schema.graphql); fields people expect
 * but GitHub does not have (Organization.defaultRepositoryPermission, .outsideCollaborators,
 * .membersCanCreateRepositories, ...) are read over REST instead.
 * Every query asks for rateLimit so the collector can add up the cost it spent.
 */

const RATE = 'rateLimit { cost remaining resetAt }';

/** Organization-wide settings and the first page of members and repositories. */
const ORG_QUERY = /* GraphQL */ `
  query AuditreadyOrg($login: String!) {
    ${RATE}
    viewer { login }
    organization(login: $login) {
      login
      viewerCanAdminister
      requiresTwoFactorAuthentication
      samlIdentityProvider {
        ssoUrl
        issuer
        externalIdentities(first: 1) { totalCount }
      }
    }
  }
`;

/** Owner-only, non-null settings: sent only when viewerCanAdminister, since an error on a non-null field nulls the organization. */
const ORG_OWNER_QUERY = /* GraphQL */ `
  query AuditreadyOrgOwner($login: String!) {
    ${RATE}
    organization(login: $login) {
      ipAllowListEnabledSetting
      notificationDeliveryRestrictionEnabledSetting
      domains(first: 100, isVerified: true) {
        totalCount
        nodes { domain }
      }
    }
  }
`;

/** One page of members with their role. */
const MEMBERS_QUERY = /* GraphQL */ `
  query AuditreadyMembers($login: String!, $first: Int!, $after: String) {
    ${RATE}
    organization(login: $login) {
      membersWithRole(first: $first, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { role node { login } }
      }
    }
  }
`;

const REPO_FIELDS = /* GraphQL */ `
  id
  nameWithOwner
  isArchived
  isDisabled
  visibility
  viewerPermission
  defaultBranchRef {
    name
    branchProtectionRule {
      isAdminEnforced
      requiresApprovingReviews
      requiredApprovingReviewCount
      requireLastPushApproval
      dismissesStaleReviews
      allowsForcePushes
      allowsDeletions
      restrictsReviewDismissals
      restrictsPushes
      requiresCodeOwnerReviews
      bypassPullRequestAllowances(first: 100) {
        totalCount
        nodes { actor { __typename ... on User { login } ... on Team { slug } ... on App { slug } } }
      }
    }
    rules(first: 100) {
      totalCount
      nodes {
        type
        repositoryRuleset { id }
        parameters {
          ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireLastPushApproval requireCodeOwnerReview }
        }
      }
    }
  }
  collaborators(first: $nested) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { permission node { login } }
  }
  deployKeys(first: $nested) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { title readOnly }
  }
`;

/** One page of repositories with the first page of their collaborators and deploy keys. */
const REPOS_QUERY = /* GraphQL */ `
  query AuditreadyRepos($login: String!, $first: Int!, $after: String, $nested: Int!) {
    ${RATE}
    organization(login: $login) {
      repositories(first: $first, after: $after, orderBy: { field: NAME, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ${REPO_FIELDS} }
      }
    }
  }
`;

/** Further pages of one connection of one repository (when it has more than one page). */
function laterPagesQuery(name: string, connection: string, items: string): string {
  return /* GraphQL */ `
  query ${name}($id: ID!, $first: Int!, $after: String) {
    ${RATE}
    node(id: $id) {
      ... on Repository {
        ${connection}(first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          ${items}
        }
      }
    }
  }
`;
}

/** Further pages of one repository's collaborators. */
const REPO_COLLABORATORS_QUERY = laterPagesQuery('AuditreadyRepoCollaborators', 'collaborators', 'edges { permission node { login } }');

/** Further pages of one repository's deploy keys. */
const REPO_DEPLOY_KEYS_QUERY = laterPagesQuery('AuditreadyRepoDeployKeys', 'deployKeys', 'nodes { title readOnly }');

/** Enterprise identity settings (needs read:enterprise). */
const ENTERPRISE_QUERY = /* GraphQL */ `
  query AuditreadyEnterprise($slug: String!) {
    ${RATE}
    enterprise(slug: $slug) {
      slug
      ownerInfo {
        twoFactorRequiredSetting
        ipAllowListEnabledSetting
        samlIdentityProvider { ssoUrl issuer }
        oidcProvider { providerType }
      }
    }
  }
`;

/** Enterprise owners, a page at a time (they administer every organization of the enterprise). */
const ENTERPRISE_OWNERS_QUERY = /* GraphQL */ `
  query AuditreadyEnterpriseOwners($slug: String!, $first: Int!, $after: String) {
    ${RATE}
    enterprise(slug: $slug) {
      ownerInfo {
        admins(role: OWNER, first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { login }
        }
      }
    }
  }
`;

/** Organizations of the enterprise with a given SAML state, to find this organization's. */
const ENTERPRISE_SSO_ORGS_QUERY = /* GraphQL */ `
  query AuditreadyEnterpriseSsoOrgs($slug: String!, $value: IdentityProviderConfigurationState!, $first: Int!, $after: String) {
    ${RATE}
    enterprise(slug: $slug) {
      ownerInfo {
        samlIdentityProviderSettingOrganizations(value: $value, first: $first, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { login }
        }
      }
    }
  }
`;

/**
 * Who may bypass the rulesets that apply to default branches, by ruleset id (at most 100 ids a
 * call). Asked once per ruleset, not per repository: nested under the repository pages it would
 * multiply their cost a hundredfold.
 */
const RULESETS_QUERY = /* GraphQL */ `
  query AuditreadyRulesets($ids: [ID!]!) {
    ${RATE}
    nodes(ids: $ids) {
      ... on RepositoryRuleset {
        id
        name
        enforcement
        bypassActors(first: 100) {
          totalCount
          nodes {
            organizationAdmin
            enterpriseOwner
            deployKey
            repositoryRoleName
            actor { __typename ... on Team { slug } ... on App { slug } }
          }
        }
      }
    }
  }
`;

/**
 * Whether the enterprise disallows insecure 2FA methods (SMS). The field is in GitHub's SDL but
 * not in its older introspection JSON (tool-facts §0): asked alone, so a GitHub that does not know
 * it costs only this fact.
 */
const ENTERPRISE_2FA_METHODS_QUERY = /* GraphQL */ `
  query AuditreadyEnterprise2faMethods($slug: String!) {
    ${RATE}
    enterprise(slug: $slug) {
      ownerInfo { twoFactorDisallowedMethodsSetting }
    }
  }
`;

/** The organizations of an enterprise, a page at a time (options.enterprise without options.org). */
const ENTERPRISE_ORGS_QUERY = /* GraphQL */ `
  query AuditreadyEnterpriseOrgs($slug: String!, $first: Int!, $after: String) {
    ${RATE}
    enterprise(slug: $slug) {
      organizations(first: $first, after: $after, orderBy: { field: LOGIN, direction: ASC }) {
        pageInfo { hasNextPage endCursor }
        nodes { login }
      }
    }
  }
`;

export const QUERIES = {
  org: ORG_QUERY,
  orgOwner: ORG_OWNER_QUERY,
  members: MEMBERS_QUERY,
  repos: REPOS_QUERY,
  repoCollaborators: REPO_COLLABORATORS_QUERY,
  repoDeployKeys: REPO_DEPLOY_KEYS_QUERY,
  enterprise: ENTERPRISE_QUERY,
  enterpriseOwners: ENTERPRISE_OWNERS_QUERY,
  enterpriseSsoOrgs: ENTERPRISE_SSO_ORGS_QUERY,
  rulesets: RULESETS_QUERY,
  enterprise2faMethods: ENTERPRISE_2FA_METHODS_QUERY,
  enterpriseOrgs: ENTERPRISE_ORGS_QUERY,
} as const;
