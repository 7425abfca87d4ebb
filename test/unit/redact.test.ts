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
