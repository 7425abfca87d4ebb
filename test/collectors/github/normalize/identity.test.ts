import { describe, expect, it } from 'vitest';
import type { AccountModel } from '../../../../src/collectors/github/normalize/accounts.js';
import { accountModel } from '../../../../src/collectors/github/normalize/accounts.js';
import {
  identityFacts,
  localAccounts,
  MFA_EXEMPT_METHODS,
  mfaExempt,
  ssoEnforced,
  ssoProvider,
  twoFactorRequired,
} from '../../../../src/collectors/github/normalize/identity.js';
import { missing, ok } from '../../../../src/collectors/kit/result.js';
import { CLOUD, enterprise, forbidden, rawGithub, repo, SERVER } from './raw.js';

const GITHUB: AccountModel = { authentication: 'github', basis: 'test' };
const orgOff = () =>
  rawGithub({ org: { ...rawGithub().org, requiresTwoFactorAuthentication: ok(false) }, orgSettings: ok({ two_factor_requirement_enabled: false }) });

describe('github identity pillar', () => {
  it('the enterprise IdP wins over the organization SAML: OIDC is Entra ID and always enforced', () => {
    const raw = rawGithub({ enterprise: enterprise({ oidcProvider: { providerType: 'AAD' }, orgSsoState: ok('UNCONFIGURED') }) });
    expect(ssoProvider(raw, { ...CLOUD, enterprise: 'acme-corp' }, GITHUB)).toEqual(ok('entra-id'));
    expect(ssoEnforced(raw, ok('entra-id'), accountModel(raw, CLOUD))).toEqual(ok(true));
  });

  it("the organization's SAML state in the enterprise decides enforcement", () => {
    expect(ssoEnforced(rawGithub({ enterprise: enterprise({ orgSsoState: ok('CONFIGURED') }) }), ok('entra-id'), GITHUB)).toEqual(ok(false));
    expect(ssoEnforced(rawGithub({ enterprise: enterprise({ orgSsoState: ok(null) }) }), ok('entra-id'), GITHUB)).toEqual(ok(true));
  });

  it('organization SAML without an enterprise: the provider is known, its enforcement is not in the API', () => {
    const { facts, gaps } = identityFacts(rawGithub(), CLOUD);
    expect(facts.sso_provider).toBe('okta');
    expect(facts.sso_enforced).toBeNull();
    expect(gaps.find((g) => g.fact === 'identity.sso_enforced')).toMatchObject({
      reason: 'not_supported',
      detail: expect.stringContaining('2 linked identities for 2 members'),
    });
  });

  it('no IdP seen by an owner is not applicable (and nothing is enforced); a non-owner sees nothing', () => {
    const none = rawGithub({ org: { ...rawGithub().org, samlIdentityProvider: ok(null) } });
    expect(ssoProvider(none, CLOUD, GITHUB)).toMatchObject({ ok: false, reason: 'not_applicable' });
    expect(identityFacts(none, CLOUD).facts.sso_enforced).toBe(false);
    const hidden = rawGithub({ org: { ...none.org, viewerCanAdminister: false } });
    expect(ssoProvider(hidden, CLOUD, GITHUB)).toMatchObject({ ok: false, reason: 'permission_missing', permission: 'read:org (organization owner)' });
  });

  it('2FA: required by either side; "not required" needs the enterprise policy too', () => {
    expect(twoFactorRequired(orgOff(), GITHUB, ok('okta'))).toEqual(ok(false));
    expect(twoFactorRequired({ ...orgOff(), enterprise: enterprise() }, GITHUB, ok('okta'))).toEqual(ok(true));
    const entUnknown = twoFactorRequired({ ...orgOff(), enterprise: forbidden('read:enterprise') }, GITHUB, ok('okta'));
    expect(entUnknown).toMatchObject({ ok: false, reason: 'permission_missing', permission: 'read:enterprise' });
    // GraphQL failed, REST still answered
    const gqlFailed = rawGithub({ org: { ...rawGithub().org, requiresTwoFactorAuthentication: missing('error', 'GitHub SERVICE_UNAVAILABLE: x') } });
    expect(twoFactorRequired(gqlFailed, GITHUB, ok('okta'))).toEqual(ok(true));
    expect(twoFactorRequired({ ...gqlFailed, orgSettings: forbidden('admin:org') }, GITHUB, ok('okta'))).toMatchObject({ ok: false, reason: 'error' });
  });

  it("Enterprise Managed Users: GitHub's 2FA setting does not apply, MFA is the IdP's: unknown with that reason, never false", () => {
    const raw = { ...orgOff(), enterprise: enterprise({ oidcProvider: { providerType: 'AAD' }, twoFactorRequiredSetting: 'NO_POLICY' }) };
    const { facts, gaps } = identityFacts(raw, { ...CLOUD, enterprise: 'acme-corp' });
    expect(facts.mfa_required).toBeNull();
    expect(gaps.find((g) => g.fact === 'identity.mfa_required')).toMatchObject({
      reason: 'not_collected',
      detail: expect.stringMatching(
        /^Enterprise Managed Users: GitHub's 2FA requirement does not apply; MFA is enforced by the identity provider \(entra-id\)/,
      ),
    });
    expect(facts.sso_enforced).toBe(true);
    // tokens and SSH keys still reach Git without the IdP's MFA
    expect(facts.mfa_exempt).toEqual(MFA_EXEMPT_METHODS);
  });

  it('Enterprise Managed Users are detected from OIDC or the _shortcode logins, or given by options.authentication', () => {
    const emuLogins = rawGithub({
      members: ok([
        { login: 'ann_acme', role: 'ADMIN' },
        { login: 'bo_acme', role: 'MEMBER' },
      ]),
    });
    expect(accountModel(emuLogins, CLOUD)).toMatchObject({ authentication: 'emu', basis: expect.stringContaining('_shortcode') });
    expect(accountModel(rawGithub({ enterprise: enterprise({ oidcProvider: { providerType: 'AAD' } }) }), CLOUD).authentication).toBe('emu');
    expect(accountModel(rawGithub(), CLOUD)).toMatchObject({ authentication: 'github' });
    expect(accountModel(rawGithub(), { ...CLOUD, authentication: 'emu' })).toEqual({ authentication: 'emu', basis: 'options.authentication' });
    // without an enterprise, an EMU organization has no organization SAML: the IdP is the enterprise's, not "none"
    const { facts, gaps } = identityFacts({ ...emuLogins, org: { ...emuLogins.org, samlIdentityProvider: ok(null) } }, CLOUD);
    expect(gaps.find((g) => g.fact === 'identity.sso_provider')).toMatchObject({ reason: 'not_collected', permission: 'read:enterprise' });
    expect(facts.sso_enforced).toBe(true);
    // the setup user signs in with a password, never through the IdP
    expect(facts.local_accounts).toEqual(['acme_admin']);
  });

  it("GHES: the 2FA requirement exists only with built-in or LDAP sign-in; SAML and CAS make MFA the IdP's", () => {
    const off = orgOff();
    expect(twoFactorRequired(off, accountModel(off, SERVER), ok(null))).toMatchObject({
      ok: false,
      reason: 'not_collected',
      detail: expect.stringContaining('set options.authentication'),
    });
    expect(twoFactorRequired(off, accountModel(off, { ...SERVER, authentication: 'ldap' }), ok(null))).toEqual(ok(false));
    expect(twoFactorRequired(off, accountModel(off, { ...SERVER, authentication: 'saml' }), ok(null))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^GitHub Enterprise Server signing in through SAML: GitHub's 2FA requirement does not apply/),
    });
    // a requirement that is on is on, whatever the sign-in
    expect(twoFactorRequired(rawGithub(), accountModel(rawGithub(), SERVER), ok(null))).toEqual(ok(true));
  });

  it('personal access tokens and SSH keys bypass 2FA when it is required; without the requirement who lacks it is not read', () => {
    expect(mfaExempt(ok(true), GITHUB)).toEqual(ok(MFA_EXEMPT_METHODS));
    expect(mfaExempt(ok(false), GITHUB)).toMatchObject({ ok: false, reason: 'not_collected' });
    expect(mfaExempt(forbidden('read:org'), GITHUB)).toMatchObject({ ok: false, reason: 'not_collected' });
  });

  it('outside collaborators never sign in through SAML SSO: they are the local accounts; without enforced SSO everyone is', () => {
    const raw = rawGithub({ outsideCollaborators: ok(['zed', 'contractor']) });
    expect(localAccounts(raw, GITHUB, ok(true))).toEqual(ok(['contractor', 'zed']));
    expect(localAccounts(raw, GITHUB, ok(false))).toEqual(ok(['alice', 'bob', 'contractor', 'zed']));
    expect(localAccounts(raw, GITHUB, forbidden('read:enterprise'))).toMatchObject({ ok: false, permission: 'read:enterprise' });
    expect(localAccounts(rawGithub({ outsideCollaborators: forbidden('read:org') }), GITHUB, ok(true))).toMatchObject({ ok: false, permission: 'read:org' });
  });

  it('anonymous access: a public repository, unknown when a repository could not be read', () => {
    expect(identityFacts(rawGithub({ repos: ok([repo({ visibility: 'PUBLIC' })]) }), CLOUD).facts.anonymous_access).toBe(true);
    expect(identityFacts(rawGithub(), CLOUD).facts.anonymous_access).toBe(false);
    const lost = repo({ unreadable: missing('error', 'acme/x: GitHub SERVICE_UNAVAILABLE') });
    const { facts, gaps } = identityFacts(rawGithub({ repos: ok([repo(), lost]) }), CLOUD);
    expect(facts.anonymous_access).toBeNull();
    expect(gaps.find((g) => g.fact === 'identity.anonymous_access')).toMatchObject({
      reason: 'error',
      detail: expect.stringMatching(/^visibility of a repository is unknown/),
    });
  });

  it('every null fact has exactly one gap, in the order of the facts', () => {
    const { facts, gaps } = identityFacts(rawGithub({ org: { ...rawGithub().org, viewerCanAdminister: false, samlIdentityProvider: ok(null) } }), CLOUD);
    const nulls = Object.entries(facts).flatMap(([k, v]) => (v === null ? [`identity.${k}`] : []));
    expect(gaps.map((g) => g.fact)).toEqual(nulls);
  });
});
