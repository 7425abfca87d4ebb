/**
 * The enterprise (options.enterprise): its identity settings, its owners, this organization's
 * SAML state among its organizations, and its audit-log streams (REST).
 */
import { type Outcome, failed, ok, permissionMissing } from '../kit/result.js';
import { type GithubClient, restMissing } from './client.js';
import { GithubFatal, errorUnder, firstErrorOr, fromGraphqlError } from './errors.js';
import { paginate } from './paginate.js';
import { QUERIES } from './queries.js';
import type { RawEnterprise, RawStream } from './raw.js';
import type {
  Enterprise2faMethodsResponse,
  EnterpriseOrgsResponse,
  EnterpriseOwnersResponse,
  EnterpriseResponse,
  EnterpriseSsoOrgsResponse,
} from './responses.js';

const READ = 'read:enterprise';
const SSO_STATES = ['ENFORCED', 'CONFIGURED', 'UNCONFIGURED'] as const;

type SsoOrgsPage = NonNullable<NonNullable<EnterpriseSsoOrgsResponse['enterprise']>['ownerInfo']>['samlIdentityProviderSettingOrganizations'];
type OrgsPage = NonNullable<EnterpriseOrgsResponse['enterprise']>['organizations'];
type OwnersPage = NonNullable<NonNullable<EnterpriseOwnersResponse['enterprise']>['ownerInfo']>['admins'];

export async function fetchEnterprise(client: GithubClient): Promise<Outcome<RawEnterprise> | undefined> {
  const slug = client.settings.enterprise;
  if (!slug) return undefined;
  const { data, errors } = await onceForEnterprise(client, 'identity', () => client.query<EnterpriseResponse>(QUERIES.enterprise, { slug }));
  if (!data?.enterprise) {
    const err = errors[0];
    if (err && err.type !== 'NOT_FOUND') return fromGraphqlError(err, READ);
    throw new GithubFatal(`enterprise ${slug} was not found or is not visible to the token${err ? ` (${err.message})` : ''}`, 'enterprise');
  }
  const info = data.enterprise.ownerInfo;
  if (!info) {
    const err = errorUnder(errors, ['enterprise', 'ownerInfo']);
    return err ? fromGraphqlError(err, READ) : permissionMissing(`enterprise ${slug}: ownerInfo is visible to enterprise owners only`, READ);
  }
  const bad = (['twoFactorRequiredSetting', 'samlIdentityProvider', 'oidcProvider'] as const)
    .map((f) => errorUnder(errors, ['enterprise', 'ownerInfo', f]))
    .find(Boolean);
  if (bad) return fromGraphqlError(bad, READ);
  const orgSsoState = await fetchOrgSsoState(client, slug);
  // Enterprise-wide: read once for every organization of an enumerated enterprise (options.enterprise alone).
  const [owners, twoFactorDisallowedMethods] = await onceForEnterprise(client, 'owners+2fa', () =>
    Promise.all([fetchOwners(client, slug), fetchDisallowedMethods(client, slug)]),
  );
  return ok({
    owners,
    twoFactorRequiredSetting: info.twoFactorRequiredSetting ?? null,
    ipAllowListEnabledSetting: info.ipAllowListEnabledSetting ?? null,
    samlIdentityProvider: info.samlIdentityProvider ? { ssoUrl: info.samlIdentityProvider.ssoUrl, issuer: info.samlIdentityProvider.issuer } : null,
    oidcProvider: info.oidcProvider ? { providerType: info.oidcProvider.providerType } : null,
    orgSsoState,
    twoFactorDisallowedMethods,
  });
}

/** twoFactorDisallowedMethodsSetting, alone: a GitHub whose schema lacks it (it is SDL-only) answers with an error that costs only this. */
async function fetchDisallowedMethods(client: GithubClient, slug: string): Promise<Outcome<string>> {
  const { data, errors } = await client.query<Enterprise2faMethodsResponse>(QUERIES.enterprise2faMethods, { slug });
  const value = data?.enterprise?.ownerInfo?.twoFactorDisallowedMethodsSetting;
  if (value) return ok(value);
  return firstErrorOr(errors, READ, failed('GitHub returned no twoFactorDisallowedMethodsSetting'));
}

