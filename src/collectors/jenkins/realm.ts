/**
 * The security realm: who Jenkins lets sign in and through what. Jenkins has no second factor of
 * its own; with SAML, OIDC or an OAuth realm the identity provider decides MFA, with its own user
 * database, LDAP or Active Directory a password alone signs in.
 */
import { providerName } from '../kit/identity.js';
import type { Located } from './casc.js';
import { bool, child, type Describable, type Found, isRecord, list, str } from './lookup.js';

type RealmKind = 'local' | 'directory' | 'sso' | 'unknown';

export interface Realm {
  readonly symbol: string;
  readonly kind: RealmKind;
  readonly at: Located;
  /** Identity provider name (okta, entra-id, a host), for sso and directory realms. */
  readonly provider?: { readonly name: string; readonly at: Located };
  /** Local realm: self-signup. */
  readonly signup?: { readonly value: boolean; readonly at: Located };
  /** Local realm: the accounts the configuration declares. */
  readonly users?: { readonly ids: string[]; readonly at: Located };
  /** Accounts that sign in without the identity provider (OIDC escape hatch, AD internal user database). */
  readonly fallback: { readonly names: string[]; readonly at: Located }[];
  /** OIDC only: TLS to the provider verified; ID tokens verified; API tokens usable without an OIDC session. */
  readonly oidc?: {
    readonly tlsVerified: { readonly value: boolean; readonly at: Located };
    readonly tokenVerified: { readonly value: boolean; readonly at: Located };
    readonly tokensWithoutSession: { readonly value: boolean; readonly at: Located };
  };
  /** Human-readable realm for messages. */
  readonly label: string;
}

const OIC_DOC = 'oic-auth plugin default (docs/configuration/README.md)';

