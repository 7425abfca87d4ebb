/**
 * A loopback GitHub for tests and the benchmark. It EXECUTES every GraphQL query it receives
 * against GitHub's published schema (@octokit/graphql-schema's schema.graphql, built with
 * assumeValidSDL) using `graphql` + `@graphql-tools/mock` (addMocksToSchema with resolvers over
 * generated organizations), so a field GitHub does not have fails here as it would there.
 * REST endpoints the collector uses answer with the shapes GitHub documents. Faults can be
 * injected: primary (x-ratelimit-reset) and secondary (retry-after) rate limits, 502, timeouts,
 * GraphQL RATE_LIMITED, partial responses (data + errors), missing scopes (X-OAuth-Scopes).
 * Binds 127.0.0.1 on a random port.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createPublicKey, verify } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addMocksToSchema } from '@graphql-tools/mock';
import { createRequire } from 'node:module';
import type { GraphQLError as GraphQLErrorType, GraphQLSchema, OperationDefinitionNode, SelectionSetNode, ValueNode } from 'graphql';
import { listenLoopback } from './loopback.js';
import { ROOT } from './run.js';

// @graphql-tools/mock loads graphql's CommonJS build; under vitest an ESM import would be a
// second copy ("Cannot use GraphQLSchema from another module or realm"), so use the same one.
const { buildSchema, graphql: execute, GraphQLError, Kind, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export interface FakeRepo {
  name: string;
  archived?: boolean;
  visibility?: 'PUBLIC' | 'PRIVATE' | 'INTERNAL';
  collaborators: { login: string; permission: 'ADMIN' | 'MAINTAIN' | 'WRITE' | 'TRIAGE' | 'READ' }[];
  deployKeys: { title: string; readOnly: boolean }[];
  defaultBranch: string | null;
  protection: {
    isAdminEnforced: boolean;
    requiresApprovingReviews: boolean;
    requiredApprovingReviewCount: number;
    allowsForcePushes: boolean;
    allowsDeletions: boolean;
    requireLastPushApproval?: boolean;
    dismissesStaleReviews?: boolean;
    /** Pull-request bypass allowances: user:<login>, team:<slug> or app:<slug>. */
    bypassAllowances?: string[];
    restrictsReviewDismissals?: boolean;
    restrictsPushes?: boolean;
    requiresCodeOwnerReviews?: boolean;
  } | null;
  /** The ruleset rules on the default branch: a type (of `ruleset`), or a type with the ruleset it belongs to. */
  rules?: (string | { type: string; ruleset: FakeRuleset })[];
  /** requiredApprovingReviewCount of the PULL_REQUEST rule (default 1); null: its parameters come back null. */
  ruleApprovals?: number | null;
  /** The ruleset the rules belong to (repositories naming the same ruleset share it, like an organization ruleset). */
  ruleset?: FakeRuleset;
  /** The token's permission when it is not an organization owner. */
  viewerPermission?: 'ADMIN' | 'WRITE' | 'READ';
  /** The repository's own webhooks (GET /repos/{owner}/{repo}/hooks). */
  hooks?: FakeHook[];
  /** The repository's Actions token settings (default: the organization's). */
  workflow?: FakeOrg['workflow'];
}

export interface FakeHook {
  id: number;
  active: boolean;
  url: string;
  insecure_ssl: '0' | '1';
  secret: boolean;
}

/** A ruleset bypass actor as GitHub models it: a flag, a repository role, or a team/app. */
export type FakeBypassActor =
  | { organizationAdmin: true }
  | { enterpriseOwner: true }
  | { deployKey: true }
  | { role: string }
  | { team: string }
  | { app: string };

export interface FakeRuleset {
  name: string;
  bypass: FakeBypassActor[];
  dismissStale?: boolean;
  lastPush?: boolean;
  codeOwner?: boolean;
  /** ACTIVE (default), EVALUATE or DISABLED. */
  enforcement?: 'ACTIVE' | 'EVALUATE' | 'DISABLED';
}

export interface FakeOrg {
  login: string;
  /** role null: GitHub returns the edge without a role. */
  members: { login: string; role: 'ADMIN' | 'MEMBER' | null }[];
  outsideCollaborators: string[];
  repos: FakeRepo[];
  twoFactor: boolean;
  saml: { ssoUrl: string; issuer: string; linked: number } | null;
  ipAllowList: 'ENABLED' | 'DISABLED';
  /** members_can_create_*_repositories of GET /orgs/{org} (internal only when set). */
  memberRepoCreation?: { public: boolean; private: boolean; internal?: boolean };
  /** members_can_delete_repositories of GET /orgs/{org} ("Allow members to delete or transfer repositories"). */
  membersCanDeleteRepos?: boolean;
  defaultPermission: 'none' | 'read' | 'write' | 'admin';
  workflow: { default_workflow_permissions: 'read' | 'write'; can_approve_pull_request_reviews: boolean };
  hooks: FakeHook[];
  auditLogApi: boolean;
  /** members_can_change_repo_visibility and members_can_fork_private_repositories of GET /orgs/{org} (default true, GitHub's default). */
  membersCanChangeVisibility?: boolean;
  membersCanForkPrivate?: boolean;
  /** notificationDeliveryRestrictionEnabledSetting and the verified domains. */
  notificationRestriction?: 'ENABLED' | 'DISABLED';
  verifiedDomains?: string[];
  /** Self-hosted runner groups (GET /orgs/{org}/actions/runner-groups) with their runner counts. */
  runnerGroups?: { id: number; name: string; visibility: 'all' | 'selected' | 'private'; allows_public_repositories: boolean; runners: number }[];
  /** GitHub App installations (GET /orgs/{org}/installations). */
  installations?: { app_slug: string; permissions: Record<string, string> }[];
  /** Organization roles (GET /orgs/{org}/organization-roles) and who holds them. */
  orgRoles?: { id: number; name: string; base_role: string | null; users: string[] }[];
  /** Fine-grained token: REST paths (substrings) answered 403 "Resource not accessible by personal access token", with the permission header GitHub sends. */
  fineGrainedDenied?: { path: string; permission: string }[];
}

export interface FakeEnterprise {
  slug: string;
  owners: string[];
  twoFactor: 'ENABLED' | 'NO_POLICY';
  saml: { ssoUrl: string; issuer: string } | null;
  oidc: 'AAD' | null;
  ssoStates: Record<string, 'ENFORCED' | 'CONFIGURED' | 'UNCONFIGURED'>;
  streams: { id: number; stream_type: string; stream_details?: string; enabled: boolean; paused_at: string | null }[];
  /** twoFactorDisallowedMethodsSetting (SDL-only). */
  disallowedMethods?: 'INSECURE' | 'NO_POLICY';
  /** Logins of the enterprise's organizations (enterprise.organizations); default: every served organization. */
  organizations?: string[];
}

