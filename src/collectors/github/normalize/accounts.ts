/**
 * Who authenticates the organization's people, which decides whose second factor counts and
 * which accounts sit outside the identity provider. Given by options.authentication, else
 * detected: Enterprise Managed Users when the enterprise signs in with OIDC (GitHub offers OIDC
 * only to EMU) or when every member login carries the `_shortcode` suffix of managed user accounts
 * (other GitHub usernames cannot contain an underscore); else GitHub's own accounts on github.com,
 * and unknown on GHES, whose authentication mode is an appliance setting the API does not show.
 */
import type { Authentication, GithubSettings } from '../options.js';
import type { RawGithub } from '../raw.js';
import { enterpriseRead } from './shared.js';

export interface AccountModel {
  /** null: not known (GHES without options.authentication). */
  readonly authentication: Authentication | null;
  /** How it was decided, for source.details. */
  readonly basis: string;
}

/** Enterprise Managed Users (emu) and GHES with SAML or CAS: the IdP authenticates, GitHub's 2FA does not apply. */
export const idpAuthenticates = (m: AccountModel): boolean => m.authentication === 'emu' || m.authentication === 'saml' || m.authentication === 'cas';

export function accountModel(raw: RawGithub, settings: GithubSettings): AccountModel {
  if (settings.authentication) return { authentication: settings.authentication, basis: 'options.authentication' };
  if (enterpriseRead(raw)?.oidcProvider) {
    return { authentication: 'emu', basis: 'detected: the enterprise signs in with OIDC, which GitHub offers only to Enterprise Managed Users' };
  }
  const logins = raw.members.ok ? raw.members.value.map((m) => m.login) : [];
  if (logins.length > 0 && logins.every((l) => l.includes('_'))) {
    return {
      authentication: 'emu',
      basis: 'detected: every member login has the _shortcode suffix of managed user accounts (other GitHub usernames cannot contain "_")',
    };
  }
  if (settings.cloud) return { authentication: 'github', basis: 'default on github.com: personal accounts (no sign of Enterprise Managed Users)' };
  return { authentication: null, basis: 'unknown: GitHub Enterprise Server does not show its authentication mode in the API; set options.authentication' };
}

/** The enterprise's shortcode when every member login ends with the same `_shortcode` (EMU). */
export function emuShortcode(raw: RawGithub): string | undefined {
  const logins = raw.members.ok ? raw.members.value.map((m) => m.login) : [];
  const suffixes = new Set(logins.map((l) => (l.includes('_') ? l.slice(l.lastIndexOf('_') + 1) : '')));
  const [only] = suffixes;
  return suffixes.size === 1 && only ? only : undefined;
}