/** Provider name from a URL, an entity ID or a host. */
function provider(raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  return providerName(/^[a-z]+:\/\//i.test(v) ? v : `https://${v.replace(/^.*@/, '')}`);
}

function firstProvider(candidates: (Found<string> | undefined)[]): { name: string; at: Located } | undefined {
  for (const c of candidates) {
    if (!c) continue;
    const name = provider(c.value);
    if (name) return { name, at: c.at };
  }
  return undefined;
}

/** The `properties:` list of the oic realm (4.x): a symbol string or {symbol: config}. */
function oicProperty(config: Found, name: string): Found | undefined {
  const props = list(config, 'properties');
  if (!props) return undefined;
  for (let i = 0; i < props.value.length; i++) {
    const p = props.value[i];
    if (p === name) return child(props, i);
    if (isRecord(p) && name in p) return child(props, i, name);
  }
  return undefined;
}

export function readRealm(d: Describable): Realm {
  const c = d.config;
  const base = { symbol: d.symbol, at: c.at, fallback: [] as { names: string[]; at: Located }[] };
  switch (d.symbol) {
    case 'local': {
      const signup = bool(c, 'allowsSignup', false, 'allowsSignup is absent: HudsonPrivateSecurityRealm defaults to no signup');
      const users = list(c, 'users');
      const ids = (users?.value ?? []).flatMap((u) => (isRecord(u) && typeof u.id === 'string' ? [u.id] : []));
      return { ...base, kind: 'local', signup, users: { ids, at: users?.at ?? c.at }, label: "Jenkins' own user database" };
    }
    case 'ldap': {
      const configs = list(c, 'configurations');
      const server = configs ? str(configs, 0, 'server') : str(c, 'server');
      const p = firstProvider([server]);
      return { ...base, kind: 'directory', ...(p ? { provider: p } : {}), label: 'LDAP' };
    }
    case 'activeDirectory': {
      const domains = list(c, 'domains');
      const p = firstProvider([domains ? str(domains, 0, 'servers') : undefined, domains ? str(domains, 0, 'name') : undefined, str(c, 'domain')]);
      const internal = str(c, 'internalUsersDatabase', 'jenkinsInternalUser');
      if (internal) base.fallback.push({ names: [internal.value], at: internal.at });
      return { ...base, kind: 'directory', ...(p ? { provider: { name: `active-directory:${p.name}`, at: p.at } } : {}), label: 'Active Directory' };
    }
    case 'pam':
      return { ...base, kind: 'directory', label: 'Unix users of the controller host (PAM)' };
    case 'saml': {
      const md = child(c, 'idpMetadataConfiguration');
      const url = md ? str(md, 'url') : undefined;
      const xml = md ? str(md, 'xml') : undefined;
      const entity = xml ? /entityID\s*=\s*["']([^"']+)["']/.exec(xml.value)?.[1] : undefined;
      const p = firstProvider([url, entity ? { ...xml!, value: entity } : undefined]);
      return { ...base, kind: 'sso', ...(p ? { provider: p } : {}), label: 'SAML' };
    }
    case 'oic': {
      // 4.x: serverConfiguration.{wellKnown|manual}; before: flat wellKnownOpenIDConfigurationUrl / authorizationServerUrl.
      const sc = child(c, 'serverConfiguration');
      const p = firstProvider([
        sc ? str(sc, 'wellKnown', 'wellKnownOpenIDConfigurationUrl') : undefined,
        sc ? str(sc, 'manual', 'issuer') : undefined,
        sc ? str(sc, 'manual', 'authorizationServerUrl') : undefined,
        str(c, 'wellKnownOpenIDConfigurationUrl'),
        str(c, 'issuer'),
        str(c, 'authorizationServerUrl'),
      ]);
      const hatch = oicProperty(c, 'escapeHatch');
      if (hatch) {
        const name = isRecord(hatch.value) && typeof hatch.value.username === 'string' ? hatch.value.username : 'escape hatch account';
        base.fallback.push({ names: [name], at: hatch.at });
      } else {
        const flat = bool(c, 'escapeHatchEnabled', false, 'escapeHatchEnabled is absent: the escape hatch is off by default');
        if (flat.value) {
          const user = str(c, 'escapeHatchUsername');
          base.fallback.push({ names: [user?.value ?? 'escape hatch account'], at: flat.at });
        }
      }
      const ssl = bool(c, 'disableSslVerification', false, `disableSslVerification is absent: TLS is verified (${OIC_DOC})`);
      const noVerify = oicProperty(c, 'disableTokenVerification');
      const flatNoVerify = bool(c, 'disableTokenVerification', false, `token verification is on by default (${OIC_DOC})`);
      const tokens = bool(
        c,
        'allowTokenAccessWithoutOicSession',
        false,
        `allowTokenAccessWithoutOicSession is absent: API tokens need a live OIDC session (${OIC_DOC})`,
      );
      return {
        ...base,
        kind: 'sso',
        ...(p ? { provider: p } : {}),
        oidc: {
          tlsVerified: { value: !ssl.value, at: ssl.at },
          tokenVerified: noVerify ? { value: false, at: noVerify.at } : { value: !flatNoVerify.value, at: flatNoVerify.at },
          tokensWithoutSession: tokens,
        },
        label: 'OpenID Connect',
      };
    }
    case 'github': {
      const web = str(c, 'githubWebUri');
      const host = web ? provider(web.value) : null;
      const name = !host || host === 'github.com' ? 'github' : host;
      return { ...base, kind: 'sso', provider: { name, at: web?.at ?? c.at }, label: 'GitHub OAuth' };
    }
    case 'gitLabSecurityRealm':
    case 'gitlab': {
      const uri = str(c, 'gitlabWebUri');
      const host = uri ? provider(uri.value) : null;
      return { ...base, kind: 'sso', provider: { name: !host || host === 'gitlab.com' ? 'gitlab' : host, at: uri?.at ?? c.at }, label: 'GitLab OAuth' };
    }
    case 'googleOAuth2':
      return { ...base, kind: 'sso', provider: { name: 'google', at: c.at }, label: 'Google Login' };
    case 'azure':
    case 'azureAD':
    case 'entraId':
      return { ...base, kind: 'sso', provider: { name: 'entra-id', at: c.at }, label: 'Microsoft Entra ID' };
    case 'keycloak': {
      const json = str(c, 'keycloakJson');
      const url = json ? /"auth-server-url"\s*:\s*"([^"]+)"/.exec(json.value)?.[1] : undefined;
      const p = json && url ? firstProvider([{ ...json, value: url }]) : undefined;
      return { ...base, kind: 'sso', ...(p ? { provider: p } : {}), label: 'Keycloak' };
    }
    default:
      return { ...base, kind: 'unknown', label: d.symbol };
  }
}
