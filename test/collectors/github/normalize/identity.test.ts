import { describe, expect, it } from 'vitest';
import { missing, ok } from '../../../../src/collectors/kit/result.js';
import { identityFacts, ssoEnforced, ssoProvider, twoFactorRequired } from '../../../../src/collectors/github/normalize/identity.js';
import { CLOUD, enterprise, forbidden, rawGithub, repo } from './raw.js';

describe('github identity pillar', () => {
  it('the enterprise IdP wins over the organization SAML: OIDC is Entra ID and always enforced', () => {
    const raw = rawGithub({ enterprise: enterprise({ oidcProvider: { providerType: 'AAD' }, orgSsoState: ok('UNCONFIGURED') }) });
    expect(ssoProvider(raw, { ...CLOUD, enterprise: 'acme-corp' })).toEqual(ok('entra-id'));
    expect(ssoEnforced(raw, ok('entra-id'))).toEqual(ok(true));
  });

  it("the organization's SAML state in the enterprise decides enforcement", () => {
    expect(ssoEnforced(rawGithub({ enterprise: enterprise({ orgSsoState: ok('CONFIGURED') }) }), ok('entra-id'))).toEqual(ok(false));
    expect(ssoEnforced(rawGithub({ enterprise: enterprise({ orgSsoState: ok(null) }) }), ok('entra-id'))).toEqual(ok(true));
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
    expect(ssoProvider(none, CLOUD)).toMatchObject({ ok: false, reason: 'not_applicable' });
    expect(identityFacts(none, CLOUD).facts.sso_enforced).toBe(false);
    const hidden = rawGithub({ org: { ...none.org, viewerCanAdminister: false } });
    expect(ssoProvider(hidden, CLOUD)).toMatchObject({ ok: false, reason: 'permission_missing', permission: 'read:org (organization owner)' });
  });

  it('2FA: required by either side; "not required" needs the enterprise policy too', () => {
    const orgOff = rawGithub({
      org: { ...rawGithub().org, requiresTwoFactorAuthentication: ok(false) },
      orgSettings: ok({ two_factor_requirement_enabled: false }),
    });
    expect(twoFactorRequired(orgOff)).toEqual(ok(false));
    expect(twoFactorRequired({ ...orgOff, enterprise: enterprise() })).toEqual(ok(true));
    const entUnknown = twoFactorRequired({ ...orgOff, enterprise: forbidden('read:enterprise') });
    expect(entUnknown).toMatchObject({ ok: false, reason: 'permission_missing', permission: 'read:enterprise' });
    // GraphQL failed, REST still answered
    const gqlFailed = rawGithub({ org: { ...rawGithub().org, requiresTwoFactorAuthentication: missing('error', 'GitHub SERVICE_UNAVAILABLE: x') } });
    expect(twoFactorRequired(gqlFailed)).toEqual(ok(true));
    expect(twoFactorRequired({ ...gqlFailed, orgSettings: forbidden('admin:org') })).toMatchObject({ ok: false, reason: 'error' });
  });

  it('nobody is exempt when 2FA is required; otherwise who is exempt is not read', () => {
    expect(identityFacts(rawGithub(), CLOUD).facts.mfa_exempt).toEqual([]);
    const off = rawGithub({ org: { ...rawGithub().org, requiresTwoFactorAuthentication: ok(false) }, orgSettings: ok({}) });
    const { facts, gaps } = identityFacts(off, CLOUD);
    expect(facts.mfa_exempt).toBeNull();
    expect(gaps.find((g) => g.fact === 'identity.mfa_exempt')?.reason).toBe('not_collected');
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