/** ... 'html-200': a proxy's login page answered 200; 'cut-200': a JSON body cut short, answered 200. */
export type FaultKind = 'primary' | 'secondary' | 'secondary-no-header' | 'graphql-rate-limited' | '502' | 'timeout' | 'html-200' | 'cut-200';

export interface Fault {
  kind: FaultKind;
  /** Which requests: 'graphql', 'rest', or a substring of the path. */
  match: string;
  /** How many matching requests fail (then they succeed). */
  times: number;
  /** Let this many matching requests through first. */
  skip?: number;
  /** Only GraphQL requests of this operation (e.g. AuditreadyRepos). */
  operation?: string;
}

export interface ServerOptions {
  orgs: FakeOrg[];
  enterprise?: FakeEnterprise;
  token: string;
  /** Scopes to report in X-OAuth-Scopes; null = no header (fine-grained / App tokens: all granted). */
  scopes: string[] | null;
  /** Whether the token's user owns the organizations. */
  owner: boolean;
  /** viewer.login (default auditready-bot). */
  viewer?: string;
  latencyMs?: number;
  faults?: Fault[];
  /** Partial responses: "Type.field" → the GitHub error to raise there (for parents matching `when`). */
  failFields?: Record<string, { type: string; message: string; when?: (parent: Record<string, unknown>) => boolean }>;
  /** Remove this member after the first members page was served (a member deleted mid-collection). */
  deleteMemberAfterFirstPage?: string;
  /** GraphQL points left at start, and when they reset (ms from start); default 5000 and an hour. */
  rateLimit?: { remaining: number; resetInMs: number };
  /** Members whose node GitHub returns as null (deleted accounts). */
  nullMemberNodes?: string[];
  /**
   * A GitHub App installed on the organizations: GET /orgs/{org}/installation and
   * POST /app/installations/{id}/access_tokens accept a JWT signed with the key whose public half
   * is given (RS256, iss = the app id, not expired) and hand out `token` as the installation token,
   * valid an hour. With tokenTtlMs, each exchange hands out a new token (ghs_...) valid that long,
   * and a request with an expired one is answered 401 Bad credentials, as GitHub does. With
   * refuseAfter, the exchanges after that many are refused with 403 (as GitHub answers for a
   * suspended installation).
   */
  app?: { id: number; publicKey: string; installationId: number; tokenTtlMs?: number; refuseAfter?: number };
  /** Edit a GraphQL response before it is sent (shapes the schema would not produce, e.g. null in a non-null field). */
  rewriteGraphql?: (operation: string | null, response: { data?: unknown; errors?: unknown[] }) => void;
}

export interface LoggedRequest {
  method: string;
  path: string;
  operation: string | null;
  status: number;
  cost: number;
}

export interface FakeGithub {
  readonly url: string;
  readonly requests: LoggedRequest[];
  readonly options: ServerOptions;
  close(): Promise<void>;
}

let schemaCache: GraphQLSchema | undefined;

/** @octokit/graphql-schema's schema.graphql, found from here upwards (works from a compiled copy too). */
function schemaFile(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const f = path.join(dir, 'node_modules', '@octokit', 'graphql-schema', 'schema.graphql');
    if (existsSync(f)) return f;
    if (path.dirname(dir) === dir) return path.join(ROOT, 'node_modules', '@octokit', 'graphql-schema', 'schema.graphql');
  }
}

/** GitHub's schema from @octokit/graphql-schema's SDL (its JSON copy is older). */
export function githubSchema(): GraphQLSchema {
  if (!schemaCache) {
    const sdl = readFileSync(schemaFile(), 'utf8');
    // assumeValidSDL: the SDL defines EnterpriseOwnerInfo.repositoryDeployKeySetting twice.
    schemaCache = buildSchema(sdl, { assumeValidSDL: true });
  }
  return schemaCache;
}

const IMPLIED: Record<string, string[]> = {
  'read:org': ['admin:org', 'write:org'],
  'read:enterprise': ['admin:enterprise'],
  'read:audit_log': ['admin:org', 'admin:enterprise'],
};

function hasScope(opts: ServerOptions, scope: string): boolean {
  if (opts.scopes === null) return true;
  return opts.scopes.includes(scope) || (IMPLIED[scope] ?? []).some((s) => opts.scopes!.includes(s));
}

function ghError(type: string, message: string): GraphQLErrorType {
  return new GraphQLError(message, { extensions: { type } });
}

function needScopes(opts: ServerOptions, field: string, scopes: string[]): void {
  if (scopes.some((s) => hasScope(opts, s))) return;
  throw ghError(
    'INSUFFICIENT_SCOPES',
    `Your token has not been granted the required scopes to execute this query. The '${field}' field requires one of the following scopes: [${scopes.map((s) => `'${s}'`).join(', ')}], but your token has only been granted the: [${(opts.scopes ?? []).map((s) => `'${s}'`).join(', ')}] scopes. Please modify your token's scopes at: https://github.com/settings/tokens.`,
  );
}

const encodeCursor = (i: number) => Buffer.from(`cursor:v2:${i}`).toString('base64');
const decodeCursor = (c: string | null | undefined) => (c ? Number(Buffer.from(c, 'base64').toString().split(':')[2]) : -1);

function page<T>(items: readonly T[], args: { first?: number | null; after?: string | null }) {
  const start = decodeCursor(args.after) + 1;
  const first = Math.min(args.first ?? 100, 100);
  const slice = items.slice(start, start + first);
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      endCursor: slice.length ? encodeCursor(start + slice.length - 1) : null,
      startCursor: slice.length ? encodeCursor(start) : null,
    },
    slice,
    cursorOf: (i: number) => encodeCursor(start + i),
  };
}

/**
 * GitHub's documented cost: add up the requests each connection needs, assuming every `first`
 * is reached (nested connections multiply), divide by 100, round, at least 1.
 */
export function queryCost(doc: string, variables: Record<string, unknown>): number {
  const ast = parse(doc);
  const fragments = new Map(ast.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const value = (v: ValueNode): unknown => (v.kind === Kind.VARIABLE ? variables[v.name.value] : v.kind === Kind.INT ? Number(v.value) : undefined);
  let requests = 0;
  const walk = (set: SelectionSetNode, mult: number) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const first = sel.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        if (first) {
          requests += mult;
          if (sel.selectionSet) walk(sel.selectionSet, mult * Number(value(first.value) ?? 100));
        } else if (sel.selectionSet) walk(sel.selectionSet, mult);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, mult);
      else {
        const f = fragments.get(sel.name.value);
        if (f) walk(f, mult);
      }
    }
  };
  for (const d of ast.definitions) if (d.kind === Kind.OPERATION_DEFINITION) walk((d as OperationDefinitionNode).selectionSet, 1);
  return Math.max(1, Math.round(requests / 100));
}