/** This organization's SAML state: the first of ENFORCED, CONFIGURED, UNCONFIGURED whose list names it (null: none does). */
async function fetchOrgSsoState(client: GithubClient, slug: string): Promise<Outcome<string | null>> {
  const org = client.settings.org.toLowerCase();
  for (const value of SSO_STATES) {
    let found = false;
    const read = await paginate<EnterpriseSsoOrgsResponse, SsoOrgsPage>(
      client,
      {
        doc: QUERIES.enterpriseSsoOrgs,
        variables: { slug, value },
        connection: (data) => data?.enterprise?.ownerInfo?.samlIdentityProviderSettingOrganizations,
        permission: READ,
        absent: 'GitHub returned no samlIdentityProviderSettingOrganizations',
      },
      (page) => {
        found = (page.nodes ?? []).some((n) => n?.login.toLowerCase() === org);
        return found ? 'stop' : undefined;
      },
    );
    if (!read.ok) return read;
    if (found) return ok(value);
  }
  return ok(null);
}

/** Logins of the enterprise owners (they administer every organization of the enterprise). */
async function fetchOwners(client: GithubClient, slug: string): Promise<Outcome<string[]>> {
  const logins: string[] = [];
  const read = await paginate<EnterpriseOwnersResponse, OwnersPage>(
    client,
    {
      doc: QUERIES.enterpriseOwners,
      variables: { slug },
      connection: (data) => data?.enterprise?.ownerInfo?.admins,
      permission: READ,
      absent: 'GitHub returned no enterprise admins',
    },
    (page) => {
      logins.push(...(page.nodes ?? []).flatMap((n) => (n ? [n.login] : [])));
      return undefined;
    },
  );
  return read.ok ? ok(logins) : read;
}

/**
 * Enterprise-level reads shared by the organizations one enumerated enterprise stands for
 * (settings.enterpriseRun, set by expandEnterprise): the first organization's read is every
 * other's, so enterprise facts are read once. Outside an enumeration, each read is its own.
 */
const shared = new Map<string, Promise<unknown>>();

function onceForEnterprise<T>(client: GithubClient, what: string, read: () => Promise<T>): Promise<T> {
  const run = client.settings.enterpriseRun;
  if (!run) return read();
  const key = `${run}|${what}`;
  if (!shared.has(key)) shared.set(key, read());
  return shared.get(key) as Promise<T>;
}

/** The logins of the enterprise's organizations (GraphQL enterprise.organizations), or why they could not be listed. */
export async function listEnterpriseOrgs(client: GithubClient, slug: string): Promise<Outcome<string[]>> {
  const logins: string[] = [];
  const read = await paginate<EnterpriseOrgsResponse, OrgsPage>(
    client,
    {
      doc: QUERIES.enterpriseOrgs,
      variables: { slug },
      connection: (data) => data?.enterprise?.organizations,
      permission: READ,
      absent: `enterprise ${slug} was not found or is not visible to the token`,
    },
    (page) => {
      logins.push(...(page.nodes ?? []).flatMap((n) => (n ? [n.login] : [])));
      return undefined;
    },
  );
  return read.ok ? ok(logins) : read;
}

/** GET /enterprises/{e}/audit-log/streams (enterprise owners), once per enumerated enterprise. */
export function fetchStreams(client: GithubClient): Promise<Outcome<RawStream[]> | undefined> {
  return onceForEnterprise(client, 'streams', () => readStreams(client));
}

async function readStreams(client: GithubClient): Promise<Outcome<RawStream[]> | undefined> {
  const slug = client.settings.enterprise;
  if (!slug) return undefined;
  const r = await client.rest(`/enterprises/${encodeURIComponent(slug)}/audit-log/streams`);
  if (r.status !== 200 || !Array.isArray(r.json)) return restMissing(r, 'admin:enterprise (enterprise owner)', `GET /enterprises/${slug}/audit-log/streams`);
  return ok(r.json as RawStream[]);
}
