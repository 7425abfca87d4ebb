/** identity.*: the identity provider and its enforcement, the 2FA requirement, who bypasses it, anonymous access. */
import type { Facts } from '../../../model/types.js';
import { providerName } from '../../kit/identity.js';
import { type Outcome, notApplicable, notCollected, notSupported, ok, permissionMissing } from '../../kit/result.js';
import type { GithubSettings } from '../options.js';
import type { RawGithub } from '../raw.js';
import { GapList, type Pillar, withDetail } from './gaps.js';
import { enterpriseMissing, enterpriseRead, unknownVisibility } from './shared.js';

const ORG_OWNER = 'read:org (organization owner)';

export function identityFacts(raw: RawGithub, settings: GithubSettings): Pillar<Facts['identity']> {
  const g = new GapList();
  const provider = ssoProvider(raw, settings);
  const mfa = twoFactorRequired(raw);
  const facts: Facts['identity'] = {
    sso_provider: g.value('identity.sso_provider', provider),
    sso_enforced: g.value('identity.sso_enforced', ssoEnforced(raw, provider)),
    mfa_required: g.value('identity.mfa_required', mfa),
    mfa_exempt: g.value('identity.mfa_exempt', mfaExempt(mfa)),
    local_accounts: g.value(
      'identity.local_accounts',
      notSupported('GitHub does not expose which accounts can sign in without the identity provider (recovery codes, owners outside SSO)'),
    ),
    anonymous_access: g.value('identity.anonymous_access', anonymousAccess(raw)),
  };
  return { facts, gaps: g.gaps };
}

/** The enterprise's IdP (OIDC is Entra ID's; SAML named from its URL), else null. */
export function enterpriseProvider(raw: RawGithub): string | null {
  const ent = enterpriseRead(raw);
  if (!ent) return null;
  if (ent.oidcProvider) return ent.oidcProvider.providerType === 'AAD' ? 'entra-id' : ent.oidcProvider.providerType.toLowerCase();
  return providerName(ent.samlIdentityProvider?.ssoUrl ?? ent.samlIdentityProvider?.issuer);
}

/** The enterprise's IdP, else the organization's SAML IdP; none only when an owner sees that none is configured. */
export function ssoProvider(raw: RawGithub, settings: GithubSettings): Outcome<string | null> {
  const fromEnterprise = enterpriseProvider(raw);
  if (fromEnterprise) return ok(fromEnterprise);
  const orgSaml = raw.org.samlIdentityProvider;
  const entMissing = enterpriseMissing(raw);
  if (orgSaml.ok && orgSaml.value) return ok(providerName(orgSaml.value.ssoUrl ?? orgSaml.value.issuer));
  if (orgSaml.ok && raw.org.viewerCanAdminister && !entMissing) {
    return notApplicable(`no SAML identity provider is configured on the organization${settings.enterprise ? ' or its enterprise' : ''}`);
  }
  if (!orgSaml.ok) return orgSaml;
  if (entMissing) return withDetail(entMissing, `enterprise identity provider: ${entMissing.detail}`);
  // GitHub hides samlIdentityProvider (returns null) from non-owners: null is not "none".
  return permissionMissing('samlIdentityProvider is visible to organization owners only', ORG_OWNER);
}

/**
 * Whether signing in goes through the IdP: always with OIDC (Enterprise Managed Users), else the
 * organization's SAML state in the enterprise, else enterprise SAML (enforced for every
 * organization). Organization SAML alone has no enforcement flag in the API.
 */
export function ssoEnforced(raw: RawGithub, provider: Outcome<string | null>): Outcome<boolean> {
  const ent = enterpriseRead(raw);
  if (ent?.oidcProvider) return ok(true);
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

/** 2FA required by the enterprise or the organization (GraphQL or REST); "not required" needs the enterprise's policy too. */
export function twoFactorRequired(raw: RawGithub): Outcome<boolean> {
  const org = raw.org.requiresTwoFactorAuthentication;
  const rest = raw.orgSettings.ok ? raw.orgSettings.value.two_factor_requirement_enabled : undefined;
  const entMissing = enterpriseMissing(raw);
  if (enterpriseRead(raw)?.twoFactorRequiredSetting === 'ENABLED' || (org.ok && org.value === true) || rest === true) return ok(true);
  if ((org.ok && org.value === false) || rest === false) {
    return entMissing ? withDetail(entMissing, `organization does not require 2FA; enterprise policy unknown: ${entMissing.detail}`) : ok(false);
  }
  if (!org.ok) return org;
  return permissionMissing('requiresTwoFactorAuthentication is visible to organization owners only', ORG_OWNER);
}

/**
 * Who signs in without the second factor. With 2FA required (organization or enterprise), GitHub
 * removes members and outside collaborators who do not use it, so nobody is exempt; without the
 * requirement, who lacks 2FA needs the filter=2fa_disabled member lists, which are not read.
 */
export function mfaExempt(required: Outcome<boolean>): Outcome<string[]> {
  if (required.ok && required.value) return ok([]);
  if (required.ok)
    return notCollected('the organization does not require 2FA; members and outside collaborators without it (filter=2fa_disabled) are not read');
  return notCollected('depends on the 2FA requirement, which could not be read (see identity.mfa_required)');
}

/** Anyone can read a public repository without signing in. */
export function anonymousAccess(raw: RawGithub): Outcome<boolean> {
  if (!raw.repos.ok) return raw.repos;
  if (raw.repos.value.some((r) => r.visibility === 'PUBLIC' && !r.isDisabled)) return ok(true);
  return unknownVisibility(raw) ?? ok(false);
}
