/**
 * End to end through the built CLI: the Distribution registry fixtures in files mode (the verdict
 * of every policy that matters), and no fixture secret in any output format or the evidence bundle.
 */
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { cli, fixture } from '../helpers/run.js';
import { leakedSecrets, secretList } from '../helpers/secret-scan.js';
import type { Report } from '../../src/report/types.js';

const check = (name: string) => {
  const r = cli(['check', '-c', fixture('distribution', name, 'auditready.yaml'), '--format', 'json']);
  const report = JSON.parse(r.stdout) as Report;
  expect(validator('report')(report)).toBe(true);
  return { code: r.code, statuses: Object.fromEntries(report.findings.map((f) => [f.policy_id, f.status])) };
};

describe('distribution files mode through the CLI', () => {
  it('secure (token auth, https notifications): no anonymous access, events shipped; what the token server decides is unknown, never pass', () => {
    const { code, statuses } = check('secure');
    expect(statuses).toMatchObject({
      'AR-IDN-001': 'unknown', // SSO is the token server's
      'AR-IDN-002': 'unknown',
      'AR-IDN-003': 'pass',
      'AR-IDN-004': 'pass',
      'AR-ACC-004': 'unknown', // scopes are the token server's
      'AR-EVT-001': 'pass',
      'AR-EVT-002': 'fail', // events are sent only for completed actions: no result field
      'AR-CLG-001': 'pass',
      'AR-RET-001': 'unknown',
      'AR-TIM-003': 'pass',
    });
    expect(code).toBe(1);
  });

  it('htpasswd: local passwords fail SSO and MFA; every user holds push on every repository', () => {
    const { statuses } = check('htpasswd');
    expect(statuses).toMatchObject({
      'AR-IDN-001': 'fail',
      'AR-IDN-002': 'fail',
      'AR-IDN-003': 'pass',
      'AR-IDN-004': 'pass',
      'AR-ACC-001': 'pass',
      'AR-ACC-002': 'fail',
      'AR-ACC-004': 'fail',
      'AR-CLG-001': 'pass',
    });
  });

  it('insecure (no auth, plain-http notifications ignoring push): anonymous access, a grant to anyone and no central destination fail', () => {
    const { statuses } = check('insecure');
    expect(statuses).toMatchObject({
      'AR-IDN-001': 'fail',
      'AR-IDN-003': 'fail',
      'AR-ACC-002': 'fail',
      'AR-ACC-004': 'fail',
      'AR-CLG-001': 'fail',
      'AR-ACC-001': 'not_applicable', // nobody is identified: anonymous access is the failure
    });
  });
});

describe('secrets in registry configs never leave the process', () => {
  it('no secret value of the fixtures (S3 keys, http.secret, notification tokens, htpasswd hashes, SMTP password) in any output', () => {
    const configs = ['secure', 'htpasswd', 'insecure'].map((c) => fixture('distribution', c, 'auditready.yaml'));
    expect(leakedSecrets(configs, secretList(fixture('distribution', 'secrets.txt')))).toEqual([]);
  }, 120_000);
});
