import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { patternCoverage } from '../../../src/collectors/jenkins/audit.js';
import { readCascFile } from '../../../src/collectors/jenkins/casc.js';
import { normalizeJenkins } from '../../../src/collectors/jenkins/normalize.js';
import { factsBuilder } from '../../../src/collectors/kit/facts.js';
import { redactConfigText } from '../../../src/collectors/kit/redact.js';
import type { CascDoc } from '../../../src/collectors/jenkins/casc.js';
import { ToolInputError } from '../../../src/errors.js';
import { fixture } from '../../helpers/run.js';

/** The normalized facts flattened for assertions: the four groups, gaps, provenance as `evidence`, resources. */
function normalize(docs: readonly CascDoc[]) {
  const n = normalizeJenkins(docs, 'ci', factsBuilder('jenkins'));
  return { ...n.facts.facts, gaps: n.facts.gaps, evidence: n.facts.provenance, resources: n.resources, details: n.details };
}

function read(rel: string) {
  return normalize(readCascFile(readFileSync(fixture('jenkins', rel), 'utf8'), `fixtures/jenkins/${rel}`).docs);
}

function fromText(text: string, file = 'jenkins.yaml') {
  return normalize(readCascFile(text, file).docs);
}

/** The line of the first occurrence of `needle` in a fixture (1-based). */
function lineOf(rel: string, needle: string): number {
  const i = readFileSync(fixture('jenkins', rel), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${rel}`);
  return i + 1;
}

describe('Jenkins JCasC: secure controller (SAML, role-based, syslog)', () => {
  const n = read('secure/jenkins.yaml');

  it('names the identity provider, enforces it, and leaves MFA to the provider as a gap', () => {
    expect(n.identity).toEqual({
      sso_provider: 'okta',
      sso_enforced: true,
      mfa_required: null,
      mfa_exempt: ['API tokens'],
      local_accounts: [],
      anonymous_access: false,
    });
    expect(n.gaps.find((g) => g.fact === 'identity.mfa_required')?.detail).toMatch(/no second factor of its own.*okta/);
  });

  it('counts the users holding Overall/Administer; nothing is granted to everyone', () => {
    expect(n.access.admin_names).toEqual(['alice.admin', 'bob.admin']);
    expect(n.access.admin_count).toBe(2);
    expect(n.access.default_permission).toBe('none');
    expect(n.access.wildcard_grants).toEqual([]);
    expect(n.access.principals).toContainEqual({ name: 'engineering', kind: 'group', roles: ['reader'], admin: false });
    expect(n.access.principals).toContainEqual({ name: 'payments-engineers', kind: 'group', roles: ['payments-builders (items:payments/.*)'], admin: false });
  });

  it('points each administrator at the line that grants it', () => {
    const lines = n.evidence['access.admin_names']!.map((e) => ('line' in e ? e.line : 0));
    expect(lines).toContain(lineOf('secure/jenkins.yaml', 'user: "alice.admin"'));
    expect(lines).toContain(lineOf('secure/jenkins.yaml', 'user: "bob.admin"'));
  });

  it('reads the Audit Trail: classes, central syslog, zoned RFC 5424 timestamps, no result field', () => {
    expect(n.audit_log.enabled).toBe(true);
    expect(n.audit_log.event_classes).toEqual(expect.arrayContaining(['builds', 'configuration', 'credentials', 'script-console']));
    expect(n.audit_log.destinations).toEqual([
      { name: 'syslog siem.acme.internal', type: 'syslog', central: true, endpoint: 'syslog://siem.acme.internal:6514' },
    ]);
    expect(n.audit_log.fields.result).toBe(false);
    expect(n.time.timestamp_timezone).toBe('offset');
    expect(n.gaps.find((g) => g.fact === 'audit_log.retention_days')?.detail).toMatch(/central store \(syslog:\/\/siem/);
  });

  it('records Jenkins-only settings on the controller resource', () => {
    const c = n.resources[0]!;
    expect(c.facts).toMatchObject({
      authorization_strategy: 'roleBased',
      security_realm: 'saml',
      agent_to_controller_security: true,
      remember_me_enabled: false,
      audit_pattern_bypassable: [],
    });
    expect(c.gaps.map((g) => g.fact)).toContain('signup_allowed');
  });
});

describe('Jenkins JCasC: insecure controller (local signup, logged-in users can do anything)', () => {
  const n = read('insecure/jenkins.yaml');

  it('takes the documented default allowAnonymousRead (true) when absent, and says so in the evidence', () => {
    expect(n.identity.anonymous_access).toBe(true);
    const ev = n.evidence['identity.anonymous_access']!;
    expect(ev.some((e) => e.default?.includes('allows anonymous read by default'))).toBe(true);
    expect(n.access.wildcard_grants).toContainEqual({ principal: 'anonymous', permission: 'Overall/Read', scope: 'global' });
  });

  it('makes every signed-in user an administrator: no bounded count with signup open', () => {
    expect(n.access.default_permission).toBe('admin');
    expect(n.access.admin_names).toEqual(['authenticated']);
    expect(n.access.admin_count).toBeNull();
    expect(n.gaps.find((g) => g.fact === 'access.admin_count')?.detail).toMatch(/every signed-in user holds Overall\/Administer/);
    expect(n.identity.local_accounts).toBeNull();
    expect(n.gaps.find((g) => g.fact === 'identity.local_accounts')?.detail).toMatch(/allowsSignup: true/);
  });

  it('has no identity provider and no second factor', () => {
    expect(n.identity.sso_enforced).toBe(false);
    expect(n.identity.mfa_required).toBe(false);
    expect(n.gaps.find((g) => g.fact === 'identity.sso_provider')?.reason).toBe('not_applicable');
  });

  it('sees the narrowed pattern: configuration changes are bypassable, not recorded; console timestamps carry no zone', () => {
    expect(n.audit_log.event_classes).not.toContain('configuration');
    expect(n.audit_log.event_classes).not.toContain('script-console');
    expect(n.resources[0]!.facts.audit_pattern_bypassable).toEqual(['configSubmit', 'doDelete']);
    expect(n.audit_log.destinations).toEqual([{ name: 'console STD_OUT', type: 'console', central: false }]);
    expect(n.time.timestamp_timezone).toBe('none');
  });
});

describe('Jenkins Helm values (controller.JCasC.configScripts)', () => {
  it('reads the embedded JCasC with lines pointing into the values file', () => {
    const n = read('secure-helm/values.yaml');
    expect(n.identity.sso_provider).toBe('entra-id');
    expect(n.access.admin_names).toEqual(['carol.ops', 'dave.ops']);
    const ev = n.evidence['access.admin_names']!;
    const carol = lineOf('secure-helm/values.yaml', 'name: "carol.ops"');
    expect(ev).toContainEqual(
      expect.objectContaining({
        line: carol + 2,
        pointer: '/controller/JCasC/configScripts/security/jenkins/authorizationStrategy/globalMatrix/entries/0/user/permissions/0',
      }),
    );
    expect(n.resources[0]!.facts).toMatchObject({ oidc_tls_verified: true, oidc_token_verified: true, remember_me_enabled: false });
  });

  it('reads the old flat oic layout: escape hatch is a local account outside SSO and MFA; TLS checks off', () => {
    const n = read('insecure-helm/values.yaml');
    expect(n.identity.sso_provider).toBe('keycloak.acme.internal');
    expect(n.identity.sso_enforced).toBe(false);
    expect(n.identity.local_accounts).toEqual(['breakglass']);
    expect(n.identity.mfa_exempt).toEqual(['API tokens', 'escape hatch account breakglass']);
    expect(n.resources[0]!.facts.oidc_tls_verified).toBe(false);
    expect(n.access.admin_names).toEqual(['authenticated', 'root']);
    expect(n.identity.anonymous_access).toBe(true);
    expect(n.audit_log.rotation).toEqual({ max_size_mb: 25, max_files: 4, max_age_days: -1 });
    expect(n.audit_log.event_classes).not.toContain('credentials');
  });

  it('applies the chart defaults for what the values file leaves out, marked as defaults', () => {
    const n = fromText('controller:\n  admin:\n    username: ops-root\n  installPlugins: [configuration-as-code]\n', 'values.yaml');
    expect(n.identity.local_accounts).toEqual(['ops-root']);
    expect(n.access.admin_names).toEqual(['authenticated']);
    expect(n.identity.anonymous_access).toBe(false);
    expect(n.evidence['identity.local_accounts']!.every((e) => e.default?.includes('chart default'))).toBe(true);
  });

  it('lets configScripts win over the chart defaults, as the chart template does', () => {
    const values = `controller:
  JCasC:
    configScripts:
      x: |
        jenkins:
          authorizationStrategy: unsecured
    securityRealm: |-
      local:
        allowsSignup: false
        users: [{id: one}, {id: two}]
`;
    const n = fromText(values, 'values.yaml');
    expect(n.resources[0]!.facts.authorization_strategy).toBe('unsecured');
    expect(n.identity.local_accounts).toEqual(['one', 'two']);
    expect(n.evidence['identity.local_accounts']![0]).toMatchObject({
      line: 10,
      pointer: expect.stringMatching(/^\/controller\/JCasC\/securityRealm\/jenkins\/securityRealm\/local/),
    });
  });
});

describe('Jenkins authorization: every spelling, same grants', () => {
  const spellings = {
    entries: `globalMatrix:
      entries:
        - user: {name: alice, permissions: [Overall/Administer]}
        - group: {name: authenticated, permissions: [Overall/Read, Job/Build]}`,
    permissions: `globalMatrix:
      permissions:
        - "USER:Overall/Administer:alice"
        - "GROUP:Overall/Read:authenticated"
        - "GROUP:Job/Build:authenticated"`,
    grantedPermissions: `projectMatrix:
      grantedPermissions:
        - "Overall/Administer:alice"
        - "Overall/Read:authenticated"
        - "Job/Build:authenticated"`,
    roleEntries: `roleBased:
      roles:
        global:
          - {name: admin, permissions: [Overall/Administer], entries: [{user: alice}]}
          - {name: dev, permissions: [Overall/Read, Job/Build], entries: [{group: authenticated}]}`,
    roleAssignments: `roleBased:
      roles:
        global:
          - {name: admin, permissions: [Overall/Administer], assignments: [alice]}
          - {name: dev, permissions: [Overall/Read, Job/Build], assignments: [authenticated]}`,
  };
  for (const [name, strategy] of Object.entries(spellings)) {
    it(name, () => {
      const n = fromText(`jenkins:\n  securityRealm:\n    local:\n      users: [{id: alice}, {id: bob}]\n  authorizationStrategy:\n    ${strategy}\n`);
      expect(n.access.admin_names).toEqual(['alice']);
      expect(n.access.admin_count).toBe(1);
      expect(n.access.default_permission).toBe('write');
      expect(n.access.wildcard_grants!.map((g) => g.permission).sort()).toEqual(['Job/Build', 'Overall/Read']);
      expect(n.identity.anonymous_access).toBe(false);
    });
  }

  it('an ambiguous sid holding Administer under a directory realm may be a group: the count is unknown, not 1', () => {
    const n = fromText(`jenkins:
  securityRealm:
    ldap: {configurations: [{server: "ldaps://ldap.acme.internal:636"}]}
  authorizationStrategy:
    globalMatrix: {permissions: ["Overall/Administer:jenkins-admins"]}
`);
    expect(n.identity.sso_provider).toBe('ldap.acme.internal');
    expect(n.access.admin_count).toBeNull();
    expect(n.gaps.find((g) => g.fact === 'access.admin_count')?.detail).toMatch(/"jenkins-admins" holds Overall\/Administer/);
  });

  it('unsecured: anonymous administers; legacy: anonymous reads, admins unknown', () => {
    const u = fromText('jenkins:\n  securityRealm: {local: {}}\n  authorizationStrategy: unsecured\n');
    expect(u.identity.anonymous_access).toBe(true);
    expect(u.access.default_permission).toBe('admin');
    expect(u.access.admin_count).toBeNull();
    const l = fromText('jenkins:\n  securityRealm: {local: {}}\n  authorizationStrategy: legacy\n');
    expect(l.identity.anonymous_access).toBe(true);
    expect(l.access.default_permission).toBe('read');
    expect(l.gaps.find((g) => g.fact === 'access.admin_count')?.detail).toMatch(/servlet container role "admin"/);
  });

  it('loggedInUsersCanDoAnything with allowAnonymousRead: false keeps anonymous out', () => {
    const n = fromText(
      'jenkins:\n  securityRealm: {local: {users: [{id: a}]}}\n  authorizationStrategy:\n    loggedInUsersCanDoAnything: {allowAnonymousRead: false}\n',
    );
    expect(n.identity.anonymous_access).toBe(false);
    expect(n.access.admin_count).toBe(1);
  });

  it('a strategy it does not know is a gap naming it, never a pass', () => {
    const n = fromText('jenkins:\n  authorizationStrategy:\n    somethingElse: {}\n');
    expect(n.access.admin_count).toBeNull();
    expect(n.gaps.find((g) => g.fact === 'access.admin_count')).toMatchObject({ reason: 'not_supported', detail: expect.stringContaining('"somethingElse"') });
    expect(n.gaps.find((g) => g.fact === 'identity.sso_provider')?.reason).toBe('not_collected');
  });
});

describe('Jenkins Audit Trail pattern', () => {
  it('covers every keyword with the default pattern, and flags a pattern without /?.* as bypassable', () => {
    expect(
      patternCoverage(
        '.*/(?:configSubmit|doDelete|postBuildResult|enable|disable|cancelQueue|stop|toggleLogKeep|doWipeOutWorkspace|createItem|createView|toggleOffline|cancelQuietDown|quietDown|restart|exit|safeExit)/?.*',
      ).bypassable,
    ).toEqual([]);
    expect(patternCoverage('.*/(?:configSubmit)').bypassable).toEqual(['configSubmit']);
    expect(patternCoverage('(').valid).toBe(false);
  });

  it('treats a former default pattern as the current default, as the plugin does on load', () => {
    const legacy =
      '.*/(?:configSubmit|doDelete|postBuildResult|enable|disable|cancelQueue|stop|toggleLogKeep|doWipeOutWorkspace|createItem|createView|toggleOffline|cancelQuietDown|quietDown|restart|exit|safeExit)';
    const n = fromText(`unclassified:\n  audit-trail:\n    pattern: "${legacy}"\n    loggers: [{syslog: {syslogServerHostname: s}}]\n`);
    expect(n.audit_log.event_classes).toContain('configuration');
    expect(n.resources[0]!.facts.audit_pattern_bypassable).toEqual([]);
  });

  it('records failed sign-ins (login-failures) only when the pattern matches /loginError and people sign in through the form', () => {
    const withLoginError = '.*/(?:configSubmit|doDelete|loginError)/?.*';
    const casc = (realm: string, pattern?: string) =>
      fromText(
        `jenkins:\n  securityRealm: ${realm}\nunclassified:\n  audit-trail:\n${pattern ? `    pattern: "${pattern}"\n` : ''}    loggers: [{syslog: {syslogServerHostname: s}}]\n`,
      );
    const local = casc('{local: {}}', withLoginError);
    expect(local.audit_log.event_classes).toContain('login-failures');
    // The evidence names the pattern and the realm the class depends on.
    expect(local.evidence['audit_log.event_classes']!.map((e) => ('pointer' in e ? e.pointer : ''))).toEqual(
      expect.arrayContaining(['/unclassified/audit-trail/pattern', '/jenkins/securityRealm/local']),
    );
    expect(casc('{ldap: {configurations: [{server: ldap.example}]}}', withLoginError).audit_log.event_classes).toContain('login-failures');
    // The plugin's default pattern has no loginError keyword; the plugin itself has no login listener.
    expect(casc('{local: {}}').audit_log.event_classes).not.toContain('login-failures');
    // With SAML the identity provider sees failed sign-ins; Jenkins never lands on /loginError.
    expect(casc('{saml: {idpMetadataConfiguration: {url: "https://idp.example/metadata"}}}', withLoginError).audit_log.event_classes).not.toContain(
      'login-failures',
    );
  });

  it('no audit-trail block: audit logging is off (a fail, not a pass)', () => {
    const n = fromText('jenkins:\n  securityRealm: {local: {}}\n');
    expect(n.audit_log.enabled).toBe(false);
    expect(n.audit_log.destinations).toEqual([]);
  });

  it('daily rotation keeps count days; syslog RFC 3164 (the default) carries no zone', () => {
    const n = fromText('unclassified:\n  audit-trail:\n    loggers:\n      - logFileDailyRotation: {log: /var/log/jenkins/audit.log, count: 400}\n');
    expect(n.audit_log.retention_days).toBe(400);
    expect(n.audit_log.rotation).toEqual({ max_size_mb: 0, max_files: 400, max_age_days: 400 });
    const s = fromText('unclassified:\n  audit-trail:\n    loggers:\n      - syslog: {syslogServerHostname: logs}\n');
    expect(s.time.timestamp_timezone).toBe('none');
  });
});

describe('Jenkins input errors', () => {
  it('invalid YAML names file, line and column and never quotes a secret', () => {
    const text = readFileSync(fixture('jenkins', 'broken', 'jenkins.yaml'), 'utf8');
    let err: unknown;
    try {
      readCascFile(text, 'broken/jenkins.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ToolInputError);
    expect((err as ToolInputError).where).toMatchObject({ file: 'broken/jenkins.yaml', line: 9 });
    expect((err as Error).message).not.toContain('canary');
  });

  it('invalid YAML inside an embedded configScripts string points at the values file line', () => {
    const values = 'controller:\n  JCasC:\n    configScripts:\n      a: |\n        jenkins:\n          securityRealm: @X@\n';
    expect(() => readCascFile(values, 'values.yaml')).toThrow(/values\.yaml:6:\d+: invalid YAML in controller\.JCasC\.configScripts\.a/);
  });

  it('two different definitions of one setting across documents is an error naming both', () => {
    const text = 'jenkins:\n  authorizationStrategy: unsecured\n---\njenkins:\n  authorizationStrategy: legacy\n';
    expect(() => fromText(text)).toThrow(/jenkins\.yaml:5:\d+: jenkins\.authorizationStrategy is set here and at jenkins\.yaml:2/);
  });

  it('a YAML file that is not Jenkins configuration is a clear error', () => {
    expect(() => readCascFile('apiVersion: v1\nkind: Pod\n', 'pod.yaml')).toThrow(/pod\.yaml:1:1: not Jenkins configuration/);
  });
});

describe('Jenkins raw captures are redacted line for line', () => {
  for (const rel of ['insecure/jenkins.yaml', 'insecure-helm/values.yaml', 'broken/jenkins.yaml']) {
    it(rel, () => {
      const text = readFileSync(fixture('jenkins', rel), 'utf8');
      const red = redactConfigText(text);
      expect(red).not.toMatch(/canary/);
      expect(red).not.toContain('$2a$10$');
      expect(red).not.toContain('{AQAAAB');
      expect(red.split('\n')).toHaveLength(text.split('\n').length);
      // References to secrets held elsewhere stay readable.
      const reference = `clientSecret: "$\{OIDC_CLIENT_SECRET}"`;
      expect(redactConfigText(reference)).toBe(reference);
    });
  }
});
