/** The organization itself: it must exist (everything else hangs off it), and its owner-only settings. */
import { type Outcome, failed, ok, permissionMissing } from '../kit/result.js';
import type { GithubClient } from './client.js';
import { GithubFatal, errorUnder, firstErrorOr, fromGraphqlError } from './errors.js';
import { QUERIES } from './queries.js';
import type { RawOrg } from './raw.js';
import type { OrgOwnerResponse, OrgResponse } from './responses.js';

const OWNER = 'read:org (organization owner)';

export async function fetchOrganization(client: GithubClient): Promise<RawOrg> {
  const login = client.settings.org;
  const { data, errors } = await client.query<OrgResponse>(QUERIES.org, { login });
  const org = data?.organization;
  if (!org) {
    const first = errors[0];
    if (first?.type === 'INSUFFICIENT_SCOPES') throw new GithubFatal(`organization ${login}: ${first.message}`, 'org');
    throw new GithubFatal(`organization ${login} was not found or is not visible to the token${first ? ` (${first.message})` : ''}`, 'org');
  }
  /** A field of the organization, or the error GitHub reported on it. */
  const field = <K extends keyof typeof org>(name: K): Outcome<(typeof org)[K]> => {
    const err = errorUnder(errors, ['organization', name]);
    return err ? fromGraphqlError(err, OWNER) : ok(org[name]);
  };
  const saml = field('samlIdentityProvider');
  const raw: RawOrg = {
    login: String(org.login),
    viewer: data.viewer?.login ?? null,
    viewerCanAdminister: org.viewerCanAdminister === true,
    requiresTwoFactorAuthentication: field('requiresTwoFactorAuthentication'),
    ipAllowListEnabledSetting: permissionMissing('the IP allow list setting is visible to organization owners only', OWNER),
    notificationRestriction: permissionMissing('the email notification restriction is visible to organization owners only', OWNER),
    verifiedDomains: permissionMissing("the organization's verified domains are visible to organization owners only", OWNER),
    samlIdentityProvider: saml.ok
      ? ok(saml.value ? { ssoUrl: saml.value.ssoUrl, issuer: saml.value.issuer, linkedIdentities: saml.value.externalIdentities?.totalCount ?? 0 } : null)
      : saml,
  };
  if (raw.viewerCanAdminister) Object.assign(raw, await ownerSettings(client));
  return raw;
}

/**
 * Owner-only, non-null settings, asked for in their own query only when the token administers
 * the organization: an error on a non-null field would null the whole organization (and here
 * every one of them, which is why each is unknown with that error).
 */
async function ownerSettings(client: GithubClient): Promise<Pick<RawOrg, 'ipAllowListEnabledSetting' | 'notificationRestriction' | 'verifiedDomains'>> {
  const { data, errors } = await client.query<OrgOwnerResponse>(QUERIES.orgOwner, { login: client.settings.org });
  const org = data?.organization;
  if (!org) {
    const why = firstErrorOr(errors, OWNER, failed(`GitHub returned no owner settings for organization ${client.settings.org}`));
    return { ipAllowListEnabledSetting: why, notificationRestriction: why, verifiedDomains: why };
  }
  const nodes = org.domains.nodes ?? [];
  const domains = nodes.flatMap((n) => (n ? [String(n.domain)] : []));
  return {
    ipAllowListEnabledSetting: ok(org.ipAllowListEnabledSetting),
    notificationRestriction: ok(org.notificationDeliveryRestrictionEnabledSetting),
    verifiedDomains:
      domains.length < org.domains.totalCount ? failed(`${org.domains.totalCount} verified domains, ${domains.length} readable`) : ok(domains.sort()),
  };
}
