/**
 * identity.*: the identity provider and its enforcement, the 2FA requirement, who and what bypass
 * it, the accounts outside the identity provider, anonymous access.
 */
import type { Facts } from '../../../model/types.js';
import { providerName } from '../../kit/identity.js';
import { failed, type Outcome, missing, notApplicable, notCollected, notSupported, ok, permissionMissing } from '../../kit/result.js';
import type { GithubSettings } from '../options.js';
import type { RawGithub } from '../raw.js';
import { type AccountModel, accountModel, emuShortcode, idpAuthenticates } from './accounts.js';
import { GapList, type Pillar, withDetail } from './gaps.js';
import { enterpriseMissing, enterpriseRead, unknownVisibility } from './shared.js';

const ORG_OWNER = 'read:org (organization owner)';

/**
 * Credentials that reach Git and the API without a second factor, whoever requires one
 * (GitHub's 2FA or the IdP's MFA): documented GitHub behaviour, not a setting.
 */
export const MFA_EXEMPT_METHODS = ['personal access tokens (Git over HTTPS, the API)', 'SSH keys (Git over SSH)'];

const WHO: Record<string, string> = {
  emu: 'Enterprise Managed Users',
  saml: 'GitHub Enterprise Server signing in through SAML',
  cas: 'GitHub Enterprise Server signing in through CAS',
  ldap: 'GitHub Enterprise Server signing in through LDAP',
};

export function identityFacts(raw: RawGithub, settings: GithubSettings): Pillar<Facts['identity']> {
  const g = new GapList();
  const model = accountModel(raw, settings);
  const provider = ssoProvider(raw, settings, model);
  const enforced = ssoEnforced(raw, provider, model);
  const mfa = twoFactorRequired(raw, model, provider);
  const facts: Facts['identity'] = {
    sso_provider: g.value('identity.sso_provider', provider),
    sso_enforced: g.value('identity.sso_enforced', enforced),
    mfa_required: g.value('identity.mfa_required', mfa),
    mfa_exempt: g.value('identity.mfa_exempt', mfaExempt(mfa, model)),
    local_accounts: g.value('identity.local_accounts', localAccounts(raw, model, enforced)),
    anonymous_access: g.value('identity.anonymous_access', anonymousAccess(raw)),
  };
  return { facts, gaps: g.gaps };
}

/** The enterprise's IdP (OIDC is Entra ID's; SAML named from its URL), else null. */
function enterpriseProvider(raw: RawGithub): string | null {
  const ent = enterpriseRead(raw);
  if (!ent) return null;
  if (ent.oidcProvider) return ent.oidcProvider.providerType === 'AAD' ? 'entra-id' : ent.oidcProvider.providerType.toLowerCase();
  return providerName(ent.samlIdentityProvider?.ssoUrl ?? ent.samlIdentityProvider?.issuer);
}

/**
 * The enterprise's IdP, else the organization's SAML IdP; none only when an owner sees that none
 * is configured and accounts are GitHub's own. With Enterprise Managed Users the IdP is an
 * enterprise setting; on GHES signing in through an IdP, an appliance setting.
 */
export function ssoProvider(raw: RawGithub, settings: GithubSettings, model: AccountModel): Outcome<string | null> {
  const fromEnterprise = enterpriseProvider(raw);
  if (fromEnterprise) return ok(fromEnterprise);
  const orgSaml = raw.org.samlIdentityProvider;
  const entMissing = enterpriseMissing(raw);
  if (orgSaml.ok && orgSaml.value) {
    // A provider without an SSO URL or issuer names nothing: an error gap, never a silent null.
    const name = providerName(orgSaml.value.ssoUrl ?? orgSaml.value.issuer);
    return name ? ok(name) : failed('GitHub returned the SAML identity provider without an SSO URL or issuer');
  }
  if (model.authentication === 'emu') {
    return entMissing
      ? withDetail(entMissing, `Enterprise Managed Users sign in through the enterprise's identity provider, which could not be read: ${entMissing.detail}`)
      : missing(
          'not_collected',
          "Enterprise Managed Users sign in through the enterprise's identity provider: set options.enterprise to read it",
          'read:enterprise',
        );
  }
  if (model.authentication === 'saml' || model.authentication === 'cas' || model.authentication === 'ldap') {
    return notCollected(`${WHO[model.authentication]}: which provider is an appliance setting the API does not show`);
  }
  if (orgSaml.ok && raw.org.viewerCanAdminister && !entMissing) {
    return notApplicable(`no SAML identity provider is configured on the organization${settings.enterprise ? ' or its enterprise' : ''}`);
  }
  if (!orgSaml.ok) return orgSaml;
  if (entMissing) return withDetail(entMissing, `enterprise identity provider: ${entMissing.detail}`);
  // GitHub hides samlIdentityProvider (returns null) from non-owners: null is not "none".
  return permissionMissing('samlIdentityProvider is visible to organization owners only', ORG_OWNER);
}

/**
 * Whether signing in goes through the IdP: always for Enterprise Managed Users (the IdP
 * provisions every account; OIDC is EMU only), else the organization's SAML state in the
 * enterprise, else enterprise SAML (enforced for every organization). Organization SAML alone has
 * no enforcement flag in the API; on GHES, fallback to built-in accounts is an appliance setting.
 */
