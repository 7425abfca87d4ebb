/**
 * End to end through the built CLI: the Harbor fixtures in files mode (the verdict of every policy
 * that matters), and no fixture secret (harbor.yml passwords) in any output or the evidence bundle.
 */
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { cli, fixture } from '../helpers/run.js';
import { leakedSecrets, secretList } from '../helpers/secret-scan.js';
import type { Report } from '../../src/report/types.js';

const check = (name: string) => {
  const r = cli(['check', '-c', fixture('harbor', name, 'auditready.yaml'), '--format', 'json']);
  const report = JSON.parse(r.stdout) as Report;
  expect(validator('report')(report)).toBe(true);
  return Object.fromEntries(report.findings.map((f) => [f.resource ? `${f.policy_id} ${f.resource}` : f.policy_id, f.status]));
};

describe('harbor files mode through the CLI', () => {
  it('secure: OIDC, no public project, records forwarded and kept 396 days; no client IP is unknown, never pass', () => {
    expect(check('secure')).toMatchObject({
      'AR-IDN-001': 'pass',
      'AR-IDN-002': 'unknown', // the IdP's
      'AR-IDN-003': 'pass',
      'AR-IDN-004': 'pass',
      'AR-IDN-005': 'fail', // CLI secrets and the local admin bypass the IdP's second factor
      'AR-ACC-001': 'pass',
      'AR-ACC-004': 'pass',
      'AR-EVT-001': 'pass',
      'AR-EVT-002': 'unknown',
      'AR-CLG-001': 'pass',
      'AR-RET-001': 'pass',
      'AR-TIM-003': 'pass',
      'AR-IDN-160 system-settings': 'pass',
    });
  });

  it('insecure: database passwords, public projects, six admins, no forwarding, a 7-day purge', () => {
    expect(check('insecure')).toMatchObject({
      'AR-IDN-001': 'fail',
      'AR-IDN-002': 'fail',
      'AR-IDN-003': 'fail',
      'AR-ACC-001': 'fail',
      'AR-ACC-004': 'fail',
      'AR-CLG-001': 'fail',
      'AR-RET-001': 'fail',
      'AR-IDN-160 system-settings': 'fail',
    });
  });
});

describe('secrets in Harbor inputs never leave the process', () => {
  it('no harbor.yml password in any output', () => {
    const configs = ['secure', 'insecure'].map((c) => fixture('harbor', c, 'auditready.yaml'));
    expect(leakedSecrets(configs, secretList(fixture('harbor', 'secrets.txt')))).toEqual([]);
  }, 120_000);
});
