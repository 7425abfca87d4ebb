import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGitlabRb } from '../../../src/collectors/gitlab/ruby.js';
import { readSso } from '../../../src/collectors/gitlab/sso.js';
import { fixture } from '../../helpers/run.js';

describe('gitlab.rb reader (no Ruby is executed)', () => {
  it('reads assignments of every literal kind, with their lines; a later assignment wins', () => {
    const rb = readGitlabRb(`external_url 'https://gitlab.example.com'
# gitlab_rails['ldap_enabled'] = true   (a comment, not a setting)
gitlab_rails['ldap_enabled'] = false
gitlab_rails['omniauth_allow_single_sign_on'] = ['saml', "openid_connect"]
gitlab_rails['omniauth_providers'] = [
  { name: "saml", label: 'Okta', args: { idp_sso_target_url: "https://acme.okta.com/app/x/sso/saml" } },
  { "name" => "openid_connect", "args" => { "issuer" => "https://login.microsoftonline.com/t/v2.0", :scope => %w(openid profile) } }
]
logging['logrotate_maxsize'] = 200 * 1024 * 1024 # bytes
gitlab_rails['ldap_enabled'] = true
gitlab_rails['gitlab_email_from'] = 'git' + '@example.com'
gitlab_rails['db_password'] = ENV['DB_PASSWORD']
`);
    expect(rb.unreadable).toEqual([]);
    expect(rb.values.get('external_url')).toMatchObject({ value: 'https://gitlab.example.com', line: 1 });
    expect(rb.values.get("gitlab_rails['ldap_enabled']")).toMatchObject({ value: true, line: 10 });
    expect(rb.values.get("gitlab_rails['omniauth_allow_single_sign_on']")!.value).toEqual(['saml', 'openid_connect']);
    expect(rb.values.get("gitlab_rails['omniauth_providers']")!.value).toEqual([
      { name: 'saml', label: 'Okta', args: { idp_sso_target_url: 'https://acme.okta.com/app/x/sso/saml' } },
      { name: 'openid_connect', args: { issuer: 'https://login.microsoftonline.com/t/v2.0', scope: ['openid', 'profile'] } },
    ]);
    expect(rb.values.get("logging['logrotate_maxsize']")!.value).toBe(209715200);
    expect(rb.values.get("gitlab_rails['gitlab_email_from']")!.value).toBe('git@example.com');
    expect(rb.values.get("gitlab_rails['db_password']")!.value).toEqual({ ruby: "ENV['DB_PASSWORD']" });
  });

  it('reads heredocs (YAML.load <<-EOS, <<~EOS) and goes on after them', () => {
    const rb = readGitlabRb(`gitlab_rails['ldap_servers'] = YAML.load <<-'EOS'
  main:
    host: 'ldap.example.com'
    port: 636
  EOS
gitlab_rails['ldap_enabled'] = true
gitlab_rails['x'] = <<~TEXT
    indented
      more
TEXT
`);
    expect(rb.values.get("gitlab_rails['ldap_servers']")!.value).toBe("  main:\n    host: 'ldap.example.com'\n    port: 636");
    expect(rb.values.get("gitlab_rails['ldap_enabled']")).toMatchObject({ value: true, line: 6 });
    expect(rb.values.get("gitlab_rails['x']")!.value).toBe('indented\n  more');
  });

  it('records what it cannot read with its line, and resumes at the next setting', () => {
    const rb = readGitlabRb(`gitlab_rails['omniauth_providers'] = <providers go here>
gitlab_rails['omniauth_enabled'] = true
gitlab_rails['ldap_servers'] = YAML.load <<-EOS
  main: {}
`);
    expect(rb.unreadable).toEqual([
      { line: 1, key: "gitlab_rails['omniauth_providers']", problem: 'unexpected "<"' },
      { line: 3, key: "gitlab_rails['ldap_servers']", problem: 'heredoc EOS is never closed' },
    ]);
    expect(rb.values.get("gitlab_rails['omniauth_enabled']")!.value).toBe(true);
  });

  it('an unreadable provider list makes the identity provider an error gap, not "none"', () => {
    const sso = readSso(readGitlabRb("gitlab_rails['omniauth_providers'] = get_providers()\n"), 'gitlab.rb');
    expect(sso.providers).toEqual([]);
    expect(sso.unreadable).toEqual([{ key: "gitlab_rails['omniauth_providers']", line: 1, problem: 'expected a list of provider hashes' }]);
  });

  it('LDAP servers that cannot be read (ENV, a heredoc that is no YAML mapping) are unreadable, not "no server"; nil is none', () => {
    const expectUnreadable = (value: string) => {
      const sso = readSso(readGitlabRb(`gitlab_rails['ldap_enabled'] = true\ngitlab_rails['ldap_servers'] = ${value}\n`), 'gitlab.rb');
      expect(sso.providers, value).toEqual([]);
      expect(sso.unreadable, value).toEqual([{ key: "gitlab_rails['ldap_servers']", line: 2, problem: expect.stringMatching(/^expected the LDAP servers/) }]);
    };
    expectUnreadable("ENV['LDAP_SERVERS']");
    expectUnreadable("YAML.load <<-'EOS'\n- not a mapping\nEOS");
    expectUnreadable("YAML.load <<-'EOS'\nmain: [unclosed\nEOS");
    const none = readSso(readGitlabRb("gitlab_rails['ldap_enabled'] = true\ngitlab_rails['ldap_servers'] = nil\n"), 'gitlab.rb');
    expect(none.unreadable).toEqual([]);
  });

  it('lists and hashes nested absurdly deep make that line unreadable, not a stack overflow', () => {
    const rb = readGitlabRb(`gitlab_rails['x'] = ${'['.repeat(10_000)}${']'.repeat(10_000)}\nexternal_url 'https://gitlab.example.com'\n`);
    expect(rb.unreadable).toEqual([{ line: 1, key: "gitlab_rails['x']", problem: 'nested more than 64 levels deep' }]);
    expect(rb.values.get('external_url')).toMatchObject({ value: 'https://gitlab.example.com', line: 2 });
  });

  it('SSO from the fixtures: Okta SAML; Google (bypassing 2FA) and an LDAP server', () => {
    const secure = readSso(readGitlabRb(readFileSync(fixture('gitlab', 'secure', 'gitlab.rb'), 'utf8')), 'gitlab.rb');
    expect(secure.providers.map((p) => [p.id, p.provider])).toEqual([['saml', 'okta']]);
    expect(secure.autoSignIn.value).toBe('saml');
    expect(secure.logrotate.rotate.value).toBe(400);
    const insecure = readSso(readGitlabRb(readFileSync(fixture('gitlab', 'insecure', 'gitlab.rb'), 'utf8')), 'gitlab.rb');
    expect(insecure.providers.map((p) => [p.id, p.provider])).toEqual([
      ['google_oauth2', 'google'],
      ['ldap:main', 'ldap.office.acme.internal'],
    ]);
    expect(insecure.bypassTwoFactor.value).toEqual(['google_oauth2']);
    expect(insecure.logrotate.enabled.value).toBe(false);
    // Defaults are recorded as such.
    expect(secure.preventLdapSignIn.at).toMatchObject({ default: expect.stringContaining('not set') });
  });
});