export function ssoEnforced(raw: RawGithub, provider: Outcome<string | null>, model: AccountModel): Outcome<boolean> {
  const ent = enterpriseRead(raw);
  if (model.authentication === 'emu') return ok(true);
  if (model.authentication === 'saml' || model.authentication === 'cas' || model.authentication === 'ldap') {
    return notCollected(
      `${WHO[model.authentication]}: whether built-in accounts may sign in outside the provider is an appliance setting the API does not show`,
    );
  }
  if (ent && !ent.orgSsoState.ok) return ent.orgSsoState;
  if (ent?.orgSsoState.ok && ent.orgSsoState.value !== null) return ok(ent.orgSsoState.value === 'ENFORCED');
  if (ent?.samlIdentityProvider) return ok(true);
  if (!provider.ok) return provider.reason === 'not_applicable' ? ok(false) : provider; // nothing to enforce with
  const orgSaml = raw.org.samlIdentityProvider;
  const linked = orgSaml.ok && orgSaml.value ? orgSaml.value.linkedIdentities : 0;
  const members = raw.members.ok ? raw.members.value.length : undefined;
  return notSupported(
    `GitHub's API has no flag for organization SAML enforcement (${linked} linked identities${members !== undefined ? ` for ${members} members` : ''}); set options.enterprise to read the enterprise's per-organization SSO state`,
  );
}

/**
 * Whether GitHub requires a second factor: the enterprise or the organization (GraphQL or REST);
 * "not required" needs the enterprise's policy too. Where the IdP authenticates (Enterprise
 * Managed Users, GHES with SAML or CAS) GitHub's 2FA setting does not apply: MFA is the IdP's, a
 * fact of the IdP, never GitHub's "false". GHES offers the requirement only with built-in or LDAP
 * authentication, so there "not required" counts only once options.authentication says which.
 */
export function twoFactorRequired(raw: RawGithub, model: AccountModel, provider: Outcome<string | null>): Outcome<boolean> {
  if (idpAuthenticates(model)) {
    const idp = provider.ok && provider.value ? ` (${provider.value})` : '';
    return notCollected(
      `${WHO[model.authentication as string]}: GitHub's 2FA requirement does not apply; MFA is enforced by the identity provider${idp}, which auditready does not read here (${model.basis})`,
    );
  }
  const org = raw.org.requiresTwoFactorAuthentication;
  const rest = raw.orgSettings.ok ? raw.orgSettings.value.two_factor_requirement_enabled : undefined;
  const entMissing = enterpriseMissing(raw);
  if (enterpriseRead(raw)?.twoFactorRequiredSetting === 'ENABLED' || (org.ok && org.value === true) || rest === true) return ok(true);
  if ((org.ok && org.value === false) || rest === false) {
    if (model.authentication === null) {
      return notCollected(
        "the organization does not require 2FA, a setting GitHub Enterprise Server offers only with built-in or LDAP authentication, and the API does not show which the instance uses: set options.authentication (github or ldap: 2FA is not required; saml or cas: MFA is the identity provider's)",
      );
    }
    return entMissing ? withDetail(entMissing, `organization does not require 2FA; enterprise policy unknown: ${entMissing.detail}`) : ok(false);
  }
  if (!org.ok) return org;
  return permissionMissing('requiresTwoFactorAuthentication is visible to organization owners only', ORG_OWNER);
}

/**
 * What signs in without the second factor. Personal access tokens and SSH keys reach Git (and
 * tokens the API) without it, whether GitHub or the IdP requires it (documented); with 2FA
 * required GitHub removes members and outside collaborators who do not use it, so those are all.
 * Without the requirement, who lacks 2FA needs the filter=2fa_disabled member lists, not read.
 */
export function mfaExempt(required: Outcome<boolean>, model: AccountModel): Outcome<string[]> {
  if ((required.ok && required.value) || idpAuthenticates(model)) return ok([...MFA_EXEMPT_METHODS]);
  if (required.ok)
    return notCollected('the organization does not require 2FA; members and outside collaborators without it (filter=2fa_disabled) are not read');
  return notCollected('depends on the 2FA requirement, which could not be read (see identity.mfa_required)');
}

/**
 * Accounts that sign in outside the identity provider. Enterprise Managed Users: the enterprise's
 * setup user (SHORTCODE_admin), which signs in with a password, never SSO (documented). Personal
 * accounts: outside collaborators never go through the organization's SAML SSO; without enforced
 * SSO, no member does either.
 */
export function localAccounts(raw: RawGithub, model: AccountModel, enforced: Outcome<boolean>): Outcome<string[]> {
  if (model.authentication === 'emu') {
    const shortcode = emuShortcode(raw);
    return ok([shortcode ? `${shortcode}_admin` : 'the enterprise setup user (SHORTCODE_admin)']);
  }
  if (model.authentication !== 'github') {
    return notCollected(
      model.authentication === null
        ? 'GitHub Enterprise Server: which accounts sign in outside an identity provider depends on its authentication mode (set options.authentication)'
        : `${WHO[model.authentication]}: built-in accounts for people outside the provider are an appliance setting the API does not show`,
    );
  }
  if (!enforced.ok) return withDetail(enforced, `which accounts sign in outside the identity provider depends on SSO enforcement: ${enforced.detail}`);
  const outside = raw.outsideCollaborators;
  if (!outside.ok) return withDetail(outside, `outside collaborators, who never sign in through SAML SSO: ${outside.detail}`);
  if (enforced.value) return ok([...outside.value].sort());
  if (!raw.members.ok) return withDetail(raw.members, `without enforced SSO every member signs in outside the identity provider: ${raw.members.detail}`);
  return ok([...new Set([...raw.members.value.map((m) => m.login), ...outside.value])].sort());
}

/** Anyone can read a public repository without signing in. */
function anonymousAccess(raw: RawGithub): Outcome<boolean> {
  if (!raw.repos.ok) return raw.repos;
  if (raw.repos.value.some((r) => r.visibility === 'PUBLIC' && !r.isDisabled)) return ok(true);
  return unknownVisibility(raw) ?? ok(false);
}
