/**
 * GitHub I/O: reads the organization first (it must exist), then members, repositories, the REST
 * settings and the enterprise side by side (the transport bounds concurrency), and returns what
 * was read, each part an Outcome. No pass/fail decisions here; see normalize/ for the model.
 */
import type { Progress } from '../kit/http.js';
import { createClient } from './client.js';
import { fetchEnterprise, fetchStreams } from './enterprise.js';
import type { GraphqlErrorItem } from './errors.js';
import { fetchMembers } from './members.js';
import type { GithubSettings } from './options.js';
import { fetchOrganization } from './organization.js';
import type { RawGithub } from './raw.js';
import { fetchRepositories } from './repositories.js';
import { fetchRulesets } from './rulesets.js';
import { fetchInstallations, fetchOrgRoles, fetchRunnerGroups } from './org-access.js';
import { fetchRepoSettings } from './repo-settings.js';
import { fetchHooks, fetchOrgSettings, fetchOutsideCollaborators, fetchWorkflow, probeAuditLogApi } from './rest-settings.js';

/**
 * GraphQL errors by where they occurred (path, then message), not by which concurrent request
 * answered first: the raw capture and source.details are the same on every run.
 */
function inPathOrder(errors: readonly GraphqlErrorItem[]): GraphqlErrorItem[] {
  const key = (e: GraphqlErrorItem) => (e.path ?? []).join('.');
  return [...errors].sort((a, b) => key(a).localeCompare(key(b), 'en', { numeric: true }) || a.message.localeCompare(b.message, 'en'));
}

export async function fetchGithub(settings: GithubSettings, progress: Progress, label: string): Promise<RawGithub> {
  const client = createClient(settings, progress, label);
  const org = await fetchOrganization(client);
  const reposRead = fetchRepositories(client);
  const workflowRead = fetchWorkflow(client);
  const [
    members,
    repos,
    rulesets,
    ,
    outsideCollaborators,
    orgSettings,
    workflow,
    hooks,
    runnerGroups,
    installations,
    orgRoles,
    auditLogApi,
    enterprise,
    streams,
  ] = await Promise.all([
    fetchMembers(client),
    reposRead,
    reposRead.then((r) => fetchRulesets(client, r)),
    reposRead.then((r) => fetchRepoSettings(client, r, workflowRead)),
    fetchOutsideCollaborators(client),
    fetchOrgSettings(client),
    workflowRead,
    fetchHooks(client),
    fetchRunnerGroups(client),
    fetchInstallations(client),
    fetchOrgRoles(client),
    probeAuditLogApi(client),
    fetchEnterprise(client),
    fetchStreams(client),
  ]);
  return {
    org,
    members: members.members,
    membersSkipped: members.skipped,
    repos,
    rulesets,
    outsideCollaborators,
    orgSettings,
    workflow,
    hooks,
    runnerGroups,
    installations,
    orgRoles,
    auditLogApi,
    enterprise,
    streams,
    graphqlErrors: inPathOrder(client.graphqlErrors),
    cost: client.cost(),
    stats: client.stats,
  };
}