interface State {
  opts: ServerOptions;
  remaining: number;
  resetAt: number;
  cost: number;
  membersPagesServed: number;
  repoIds: Map<string, { org: FakeOrg; repo: FakeRepo }>;
  /** Rulesets served under some repository's rules, by node id (for nodes(ids:)). */
  rulesetIds: Map<string, FakeRuleset>;
  /** Installation tokens handed out, with when they expire (ms). */
  issued: Map<string, number>;
}

/** A user, team or app named "user:<login>", "team:<slug>" or "app:<slug>", as a GraphQL actor. */
function actorObj(name: string) {
  const [kind, id] = name.split(':') as [string, string];
  if (kind === 'user') return { __typename: 'User', login: id };
  return { __typename: kind === 'team' ? 'Team' : 'App', slug: id };
}

function bypassActorObj(a: FakeBypassActor, i: number) {
  return {
    id: `BA${i}`,
    bypassMode: 'ALWAYS',
    organizationAdmin: 'organizationAdmin' in a,
    enterpriseOwner: 'enterpriseOwner' in a,
    deployKey: 'deployKey' in a,
    repositoryRoleName: 'role' in a ? a.role : null,
    repositoryRoleDatabaseId: 'role' in a ? 5 : null,
    actor: 'team' in a ? { __typename: 'Team', slug: a.team } : 'app' in a ? { __typename: 'App', slug: a.app } : null,
  };
}

