/** source.details of a GitHub snapshot: what was read, with what token, at what cost, and every GraphQL error. */
import { accountModel } from './normalize/accounts.js';
import type { GithubSettings } from './options.js';
import type { RawGithub } from './raw.js';

const MAX_ERRORS_SHOWN = 50;

/** options.stream_stores keys (stream ids or types) that name no stream GitHub listed: a likely typo. */
function unmatchedStreamStores(raw: RawGithub, settings: GithubSettings): string[] {
  const streams = raw.streams?.ok ? raw.streams.value : [];
  return Object.keys(settings.streamStores).filter((k) => !streams.some((s) => String(s.id) === k || s.stream_type === k));
}

export function sourceDetails(raw: RawGithub, settings: GithubSettings): Record<string, unknown> {
  const model = accountModel(raw, settings);
  const unmatched = unmatchedStreamStores(raw, settings);
  return {
    api_url: settings.apiUrl,
    graphql_url: settings.graphqlUrl,
    organization: settings.org,
    ...(settings.enterprise ? { enterprise: settings.enterprise } : {}),
    collected_as: raw.org.viewer ?? 'not reported (viewer.login was not returned)',
    authentication: { value: model.authentication ?? 'unknown', basis: model.basis },
    ...(unmatched.length > 0 ? { stream_stores_unmatched: `options.stream_stores names no stream GitHub listed: ${unmatched.join(', ')}` } : {}),
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
    // The first errors verbatim (each also became a gap where it cost a fact), and how many there were.
    graphql_error_count: raw.graphqlErrors.length,
    // Sorted: queries run side by side, so the order errors arrive in is not the same run to run.
    graphql_errors: raw.graphqlErrors
      .map((e) => `${e.type ?? 'ERROR'} at ${(e.path ?? []).join('.') || '(query)'}: ${e.message}`)
      .sort()
      .slice(0, MAX_ERRORS_SHOWN),
  };
}
