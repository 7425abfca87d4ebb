/**
 * The Distribution registry collector: config.yml and htpasswd reading (defaults recorded as such,
 * broken shapes at their line), the fixtures' normalized snapshots, and the kit's redaction of the
 * secrets such a config holds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secretValues } from '../../../src/collectors/kit/redact.js';
import { validator } from '../../../src/util/schema.js';
import { collectConfig, writeTree } from '../../helpers/collect.js';
import { fixture } from '../../helpers/run.js';

const UPDATE = process.env.UPDATE_DISTRIBUTION === '1';

async function collectFixture(name: string) {
  const { tools } = await collectConfig(fixture('distribution', name, 'auditready.yaml'));
  expect(tools).toHaveLength(1);
  return tools[0]!;
}

/** The snapshot without what changes from run to run (collection time). */
function stable(snapshot: object): unknown {
  return JSON.parse(JSON.stringify(snapshot, (k, v) => (k === 'collected_at' ? '<time>' : v)));
}

describe('distribution files mode', () => {
  it.each(['secure', 'htpasswd', 'insecure'])('%s: the normalized snapshot is valid and as reviewed (normalized.json)', async (name) => {
    const t = await collectFixture(name);
    expect(t.error).toBeUndefined();
    expect(validator('model')({ model_version: '1', tools: [t.snapshot] }), JSON.stringify(validator('model').errors)).toBe(true);
    const file = fixture('distribution', name, 'normalized.json');
    if (UPDATE) writeFileSync(file, `${JSON.stringify(stable(t.snapshot), null, 2)}\n`);
    expect(stable(t.snapshot)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('token auth: sign-in and grants are the token server’s (gaps naming it); no local accounts; events to the https endpoint are central', async () => {
    const { snapshot: s } = await collectFixture('secure');
    expect(s.identity).toMatchObject({ sso_provider: null, sso_enforced: null, local_accounts: [], anonymous_access: false });
    expect(s.gaps.find((g) => g.fact === 'identity.sso_enforced')!.detail).toMatch(/token server at https:\/\/auth\.acme\.example\/token/);
    expect(s.access.wildcard_grants).toBeNull();
    expect(s.audit_log).toMatchObject({
      enabled: true,
      event_classes: ['delete', 'mount', 'push'],
      destinations: [
        { name: 'siem', type: 'webhook', central: true, endpoint: 'https://events.acme.example' },
        { name: 'access-log', type: 'stdout', central: false },
      ],
    });
    // where each fact was read: the auth block's line
    const lines = readFileSync(fixture('distribution', 'secure', 'config.yml'), 'utf8').split('\n');
    expect(s.provenance!['identity.anonymous_access']![0]).toMatchObject({
      file: 'fixtures/distribution/secure/config.yml',
      line: lines.indexOf('  token:') + 2,
    });
  });

  it('htpasswd: local passwords, every bcrypt user is an administrator of every repository; other hashes are ignored like the registry does', async () => {
    const { snapshot: s } = await collectFixture('htpasswd');
    expect(s.identity).toMatchObject({ sso_enforced: false, mfa_required: false, local_accounts: ['alice', 'ci-push'], anonymous_access: false });
    expect(s.access).toMatchObject({ admin_count: 2, member_count: 2, default_permission: 'write' });
    expect(s.access.wildcard_grants).toEqual([{ principal: 'every htpasswd user', permission: 'pull, push', scope: 'every repository' }]);
    expect(s.source.details!.warnings).toEqual(['htpasswd entries without a bcrypt hash are ignored by the registry: legacy']);
    expect(s.provenance!['identity.local_accounts']![0]).toMatchObject({ file: 'fixtures/distribution/htpasswd/htpasswd', line: 1 });
  });

  it('no auth: anonymous access, a grant to anyone, the absent auth recorded as the documented default; http and push-ignoring endpoints are not central', async () => {
    const { snapshot: s } = await collectFixture('insecure');
    expect(s.identity.anonymous_access).toBe(true);
    expect(s.provenance!['identity.anonymous_access']![0]!.default).toMatch(/auth is absent: the registry authenticates nobody/);
    expect(s.access).toMatchObject({
      default_permission: 'admin',
      wildcard_grants: [{ principal: 'anonymous', permission: 'pull, push, delete', scope: 'every repository' }],
    });
    expect(s.audit_log.destinations).toEqual([{ name: 'alistener', type: 'webhook', central: false, endpoint: 'http://listener.example.com:8080' }]);
    expect(s.audit_log.event_classes).toEqual(['delete', 'mount']);
  });

  it('silly auth is anonymous access (any Authorization header is accepted)', async () => {
    const config = writeTree({
      'config.yml': 'version: 0.1\nstorage: { filesystem: { rootdirectory: /tmp/x } }\nauth:\n  silly: { realm: r, service: s }\n',
      'auditready.yaml': 'targets:\n  - { type: distribution, name: dev, files: [config.yml] }\n',
    });
    const [t] = (await collectConfig(config)).tools;
    expect(t!.snapshot.identity.anonymous_access).toBe(true);
    expect(t!.snapshot.access.wildcard_grants![0]!.principal).toBe('anyone sending an Authorization header');
  });

  it.each([
    [
      'auth:\n  htpasswd: { realm: r, path: /h }\n  silly: { realm: r, service: s }\n',
      /config\.yml:4:3: auth names 2 providers \(htpasswd, silly\); the registry refuses to start with more than one/,
    ],
    ['auth:\n  ldap: { url: x }\n', /config\.yml:4:9: auth\.ldap is not an authentication provider of the registry/],
    ['auth:\n  token: { service: s }\n', /auth\.token has no realm/],
    ['notifications:\n  endpoints:\n    - { name: x }\n', /config\.yml:5:7: notifications\.endpoints\[0\] has no url/],
    ['log:\n  accesslog: { disabled: sometimes }\n', /config\.yml:4:26: log\.accesslog\.disabled is "sometimes"; expected true or false/],
    ['http:\n  tls: { certificate: 1e309 }\n', /config\.yml:4:23: http\.tls\.certificate is number; expected the path of a certificate file/],
    [
      'http:\n  tls:\n    certificate: /c.pem\n    key: /k.pem\n    letsencrypt: { cachefile: /le.cache, email: ops@example.com }\n',
      /config\.yml:7:31: http\.tls sets both certificate and letsencrypt\.cachefile; the registry refuses to start/,
    ],
    ['http:\n  tls:\n    letsencrypt: { cachefile: [a] }\n', /config\.yml:5:31: http\.tls\.letsencrypt\.cachefile is object; expected the path of the file/],
    ['http:\n  tls:\n    letsencrypt: yes\n', /config\.yml:5:18: http\.tls\.letsencrypt is "yes"; expected a mapping with cachefile, email and hosts/],
  ])('a config the registry would refuse is a broken input at its line: %j', async (tail, message) => {
    const config = writeTree({
      'config.yml': `version: 0.1\nstorage: { filesystem: { rootdirectory: /tmp/x } }\n${tail}`,
      'auditready.yaml': 'targets:\n  - { type: distribution, name: dev, files: [config.yml] }\n',
    });
    const [t] = (await collectConfig(config)).tools;
    expect(t!.error?.message).toMatch(message);
    expect(t!.snapshot.identity.anonymous_access).toBeNull();
  });

  it('an empty certificate path is plain HTTP and an empty log level is the default, each read at its line', async () => {
    const config = writeTree({
      'config.yml':
        'version: 0.1\nstorage: { filesystem: { rootdirectory: /tmp/x } }\nlog:\n  level: ""\nhttp:\n  tls:\n    certificate: ""\nauth:\n  htpasswd: { realm: r, path: /h }\n',
      'auditready.yaml': 'targets:\n  - { type: distribution, name: dev, files: [config.yml] }\n',
    });
    const [t] = (await collectConfig(config)).tools;
    expect(t!.error).toBeUndefined();
    expect(t!.snapshot.source.details).toMatchObject({ tls: false, log_level: 'info', warnings: [expect.stringMatching(/^htpasswd without http\.tls/)] });
  });

  it.each([
    // Distribution serves TLS with a certificate, or with Let's Encrypt only when cachefile is set
    ['letsencrypt: { cachefile: /var/lib/registry/le.cache, email: ops@example.com, hosts: [r.example.com] }', true],
    ['letsencrypt: { email: ops@example.com, hosts: [r.example.com] }', false],
    ['letsencrypt: { cachefile: "", email: ops@example.com }', false],
    ['letsencrypt: { cachefile: null, email: ops@example.com }', false],
    ['certificate: /etc/registry/tls.crt', true],
  ])('http.tls %s: TLS is %s', async (tls, served) => {
    const config = writeTree({
      'config.yml': `version: 0.1\nstorage: { filesystem: { rootdirectory: /tmp/x } }\nhttp:\n  tls:\n    ${tls}\nauth:\n  htpasswd: { realm: r, path: /h }\n`,
      'auditready.yaml': 'targets:\n  - { type: distribution, name: dev, files: [config.yml] }\n',
    });
    const [t] = (await collectConfig(config)).tools;
    expect(t!.error).toBeUndefined();
    expect(t!.snapshot.source.details!.tls).toBe(served);
    const warned = (t!.snapshot.source.details!.warnings as string[] | undefined)?.some((w) => w.startsWith('htpasswd without http.tls')) ?? false;
    expect(warned).toBe(!served);
  });

  it('an htpasswd file alone is not a registry: config.yml is required', async () => {
    const config = writeTree({
      htpasswd: readFileSync(fixture('distribution', 'htpasswd', 'htpasswd'), 'utf8'),
      'auditready.yaml': 'targets:\n  - { type: distribution, name: dev, files: [htpasswd] }\n',
    });
    const [t] = (await collectConfig(config)).tools;
    expect(t!.error?.message).toMatch(/none of the files is the registry's config\.yml/);
    expect(t!.error?.message).not.toMatch(/\$2[by]\$/);
  });
});

describe('kit redaction of registry configs', () => {
  it('S3 keys, an Authorization header and http.secret are secrets; a mapping under a secret-like key (auth.token) is judged by its own keys', () => {
    const found = secretValues({
      auth: { token: { realm: 'https://auth.example/token', service: 'registry.example', issuer: 'acme' } },
      storage: { s3: { accesskey: 'AKIAEXAMPLEKEY01', secretkey: 's3-secret-value' }, azure: { accountkey: 'YXp1cmVrZXk=' } },
      http: { secret: 'http-secret-value' },
      notifications: { endpoints: [{ headers: { Authorization: ['Bearer header-token-1'] } }] },
      kind: 'Secret',
      data: { nested: { anything: 'k8s-secret-data' } },
    });
    expect(found.sort()).toEqual(['AKIAEXAMPLEKEY01', 'Bearer header-token-1', 'YXp1cmVrZXk=', 'http-secret-value', 'k8s-secret-data', 's3-secret-value']);
  });
});