function buildResolvers(state: State) {
  const opts = state.opts;
  const fail = (key: string, parent: Record<string, unknown>) => {
    const f = opts.failFields?.[key];
    if (f && (!f.when || f.when(parent))) throw ghError(f.type, f.message);
  };
  const orgObj = (org: FakeOrg) => ({ __typename: 'Organization', _org: org, login: org.login, viewerCanAdminister: opts.owner });
  const repoObj = (org: FakeOrg, repo: FakeRepo) => ({
    __typename: 'Repository',
    _org: org,
    _repo: repo,
    id: Buffer.from(`Repository:${org.login}/${repo.name}`).toString('base64'),
    name: repo.name,
    nameWithOwner: `${org.login}/${repo.name}`,
    isArchived: repo.archived ?? false,
    isDisabled: false,
    visibility: repo.visibility ?? 'PRIVATE',
    viewerPermission: opts.owner ? 'ADMIN' : (repo.viewerPermission ?? 'READ'),
  });
  /** The ruleset of a repository's rules (default: an unnamed one nobody may bypass), registered for nodes(ids:). */
  const rulesetObj = (org: FakeOrg, rs: FakeRuleset | undefined) => {
    const ruleset = rs ?? { name: 'default-branch', bypass: [] };
    const id = Buffer.from(`RepositoryRuleset:${org.login}/${ruleset.name}`).toString('base64');
    state.rulesetIds.set(id, ruleset);
    return { __typename: 'RepositoryRuleset', id, name: ruleset.name, _ruleset: ruleset };
  };
  const protectionObj = (p: NonNullable<FakeRepo['protection']>) => {
    const allowances = (p.bypassAllowances ?? []).map((a, i) => ({ id: `BPA${i}`, actor: actorObj(a) }));
    return {
      isAdminEnforced: p.isAdminEnforced,
      requiresApprovingReviews: p.requiresApprovingReviews,
      requiredApprovingReviewCount: p.requiredApprovingReviewCount,
      allowsForcePushes: p.allowsForcePushes,
      allowsDeletions: p.allowsDeletions,
      requireLastPushApproval: p.requireLastPushApproval ?? false,
      dismissesStaleReviews: p.dismissesStaleReviews ?? false,
      restrictsReviewDismissals: p.restrictsReviewDismissals ?? false,
      restrictsPushes: p.restrictsPushes ?? false,
      requiresCodeOwnerReviews: p.requiresCodeOwnerReviews ?? false,
      bypassPullRequestAllowances: { totalCount: allowances.length, nodes: allowances, edges: [], pageInfo: { hasNextPage: false } },
    };
  };
  type OrgParent = { _org: FakeOrg } & Record<string, unknown>;
  type RepoParent = { _org: FakeOrg; _repo: FakeRepo; viewerPermission: string } & Record<string, unknown>;
  return {
    Query: {
      rateLimit: () => ({
        cost: state.cost,
        remaining: state.remaining,
        limit: 5000,
        resetAt: new Date(state.resetAt).toISOString(),
        used: 5000 - state.remaining,
        nodeCount: 0,
      }),
      organization: (_: unknown, { login }: { login: string }) => {
        const org = opts.orgs.find((o) => o.login.toLowerCase() === login.toLowerCase());
        if (!org) throw ghError('NOT_FOUND', `Could not resolve to an Organization with the login of '${login}'.`);
        return orgObj(org);
      },
      enterprise: (_: unknown, { slug }: { slug: string }) => {
        const e = opts.enterprise;
        if (!e || e.slug !== slug) throw ghError('NOT_FOUND', `Could not resolve to an Enterprise with the slug of '${slug}'.`);
        return { __typename: 'Enterprise', _ent: e, slug: e.slug };
      },
      node: (_: unknown, { id }: { id: string }) => {
        const hit = state.repoIds.get(id);
        if (!hit) throw ghError('NOT_FOUND', `Could not resolve to a node with the global id of '${id}'`);
        return repoObj(hit.org, hit.repo);
      },
      nodes: (_: unknown, { ids }: { ids: string[] }) =>
        ids.map((id) => {
          const rs = state.rulesetIds.get(id);
          return rs ? { __typename: 'RepositoryRuleset', _ruleset: rs, id, name: rs.name, enforcement: rs.enforcement ?? 'ACTIVE' } : null;
        }),
      viewer: () => ({ __typename: 'User', login: opts.viewer ?? 'auditready-bot' }),
    },
    RepositoryRuleset: {
      bypassActors: (r: { _ruleset: FakeRuleset; name: string }) => {
        fail('RepositoryRuleset.bypassActors', r);
        if (!opts.owner) throw ghError('FORBIDDEN', 'Resource not accessible by personal access token');
        const nodes = r._ruleset.bypass.map(bypassActorObj);
        return { totalCount: nodes.length, nodes, edges: [], pageInfo: { hasNextPage: false } };
      },
    },
    Organization: {
      requiresTwoFactorAuthentication: (o: OrgParent) => {
        needScopes(opts, 'requiresTwoFactorAuthentication', ['read:org']);
        fail('Organization.requiresTwoFactorAuthentication', o);
        return opts.owner ? o._org.twoFactor : null;
      },
      samlIdentityProvider: (o: OrgParent) => {
        needScopes(opts, 'samlIdentityProvider', ['read:org']);
        fail('Organization.samlIdentityProvider', o);
        const s = o._org.saml;
        return opts.owner && s
          ? { ssoUrl: s.ssoUrl, issuer: s.issuer, externalIdentities: { totalCount: s.linked, edges: [], nodes: [], pageInfo: { hasNextPage: false } } }
          : null;
      },
      ipAllowListEnabledSetting: (o: OrgParent) => {
        if (!opts.owner) throw ghError('FORBIDDEN', 'Resource not accessible by personal access token');
        return o._org.ipAllowList;
      },
      notificationDeliveryRestrictionEnabledSetting: (o: OrgParent) => {
        if (!opts.owner) throw ghError('FORBIDDEN', 'Resource not accessible by personal access token');
        fail('Organization.notificationDeliveryRestrictionEnabledSetting', o);
        return o._org.notificationRestriction ?? 'DISABLED';
      },
      domains: (o: OrgParent, args: { first?: number; after?: string; isVerified?: boolean | null }) => {
        if (!opts.owner) throw ghError('FORBIDDEN', 'Resource not accessible by personal access token');
        const domains = args.isVerified === false ? [] : (o._org.verifiedDomains ?? []);
        const p = page(domains, args);
        return {
          totalCount: p.totalCount,
          pageInfo: p.pageInfo,
          nodes: p.slice.map((domain, i) => ({ id: `VD${i}`, domain, isVerified: true, isApproved: false })),
        };
      },
      membersWithRole: (o: OrgParent, args: { first?: number; after?: string }) => {
        needScopes(opts, 'membersWithRole', ['read:org']);
        fail('Organization.membersWithRole', o);
        const p = page(o._org.members, args);
        state.membersPagesServed++;
        if (state.membersPagesServed === 1 && opts.deleteMemberAfterFirstPage) {
          const gone = opts.deleteMemberAfterFirstPage;
          o._org.members = o._org.members.filter((m) => m.login !== gone);
        }
        return {
          totalCount: p.totalCount,
          pageInfo: p.pageInfo,
          edges: p.slice.map((m, i) => ({
            cursor: p.cursorOf(i),
            role: m.role,
            hasTwoFactorEnabled: null,
            node: opts.nullMemberNodes?.includes(m.login) ? null : { __typename: 'User', login: m.login },
          })),
        };
      },
      repositories: (o: OrgParent, args: { first?: number; after?: string }) => {
        fail('Organization.repositories', { ...o, _after: args.after ?? null });
        const sorted = [...o._org.repos].sort((a, b) => a.name.localeCompare(b.name));
        const p = page(sorted, args);
        const nodes = p.slice.map((r) => repoObj(o._org, r));
        for (const [i, n] of nodes.entries()) state.repoIds.set(n.id, { org: o._org, repo: p.slice[i]! });
        return { totalCount: p.totalCount, pageInfo: p.pageInfo, nodes, edges: nodes.map((node, i) => ({ cursor: p.cursorOf(i), node })) };
      },
    },
    Repository: {
      // Non-null: an error here nulls the whole repository node, as GitHub does.
      nameWithOwner: (r: RepoParent) => {
        fail('Repository.nameWithOwner', r);
        return r.nameWithOwner;
      },
      collaborators: (r: RepoParent, args: { first?: number; after?: string }) => {
        fail('Repository.collaborators', r);
        if (r.viewerPermission === 'READ') throw ghError('FORBIDDEN', 'Must have push access to view repository collaborators.');
        const p = page(r._repo.collaborators, args);
        return {
          totalCount: p.totalCount,
          pageInfo: p.pageInfo,
          edges: p.slice.map((c, i) => ({ cursor: p.cursorOf(i), permission: c.permission, node: { __typename: 'User', login: c.login } })),
        };
      },
      deployKeys: (r: RepoParent, args: { first?: number; after?: string }) => {
        fail('Repository.deployKeys', r);
        const keys = r.viewerPermission === 'ADMIN' ? r._repo.deployKeys : [];
        const p = page(keys, args);
        return { totalCount: p.totalCount, pageInfo: p.pageInfo, nodes: p.slice.map((k, i) => ({ id: `DK${i}`, ...k })) };
      },
      defaultBranchRef: (r: RepoParent) => {
        fail('Repository.defaultBranchRef', r);
        const b = r._repo.defaultBranch;
        if (b === null) return null;
        return {
          name: b,
          branchProtectionRule: r.viewerPermission === 'ADMIN' && r._repo.protection ? protectionObj(r._repo.protection) : null,
          rules: {
            totalCount: (r._repo.rules ?? []).length,
            nodes: (r._repo.rules ?? []).map((rule, i) => ({
              id: `RR${i}`,
              type: typeof rule === 'string' ? rule : rule.type,
              repositoryRuleset: rulesetObj(r._org, typeof rule === 'string' ? r._repo.ruleset : rule.ruleset),
              parameters:
                (typeof rule === 'string' ? rule : rule.type) === 'PULL_REQUEST' && r._repo.ruleApprovals !== null
                  ? {
                      __typename: 'PullRequestParameters',
                      requiredApprovingReviewCount: r._repo.ruleApprovals ?? 1,
                      dismissStaleReviewsOnPush: r._repo.ruleset?.dismissStale ?? false,
                      requireCodeOwnerReview: r._repo.ruleset?.codeOwner ?? false,
                      requireLastPushApproval: r._repo.ruleset?.lastPush ?? false,
                      requiredReviewThreadResolution: false,
                      allowedMergeMethods: ['MERGE', 'SQUASH', 'REBASE'],
                      requiredReviewers: [],
                      automaticCopilotCodeReviewEnabled: false,
                    }
                  : null,
            })),
            pageInfo: { hasNextPage: false },
          },
        };
      },
    },
    Enterprise: {
      organizations: (e: { _ent: FakeEnterprise }, args: { first?: number; after?: string }) => {
        const logins = e._ent.organizations ?? opts.orgs.map((o) => o.login);
        const p = page([...logins].sort(), args);
        return { totalCount: p.totalCount, pageInfo: p.pageInfo, nodes: p.slice.map((login) => ({ __typename: 'Organization', login })) };
      },
      ownerInfo: (e: { _ent: FakeEnterprise }) => {
        needScopes(opts, 'ownerInfo', ['read:enterprise']);
        if (!opts.owner) return null;
        return {
          _ent: e._ent,
          twoFactorRequiredSetting: e._ent.twoFactor,
          ipAllowListEnabledSetting: 'DISABLED',
          samlIdentityProvider: e._ent.saml,
          oidcProvider: e._ent.oidc ? { providerType: e._ent.oidc } : null,
        };
      },
    },
    EnterpriseOwnerInfo: {
      twoFactorDisallowedMethodsSetting: (i: { _ent: FakeEnterprise }) => {
        fail('EnterpriseOwnerInfo.twoFactorDisallowedMethodsSetting', i);
        return i._ent.disallowedMethods ?? 'NO_POLICY';
      },
      admins: (i: { _ent: FakeEnterprise }, args: { role?: string; first?: number; after?: string }) => {
        const logins = args.role === undefined || args.role === 'OWNER' ? i._ent.owners : [];
        const p = page(logins, args);
        return { totalCount: p.totalCount, pageInfo: p.pageInfo, nodes: p.slice.map((login) => ({ __typename: 'User', login })) };
      },
      samlIdentityProviderSettingOrganizations: (i: { _ent: FakeEnterprise }, args: { value: string; first?: number; after?: string }) => {
        const logins = Object.entries(i._ent.ssoStates)
          .filter(([, v]) => v === args.value)
          .map(([k]) => k);
        const p = page(logins, args);
        return { totalCount: p.totalCount, pageInfo: p.pageInfo, nodes: p.slice.map((login) => ({ __typename: 'Organization', login })) };
      },
    },
  };
}

