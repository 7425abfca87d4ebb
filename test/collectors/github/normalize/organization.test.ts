import { describe, expect, it } from 'vitest';
import {
  ipAllowList,
  memberRepositoryCreation,
  organizationResource,
  repositoryDeletionOwnersOnly,
  secureTwoFactorMethods,
} from '../../../../src/collectors/github/normalize/organization.js';
import { ok } from '../../../../src/collectors/kit/result.js';
import { enterprise, forbidden, rawGithub } from './raw.js';

const GITHUB = { authentication: 'github', basis: 'test' } as const;

describe('github organization resource', () => {
  it('secure 2FA methods: the enterprise refuses insecure ones (INSECURE) or has no policy', () => {
    expect(secureTwoFactorMethods(rawGithub({ enterprise: enterprise() }), GITHUB)).toEqual(ok(true));
    expect(secureTwoFactorMethods(rawGithub({ enterprise: enterprise({ twoFactorDisallowedMethods: ok('NO_POLICY') }) }), GITHUB)).toEqual(ok(false));
  });

  it('is unknown without the enterprise, or when GitHub does not know the SDL-only field; not applicable where the IdP authenticates', () => {
    expect(secureTwoFactorMethods(rawGithub(), GITHUB)).toMatchObject({ ok: false, reason: 'not_collected', permission: 'read:enterprise' });
    expect(secureTwoFactorMethods(rawGithub({ enterprise: forbidden('read:enterprise') }), GITHUB)).toMatchObject({ ok: false, permission: 'read:enterprise' });
    const unknownField = enterprise({
      twoFactorDisallowedMethods: { ok: false, reason: 'error', detail: "GitHub: Field 'twoFactorDisallowedMethodsSetting' doesn't exist" },
    });
    expect(secureTwoFactorMethods(rawGithub({ enterprise: unknownField }), GITHUB)).toMatchObject({ ok: false, reason: 'error' });
    expect(secureTwoFactorMethods(rawGithub(), { authentication: 'emu', basis: 'test' })).toMatchObject({ ok: false, reason: 'not_applicable' });
  });

  it('which repository visibilities members may create: none with the master switch off; owner-only settings otherwise unknown', () => {
    const org = (settings: Record<string, unknown>) => rawGithub({ orgSettings: ok(settings) });
    expect(memberRepositoryCreation(org({ members_can_create_repositories: false, members_can_create_public_repositories: true }))).toEqual(ok([]));
    expect(
      memberRepositoryCreation(
        org({ members_can_create_repositories: true, members_can_create_public_repositories: true, members_can_create_private_repositories: true }),
      ),
    ).toEqual(ok(['public', 'private']));
    expect(
      memberRepositoryCreation(
        org({
          members_can_create_repositories: true,
          members_can_create_public_repositories: false,
          members_can_create_private_repositories: false,
          members_can_create_internal_repositories: true,
        }),
      ),
    ).toEqual(ok(['internal']));
    expect(memberRepositoryCreation(org({ default_repository_permission: 'read' }))).toMatchObject({ ok: false, reason: 'permission_missing' });
    expect(memberRepositoryCreation(org({ members_can_create_repositories: true }))).toMatchObject({ ok: false, reason: 'error' });
    expect(memberRepositoryCreation(rawGithub({ orgSettings: forbidden('admin:org') }))).toMatchObject({ ok: false, permission: 'admin:org' });
  });

  it('repository deletion and transfer: owners only when members may not; unknown to non-owners; a non-boolean is an error', () => {
    const org = (settings: Record<string, unknown>) => rawGithub({ orgSettings: ok(settings) });
    expect(repositoryDeletionOwnersOnly(org({ members_can_delete_repositories: false }))).toEqual(ok(true));
    expect(repositoryDeletionOwnersOnly(org({ members_can_delete_repositories: true }))).toEqual(ok(false));
    expect(repositoryDeletionOwnersOnly(org({ login: 'acme' }))).toMatchObject({
      ok: false,
      reason: 'permission_missing',
      permission: 'admin:org (organization owner)',
    });
    expect(repositoryDeletionOwnersOnly(org({ members_can_delete_repositories: null }))).toMatchObject({ ok: false, reason: 'error' });
    expect(repositoryDeletionOwnersOnly(rawGithub({ orgSettings: forbidden('admin:org') }))).toMatchObject({ ok: false, permission: 'admin:org' });
  });

  it("the IP allow list: the organization's or the enterprise's", () => {
    const withOrg = (v: string) => ({ ...rawGithub().org, ipAllowListEnabledSetting: ok(v) });
    expect(ipAllowList(rawGithub())).toEqual(ok(true));
    expect(ipAllowList(rawGithub({ org: withOrg('DISABLED') }))).toEqual(ok(false));
    expect(ipAllowList(rawGithub({ org: withOrg('DISABLED'), enterprise: enterprise({ ipAllowListEnabledSetting: 'ENABLED' }) }))).toEqual(ok(true));
    expect(ipAllowList(rawGithub({ org: withOrg('DISABLED'), enterprise: forbidden('read:enterprise') }))).toMatchObject({
      ok: false,
      permission: 'read:enterprise',
    });
    const hidden = { ...rawGithub().org, ipAllowListEnabledSetting: forbidden('read:org (organization owner)') };
    expect(ipAllowList(rawGithub({ org: hidden }))).toMatchObject({ ok: false, permission: 'read:org (organization owner)' });
  });

  it('is a resource of kind organization with its own gaps', () => {
    const r = organizationResource(rawGithub(), GITHUB);
    expect(r).toMatchObject({
      id: 'organization:acme',
      kind: 'organization',
      name: 'acme',
      facts: { secure_2fa_methods_required: null, ip_allow_list_enabled: true },
    });
    // This raw organization's GET /orgs/{org} holds none of the member privileges: each is its own gap.
    expect(r.gaps.map((g) => g.fact)).toEqual([
      'secure_2fa_methods_required',
      'member_repository_creation',
      'repository_deletion_owners_only',
      'visibility_change_owners_only',
      'private_forking_disabled',
      'inactive_members',
    ]);
    expect(r.facts).toMatchObject({
      notifications_restricted_to_verified_domains: true,
      verified_domains: ['acme.example'],
      open_runner_groups: [],
      admin_app_installations: [],
      admin_role_holders: [],
      inactive_members: null,
    });
  });
});
