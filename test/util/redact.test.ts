import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactText } from '../../src/util/redact.js';

describe('redaction', () => {
  it('removes known token shapes, URL credentials and bearer tokens', () => {
    const samples = [
      `ghp_${'a'.repeat(36)}`,
      `github_pat_${'B'.repeat(40)}`,
      `glpat-${'c'.repeat(20)}`,
      `AKIA${'D'.repeat(16)}`,
      `hvs.${'e'.repeat(30)}`,
      `xoxb-${'1'.repeat(12)}`,
    ];
    for (const s of samples) expect(redactText(`token=${s} end`)).toBe(`token=${REDACTED} end`);
    expect(redactText('https://admin:hunter2@splunk.example:8088/x')).toBe(`https://${REDACTED}@splunk.example:8088/x`);
    expect(redactText('Authorization: Bearer abcdefghijklmnopqrstu')).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('redacts an explicitly named secret anywhere (e.g. the token from token_env)', () => {
    expect(redactText('error: bad credentials for s3cr3t-value', ['s3cr3t-value'])).toBe(`error: bad credentials for ${REDACTED}`);
  });

  it('redacts values under secret-named keys, leaves facts alone', () => {
    const out = redactDeep({ config: { secret: 'abc', password: 'x', url: 'https://u:p@h/' }, mfa_required: true, admin_names: ['alice'] });
    expect(out).toEqual({ config: { secret: REDACTED, password: REDACTED, url: `https://${REDACTED}@h/` }, mfa_required: true, admin_names: ['alice'] });
  });

  it('leaves ordinary text and hashes intact', () => {
    const hash = 'a'.repeat(64);
    expect(redactText(`sha256 ${hash} of logs.example.com`)).toBe(`sha256 ${hash} of logs.example.com`);
  });
});

describe('snapshot redaction', () => {
  it('scans fact values but never treats model data keys as secret names (an event class "secrets" is not a secret)', async () => {
    const { redactSnapshot } = await import('../../src/util/redact.js');
    const snap = {
      source: { details: { token: 'abc', scopes: ['read:org'] } },
      audit_log: { event_levels: { secrets: 'Metadata', rbac: 'RequestResponse' } },
      destinations: [{ endpoint: 'https://user:pw@splunk.example/' }],
    };
    expect(redactSnapshot(snap)).toEqual({
      source: { details: { token: REDACTED, scopes: ['read:org'] } },
      audit_log: { event_levels: { secrets: 'Metadata', rbac: 'RequestResponse' } },
      destinations: [{ endpoint: `https://${REDACTED}@splunk.example/` }],
    });
  });
});

describe('redaction misses found by the hardening review', () => {
  const S = 'Cnry7sEcReT';
  const cases: [string, string][] = [
    ['a password containing "/" in a URL', `https://svc:pa/ss${S}@splunk.example.com:8088/services`],
    ['a password containing "@" in a URL', `https://svc:p@ss${S}@splunk.example.com/`],
    ['a password with both', `git+https://deploy:a/b@c${S}@git.example.com/acme/infra.git`],
    ['?token= in a query string', `https://hooks.example.com/in?token=${S}&x=1`],
    ['&api_key= in a query string', `https://logs.example.com/v1/ingest?source=ci&api_key=${S}`],
    ['user:pass@host without a scheme', `git remote: deploy:${S}@github.com:acme/infra.git`],
    ['user:pass@host:port without a scheme', `redis deploy:${S}@cache.internal.example:6379`],
    ['user:pass@localhost', `db admin:${S}@localhost:5432`],
    ['password= in free text', `login failed with password=${S} for admin`],
    ['password: in YAML', `password: ${S}`],
    ['a quoted secret with spaces', `client_secret: "two words ${S}"`],
    ['a JSON member named like a secret', `{"user": "ci", "password": "${S}", "n": 1}`],
    ['a registered token echoed by a server', `401 Bad credentials for token ${S}x`],
  ];
  it.each(cases)('[survives:secrets] %s', async (_name, text) => {
    const { registerSecrets, clearSecrets } = await import('../../src/util/redact.js');
    registerSecrets([`${S}x`]);
    try {
      const out = redactText(text);
      expect(out).not.toContain(S);
      expect(out).toContain(REDACTED);
    } finally {
      clearSecrets();
    }
  });

  it('keeps what is not a secret: ports, paths with @, e-mail addresses, event classes, hashes', () => {
    for (const text of [
      'https://registry.npmjs.org/@types/node',
      'https://host.example:8080/path/@scope/pkg',
      'contact ops@example.com',
      'event_levels: { secrets: Metadata }',
      'event_classes: [builds, credentials, script-console]',
      'token_env: GITHUB_TOKEN',
      'syslog://logs.acme.internal:514',
      `sha256 ${'b'.repeat(64)}`,
      'git@github.com:acme/infra.git',
    ]) {
      expect(redactText(text), text).toBe(text);
    }
  });

  it('is idempotent', () => {
    const once = redactText('https://u:p/a@ss@h.example.com/x?token=abc password=xyz');
    expect(redactText(once)).toBe(once);
  });
});

describe('redaction leaves prose alone', () => {
  it('"token:" in a sentence is not an assignment', () => {
    const text = 'not available to this token: GitHub answered HTTP 404 for GET /orgs/acme/audit-log';
    expect(redactText(text)).toBe(text);
  });
  it('but a YAML key is, also in a flow mapping or a list item', () => {
    expect(redactText('  token: abcdef123456')).toBe(`  token: ${REDACTED}`);
    expect(redactText('- password: abcdef123456')).toBe(`- password: ${REDACTED}`);
    expect(redactText('{ user: ci, password: abcdef123456 }')).toBe(`{ user: ci, password: ${REDACTED} }`);
  });
});

describe('a reference to a secret is evidence, not a secret', () => {
  it("keeps Argo CD's $key.path and $secret-name:key under a secret-named key, in YAML and in free text", () => {
    for (const text of [
      '    clientSecret: $oidc.okta.clientSecret',
      '- clientSecret: "$argocd-oidc-okta:clientSecret"',
      'clientSecret=$dex.github.clientSecret',
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });
  it('a value that merely starts with "$" is still a secret', () => {
    expect(redactText('  password: $uperSecret123')).toBe(`  password: ${REDACTED}`);
    expect(redactText('clientSecret: $ecr3t!value')).toBe(`clientSecret: ${REDACTED}`);
    expect(redactText('password=$x')).toBe(`password=${REDACTED}`);
  });
});