/** GET /orgs/{org}'s repository creation fields: the switch is on when any visibility is allowed. */
function memberCreation(c: { public: boolean; private: boolean; internal?: boolean }): Record<string, boolean> {
  return {
    members_can_create_repositories: c.public || c.private || c.internal === true,
    members_can_create_public_repositories: c.public,
    members_can_create_private_repositories: c.private,
    ...(c.internal === undefined ? {} : { members_can_create_internal_repositories: c.internal }),
  };
}

/** Shapes of GitHub's REST responses (fields the collector reads, plus a few neighbours). */
function restRoute(state: State, method: string, url: URL): { status: number; body: unknown; link?: string; headers?: Record<string, string> } {
  const opts = state.opts;
  const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
  const forbidden = {
    status: 403,
    body: { message: 'Must have admin rights to organization.', documentation_url: 'https://docs.github.com/rest', status: '403' },
  };
  if (method !== 'GET') return notFound;
  const parts = url.pathname.split('/').filter(Boolean);
  const org = parts[0] === 'orgs' ? opts.orgs.find((o) => o.login === parts[1]) : undefined;
  // A fine-grained token without the permission: 403 naming what GitHub accepts (documented header).
  const denied = org?.fineGrainedDenied?.find((d) => url.pathname.endsWith(d.path));
  if (denied) {
    return {
      status: 403,
      body: { message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest', status: '403' },
      headers: { 'x-accepted-github-permissions': denied.permission },
    };
  }
  const list = <T>(items: T[]) => {
    const per = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
    const pageNo = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((pageNo - 1) * per, pageNo * per);
    const next = pageNo * per < items.length ? `<http://${url.host}${url.pathname}?per_page=${per}&page=${pageNo + 1}>; rel="next"` : undefined;
    return { status: 200, body: slice, ...(next ? { link: next } : {}) };
  };
  if (parts[0] === 'orgs' && !org) return notFound;
  if (org && parts.length === 2) {
    const base: Record<string, unknown> = {
      login: org.login,
      id: 1,
      node_id: 'O_1',
      url: `${url.origin}/orgs/${org.login}`,
      description: null,
      public_repos: 0,
      type: 'Organization',
    };
    if (opts.owner && hasScope(opts, 'admin:org')) {
      Object.assign(base, {
        two_factor_requirement_enabled: org.twoFactor,
        default_repository_permission: org.defaultPermission,
        ...memberCreation(org.memberRepoCreation ?? { public: false, private: true }),
        members_can_delete_repositories: org.membersCanDeleteRepos ?? true,
        members_can_change_repo_visibility: org.membersCanChangeVisibility ?? true,
        members_can_fork_private_repositories: org.membersCanForkPrivate ?? true,
        web_commit_signoff_required: false,
      });
    }
    return { status: 200, body: base };
  }
  const sub = parts.slice(2).join('/');
  if (org && sub === 'actions/permissions/workflow') {
    return opts.owner && hasScope(opts, 'admin:org') ? { status: 200, body: org.workflow } : notFound;
  }
  if (org && sub === 'hooks') {
    if (!(opts.owner && hasScope(opts, 'admin:org_hook'))) return notFound;
    return list(
      org.hooks.map((h) => ({
        type: 'Organization',
        id: h.id,
        name: 'web',
        active: h.active,
        events: ['push'],
        config: { url: h.url, content_type: 'json', insecure_ssl: h.insecure_ssl, ...(h.secret ? { secret: '********' } : {}) },
        updated_at: '2026-01-01T00:00:00Z',
        created_at: '2026-01-01T00:00:00Z',
        url: `${url.origin}/orgs/${org.login}/hooks/${h.id}`,
      })),
    );
  }
  if (org && sub === 'actions/runner-groups') {
    if (!(opts.owner && hasScope(opts, 'admin:org'))) return forbidden;
    const groups = (org.runnerGroups ?? []).map(({ runners: _, ...g }) => ({ ...g, default: g.id === 1, inherited: false, runners_url: '' }));
    return { status: 200, body: { total_count: groups.length, runner_groups: groups } };
  }
  const groupRunners = /^actions\/runner-groups\/(\d+)\/runners$/.exec(sub);
  if (org && groupRunners) {
    const g = (org.runnerGroups ?? []).find((x) => x.id === Number(groupRunners[1]));
    if (!g || !(opts.owner && hasScope(opts, 'admin:org'))) return notFound;
    const runners = Array.from({ length: Math.min(g.runners, Number(url.searchParams.get('per_page') ?? 30)) }, (_, i) => ({
      id: i + 1,
      name: `runner-${i}`,
      os: 'linux',
      status: 'online',
      busy: false,
      labels: [{ id: 1, name: 'self-hosted', type: 'read-only' }],
    }));
    return { status: 200, body: { total_count: g.runners, runners } };
  }
  if (org && sub === 'installations') {
    if (!(opts.owner && hasScope(opts, 'admin:org'))) return forbidden;
    const installations = (org.installations ?? []).map((i, n) => ({
      id: 100 + n,
      app_id: 200 + n,
      app_slug: i.app_slug,
      target_type: 'Organization',
      repository_selection: 'all',
      permissions: i.permissions,
      events: [],
    }));
    return { status: 200, body: { total_count: installations.length, installations } };
  }
  if (org && sub === 'organization-roles') {
    if (!(opts.owner && hasScope(opts, 'admin:org'))) return forbidden;
    const roles = (org.orgRoles ?? []).map(({ users: _, ...r }) => ({ ...r, permissions: [], source: 'Predefined', organization: null }));
    return { status: 200, body: { total_count: roles.length, roles } };
  }
  const roleUsers = /^organization-roles\/(\d+)\/users$/.exec(sub);
  if (org && roleUsers) {
    const role = (org.orgRoles ?? []).find((r) => r.id === Number(roleUsers[1]));
    if (!role) return notFound;
    return list(role.users.map((login, i) => ({ login, id: 2000 + i, type: 'User', assignment: 'direct' })));
  }
  if (org && sub === 'outside_collaborators') {
    if (!(opts.owner && hasScope(opts, 'read:org'))) return { status: 403, body: { message: 'Must be an owner of this organization', status: '403' } };
    return list(org.outsideCollaborators.map((login, i) => ({ login, id: 1000 + i, type: 'User', site_admin: false })));
  }
  if (org && sub === 'audit-log') {
    if (!org.auditLogApi || !hasScope(opts, 'read:audit_log') || !opts.owner) return notFound;
    return list([{ '@timestamp': 1767225600000, action: 'org.update_member', actor: 'alice', _document_id: 'x', operation_type: 'modify' }]);
  }
  const repoOrg = parts[0] === 'repos' ? opts.orgs.find((o) => o.login === parts[1]) : undefined;
  const repo = repoOrg?.repos.find((r) => r.name === parts[2]);
  const repoSub = parts.slice(3).join('/');
  const repoAdmin = repo !== undefined && (opts.owner || repo.viewerPermission === 'ADMIN');
  if (repo && repoOrg && repoSub === 'hooks') {
    if (!repoAdmin) return notFound;
    return list(
      (repo.hooks ?? []).map((h) => ({
        type: 'Repository',
        id: h.id,
        name: 'web',
        active: h.active,
        events: ['push'],
        config: { url: h.url, content_type: 'json', insecure_ssl: h.insecure_ssl, ...(h.secret ? { secret: '********' } : {}) },
        updated_at: '2026-01-01T00:00:00Z',
        created_at: '2026-01-01T00:00:00Z',
        url: `${url.origin}/repos/${repoOrg.login}/${repo.name}/hooks/${h.id}`,
      })),
    );
  }
  if (repo && repoOrg && repoSub === 'actions/permissions/workflow') {
    return repoAdmin ? { status: 200, body: repo.workflow ?? repoOrg.workflow } : notFound;
  }
  const ent = opts.enterprise;
  if (parts[0] === 'enterprises' && ent && parts[1] === ent.slug && parts.slice(2).join('/') === 'audit-log/streams') {
    if (!(opts.owner && hasScope(opts, 'admin:enterprise'))) return notFound;
    return { status: 200, body: ent.streams.map((s) => ({ ...s, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' })) };
  }
  return notFound;
}

/** Whether a JWT is RS256-signed by the app's key, issued by the app, and not expired (as GitHub checks it). */
function validAppJwt(jwt: string, app: NonNullable<ServerOptions['app']>): boolean {
  const [head, body, sig] = jwt.split('.');
  if (!head || !body || !sig) return false;
  const ok = verify('RSA-SHA256', Buffer.from(`${head}.${body}`), createPublicKey(app.publicKey), Buffer.from(sig, 'base64url'));
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { iss?: unknown; exp?: number; iat?: number };
  return ok && String(claims.iss) === String(app.id) && typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
}

/** The token the server was started with, or an unexpired installation token it issued (short-lived ones only those). */
function validToken(state: State, token: string): boolean {
  const expires = state.issued.get(token);
  if (expires !== undefined) return Date.now() < expires;
  return token === state.opts.token && state.opts.app?.tokenTtlMs === undefined;
}

/** GitHub's App endpoints (JWT-authenticated), shaped as documented; undefined for other requests. */
function appRoute(state: State, method: string, restPath: string, auth: string): { status: number; body: unknown } | undefined {
  const opts = state.opts;
  const app = opts.app;
  const org = /^\/orgs\/([^/]+)\/installation$/.exec(restPath);
  const exchange = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(restPath);
  if (!app || !((method === 'GET' && org) || (method === 'POST' && exchange))) return undefined;
  const jwt = auth.replace(/^(bearer|token)\s+/i, '');
  if (!validAppJwt(jwt, app)) {
    return { status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: 'https://docs.github.com/rest', status: '401' } };
  }
  const notFound = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
  if (org) {
    const known = opts.orgs.find((o) => o.login === org[1]);
    if (!known) return notFound;
    return {
      status: 200,
      body: {
        id: app.installationId,
        app_id: app.id,
        app_slug: 'auditready-reader',
        target_type: 'Organization',
        account: { login: known.login, type: 'Organization' },
        repository_selection: 'all',
        permissions: { members: 'read', organization_administration: 'read', metadata: 'read' },
      },
    };
  }
  if (Number(exchange![1]) !== app.installationId) return notFound;
  if (app.refuseAfter !== undefined && state.issued.size >= app.refuseAfter) {
    return { status: 403, body: { message: 'This installation has been suspended', documentation_url: 'https://docs.github.com/rest', status: '403' } };
  }
  const ttl = app.tokenTtlMs ?? 3600_000;
  const token = app.tokenTtlMs === undefined ? opts.token : `ghs_${String(state.issued.size + 1).padStart(36, '0')}`;
  state.issued.set(token, Date.now() + ttl);
  return {
    status: 201,
    body: {
      token,
      expires_at: new Date(Date.now() + ttl).toISOString(),
      permissions: { members: 'read', organization_administration: 'read', metadata: 'read' },
      repository_selection: 'all',
    },
  };
}

export async function startFakeGithub(options: ServerOptions): Promise<FakeGithub> {
  const state: State = {
    opts: options,
    remaining: options.rateLimit?.remaining ?? 5000,
    resetAt: Date.now() + (options.rateLimit?.resetInMs ?? 3600_000),
    cost: 0,
    membersPagesServed: 0,
    repoIds: new Map(),
    rulesetIds: new Map(),
    issued: new Map(),
  };
  const schema = addMocksToSchema({
    schema: githubSchema(),
    mocks: {
      DateTime: () => '2026-01-01T00:00:00Z',
      URI: () => 'https://example.test/',
      HTML: () => '<p></p>',
      GitObjectID: () => '0000000000000000000000000000000000000000',
      GitTimestamp: () => '2026-01-01T00:00:00Z',
      Date: () => '2026-01-01',
      X509Certificate: () => '',
      BigInt: () => '0',
      Base64String: () => '',
      GitSSHRemote: () => '',
      PreciseDateTime: () => '2026-01-01T00:00:00.000Z',
    },
    resolvers: () => buildResolvers(state) as never,
    preserveResolvers: false,
  });
  const requests: LoggedRequest[] = [];
  const faults = (options.faults ?? []).map((f) => ({ ...f, skipLeft: f.skip ?? 0, left: f.times }));

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
        const isGraphql = url.pathname === '/graphql' || url.pathname === '/api/graphql';
        const restPath = url.pathname.replace(/^\/api\/v3/, '');
        const log: LoggedRequest = { method: req.method ?? 'GET', path: isGraphql ? url.pathname : restPath, operation: null, status: 0, cost: 0 };
        requests.push(log);
        const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
          log.status = status;
          const h: Record<string, string> = {
            'content-type': 'application/json; charset=utf-8',
            'x-ratelimit-limit': '5000',
            'x-ratelimit-remaining': String(state.remaining),
            'x-ratelimit-reset': String(Math.floor(state.resetAt / 1000)),
            ...headers,
          };
          if (options.scopes !== null) h['x-oauth-scopes'] = options.scopes.join(', ');
          res.writeHead(status, h);
          res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
        };
        if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
        const auth = req.headers.authorization ?? '';
        const appAnswer = appRoute(state, req.method ?? 'GET', restPath, auth);
        if (appAnswer) return send(appAnswer.status, appAnswer.body);
        if (!validToken(state, auth.replace(/^(bearer|token)\s+/i, '')))
          return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });

        const operation = isGraphql ? (/query\s+(\w+)/.exec(body)?.[1] ?? null) : null;
        const fault = faults.find(
          (f) =>
            f.left > 0 &&
            (f.match === 'graphql' ? isGraphql : f.match === 'rest' ? !isGraphql : url.pathname.includes(f.match)) &&
            (f.operation === undefined || f.operation === operation) &&
            f.skipLeft-- <= 0,
        );
        if (fault) {
          fault.left--;
          const reset = String(Math.floor(Date.now() / 1000) + 1);
          switch (fault.kind) {
            case 'primary':
              return send(
                403,
                {
                  message: 'API rate limit exceeded for user ID 1.',
                  documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
                },
                { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
              );
            case 'secondary':
              return send(
                403,
                { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
                { 'retry-after': '60' },
              );
            case 'secondary-no-header':
              return send(429, { message: 'You have exceeded a secondary rate limit.' });
            case 'graphql-rate-limited':
              return send(
                200,
                { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
                { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
              );
            case '502':
              return send(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
            case 'html-200':
              return send(200, '<!DOCTYPE html><html><body>Sign in to continue</body></html>', { 'content-type': 'text/html; charset=utf-8' });
            case 'cut-200':
              return send(200, '{"login": "acme", "members_can_');
            case 'timeout':
              return; // never answer; the client must time out
          }
        }

        if (isGraphql) {
          if (req.method !== 'POST') return send(404, { message: 'Not Found' });
          let payload: { query: string; variables?: Record<string, unknown> };
          try {
            payload = JSON.parse(body) as typeof payload;
          } catch {
            return send(400, { message: 'Problems parsing JSON' });
          }
          const vars = payload.variables ?? {};
          let cost = 1;
          try {
            cost = queryCost(payload.query, vars);
          } catch {
            /* invalid documents are reported by execution below */
          }
          if (Date.now() >= state.resetAt) {
            state.remaining = 5000;
            state.resetAt = Date.now() + 3600_000;
          }
          state.cost = cost;
          state.remaining = Math.max(0, state.remaining - cost);
          log.cost = cost;
          log.operation = /query\s+(\w+)/.exec(payload.query)?.[1] ?? null;
          const result = await execute({ schema, source: payload.query, variableValues: vars });
          const errors = result.errors?.map((e) => ({
            ...(e.extensions?.type ? { type: e.extensions.type } : {}),
            path: e.path,
            locations: e.locations,
            message: e.message,
          }));
          const response: { data?: unknown; errors?: unknown[] } = {
            ...(result.data !== undefined ? { data: JSON.parse(JSON.stringify(result.data)) as unknown } : {}),
            ...(errors ? { errors } : {}),
          };
          options.rewriteGraphql?.(log.operation, response);
          return send(200, response);
        }
        const r = restRoute(state, req.method ?? 'GET', new URL(`http://${req.headers.host}${restPath}${url.search}`));
        return send(r.status, r.body, { ...(r.link ? { link: r.link } : {}), ...r.headers });
      })().catch((e: unknown) => {
        res.writeHead(500);
        res.end(String(e));
      });
    });
  });
  const { url, close } = await listenLoopback(server);
  // The rate-limit window starts when the server answers, not before the (slow) schema build.
  state.resetAt = Date.now() + (options.rateLimit?.resetInMs ?? 3600_000);
  return {
    url,
    requests,
    options,
    close,
  };
}

