/**
 * The organization as a resource: GitHub settings that no generic fact of the model holds, each
 * a fact with its own gap (kind "organization", id organization:<login>).
 */
import type { Resource } from '../../../model/types.js';
import { type Outcome, failed, missing, notApplicable, ok, permissionMissing } from '../../kit/result.js';
import type { RawGithub } from '../raw.js';
import { type AccountModel, idpAuthenticates } from './accounts.js';
import { withDetail } from './gaps.js';
import { resourceFacts } from './resources.js';
import { enterpriseMissing, enterpriseRead } from './shared.js';
import { adminAppInstallations, adminRoleHolders, inactiveMembers, openRunnerGroups } from './org-access.js';

export function organizationResource(raw: RawGithub, model: AccountModel): Resource {
  const { facts, gaps, set } = resourceFacts();
  set('secure_2fa_methods_required', secureTwoFactorMethods(raw, model));
  set('member_repository_creation', memberRepositoryCreation(raw));
  set('ip_allow_list_enabled', ipAllowList(raw));
  set('repository_deletion_owners_only', repositoryDeletionOwnersOnly(raw));
  set('visibility_change_owners_only', ownerFlagOff(raw, 'members_can_change_repo_visibility'));
  set('private_forking_disabled', ownerFlagOff(raw, 'members_can_fork_private_repositories'));
  set('notifications_restricted_to_verified_domains', notificationsRestricted(raw));
  set('verified_domains', raw.org.verifiedDomains);
  set('open_runner_groups', openRunnerGroups(raw.runnerGroups));
  set('admin_app_installations', adminAppInstallations(raw.installations));
  set('admin_role_holders', adminRoleHolders(raw.orgRoles));
  set('inactive_members', inactiveMembers());
  return { id: `organization:${raw.org.login}`, kind: 'organization', name: raw.org.login, facts, gaps };
}

/**
 * Whether the enterprise refuses insecure 2FA methods such as SMS (twoFactorDisallowedMethodsSetting
 * INSECURE), an enterprise setting; where the IdP authenticates, GitHub's 2FA does not apply.
 */
export function secureTwoFactorMethods(raw: RawGithub, model: AccountModel): Outcome<boolean> {
  if (idpAuthenticates(model)) return notApplicable("the identity provider authenticates; GitHub's 2FA methods do not apply");
  const entMissing = enterpriseMissing(raw);
  if (entMissing) return withDetail(entMissing, `enterprise 2FA methods policy: ${entMissing.detail}`);
  const ent = enterpriseRead(raw);
  if (!ent) {
    return missing(
      'not_collected',
      'which 2FA methods are allowed is an enterprise policy (twoFactorDisallowedMethodsSetting): set options.enterprise',
      'read:enterprise',
    );
  }
  const methods = ent.twoFactorDisallowedMethods;
  return methods.ok ? ok(methods.value === 'INSECURE') : methods;
}

/** GET /orgs/{org} when it holds field, which GitHub shows to organization owners only. */
function ownerSettings(raw: RawGithub, field: string): Outcome<Record<string, unknown>> {
  if (!raw.orgSettings.ok) return raw.orgSettings;
  if (field in raw.orgSettings.value) return raw.orgSettings;
  return permissionMissing(`GET /orgs/${raw.org.login} has no ${field}: it is shown to organization owners only`, 'admin:org (organization owner)');
}

/**
 * Whether only organization owners can delete or transfer repositories: GET /orgs/{org}
 * members_can_delete_repositories ("Allow members to delete or transfer repositories") is false.
 */
export const repositoryDeletionOwnersOnly = (raw: RawGithub): Outcome<boolean> => ownerFlagOff(raw, 'members_can_delete_repositories');

/**
 * Whether a member privilege of GET /orgs/{org} (owners only) is off: members_can_delete_repositories,
 * members_can_change_repo_visibility, members_can_fork_private_repositories. Not a boolean is an error, never a default.
 */
export function ownerFlagOff(raw: RawGithub, field: string): Outcome<boolean> {
  const owner = ownerSettings(raw, field);
  if (!owner.ok) return owner;
  const v = owner.value[field];
  return typeof v === 'boolean' ? ok(!v) : failed(`GET /orgs/${raw.org.login} ${field} is ${JSON.stringify(v)}, not a boolean`);
}

/** Email notifications go only to verified or approved domains (notificationDeliveryRestrictionEnabledSetting ENABLED). */
export function notificationsRestricted(raw: RawGithub): Outcome<boolean> {
  const s = raw.org.notificationRestriction;
  return s.ok ? ok(s.value === 'ENABLED') : s;
}

const VISIBILITIES = ['public', 'private', 'internal'] as const;

/**
 * Which repository visibilities members (not owners) may create, from GET /orgs/{org} (owners
 * only): none when members_can_create_repositories is false, else each visibility whose
 * members_can_create_<visibility>_repositories is true (internal exists only in enterprises: absent
 * means none can be created).
 */
export function memberRepositoryCreation(raw: RawGithub): Outcome<string[]> {
  const owner = ownerSettings(raw, 'members_can_create_repositories');
  if (!owner.ok) return owner;
  const settings = owner.value;
  const flag = (v: (typeof VISIBILITIES)[number]) => settings[`members_can_create_${v}_repositories`];
  if (settings.members_can_create_repositories === false) return ok([]);
  if (typeof flag('public') !== 'boolean' || typeof flag('private') !== 'boolean') {
    return failed(`GET /orgs/${raw.org.login} allows members to create repositories without saying which visibilities`);
  }
  return ok(VISIBILITIES.filter((v) => flag(v) === true));
}

/**
 * Whether access is limited to allowed IP addresses: the organization's IP allow list, or the
 * enterprise's (which applies to every organization). Both are owner-only settings.
 */
export function ipAllowList(raw: RawGithub): Outcome<boolean> {
  const org = raw.org.ipAllowListEnabledSetting;
  const ent = enterpriseRead(raw);
  if ((org.ok && org.value === 'ENABLED') || ent?.ipAllowListEnabledSetting === 'ENABLED') return ok(true);
  if (!org.ok) return org;
  const entMissing = enterpriseMissing(raw);
  if (entMissing) return withDetail(entMissing, `the organization has no IP allow list; the enterprise's: ${entMissing.detail}`);
  return ok(false);
}
