/**
 * GitHub I/O: reads the organization first (it must exist), then members, repositories, the REST
 * settings and the enterprise side by side (the transport bounds concurrency), and returns what
 * was read, each part an Outcome. No pass/fail decisions here; see normalize/ for the model.
 */
import { awaitAll } from '../../util/await-all.js';
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
  // Side by side; key order is the raw capture's (repoSettings writes into each repository's entry).
  const {
    members,
    repoSettings: _written,
    ...read
  } = await awaitAll({
    members: fetchMembers(client),
    repos: reposRead,
    rulesets: reposRead.then((r) => fetchRulesets(client, r)),
    repoSettings: reposRead.then((r) => fetchRepoSettings(client, r, workflowRead)),
    outsideCollaborators: fetchOutsideCollaborators(client),
    orgSettings: fetchOrgSettings(client),
    workflow: workflowRead,
    hooks: fetchHooks(client),
    runnerGroups: fetchRunnerGroups(client),
    installations: fetchInstallations(client),
    orgRoles: fetchOrgRoles(client),
    auditLogApi: probeAuditLogApi(client),
    enterprise: fetchEnterprise(client),
    streams: fetchStreams(client),
  });
  return {
    org,
    members: members.members,
    membersSkipped: members.skipped,
    ...read,
    graphqlErrors: inPathOrder(client.graphqlErrors),
    cost: client.cost(),
    stats: client.stats,
  };
}
