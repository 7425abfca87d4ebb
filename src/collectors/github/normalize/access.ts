/** access.*: members and their roles, administrators (organization and enterprise owners), base permission, grants to everyone. */
import type { Facts, Grant, Principal } from '../../../model/types.js';
import { type Missing, type Outcome, failed, ok, permissionMissing } from '../../kit/result.js';
import type { GithubSettings } from '../options.js';
import type { RawGithub, RawMember } from '../raw.js';
import { GapList, type Pillar, withDetail } from './gaps.js';
import { adminApps } from './org-access.js';
import { unknownVisibility } from './shared.js';

const PERMISSIONS = ['none', 'read', 'write', 'admin'] as const;

export function accessFacts(raw: RawGithub, settings: GithubSettings): Pillar<Facts['access']> {
  const g = new GapList();
  const admins = administrators(raw);
  const facts: Facts['access'] = {
    principals: g.value('access.principals', principals(raw)),
    admin_count: g.from('access.admin_count', admins, (a) => a.length),
    admin_names: g.value('access.admin_names', admins),
    member_count: g.from('access.member_count', raw.members, (m) => m.length),
    default_permission: g.value('access.default_permission', defaultPermission(raw, settings)),
    wildcard_grants: g.value('access.wildcard_grants', grantsToEveryone(raw, settings)),
  };
  return { facts, gaps: g.gaps };
}

/** The enterprise owners when an enterprise is configured (undefined: none is). */
function enterpriseOwners(raw: RawGithub): Outcome<string[]> | undefined {
  if (raw.enterprise === undefined) return undefined;
  return raw.enterprise.ok ? raw.enterprise.value.owners : raw.enterprise;
}

/** Members whose edge came without a role make every owner count unknown. */
function rolesMissing(members: readonly RawMember[]): Missing | undefined {
  const noRole = members
    .filter((m) => m.role === null)
    .map((m) => m.login)
    .sort();
  if (noRole.length === 0) return undefined;
  return failed(
    `GitHub returned no organization role for ${noRole.length} member(s) (${noRole.slice(0, 10).join(', ')}${noRole.length > 10 ? ', ...' : ''}): who is an owner is unknown`,
  );
}

/**
 * Organization owners plus the enterprise's owners (they administer every organization of the
 * enterprise), the holders of administrator-like organization roles (all-repository admin, CI/CD
 * admin, security manager) and GitHub Apps installed with organization administration or members
 * write (app:<slug>), sorted. If any list is unreadable, the administrators are unknown, not fewer.
 */
export function administrators(raw: RawGithub): Outcome<string[]> {
  if (!raw.members.ok) return raw.members;
  const noRole = rolesMissing(raw.members.value);
  if (noRole) return noRole;
  const entOwners = enterpriseOwners(raw);
  if (entOwners && !entOwners.ok) return withDetail(entOwners, `enterprise owners could not be read: ${entOwners.detail}`);
  if (!raw.orgRoles.ok) return withDetail(raw.orgRoles, `holders of administrator-like organization roles could not be read: ${raw.orgRoles.detail}`);
  const apps = adminApps(raw.installations);
  if (!apps.ok)
    return withDetail(apps, `GitHub App installations (apps with organization administration are administrators) could not be read: ${apps.detail}`);
  const owners = raw.members.value.filter((m) => m.role === 'ADMIN').map((m) => m.login);
  const roleHolders = raw.orgRoles.value.flatMap((r) => r.users);
  return ok([...new Set([...owners, ...(entOwners?.ok ? entOwners.value : []), ...roleHolders, ...apps.value])].sort());
}

/** Members (owner or member, enterprise owner), enterprise owners who are not members, outside collaborators. */
export function principals(raw: RawGithub): Outcome<Principal[]> {
  if (!raw.members.ok) return raw.members;
  const noRole = rolesMissing(raw.members.value);
  if (noRole) return noRole; // whose admin flag is unknown
  if (!raw.orgRoles.ok) return withDetail(raw.orgRoles, `who holds administrator-like organization roles: ${raw.orgRoles.detail}`);
  const entOwners = enterpriseOwners(raw);
  const entOwnerSet = new Set(entOwners?.ok ? entOwners.value : []);
  const memberSet = new Set(raw.members.value.map((m) => m.login));
  const user = (name: string, roles: string[], admin: boolean): Principal => ({ name, kind: 'user', roles, admin });
  const orgRoles = (login: string) => (raw.orgRoles.ok ? raw.orgRoles.value.filter((r) => r.users.includes(login)).map((r) => r.name) : []);
  const apps = adminApps(raw.installations);
  return ok([
    ...raw.members.value.map((m) =>
      user(
        m.login,
        [m.role === 'ADMIN' ? 'owner' : 'member', ...(entOwnerSet.has(m.login) ? ['enterprise_owner'] : []), ...orgRoles(m.login)],
        m.role === 'ADMIN' || entOwnerSet.has(m.login) || orgRoles(m.login).length > 0,
      ),
    ),
    ...(apps.ok ? apps.value.map((name): Principal => ({ name, kind: 'service', roles: ['github_app'], admin: true })) : []),
    ...[...entOwnerSet]
      .filter((l) => !memberSet.has(l))
      .sort()
      .map((login) => user(login, ['enterprise_owner'], true)),
    ...(raw.outsideCollaborators.ok ? raw.outsideCollaborators.value.map((login) => user(login, ['outside_collaborator'], false)) : []),
  ]);
}

/** The organization's base repository permission (REST, owners only). */
function defaultPermission(raw: RawGithub, settings: GithubSettings): Outcome<Facts['access']['default_permission']> {
  if (!raw.orgSettings.ok) return raw.orgSettings;
  const perm = raw.orgSettings.value.default_repository_permission;
  if (PERMISSIONS.includes(perm as (typeof PERMISSIONS)[number])) return ok(perm as (typeof PERMISSIONS)[number]);
  return permissionMissing(
    `GET /orgs/${settings.org} has no default_repository_permission: it is shown to organization owners only`,
    'admin:org (organization owner)',
  );
}

/** Who a repository's visibility grants read to: anyone (public), every enterprise member (internal). */
const VISIBLE_TO: Readonly<Record<string, (settings: GithubSettings) => string>> = {
  PUBLIC: () => 'anonymous',
  INTERNAL: (settings) => (settings.enterprise ? `enterprise:${settings.enterprise} members` : 'enterprise members'),
};

/**
 * Grants to everyone: public repositories can be read without signing in, internal repositories
 * by every member of the enterprise, whatever organization they belong to (documented).
 */
export function grantsToEveryone(raw: RawGithub, settings: GithubSettings): Outcome<Grant[]> {
  const unknown = unknownVisibility(raw);
  if (unknown) return unknown;
  if (!raw.repos.ok) return raw.repos;
  return ok(
    raw.repos.value.flatMap((r) => {
      const to = r.isDisabled || r.visibility === null ? undefined : VISIBLE_TO[r.visibility];
      return to ? [{ principal: to(settings), permission: 'read', scope: `repository:${r.nameWithOwner}` }] : [];
    }),
  );
}
