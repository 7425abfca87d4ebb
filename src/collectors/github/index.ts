import { ToolInputError } from '../../errors.js';
import { factsFromModel } from '../kit/snapshot.js';
import type { Collector, CollectorOutput, LiveContext } from '../types.js';
import { fetchGithub, GithubFatal, type RawGithub } from './fetch.js';
import { GithubHttpError } from './http.js';
import { normalizeGithub } from './normalize.js';
import { DEFAULT_API_URL, GITHUB_OPTIONS_SCHEMA, type GithubOptions, type GithubSettings, githubSettings } from './options.js';

const MAX_ERRORS_SHOWN = 50;

/** A collection-stopping GitHub problem as the tool error the report shows (endpoint and status). */
function toolError(e: GithubFatal, settings: GithubSettings): ToolInputError {
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause) {
    if (c instanceof GithubHttpError) {
      return new ToolInputError({ endpoint: `${c.method} ${c.url}`, ...(c.status !== undefined ? { status: c.status } : {}) }, c.problem, { cause: e });
    }
  }
  const status = e.kind === 'auth' ? { status: 401 } : {};
  return new ToolInputError({ endpoint: `POST ${settings.graphqlUrl}`, ...status }, e.message, {
    cause: e,
    ...(e.kind === 'auth' ? { expected: `a valid token in $${settings.tokenEnv}` } : {}),
  });
}

/**
 * GitHub organizations (and their enterprise) over GraphQL, with REST only for what GraphQL
 * does not expose.
 */
export const githubCollector: Collector<GithubOptions, never> = {
  name: 'github',
  description: 'Reads a GitHub organization (github.com, GHE.com or GHES) through the GraphQL and REST APIs',
  types: ['github'],
  options: GITHUB_OPTIONS_SCHEMA,
  live: {
    defaultEndpoint: DEFAULT_API_URL,
    token: 'required',
    check: (_target, url) =>
      url.hostname === 'github.com' ? { at: '/endpoint', problem: 'endpoint is the API, https://api.github.com (GHES: https://HOST/api/v3)' } : undefined,
    async collect(ctx: LiveContext<GithubOptions, never>): Promise<CollectorOutput> {
      const settings = githubSettings(ctx);
      const label = ctx.id;
      ctx.progress(`${label}: reading organization ${settings.org} from ${settings.apiUrl}`);
      let raw: RawGithub;
      try {
        raw = await fetchGithub(settings, ctx.progress, label);
      } catch (e) {
        if (e instanceof GithubFatal) throw toolError(e, settings);
        throw e;
      }
      const facts = normalizeGithub(raw, settings);
      const rawJson = JSON.stringify(raw, null, 2);
      const details: Record<string, unknown> = {
        api_url: settings.apiUrl,
        graphql_url: settings.graphqlUrl,
        organization: settings.org,
        ...(settings.enterprise ? { enterprise: settings.enterprise } : {}),
        token_scopes: raw.stats.scopes ?? 'not reported (fine-grained or GitHub App token)',
        graphql_cost: raw.cost,
        requests: raw.stats.requests,
        retries: raw.stats.retries,
        rate_limit_waits: raw.stats.rateLimitWaits,
        repositories: raw.repos.ok ? raw.repos.value.length : null,
        members: raw.members.ok ? raw.members.value.length : null,
        members_deleted_while_reading: raw.membersSkipped,
        outside_collaborators: raw.outsideCollaborators.ok ? raw.outsideCollaborators.value.length : `not read: ${raw.outsideCollaborators.detail}`,
        audit_log_api: raw.auditLogApi.ok
          ? 'available'
          : `not available to this token: ${raw.auditLogApi.detail}; the API is GitHub Enterprise Cloud only and needs ${raw.auditLogApi.permission ?? 'read:audit_log'}`,
        // Who may create repositories (GET /orgs/{org}, owners only): no generic fact holds it yet.
        repository_creation:
          raw.orgSettings.ok && 'members_can_create_repositories' in raw.orgSettings.value
            ? Object.fromEntries(
                [
                  'members_can_create_repositories',
                  'members_can_create_public_repositories',
                  'members_can_create_private_repositories',
                  'members_can_create_internal_repositories',
                ]
                  .filter((k) => k in (raw.orgSettings as { value: Record<string, unknown> }).value)
                  .map((k) => [k, (raw.orgSettings as { value: Record<string, unknown> }).value[k]]),
              )
            : 'not read (organization owner with admin:org)',
        ip_allow_list: raw.org.ipAllowListEnabledSetting.ok ? raw.org.ipAllowListEnabledSetting.value : `not read: ${raw.org.ipAllowListEnabledSetting.detail}`,
        // The first errors verbatim (each also became a gap where it cost a fact), and how many there were.
        graphql_error_count: raw.graphqlErrors.length,
        graphql_errors: raw.graphqlErrors
          .slice(0, MAX_ERRORS_SHOWN)
          .map((e) => `${e.type ?? 'ERROR'} at ${(e.path ?? []).join('.') || '(query)'}: ${e.message}`),
      };
      ctx.progress(`${label}: done, ${raw.stats.requests} requests, GraphQL cost ${raw.cost}`);
      return {
        facts: factsFromModel('github', facts, facts.gaps),
        pipeline: facts.pipeline,
        integrations: facts.integrations,
        resources: facts.resources,
        details,
        location: settings.apiUrl,
        captures: [{ name: `github-${settings.org}.json`, mediaType: 'application/json', bytes: Buffer.from(rawJson, 'utf8') }],
      };
    },
  },
};
