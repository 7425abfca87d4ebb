/**
 * Who else holds power in the organization, over REST: self-hosted runner groups (and whether
 * they hold runners), GitHub App installations with their permissions, and the organization
 * roles that administer in effect (all-repository admin, CI/CD admin, security manager) with the
 * people who hold them, directly or through a team.
 */
import { type Outcome, ok } from '../kit/result.js';
import type { GithubClient } from './client.js';
import type { RawInstallation, RawOrgRole, RawRunnerGroup } from './raw.js';

const OWNER = 'admin:org (organization owner)';

const orgPath = (client: GithubClient, sub: string) => `/orgs/${encodeURIComponent(client.settings.org)}${sub}`;

interface RestRunnerGroup {
  id: number;
  name: string;
  visibility?: string;
  allows_public_repositories?: boolean;
}

/** GET /orgs/{org}/actions/runner-groups, and the runner count of each group open beyond selected private repositories. */
export async function fetchRunnerGroups(client: GithubClient): Promise<Outcome<RawRunnerGroup[]>> {
  const perm = 'admin:org (organization owner; fine-grained: Self-hosted runners read)';
  const groups = await client.restList<RestRunnerGroup>(orgPath(client, '/actions/runner-groups'), perm, 'runner groups', 'runner_groups');
  if (!groups.ok) return groups;
  return ok(
    await Promise.all(
      groups.value.map(async (g): Promise<RawRunnerGroup> => {
        const open = g.visibility === 'all' || g.allows_public_repositories === true;
        // A group only usable by selected repositories needs no count: it is not judged.
        const r = open ? await client.rest(orgPath(client, `/actions/runner-groups/${g.id}/runners?per_page=1`)) : undefined;
        const count = (r?.json as { total_count?: unknown } | null)?.total_count;
        return {
          name: g.name,
          visibility: g.visibility ?? 'unknown',
          allows_public_repositories: g.allows_public_repositories === true,
          runners: r && r.status === 200 && typeof count === 'number' ? count : null,
        };
      }),
    ),
  );
}

interface RestInstallation {
  app_slug: string;
  permissions?: Record<string, string>;
}

/** GET /orgs/{org}/installations: each app with its permissions. */
export async function fetchInstallations(client: GithubClient): Promise<Outcome<RawInstallation[]>> {
  const perm = 'admin:org (organization owner; fine-grained: Administration read)';
  const list = await client.restList<RestInstallation>(orgPath(client, '/installations'), perm, 'GitHub App installations', 'installations');
  return list.ok ? ok(list.value.map((i) => ({ app_slug: i.app_slug, permissions: { ...(i.permissions ?? {}) } }))) : list;
}

/** Predefined organization roles that administer in effect (GitHub's names). */
const ADMIN_ROLES = ['all_repo_admin', 'ci_cd_admin', 'security_manager'] as const;

interface RestRole {
  id: number;
  name: string;
  base_role?: string | null;
}

/** The administrator-like organization roles (predefined, or custom with admin on every repository) and who holds each. */
export async function fetchOrgRoles(client: GithubClient): Promise<Outcome<RawOrgRole[]>> {
  const perm = `${OWNER}; fine-grained: Custom organization roles read`;
  const roles = await client.restList<RestRole>(orgPath(client, '/organization-roles'), perm, 'organization roles', 'roles');
  if (!roles.ok) return roles;
  const admin = roles.value.filter((r) => (ADMIN_ROLES as readonly string[]).includes(r.name) || r.base_role === 'admin');
  const out: RawOrgRole[] = [];
  for (const role of admin) {
    // Users assigned through a team are listed too (assignment: indirect).
    const users = await client.restList<{ login: string }>(orgPath(client, `/organization-roles/${role.id}/users`), perm, `holders of role ${role.name}`);
    if (!users.ok) return users;
    out.push({ name: role.name, users: [...new Set(users.value.map((u) => u.login))].sort() });
  }
  return ok(out);
}
