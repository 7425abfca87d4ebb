/**
 * What GitHub exposes per repository over REST only: the repository's own webhooks and its
 * Actions token settings (the latter only when the organization lets repositories loosen them).
 * One or two requests per active repository the token administers, read after
 * the repository pages (the transport bounds how many run at once); archived repositories and
 * those the token does not administer are not asked (their facts say why).
 */
import { type Outcome, notApplicable, ok, permissionMissing } from '../kit/result.js';
import type { GithubClient } from './client.js';
import type { RawRepo, RawWorkflow } from './raw.js';
import { type RestHook, readWorkflow, toRawHook } from './rest-settings.js';

const REPO_ADMIN = 'repository admin (repo scope; fine-grained: Webhooks and Administration read)';

const repoPath = (r: RawRepo, sub: string) => `/repos/${r.nameWithOwner.split('/').map(encodeURIComponent).join('/')}${sub}`;

/** Why a repository's REST settings are not read, or undefined when they are. */
function skipped(r: RawRepo): Outcome<never> | undefined {
  if (r.unreadable) return r.unreadable;
  if (r.isArchived) return notApplicable(`${r.nameWithOwner} is archived`);
  if (r.viewerPermission !== 'ADMIN')
    return permissionMissing(`${r.nameWithOwner}: webhooks and Actions settings are visible to repository admins only`, REPO_ADMIN);
  return undefined;
}

/**
 * The organization's Actions settings when no repository can loosen them: GitHub documents that a
 * read-only default token and "cannot approve pull requests" chosen for the organization are
 * selected, and the permissive options disabled, in every repository's settings. Then each
 * repository's settings are the organization's and need no request.
 */
function lockedByOrganization(org: Outcome<RawWorkflow>): RawWorkflow | undefined {
  return org.ok && org.value.default_workflow_permissions === 'read' && !org.value.can_approve_pull_request_reviews ? org.value : undefined;
}

/** Fills each repository's hooks and workflow (in place). */
export async function fetchRepoSettings(client: GithubClient, repos: Outcome<RawRepo[]>, orgWorkflow: Promise<Outcome<RawWorkflow>>): Promise<void> {
  if (!repos.ok) return;
  const locked = lockedByOrganization(await orgWorkflow);
  await Promise.all(
    repos.value.map(async (r) => {
      const skip = skipped(r);
      if (skip) {
        r.hooks = skip;
        r.workflow = skip;
        return;
      }
      const [hooks, workflow] = await Promise.all([
        client.restList<RestHook>(repoPath(r, '/hooks'), REPO_ADMIN, `webhooks of ${r.nameWithOwner}`),
        locked ? ok(locked) : readWorkflow(client, repoPath(r, '/actions/permissions/workflow'), REPO_ADMIN),
      ]);
      r.hooks = hooks.ok ? ok(hooks.value.map(toRawHook)) : hooks;
      r.workflow = workflow;
    }),
  );
  client.tell(`webhooks and Actions settings of ${repos.value.length} repositories`);
}
