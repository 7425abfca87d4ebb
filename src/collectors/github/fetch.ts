/**
 * GitHub I/O: runs the GraphQL queries and REST calls and returns what was read, each part as
 * an Outcome (a value, or why it could not be read). No pass/fail decisions here; see
 * normalize.ts for the mapping to the model.
 */
import { graphql, GraphqlResponseError } from '@octokit/graphql';
import { type Missing, missing, type Outcome, ok } from '../kit/result.js';
import { createTransport, GithubHttpError, type HttpStats } from './http.js';
import type { GithubSettings } from './options.js';
import { QUERIES } from './queries.js';

export type { Missing, Outcome } from '../kit/result.js';
export { missing, ok } from '../kit/result.js';

export interface GraphqlErrorItem {
  readonly type?: string;
  readonly message: string;
  readonly path?: readonly (string | number)[];
}

export interface RawOrg {
  login: string;
  viewerCanAdminister: boolean;
  requiresTwoFactorAuthentication: Outcome<boolean | null>;
  ipAllowListEnabledSetting: Outcome<string>;
  samlIdentityProvider: Outcome<{ ssoUrl: string | null; issuer: string | null; linkedIdentities: number } | null>;
}

export interface RawMember {
  login: string;
  /** null: GitHub returned the edge without a role (unknown, never assumed MEMBER). */
  role: 'ADMIN' | 'MEMBER' | null;
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
  protection: Outcome<{
    isAdminEnforced: boolean;
    requiresApprovingReviews: boolean;
    requiredApprovingReviewCount: number | null;
    allowsForcePushes: boolean;
    allowsDeletions: boolean;
  } | null>;
  /** Types of the ruleset rules that apply to the default branch (PULL_REQUEST, NON_FAST_FORWARD, ...). */
  rulesetRules: Outcome<string[]>;
  /** requiredApprovingReviewCount of each PULL_REQUEST ruleset rule (null: GitHub did not say), when rulesetRules is ok. */
  pullRequestRuleApprovals: (number | null)[];
  collaborators: Outcome<{ login: string; permission: string }[]>;
  deployKeys: Outcome<{ title: string; readOnly: boolean }[]>;
}

/** A webhook as kept: its URL cut to scheme://host[:port] (paths and queries may carry secrets), whether a secret is set. */
export interface RawHook {
  id: number;
  active: boolean;
  url: string;
  insecure_ssl: string | number | null;
  secret_set: boolean;
}

/** What GitHub's REST API returns for a webhook (only the fields read). */
interface RestHook {
  id: number;
  active: boolean;
  config?: { url?: string; insecure_ssl?: string | number; secret?: string } | null;
}

/**
 * Scheme and host (with port) of a webhook URL, nothing else: Slack, Discord and others put the
 * credential in the path, some receivers in the query or the user info.
 */
export function webhookOrigin(url: string | undefined | null): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    const m = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^/?#@]*@)?([^/?#@]*)/i.exec(url);
    return m ? `${m[1]}${m[2]}` : '(unparseable URL)';
  }
}

function toRawHook(h: RestHook): RawHook {
  const c = h.config ?? {};
  return {
    id: h.id,
    active: h.active === true,
    url: webhookOrigin(c.url),
    insecure_ssl: c.insecure_ssl ?? null,
    secret_set: typeof c.secret === 'string' && c.secret.length > 0,
  };
}

export interface RawStream {
  id: number;
  stream_type: string;
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
}

export interface RawGithub {
  org: RawOrg;
  members: Outcome<RawMember[]>;
  /** Member nodes GitHub returned as null (deleted while we paged). */
  membersSkipped: number;
  repos: Outcome<RawRepo[]>;
  outsideCollaborators: Outcome<string[]>;
  orgSettings: Outcome<Record<string, unknown>>;
  workflow: Outcome<{ default_workflow_permissions: string; can_approve_pull_request_reviews: boolean }>;
  hooks: Outcome<RawHook[]>;
  auditLogApi: Outcome<boolean>;
  enterprise: Outcome<RawEnterprise> | undefined;
  streams: Outcome<RawStream[]> | undefined;
  graphqlErrors: GraphqlErrorItem[];
  cost: number;
  stats: HttpStats;
}