// --- generated organizations ------------------------------------------------------------

export interface OrgShape {
  login?: string;
  members?: number;
  admins?: number;
  repos?: number;
  collaboratorsPerRepo?: number;
  deployKeysPerRepo?: number;
  compliant?: boolean;
  /** Enterprise Managed Users: logins carry the enterprise shortcode (user0000_acme); no organization 2FA or SAML. */
  managedUsers?: boolean;
}

const PROTECTED = { isAdminEnforced: true, requiresApprovingReviews: true, requiredApprovingReviewCount: 2, allowsForcePushes: false, allowsDeletions: false };

/** A deterministic organization: compliant (2FA, SAML, read default, read-only token, signed hooks) or not. */
export function generateOrg(shape: OrgShape = {}): FakeOrg {
  const login = shape.login ?? 'acme';
  const compliant = shape.compliant ?? true;
  const nMembers = shape.members ?? 12;
  const nAdmins = Math.min(shape.admins ?? 2, nMembers);
  const suffix = shape.managedUsers ? `_${login}` : '';
  const members = Array.from({ length: nMembers }, (_, i) => ({
    login: `user${String(i).padStart(4, '0')}${suffix}`,
    role: (i < nAdmins ? 'ADMIN' : 'MEMBER') as 'ADMIN' | 'MEMBER',
  }));
  const nCollab = shape.collaboratorsPerRepo ?? 3;
  const repos: FakeRepo[] = Array.from({ length: shape.repos ?? 5 }, (_, i) => ({
    name: `repo-${String(i).padStart(5, '0')}`,
    archived: i % 10 === 9,
    visibility: compliant ? 'PRIVATE' : i % 7 === 0 ? 'PUBLIC' : i % 7 === 3 ? 'INTERNAL' : 'PRIVATE',
    collaborators: [
      ...Array.from({ length: nCollab }, (_, j) => ({
        login: members[j % Math.max(1, nMembers)]?.login ?? `user${j}`,
        // non-compliant: every fourth repository (from the second) gives every collaborator admin
        permission: (j === 0 || (!compliant && i % 4 === 1) ? 'ADMIN' : 'WRITE') as 'ADMIN' | 'WRITE',
      })),
      // non-compliant: an outside collaborator can push to every third repository
      ...(compliant || i % 3 !== 0 ? [] : [{ login: 'contractor1', permission: 'WRITE' as const }]),
    ],
    deployKeys: Array.from({ length: shape.deployKeysPerRepo ?? 1 }, (_, j) => ({ title: `deploy-${j}`, readOnly: compliant || j > 0 })),
    defaultBranch: 'main',
    // compliant: classic protection binds admins, dismisses stale approvals and wants the last push approved;
    // non-compliant: every other repository has it, with admins and a team allowed to bypass it
    protection: compliant
      ? {
          ...PROTECTED,
          requireLastPushApproval: true,
          dismissesStaleReviews: true,
          restrictsReviewDismissals: true,
          restrictsPushes: true,
          requiresCodeOwnerReviews: true,
        }
      : i % 2 === 0
        ? { ...PROTECTED, isAdminEnforced: false, bypassAllowances: ['team:release-managers'] }
        : null,
    // compliant: an organization ruleset nobody bypasses; non-compliant: every fourth repository also
    // has a pull-request ruleset that organization admins and the same team bypass
    // non-compliant: every fourth repository from the third has a linear-history ruleset that only evaluates (not enforced);
    // so has every fourth from the fourth, with no classic protection, blocking force pushes, deletion and updates (none of it enforced)
    rules: compliant
      ? ['DELETION', 'NON_FAST_FORWARD', 'PULL_REQUEST']
      : i % 4 === 0
        ? ['PULL_REQUEST']
        : i % 4 === 2
          ? ['NON_FAST_FORWARD']
          : i % 4 === 3
            ? ['DELETION', 'NON_FAST_FORWARD', 'UPDATE']
            : [],
    ruleset: compliant
      ? { name: 'default-branch', bypass: [], dismissStale: true, lastPush: true, codeOwner: true }
      : i % 4 >= 2
        ? { name: 'trial-linear-history', bypass: [], enforcement: 'EVALUATE' }
        : { name: 'legacy-review', bypass: [{ organizationAdmin: true }, { team: 'release-managers' }] },
    // every repository has a signed TLS webhook; non-compliant: the second also an unsigned http one
    hooks: [
      { id: 10 + i, active: true, url: 'https://ci.acme.example/repo-hook', insecure_ssl: '0', secret: true },
      ...(compliant || i !== 1 ? [] : [{ id: 50, active: true, url: 'http://chat.acme.example/hook?token=abc', insecure_ssl: '1' as const, secret: false }]),
    ],
    // non-compliant: the third repository lets its Actions token write and approve pull requests
    ...(compliant || i !== 2 ? {} : { workflow: { default_workflow_permissions: 'write' as const, can_approve_pull_request_reviews: true } }),
  }));
  return {
    login,
    members,
    outsideCollaborators: compliant ? [] : ['contractor1', 'contractor2'],
    repos,
    twoFactor: compliant && !shape.managedUsers,
    saml:
      compliant && !shape.managedUsers ? { ssoUrl: 'https://acme.okta.com/app/github/sso/saml', issuer: 'http://www.okta.com/exk1', linked: nMembers } : null,
    ipAllowList: compliant ? 'ENABLED' : 'DISABLED',
    memberRepoCreation: compliant ? { public: false, private: false } : { public: true, private: true },
    membersCanDeleteRepos: !compliant,
    defaultPermission: compliant ? 'read' : 'write',
    workflow: compliant
      ? { default_workflow_permissions: 'read', can_approve_pull_request_reviews: false }
      : { default_workflow_permissions: 'write', can_approve_pull_request_reviews: true },
    hooks: compliant
      ? [{ id: 1, active: true, url: 'https://ci.acme.example/hook', insecure_ssl: '0', secret: true }]
      : [
          { id: 1, active: true, url: 'https://ci.acme.example/hook', insecure_ssl: '1', secret: true },
          { id: 2, active: true, url: 'http://chat.acme.example/hook?token=abc', insecure_ssl: '0', secret: false },
        ],
    auditLogApi: compliant,
    membersCanChangeVisibility: !compliant,
    membersCanForkPrivate: !compliant,
    notificationRestriction: compliant ? 'ENABLED' : 'DISABLED',
    verifiedDomains: compliant ? [`${login}.example`] : [],
    // compliant: the default group (every repository) holds no runner, the builders are limited to selected private repositories
    runnerGroups: [
      { id: 1, name: 'Default', visibility: 'all', allows_public_repositories: false, runners: compliant ? 0 : 4 },
      { id: 2, name: 'builders', visibility: 'selected', allows_public_repositories: !compliant, runners: 2 },
    ],
    installations: [
      { app_slug: 'renovate', permissions: { contents: 'write', pull_requests: 'write', metadata: 'read' } },
      ...(compliant ? [] : [{ app_slug: 'org-admin-bot', permissions: { organization_administration: 'write', members: 'write' } }]),
    ],
    // the security manager is an owner already; non-compliant: a member is all-repository admin
    orgRoles: [
      { id: 8132, name: 'all_repo_admin', base_role: 'admin', users: compliant ? [] : [members[Math.min(5, nMembers - 1)]!.login] },
      { id: 8134, name: 'security_manager', base_role: null, users: [members[0]!.login] },
      { id: 8130, name: 'all_repo_read', base_role: 'read', users: [members[nMembers - 1]!.login] },
    ],
  };
}

