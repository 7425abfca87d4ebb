/**
 * End to end through the built CLI: the Vault and OpenBao fixtures in files mode (the verdict of
 * every policy that matters, the Vault-specific ones included), and no fixture secret (seal keys,
 * unseal tokens, token accessors) in any output format or the evidence bundle.
 */
import { describe, expect, it } from 'vitest';
import { validator } from '../../src/util/schema.js';
import { cli, fixture } from '../helpers/run.js';
import { leakedSecrets, secretList } from '../helpers/secret-scan.js';
import type { Report } from '../../src/report/types.js';

const check = (type: string, name: string) => {
  const r = cli(['check', '-c', fixture(type, name, 'auditready.yaml'), '--format', 'json']);
  const report = JSON.parse(r.stdout) as Report;
  expect(validator('report')(report)).toBe(true);
  const statuses: Record<string, string> = {};
  for (const f of report.findings) statuses[f.resource ? `${f.policy_id} ${f.resource}` : f.policy_id] = f.status;
  return statuses;
};

describe('vault and openbao files mode through the CLI', () => {
  it('vault/secure: SSO with login MFA, audit to a socket and a file, no wildcard, no root token', () => {
    expect(check('vault', 'secure')).toMatchObject({
      'AR-IDN-001': 'pass',
      'AR-IDN-002': 'pass',
      'AR-IDN-003': 'pass',
      'AR-IDN-004': 'pass',
      'AR-ACC-001': 'pass',
      'AR-ACC-004': 'pass',
      'AR-EVT-001': 'pass',
      'AR-EVT-002': 'pass',
      'AR-EVT-003': 'pass',
      'AR-CLG-001': 'pass',
      'AR-RET-001': 'unknown', // the store's
      'AR-TIM-003': 'pass',
      'AR-IDN-150 token-store': 'pass',
      'AR-ACC-150 acl-policy:admin': 'pass', // held by the terraform AppRole only
      'AR-EVT-150': 'pass',
      'AR-EVT-005': 'pass', // every device HMACs secret values
      'AR-CLG-003': 'unknown', // the alert lives in monitoring, which is not read
    });
  });

  it('openbao/secure: the declared devices of bao.hcl count as the audit trail', () => {
    expect(check('openbao', 'secure')).toMatchObject({ 'AR-EVT-001': 'pass', 'AR-CLG-001': 'pass', 'AR-IDN-001': 'pass' });
  });

  it('openbao/insecure: userpass without MFA, a root token, a wildcard sudo policy for people, one local raw-logging device', () => {
    expect(check('openbao', 'insecure')).toMatchObject({
      'AR-IDN-001': 'fail',
      'AR-IDN-002': 'fail',
      'AR-IDN-004': 'fail',
      'AR-IDN-005': 'fail',
      'AR-ACC-004': 'fail',
      'AR-CLG-001': 'fail',
      'AR-EVT-001': 'pass',
      'AR-IDN-150 token-store': 'fail',
      'AR-ACC-150 acl-policy:ops': 'fail',
      'AR-EVT-150': 'fail',
      'AR-EVT-005': 'fail', // log_raw = "true"
    });
  });
});

describe('secrets in Vault/OpenBao inputs never leave the process', () => {
  it('no seal key, unseal token or token accessor of the fixtures in any output', () => {
    const configs = [
      fixture('vault', 'secure', 'auditready.yaml'),
      fixture('openbao', 'secure', 'auditready.yaml'),
      fixture('openbao', 'insecure', 'auditready.yaml'),
    ];
    expect(leakedSecrets(configs, [...secretList(fixture('vault', 'secrets.txt')), ...secretList(fixture('openbao', 'secrets.txt'))])).toEqual([]);
  }, 120_000);
});