/** A problem that stops the whole collection (bad token, unknown org). */
export class GithubFatal extends Error {
  override readonly name = 'GithubFatal';
  constructor(
    message: string,
    readonly kind: 'auth' | 'org' | 'enterprise' | 'http',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const PAGE = 100;
const MIN_REPO_PAGE = 25;

/** Scopes named in a GitHub INSUFFICIENT_SCOPES message: "... requires one of the following scopes: ['read:org'] ...". */
export function scopesFromMessage(message: string): string | undefined {
  const m = /following scopes: \[([^\]]*)\]/.exec(message);
  if (!m) return undefined;
  const scopes = m[1]!
    .split(',')
    .map((s) => s.trim().replace(/^['"]|['"]$/g, ''))
    .filter(Boolean);
  return scopes.length > 0 ? scopes.join(' or ') : undefined;
}

/** The gap for a GraphQL error on a field. */
export function fromGraphqlError(e: GraphqlErrorItem, permission: string): Missing {
  const scopes = scopesFromMessage(e.message);
  if (e.type === 'INSUFFICIENT_SCOPES') return missing('permission_missing', `GitHub: ${e.message}`, scopes ?? permission);
  if (e.type === 'FORBIDDEN') return missing('permission_missing', `GitHub: ${e.message}`, permission);
  return missing('error', `GitHub${e.type ? ` ${e.type}` : ''}: ${e.message}`);
}

function pathStartsWith(path: readonly (string | number)[] | undefined, prefix: readonly (string | number)[]): boolean {
  if (!path || path.length < prefix.length) return false;
  return prefix.every((p, i) => path[i] === p);
}

interface RestResult {
  status: number;
  json: unknown;
  link: string | null;
}

export async function fetchGithub(settings: GithubSettings, progress: (m: string) => void, label: string): Promise<RawGithub> {
  const transport = createTransport(settings.tuning, progress, Date.now, settings.signal);
  const headers = {
    authorization: `bearer ${settings.token}`,
    'user-agent': 'auditready',
    'x-github-api-version': '2022-11-28',
  };
  const gql = graphql.defaults({ baseUrl: settings.apiUrl, headers, request: { fetch: transport.fetch } });
  const graphqlErrors: GraphqlErrorItem[] = [];
  let cost = 0;
  let maxCost = 1;

  /** One GraphQL call; partial responses keep their data and return their errors. */
  async function query<T>(doc: string, variables: Record<string, unknown>): Promise<{ data: T | undefined; errors: GraphqlErrorItem[] }> {
    let data: T | undefined;
    let errors: GraphqlErrorItem[] = [];
    try {
      data = await gql<T>(doc, variables);
    } catch (e) {
      if (e instanceof GraphqlResponseError) {
        data = (e.data ?? undefined) as T | undefined;
        errors = (e.errors ?? []) as GraphqlErrorItem[];
      } else {
        throw httpFailure(e);
      }
    }
    const rate = (data as { rateLimit?: { cost?: number; remaining?: number; resetAt?: string } } | undefined)?.rateLimit;
    if (rate && typeof rate.cost === 'number') {
      cost += rate.cost;
      maxCost = Math.max(maxCost, rate.cost);
      // Cost awareness: stop before the budget runs out rather than be refused (and retried) by GitHub.
      if (typeof rate.remaining === 'number' && rate.resetAt && rate.remaining < maxCost * settings.tuning.concurrency) {
        const resetMs = Date.parse(rate.resetAt) - Date.now();
        if (resetMs > 0) await transport.pause(resetMs + 250, `GraphQL points (${rate.remaining} left)`);
      }
    }
    graphqlErrors.push(...errors);
    return { data, errors };
  }

  function httpFailure(e: unknown): Error {
    const status = (e as { status?: number }).status;
    if (status === 401) return new GithubFatal(`the token in $${settings.tokenEnv} was rejected (HTTP 401 Bad credentials)`, 'auth', { cause: e });
    // @octokit/request wraps what fetch threw (our GithubHttpError) in a RequestError: unwrap it.
    for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
      if (c instanceof GithubHttpError) return new GithubFatal(c.message, 'http', { cause: e });
    }
    const msg = e instanceof Error ? e.message : String(e);
    return new GithubFatal(`GraphQL request failed${status ? ` (HTTP ${status})` : ''}: ${msg}`, 'http', { cause: e });
  }

  async function rest(path: string): Promise<RestResult> {
    let res: Response;
    try {
      res = await transport.fetch(`${settings.apiUrl}${path}`, {
        headers: { ...headers, accept: 'application/vnd.github+json' },
      });
    } catch (e) {
      throw httpFailure(e);
    }
    if (res.status === 401) throw new GithubFatal(`the token in $${settings.tokenEnv} was rejected (HTTP 401 Bad credentials)`, 'auth');
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, link: res.headers.get('link') };
  }

  /** All pages of a REST list (Link: rel="next"), or why it could not be read. */
  async function restList<T>(path: string, permission: string, what: string): Promise<Outcome<T[]>> {
    const out: T[] = [];
    let next: string | null = `${path}${path.includes('?') ? '&' : '?'}per_page=${PAGE}`;
    while (next) {
      const r = await rest(next);
      if (r.status !== 200 || !Array.isArray(r.json)) return restMissing(r, permission, what);
      out.push(...(r.json as T[]));
      const m = r.link ? /<([^>]+)>;\s*rel="next"/.exec(r.link) : null;
      next = m ? m[1]!.replace(settings.apiUrl, '') : null;
    }
    return ok(out);
  }

  function restMissing(r: RestResult, permission: string, what: string): Outcome<never> {
    const msg = (r.json as { message?: string } | null)?.message;
    if (r.status === 403 || r.status === 404) {
      // GitHub answers 404 as well as 403 when the token may not see a resource.
      return missing('permission_missing', `GitHub answered HTTP ${r.status} for ${what}${msg ? ` (${msg})` : ''}`, permission);
    }
    return missing('error', `GitHub answered HTTP ${r.status} for ${what}${msg ? ` (${msg})` : ''}`);
  }

  const tell = (what: string) => {
    progress(`${label}: ${what} (${transport.stats.requests} requests, GraphQL cost ${cost})`);
  };

  // 1. Organization (must exist: everything else hangs off it).
  const orgResult = await query<{ organization: Record<string, unknown> | null }>(QUERIES.org, { login: settings.org });
  const orgData = orgResult.data?.organization;
  if (!orgData) {
    const first = orgResult.errors[0];
    if (first?.type === 'INSUFFICIENT_SCOPES') {
      throw new GithubFatal(`organization ${settings.org}: ${first.message}`, 'org');
    }
    throw new GithubFatal(`organization ${settings.org} was not found or is not visible to the token${first ? ` (${first.message})` : ''}`, 'org');
  }
  const fieldOutcome = <T>(field: string, permission: string): Outcome<T> => {
    const err = orgResult.errors.find((e) => pathStartsWith(e.path, ['organization', field]));
    if (err) return fromGraphqlError(err, permission);
    return ok(orgData[field] as T);
  };
  const saml = fieldOutcome<{ ssoUrl: string | null; issuer: string | null; externalIdentities?: { totalCount: number } } | null>(
    'samlIdentityProvider',
    'read:org (organization owner)',
  );
  const org: RawOrg = {
    login: String(orgData.login),
    viewerCanAdminister: orgData.viewerCanAdminister === true,
    requiresTwoFactorAuthentication: fieldOutcome('requiresTwoFactorAuthentication', 'read:org (organization owner)'),
    ipAllowListEnabledSetting: missing(
      'permission_missing',
      'the IP allow list setting is visible to organization owners only',
      'read:org (organization owner)',
    ),
    samlIdentityProvider: saml.ok
      ? ok(saml.value ? { ssoUrl: saml.value.ssoUrl, issuer: saml.value.issuer, linkedIdentities: saml.value.externalIdentities?.totalCount ?? 0 } : null)
      : saml,
  };

  if (org.viewerCanAdminister) {
    const r = await query<{ organization: { ipAllowListEnabledSetting: string } | null }>(QUERIES.orgOwner, { login: settings.org });
    const v = r.data?.organization?.ipAllowListEnabledSetting;
    org.ipAllowListEnabledSetting = v ? ok(v) : r.errors[0] ? fromGraphqlError(r.errors[0], 'read:org (organization owner)') : org.ipAllowListEnabledSetting;
  }

  // 2. Members, repositories, REST settings and the enterprise, side by side (the transport bounds concurrency).
  let membersSkipped = 0;
  const members = async (): Promise<Outcome<RawMember[]>> => {
    const out = new Map<string, RawMember>();
    let after: string | null = null;
    for (;;) {
      type Page = {
        organization: {
          membersWithRole: {
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: ({ role: string | null; node: { login: string } | null } | null)[];
          };
        } | null;
      };
      const r: { data: Page | undefined; errors: GraphqlErrorItem[] } = await query<Page>(QUERIES.members, { login: settings.org, first: PAGE, after });
      const conn = r.data?.organization?.membersWithRole;
      if (!conn) {
        const err = r.errors[0];
        return err ? fromGraphqlError(err, 'read:org') : missing('error', 'GitHub returned no membersWithRole');
      }
      for (const edge of conn.edges) {
        if (!edge?.node) {
          membersSkipped++; // a member deleted while we paged comes back as null
          continue;
        }
        out.set(edge.node.login, { login: edge.node.login, role: edge.role === 'ADMIN' || edge.role === 'MEMBER' ? edge.role : null });
      }
      tell(`${out.size} members`);
      if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
      after = conn.pageInfo.endCursor;
    }
    return ok([...out.values()]);
  };

  const repos = async (): Promise<Outcome<RawRepo[]>> => {
    const out: RawRepo[] = [];
    const followUps: Promise<void>[] = [];
    let after: string | null = null;
    let total = 0;
    // A page of 100 repositories with their nested connections is GitHub's heaviest query here;
    // when it keeps failing (502/timeouts after every retry), ask for smaller pages.
    let first = PAGE;
    let seen = 0;
    // However this returns or throws, the follow-up pages already started are waited for: none
    // may reject later, unhandled, once the collection has moved on.
    try {
      for (;;) {
        type Page = {
          organization: {
            repositories: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (Record<string, unknown> | null)[] };
          } | null;
        };
        let r: { data: Page | undefined; errors: GraphqlErrorItem[] };
        try {
          r = await query<Page>(QUERIES.repos, { login: settings.org, first, after, nested: PAGE });
        } catch (e) {
          if (!(e instanceof GithubFatal) || e.kind !== 'http' || first <= MIN_REPO_PAGE) throw e;
          first = Math.max(MIN_REPO_PAGE, Math.floor(first / 2));
          progress(`${label}: repository page failed (${e.message}); retrying with pages of ${first}`);
          continue;
        }
        const conn = r.data?.organization?.repositories;
        if (!conn) {
          const err = r.errors[0];
          return err ? fromGraphqlError(err, 'repo') : missing('error', 'GitHub returned no repositories');
        }
        total = conn.totalCount;
        conn.nodes.forEach((node, i) => {
          seen++;
          const errs = r.errors.filter((e) => pathStartsWith(e.path, ['organization', 'repositories', 'nodes', i]));
          if (!node) {
            // An error on a non-null field nulls the whole node: keep the repository as unknown, never drop it.
            const why = errs[0] ? fromGraphqlError(errs[0], 'repo') : missing('error', `GitHub returned repository ${seen} of ${conn.totalCount} as null`);
            out.push(unreadableRepo(`${settings.org}/unreadable-repository-${seen}`, why));
            return;
          }
          const repo = toRepo(node, errs);
          out.push(repo);
          followUps.push(...moreNested(repo, node));
        });
        tell(`${out.length}/${total} repositories`);
        if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
        after = conn.pageInfo.endCursor;
      }
      await Promise.all(followUps);
      return ok(out);
    } finally {
      await Promise.allSettled(followUps);
    }
  };

  /** Pages after the first of a repository's collaborators and deploy keys. */
  function moreNested(repo: RawRepo, node: Record<string, unknown>): Promise<void>[] {
    const jobs: Promise<void>[] = [];
    const collab = node.collaborators as { pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
    if (repo.collaborators.ok && collab?.pageInfo.hasNextPage) {
      jobs.push(
        (async () => {
          let after = collab.pageInfo.endCursor;
          const list = [...(repo.collaborators as { value: { login: string; permission: string }[] }).value];
          while (after) {
            type P = {
              node: {
                collaborators: {
                  pageInfo: { hasNextPage: boolean; endCursor: string | null };
                  edges: { permission: string; node: { login: string } }[];
                } | null;
              } | null;
            };
            const r: { data: P | undefined; errors: GraphqlErrorItem[] } = await query<P>(QUERIES.repoCollaborators, { id: repo.id, first: PAGE, after });
            const c = r.data?.node?.collaborators;
            if (!c) {
              repo.collaborators = r.errors[0]
                ? fromGraphqlError(r.errors[0], 'repo (push access to the repository)')
                : missing('error', `${repo.nameWithOwner} disappeared while its collaborators were read`);
              return;
            }
            list.push(...c.edges.map((e) => ({ login: e.node.login, permission: e.permission })));
            after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
          }
          repo.collaborators = ok(list);
        })(),
      );
    }
    const keys = node.deployKeys as { pageInfo: { hasNextPage: boolean; endCursor: string | null } } | null;
    if (repo.deployKeys.ok && keys?.pageInfo.hasNextPage) {
      jobs.push(
        (async () => {
          let after = keys.pageInfo.endCursor;
          const list = [...(repo.deployKeys as { value: { title: string; readOnly: boolean }[] }).value];
          while (after) {
            type P = {
              node: {
                deployKeys: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { title: string; readOnly: boolean }[] } | null;
              } | null;
            };
            const r: { data: P | undefined; errors: GraphqlErrorItem[] } = await query<P>(QUERIES.repoDeployKeys, { id: repo.id, first: PAGE, after });
            const k = r.data?.node?.deployKeys;
            if (!k) {
              repo.deployKeys = r.errors[0]
                ? fromGraphqlError(r.errors[0], 'repository admin')
                : missing('error', `${repo.nameWithOwner} disappeared while its deploy keys were read`);
              return;
            }
            list.push(...k.nodes);
            after = k.pageInfo.hasNextPage ? k.pageInfo.endCursor : null;
          }
          repo.deployKeys = ok(list);
        })(),
      );
    }
    return jobs;
  }

  const enterprise = async (): Promise<Outcome<RawEnterprise> | undefined> => {
    const slug = settings.enterprise;
    if (!slug) return undefined;
    const r = await query<{ enterprise: { ownerInfo: Record<string, unknown> | null } | null }>(QUERIES.enterprise, { slug });
    if (!r.data?.enterprise) {
      const err = r.errors[0];
      if (err && err.type !== 'NOT_FOUND') return fromGraphqlError(err, 'read:enterprise');
      throw new GithubFatal(`enterprise ${slug} was not found or is not visible to the token${err ? ` (${err.message})` : ''}`, 'enterprise');
    }
    const info = r.data.enterprise.ownerInfo;
    if (!info) {
      const err = r.errors.find((e) => pathStartsWith(e.path, ['enterprise', 'ownerInfo']));
      return err
        ? fromGraphqlError(err, 'read:enterprise')
        : missing('permission_missing', `enterprise ${slug}: ownerInfo is visible to enterprise owners only`, 'read:enterprise');
    }
    const fieldErr = (f: string) => r.errors.find((e) => pathStartsWith(e.path, ['enterprise', 'ownerInfo', f]));
    const bad = ['twoFactorRequiredSetting', 'samlIdentityProvider', 'oidcProvider'].map(fieldErr).find(Boolean);
    if (bad) return fromGraphqlError(bad, 'read:enterprise');
    let orgSsoState: Outcome<string | null> = ok(null);
    for (const value of ['ENFORCED', 'CONFIGURED', 'UNCONFIGURED']) {
      let after: string | null = null;
      let found = false;
      for (;;) {
        type P = {
          enterprise: {
            ownerInfo: {
              samlIdentityProviderSettingOrganizations: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ({ login: string } | null)[] };
            } | null;
          } | null;
        };
        const p: { data: P | undefined; errors: GraphqlErrorItem[] } = await query<P>(QUERIES.enterpriseSsoOrgs, { slug, value, first: PAGE, after });
        const conn = p.data?.enterprise?.ownerInfo?.samlIdentityProviderSettingOrganizations;
        if (!conn) {
          orgSsoState = p.errors[0]
            ? fromGraphqlError(p.errors[0], 'read:enterprise')
            : missing('error', 'GitHub returned no samlIdentityProviderSettingOrganizations');
          break;
        }
        if (conn.nodes.some((n) => n?.login.toLowerCase() === settings.org.toLowerCase())) {
          found = true;
          break;
        }
        if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
        after = conn.pageInfo.endCursor;
      }
      if (!orgSsoState.ok) break;
      if (found) {
        orgSsoState = ok(value);
        break;
      }
    }
    let owners: Outcome<string[]> = ok([]);
    const ownerLogins: string[] = [];
    for (let after: string | null = null; ; ) {
      type P = {
        enterprise: {
          ownerInfo: { admins: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ({ login: string } | null)[] } } | null;
        } | null;
      };
      const p: { data: P | undefined; errors: GraphqlErrorItem[] } = await query<P>(QUERIES.enterpriseOwners, { slug, first: PAGE, after });
      const conn = p.data?.enterprise?.ownerInfo?.admins;
      if (!conn) {
        owners = p.errors[0] ? fromGraphqlError(p.errors[0], 'read:enterprise') : missing('error', 'GitHub returned no enterprise admins');
        break;
      }
      ownerLogins.push(...conn.nodes.flatMap((n) => (n ? [n.login] : [])));
      owners = ok(ownerLogins);
      if (!conn.pageInfo.hasNextPage || !conn.pageInfo.endCursor) break;
      after = conn.pageInfo.endCursor;
    }
    return ok({
      owners,
      twoFactorRequiredSetting: (info.twoFactorRequiredSetting as string | null) ?? null,
      samlIdentityProvider: (info.samlIdentityProvider as RawEnterprise['samlIdentityProvider']) ?? null,
      oidcProvider: (info.oidcProvider as RawEnterprise['oidcProvider']) ?? null,
      orgSsoState,
    });
  };

  const orgSettings = async (): Promise<Outcome<Record<string, unknown>>> => {
    const r = await rest(`/orgs/${encodeURIComponent(settings.org)}`);
    if (r.status !== 200 || !r.json || typeof r.json !== 'object') return restMissing(r, 'admin:org (organization owner)', `GET /orgs/${settings.org}`);
    return ok(r.json as Record<string, unknown>);
  };
  const workflow = async (): Promise<RawGithub['workflow']> => {
    const r = await rest(`/orgs/${encodeURIComponent(settings.org)}/actions/permissions/workflow`);
    const what = `GET /orgs/${settings.org}/actions/permissions/workflow`;
    if (r.status !== 200) return restMissing(r, 'admin:org', what);
    const body = r.json as { default_workflow_permissions?: unknown; can_approve_pull_request_reviews?: unknown } | null;
    if (
      !body ||
      typeof body !== 'object' ||
      typeof body.can_approve_pull_request_reviews !== 'boolean' ||
      typeof body.default_workflow_permissions !== 'string'
    ) {
      return missing('error', `GitHub answered ${what} without default_workflow_permissions and can_approve_pull_request_reviews`);
    }
    return ok({ default_workflow_permissions: body.default_workflow_permissions, can_approve_pull_request_reviews: body.can_approve_pull_request_reviews });
  };
  const auditLogApi = async (): Promise<Outcome<boolean>> => {
    const r = await rest(`/orgs/${encodeURIComponent(settings.org)}/audit-log?per_page=1`);
    if (r.status === 200) return ok(true);
    // 403/404 mean either "not GitHub Enterprise Cloud" or "not allowed": GitHub does not say which.
    return restMissing(r, 'read:audit_log (organization owner, GitHub Enterprise Cloud)', `GET /orgs/${settings.org}/audit-log`);
  };
  const streams = async (): Promise<Outcome<RawStream[]> | undefined> => {
    if (!settings.enterprise) return undefined;
    const r = await rest(`/enterprises/${encodeURIComponent(settings.enterprise)}/audit-log/streams`);
    if (r.status !== 200 || !Array.isArray(r.json)) {
      return restMissing(r, 'admin:enterprise (enterprise owner)', `GET /enterprises/${settings.enterprise}/audit-log/streams`);
    }
    return ok(r.json as RawStream[]);
  };

  const [m, rp, oc, os, wf, hk, al, ent, st] = await Promise.all([
    members(),
    repos(),
    restList<{ login: string }>(
      `/orgs/${encodeURIComponent(settings.org)}/outside_collaborators`,
      'read:org (organization owner)',
      'outside collaborators',
    ).then((o): Outcome<string[]> => (o.ok ? ok(o.value.map((u) => u.login)) : o)),
    orgSettings(),
    workflow(),
    restList<RestHook>(`/orgs/${encodeURIComponent(settings.org)}/hooks`, 'admin:org_hook', 'organization webhooks').then(
      (o): Outcome<RawHook[]> => (o.ok ? ok(o.value.map(toRawHook)) : o),
    ),
    auditLogApi(),
    enterprise(),
    streams(),
  ]);
  return {
    org,
    members: m,
    membersSkipped,
    repos: rp,
    outsideCollaborators: oc,
    orgSettings: os,
    workflow: wf,
    hooks: hk,
    auditLogApi: al,
    enterprise: ent,
    streams: st,
    graphqlErrors,
    cost,
    stats: transport.stats,
  };
}

