import { describe, expect, it } from 'vitest';
import { readCascFile } from '../../../src/collectors/jenkins/casc.js';
import { describable, findSetting } from '../../../src/collectors/jenkins/lookup.js';
import { readRealm } from '../../../src/collectors/jenkins/realm.js';

/** The realm of a JCasC text whose `jenkins.securityRealm` is `realm` (YAML, indented under it). */
function realmOf(realm: string) {
  const { docs } = readCascFile(`jenkins:\n  securityRealm:\n${realm.replace(/^/gm, '    ')}\n`, 'jenkins.yaml');
  return readRealm(describable(findSetting(docs, ['jenkins', 'securityRealm'])!, 'securityRealm'));
}

/** The line a value was read from, or its default text when the file does not hold it. */
const where = (at: { line: number; default?: string }) => at.default ?? at.line;

describe('Jenkins security realm', () => {
  it('local: signup and the declared accounts; absent settings are the documented defaults', () => {
    const r = realmOf('local:\n  allowsSignup: true\n  users:\n    - id: admin\n    - {name: no-id}\n    - id: ops');
    expect(r).toMatchObject({ kind: 'local', signup: { value: true }, users: { ids: ['admin', 'ops'] }, fallback: [] });
    const bare = realmOf('local');
    expect(bare.signup).toMatchObject({ value: false, at: { default: expect.stringMatching(/defaults to no signup/) } });
    expect(bare.users).toEqual({ ids: [], at: bare.at });
  });

  it('LDAP: the first configuration server, or the flat server of older plugins; none gives no provider', () => {
    expect(realmOf('ldap:\n  configurations:\n    - server: ldaps://ldap.corp.example:636').provider?.name).toBe('ldap.corp.example');
    expect(realmOf('ldap:\n  server: ldap.corp.example').provider?.name).toBe('ldap.corp.example');
    const none = realmOf('ldap:\n  configurations:\n    - rootDN: dc=corp');
    expect(none).toMatchObject({ kind: 'directory', label: 'LDAP' });
    expect(none.provider).toBeUndefined();
  });

  it('Active Directory: the provider from servers, the domain name or the flat domain; the internal user is a fallback account', () => {
    const servers = realmOf('activeDirectory:\n  domains:\n    - name: corp.example\n      servers: dc1.corp.example:3268');
    expect(servers.provider?.name).toBe('active-directory:dc1.corp.example');
    expect(servers.fallback).toEqual([]);
    expect(realmOf('activeDirectory:\n  domains:\n    - name: corp.example').provider?.name).toBe('active-directory:corp.example');
    const flat = realmOf('activeDirectory:\n  domain: legacy.example\n  internalUsersDatabase:\n    jenkinsInternalUser: breakglass');
    expect(flat).toMatchObject({ kind: 'directory', provider: { name: 'active-directory:legacy.example' }, label: 'Active Directory' });
    expect(flat.fallback).toEqual([{ names: ['breakglass'], at: expect.objectContaining({ line: 6 }) }]);
    expect(realmOf('activeDirectory:\n  domains: []').provider).toBeUndefined();
  });

  it('PAM is a directory without a provider', () => {
    expect(realmOf('pam')).toMatchObject({ kind: 'directory', label: 'Unix users of the controller host (PAM)' });
  });

  it('SAML: the metadata URL, else the entityID of inline metadata; blank or missing gives no provider', () => {
    expect(realmOf('saml:\n  idpMetadataConfiguration:\n    url: https://acme.okta.com/app/x/sso/saml/metadata').provider?.name).toBe('okta');
    const inline = realmOf(`saml:\n  idpMetadataConfiguration:\n    xml: '<EntityDescriptor entityID="https://login.microsoftonline.com/t/">'`);
    expect(inline.provider?.name).toBe('entra-id');
    expect(realmOf("saml:\n  idpMetadataConfiguration:\n    url: '  '").provider).toBeUndefined();
    expect(realmOf("saml:\n  idpMetadataConfiguration:\n    xml: '<EntityDescriptor/>'").provider).toBeUndefined();
    // a blank entityID names nobody
    expect(realmOf(`saml:\n  idpMetadataConfiguration:\n    xml: '<EntityDescriptor entityID="  ">'`).provider).toBeUndefined();
    expect(realmOf('saml:\n  binding: post')).toMatchObject({ kind: 'sso', label: 'SAML' });
  });

  it('OIDC 4.x: the issuer of the manual server configuration, the escape hatch property with its user, token verification off', () => {
    const r = realmOf(
      [
        'oic:',
        '  serverConfiguration:',
        '    manual:',
        '      issuer: https://login.example.org/realms/ci',
        '  properties:',
        '    - escapeHatch:',
        '        username: rescue',
        '    - disableTokenVerification',
      ].join('\n'),
    );
    expect(r.provider?.name).toBe('login.example.org');
    expect(r.fallback).toEqual([{ names: ['rescue'], at: expect.objectContaining({ line: 8 }) }]);
    expect(r.oidc?.tokenVerified).toEqual({ value: false, at: expect.objectContaining({ line: 10 }) });
    expect(r.oidc?.tlsVerified).toMatchObject({ value: true, at: { default: expect.stringMatching(/TLS is verified/) } });
    expect(r.oidc?.tokensWithoutSession.value).toBe(false);
  });

  it('OIDC: an escape hatch property without a user name still counts as an account', () => {
    const r = realmOf('oic:\n  properties:\n    - escapeHatch: {}\n    - somethingElse');
    expect(r.fallback).toEqual([{ names: ['escape hatch account'], at: expect.objectContaining({ line: 5 }) }]);
    expect(r.provider).toBeUndefined();
  });

  it('OIDC before 4.x: flat settings, the flat escape hatch, TLS and token verification switched off', () => {
    const r = realmOf(
      [
        'oic:',
        '  authorizationServerUrl: https://sso.example.net/auth',
        '  escapeHatchEnabled: true',
        '  escapeHatchUsername: emergency',
        '  disableSslVerification: true',
        '  disableTokenVerification: true',
        '  allowTokenAccessWithoutOicSession: true',
      ].join('\n'),
    );
    expect(r.provider?.name).toBe('sso.example.net');
    expect(r.fallback.map((f) => f.names)).toEqual([['emergency']]);
    expect(r.oidc).toMatchObject({ tlsVerified: { value: false }, tokenVerified: { value: false }, tokensWithoutSession: { value: true } });
    const unnamed = realmOf('oic:\n  issuer: https://issuer.example.net\n  escapeHatchEnabled: true');
    expect(unnamed.fallback.map((f) => f.names)).toEqual([['escape hatch account']]);
    expect(unnamed.provider?.name).toBe('issuer.example.net');
    const off = realmOf('oic:\n  wellKnownOpenIDConfigurationUrl: https://idp.example.com/.well-known/openid-configuration');
    expect(off.fallback).toEqual([]);
    expect(where(off.oidc!.tokenVerified.at)).toMatch(/token verification is on by default/);
  });

  it('GitHub and GitLab OAuth: github.com and gitlab.com by default, else the Enterprise or self-managed host', () => {
    expect(realmOf('github:\n  clientID: x').provider?.name).toBe('github');
    expect(realmOf('github:\n  githubWebUri: https://github.com').provider?.name).toBe('github');
    expect(realmOf('github:\n  githubWebUri: https://ghe.corp.example').provider?.name).toBe('ghe.corp.example');
    expect(realmOf('gitlab:\n  clientID: x').provider?.name).toBe('gitlab');
    expect(realmOf('gitLabSecurityRealm:\n  gitlabWebUri: https://gitlab.com').provider?.name).toBe('gitlab');
    expect(realmOf('gitlab:\n  gitlabWebUri: https://git.corp.example')).toMatchObject({
      kind: 'sso',
      provider: { name: 'git.corp.example' },
      label: 'GitLab OAuth',
    });
  });

  it('Google and Microsoft Entra ID by their symbols', () => {
    expect(realmOf('googleOAuth2:\n  clientId: x')).toMatchObject({ kind: 'sso', provider: { name: 'google' }, label: 'Google Login' });
    for (const symbol of ['azure', 'azureAD', 'entraId']) {
      expect(realmOf(`${symbol}:\n  tenant: t`)).toMatchObject({ kind: 'sso', provider: { name: 'entra-id' }, label: 'Microsoft Entra ID' });
    }
  });

  it('Keycloak: the auth-server-url of its JSON; without one, no provider', () => {
    expect(realmOf(`keycloak:\n  keycloakJson: '{"realm": "ci", "auth-server-url": "https://kc.example.io/auth"}'`).provider?.name).toBe('kc.example.io');
    expect(realmOf(`keycloak:\n  keycloakJson: '{"realm": "ci"}'`)).toMatchObject({ kind: 'sso', label: 'Keycloak' });
    expect(realmOf('keycloak:\n  other: x').provider).toBeUndefined();
  });

  it('a realm this version does not know is unknown, named by its symbol (fail closed)', () => {
    expect(realmOf('somePluginRealm:\n  x: 1')).toMatchObject({ kind: 'unknown', label: 'somePluginRealm', fallback: [] });
  });
});
