import { InputError } from '../../errors.js';
import { TOOL_TYPES } from '../../model/tool-types.js';
import type { ToolSnapshot } from '../../model/types.js';
import { sha256 } from '../../util/hash.js';
import type { Collected, CollectContext, Collector } from '../types.js';
import { fetchGithub, GithubFatal, type RawGithub } from './fetch.js';
import type { HttpTuning } from './http.js';
import { normalizeGithub } from './normalize.js';
import { githubSettings } from './options.js';

const MAX_ERRORS_SHOWN = 50;

/**
 * GitHub organizations (and their enterprise) over GraphQL, with REST only for what GraphQL
 * does not expose. `tuning` shrinks timeouts and rate-limit waits in tests.
 */
export function createGithubCollector(tuning: Partial<HttpTuning> = {}): Collector {
  return {
    name: 'github',
    description: 'Reads a GitHub organization (github.com, GHE.com or GHES) through the GraphQL and REST APIs',
    types: ['github'],
    handles: (target) => target.type === 'github' && target.facts === undefined,
    async collect(ctx: CollectContext): Promise<Collected> {
      const settings = githubSettings(ctx, tuning);
      const label = `github/${ctx.target.name}`;
      ctx.progress(`${label}: reading organization ${settings.org} from ${settings.apiUrl}`);
      let raw: RawGithub;
      try {
        raw = await fetchGithub(settings, ctx.progress, label);
      } catch (e) {
        if (e instanceof GithubFatal && (e.kind === 'auth' || e.kind === 'org' || e.kind === 'enterprise')) {
          const at = e.kind === 'auth' ? '/token_env' : e.kind === 'org' ? '/options/org' : '/options/enterprise';
          const { line, col } = ctx.configSource.locate(`${ctx.target.pointer}${at}`);
          throw new InputError({ file: ctx.configFile, line, col }, `github target ${ctx.target.name}: ${e.message}`, { cause: e });
        }
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
      const snapshot: ToolSnapshot = {
        id: `github/${ctx.target.name}`,
        type: 'github',
        category: TOOL_TYPES.github,
        name: ctx.target.name,
        source: {
          collector: 'github',
          method: 'api',
          location: settings.apiUrl,
          collected_at: ctx.now().toISOString(),
          sha256: sha256(rawJson),
          details,
        },
        identity: facts.identity,
        access: facts.access,
        audit_log: facts.audit_log,
        time: facts.time,
        pipeline: facts.pipeline,
        integrations: facts.integrations,
        resources: facts.resources,
        gaps: facts.gaps,
      };
      ctx.progress(`${label}: done, ${raw.stats.requests} requests, GraphQL cost ${raw.cost}`);
      return { snapshot, raw: [{ name: `github-${settings.org}.json`, mediaType: 'application/json', bytes: Buffer.from(rawJson, 'utf8') }] };
    },
  };
}

export const githubCollector = createGithubCollector();