/** A repository GitHub returned as null: every fact is the error. */
function unreadableRepo(name: string, why: Missing): RawRepo {
  const detail = `${name}: ${why.detail}`;
  const o: Missing = { ...why, detail };
  return {
    id: '',
    nameWithOwner: name,
    isArchived: null,
    isDisabled: false,
    visibility: null,
    viewerPermission: null,
    defaultBranch: null,
    unreadable: o,
    protection: o,
    rulesetRules: o,
    pullRequestRuleApprovals: [],
    collaborators: o,
    deployKeys: o,
  };
}

/** A repository node from a page, with the errors GitHub reported under it. */
function toRepo(node: Record<string, unknown>, errs: readonly GraphqlErrorItem[]): RawRepo {
  const name = String(node.nameWithOwner);
  const err = (field: string) => errs.find((e) => e.path && e.path[4] === field);
  const branch = node.defaultBranchRef as {
    name: string;
    branchProtectionRule: NonNullable<Extract<RawRepo['protection'], { ok: true }>['value']> | null;
    rules: { totalCount: number; nodes: ({ type: string; parameters?: { requiredApprovingReviewCount?: number } | null } | null)[] } | null;
  } | null;
  const admin = node.viewerPermission === 'ADMIN';
  const protectionErr = err('defaultBranchRef');
  const protection: RawRepo['protection'] = protectionErr
    ? fromGraphqlError(protectionErr, 'repository admin')
    : !admin
      ? missing('permission_missing', `${name}: branch protection is visible to repository admins only`, 'repository admin (repo scope)')
      : branch === null
        ? missing('not_applicable', `${name} is empty: no default branch to protect`)
        : ok(branch.branchProtectionRule ?? null);
  const rulesetRules: RawRepo['rulesetRules'] = protectionErr
    ? fromGraphqlError(protectionErr, 'repository admin')
    : branch === null
      ? ok([])
      : branch.rules
        ? ok([...new Set(branch.rules.nodes.flatMap((n) => (n ? [n.type] : [])))].sort())
        : missing('permission_missing', `${name}: rulesets of the default branch were not returned`, 'repository admin (repo scope)');
  const pullRequestRuleApprovals = (branch?.rules?.nodes ?? []).flatMap((n) =>
    n?.type === 'PULL_REQUEST' ? [typeof n.parameters?.requiredApprovingReviewCount === 'number' ? n.parameters.requiredApprovingReviewCount : null] : [],
  );
  const collabErr = err('collaborators');
  const collab = node.collaborators as { edges: { permission: string; node: { login: string } }[] } | null;
  const collaborators: RawRepo['collaborators'] = collabErr
    ? fromGraphqlError(collabErr, 'repo (push access to the repository)')
    : collab
      ? ok(collab.edges.map((e) => ({ login: e.node.login, permission: e.permission })))
      : missing('permission_missing', `${name}: collaborators are visible with push access only`, 'repo (push access to the repository)');
  const keysErr = err('deployKeys');
  const keys = node.deployKeys as { nodes: { title: string; readOnly: boolean }[] } | null;
  const deployKeys: RawRepo['deployKeys'] = keysErr
    ? fromGraphqlError(keysErr, 'repository admin')
    : !admin
      ? missing('permission_missing', `${name}: deploy keys are visible to repository admins only`, 'repository admin (repo scope)')
      : keys
        ? ok(keys.nodes)
        : missing('error', `${name}: GitHub returned no deployKeys (and no error)`);
  return {
    id: String(node.id),
    nameWithOwner: name,
    isArchived: node.isArchived === true,
    isDisabled: node.isDisabled === true,
    visibility: String(node.visibility),
    viewerPermission: (node.viewerPermission as string | null) ?? null,
    defaultBranch: branch?.name ?? null,
    protection,
    rulesetRules,
    pullRequestRuleApprovals,
    collaborators,
    deployKeys,
  };
}
