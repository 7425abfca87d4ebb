/**
 * Organization facts about who holds power besides the owners: self-hosted runner groups open
 * to public or to all repositories, GitHub Apps that administer in effect, administrator-like
 * organization roles, and inactive members (which GitHub's APIs do not expose to an organization).
 */
import { type Outcome, failed, notSupported, ok } from '../../kit/result.js';
import type { RawInstallation, RawOrgRole, RawRunnerGroup } from '../raw.js';

/** Why a runner group is open: usable by public repositories, or by every repository of the organization. */
const openness = (g: RawRunnerGroup): string[] => [
  ...(g.allows_public_repositories ? ['public repositories'] : []),
  ...(g.visibility === 'all' ? ['all repositories'] : []),
];

/**
 * Runner groups that hold self-hosted runners and are usable by public repositories or by every
 * repository: "<group>: <n> runners, <openness>". A group whose runners could not be counted is unknown.
 */
export function openRunnerGroups(groups: Outcome<readonly RawRunnerGroup[]>): Outcome<string[]> {
  if (!groups.ok) return groups;
  const open = groups.value.filter((g) => openness(g).length > 0);
  const uncounted = open.find((g) => g.runners === null);
  if (uncounted) return failed(`runner group ${uncounted.name}: GitHub did not say how many runners it holds`);
  return ok(
    open
      .filter((g) => (g.runners ?? 0) > 0)
      .map((g) => `${g.name}: ${g.runners} runners, ${openness(g).join(' and ')}`)
      .sort(),
  );
}

/** App permissions that administer the organization in effect (organization settings, or who is a member). */
const ADMIN_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  organization_administration: ['write', 'admin'],
  members: ['write', 'admin'],
};

/** An installation's administrator-like permissions, "name: level". */
const adminPermissions = (i: RawInstallation): string[] =>
  Object.entries(i.permissions)
    .filter(([name, level]) => ADMIN_PERMISSIONS[name]?.includes(level))
    .map(([name, level]) => `${name}: ${level}`)
    .sort();

/** GitHub Apps installed with organization administration or members write: "<app> (<permissions>)". */
export function adminAppInstallations(installations: Outcome<readonly RawInstallation[]>): Outcome<string[]> {
  if (!installations.ok) return installations;
  return ok(
    installations.value
      .filter((i) => adminPermissions(i).length > 0)
      .map((i) => `${i.app_slug} (${adminPermissions(i).join(', ')})`)
      .sort(),
  );
}

/** App slugs among adminAppInstallations, as principals: app:<slug>. */
export function adminApps(installations: Outcome<readonly RawInstallation[]>): Outcome<string[]> {
  if (!installations.ok) return installations;
  return ok(
    installations.value
      .filter((i) => adminPermissions(i).length > 0)
      .map((i) => `app:${i.app_slug}`)
      .sort(),
  );
}

/** Holders of administrator-like organization roles: "<login> (<role>)". */
export function adminRoleHolders(roles: Outcome<readonly RawOrgRole[]>): Outcome<string[]> {
  if (!roles.ok) return roles;
  return ok(roles.value.flatMap((r) => r.users.map((u) => `${u} (${r.name})`)).sort());
}

/**
 * Inactive members: GitHub's APIs give an organization no last-activity date. The enterprise's
 * dormant-users report is a download in the web UI (no REST endpoint), and the audit log would
 * need one search per member (GET /orgs/{org}/audit-log?phrase=actor:<login>), which does not
 * scale; so this is a gap naming where the data is, never a guess.
 */
export const inactiveMembers = (): Outcome<string[]> =>
  notSupported(
    "GitHub's API exposes no member activity date: review Enterprise settings > Compliance > Dormant users (GHEC/GHES) or search GET /orgs/{org}/audit-log?phrase=actor:<login> per member",
  );
