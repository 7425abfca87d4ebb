import { describe, expect, it } from 'vitest';
import { ok } from '../../../../src/collectors/kit/result.js';
import { administrators, principals } from '../../../../src/collectors/github/normalize/access.js';
import { ownerFlagOff, notificationsRestricted } from '../../../../src/collectors/github/normalize/organization.js';
import { adminAppInstallations, adminRoleHolders, inactiveMembers, openRunnerGroups } from '../../../../src/collectors/github/normalize/org-access.js';
import type { RawInstallation } from '../../../../src/collectors/github/raw.js';
import { forbidden, rawGithub } from './raw.js';

describe('GitHub organization access facts', () => {
  it('member privileges of GET /orgs/{org}: off is true, on is false, absent (non-owner) is the permission, not a boolean is an error', () => {
    const raw = (v: unknown) => rawGithub({ orgSettings: ok({ members_can_change_repo_visibility: v }) });
    expect(ownerFlagOff(raw(false), 'members_can_change_repo_visibility')).toEqual(ok(true));
    expect(ownerFlagOff(raw(true), 'members_can_change_repo_visibility')).toEqual(ok(false));
    expect(ownerFlagOff(rawGithub({ orgSettings: ok({}) }), 'members_can_fork_private_repositories')).toMatchObject({
      ok: false,
      reason: 'permission_missing',
      permission: 'admin:org (organization owner)',
    });
    expect(ownerFlagOff(raw('yes'), 'members_can_change_repo_visibility')).toMatchObject({ ok: false, reason: 'error' });
  });

  it('notifications are restricted only when the setting is ENABLED; unread stays unknown', () => {
    const org = (v: ReturnType<typeof ok<string>> | ReturnType<typeof forbidden>) => ({ ...rawGithub().org, notificationRestriction: v });
    expect(notificationsRestricted(rawGithub({ org: org(ok('DISABLED')) }))).toEqual(ok(false));
    expect(notificationsRestricted(rawGithub({ org: org(forbidden('read:org (organization owner)')) }))).toMatchObject({ ok: false });
  });

  it('runner groups with runners open to public or all repositories are named; an uncounted open group is unknown; empty or selected groups are not', () => {
    const groups = ok([
      { name: 'Default', visibility: 'all', allows_public_repositories: false, runners: 3 },
      { name: 'oss', visibility: 'selected', allows_public_repositories: true, runners: 1 },
      { name: 'empty', visibility: 'all', allows_public_repositories: true, runners: 0 },
      { name: 'private', visibility: 'selected', allows_public_repositories: false, runners: null },
    ]);
    expect(openRunnerGroups(groups)).toEqual(ok(['Default: 3 runners, all repositories', 'oss: 1 runners, public repositories']));
    expect(openRunnerGroups(ok([{ name: 'x', visibility: 'all', allows_public_repositories: false, runners: null }]))).toMatchObject({
      ok: false,
      reason: 'error',
    });
  });

  it('apps with organization administration or members write administer; read or other permissions do not; they count with the owners', () => {
    const installations = ok<RawInstallation[]>([
      { app_slug: 'admin-bot', permissions: { organization_administration: 'write', contents: 'read' } },
      { app_slug: 'people-sync', permissions: { members: 'write' } },
      { app_slug: 'reader', permissions: { organization_administration: 'read', members: 'read' } },
    ]);
    expect(adminAppInstallations(installations)).toEqual(ok(['admin-bot (organization_administration: write)', 'people-sync (members: write)']));
    expect(administrators(rawGithub({ installations }))).toEqual(ok(['alice', 'app:admin-bot', 'app:people-sync']));
    expect(administrators(rawGithub({ installations: forbidden('admin:org') }))).toMatchObject({ ok: false, permission: 'admin:org' });
  });

  it('holders of administrator-like organization roles count with the owners and are admins among the principals; unreadable roles leave both unknown', () => {
    const orgRoles = ok([{ name: 'all_repo_admin', users: ['bob'] }]);
    expect(adminRoleHolders(orgRoles)).toEqual(ok(['bob (all_repo_admin)']));
    expect(administrators(rawGithub({ orgRoles }))).toEqual(ok(['alice', 'bob']));
    const p = principals(rawGithub({ orgRoles }));
    expect(p.ok && p.value.find((x) => x.name === 'bob')).toEqual({ name: 'bob', kind: 'user', roles: ['member', 'all_repo_admin'], admin: true });
    expect(administrators(rawGithub({ orgRoles: forbidden('admin:org') }))).toMatchObject({ ok: false });
    expect(principals(rawGithub({ orgRoles: forbidden('admin:org') }))).toMatchObject({ ok: false });
  });

  it('inactive members are a gap that names where the data is', () => {
    expect(inactiveMembers()).toMatchObject({ ok: false, reason: 'not_supported', detail: expect.stringContaining('audit-log') });
  });
});