/**
 * The enterprise of generateOrg's organization: compliant (2FA, SAML enforced, secure 2FA methods,
 * an active Splunk stream) or not. managedUsers: Enterprise Managed Users signing in with Entra ID
 * over OIDC (no 2FA policy: the IdP's), owners with the shortcode suffix.
 */
export function generateEnterprise(org: string, compliant = true, managedUsers = false): FakeEnterprise {
  return {
    slug: 'acme-corp',
    owners: managedUsers ? [`ent-owner1_${org}`, `user0000_${org}`] : ['ent-owner1', 'user0000'],
    twoFactor: compliant && !managedUsers ? 'ENABLED' : 'NO_POLICY',
    saml: compliant && !managedUsers ? { ssoUrl: 'https://login.microsoftonline.com/tenant/saml2', issuer: 'https://sts.windows.net/tenant/' } : null,
    oidc: managedUsers ? 'AAD' : null,
    ssoStates: { [org]: compliant ? 'ENFORCED' : 'UNCONFIGURED', 'other-org': 'CONFIGURED' },
    streams: compliant
      ? [{ id: 7, stream_type: 'Splunk', stream_details: 'http-inputs-acme.splunkcloud.com', enabled: true, paused_at: null }]
      : [{ id: 8, stream_type: 'Amazon S3', stream_details: 'acme-audit-archive', enabled: true, paused_at: '2026-10-01T00:00:00Z' }],
    disallowedMethods: compliant ? 'INSECURE' : 'NO_POLICY',
  };
}
