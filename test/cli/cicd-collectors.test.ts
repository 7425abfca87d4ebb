/**
 * End to end through the built CLI: the Jenkins and GitLab fixtures (secure and insecure,
 * modelled on the tools' documented examples) give the verdicts that matter per policy.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, fixture, withoutProgress } from '../helpers/run.js';
import type { Finding, Report } from '../../src/report/types.js';

function check(config: string): { code: number; findings: Finding[]; stderr: string } {
  const r = cli(['check', '-c', config, '--format', 'json']);
  return { code: r.code, findings: r.stdout ? (JSON.parse(r.stdout) as Report).findings : [], stderr: r.stderr };
}

/** policy id -> status (one finding per policy for these tools; the controller resource for AR-ACC-120). */
function verdicts(findings: Finding[]): Record<string, string> {
  return Object.fromEntries(findings.map((f) => [f.policy_id, f.status]));
}

const cases: { config: string[]; expect: Record<string, string> }[] = [
  {
    config: ['jenkins', 'secure'],
    expect: {
      'AR-ACC-120': 'pass', // roleBased
      'AR-IDN-001': 'pass', // SAML, no local fallback
      'AR-IDN-003': 'pass',
      'AR-IDN-004': 'pass',
      'AR-ACC-001': 'pass',
      'AR-ACC-004': 'pass',
      'AR-ACC-005': 'pass',
      'AR-EVT-001': 'pass',
      'AR-EVT-003': 'pass',
      'AR-CLG-001': 'pass', // syslog to the SIEM
      'AR-TIM-003': 'pass', // RFC 5424 timestamps carry an offset
      'AR-IDN-002': 'unknown', // Jenkins has no MFA: the IdP's policy is not in the configuration
      'AR-IDN-005': 'fail', // API tokens sign in without the second factor
      'AR-EVT-002': 'fail', // Audit Trail records no result
      'AR-EVT-005': 'pass', // credentials by id, password parameters masked
      'AR-EVT-006': 'fail', // SAML: failed sign-ins happen at the IdP, Jenkins records none
      'AR-CLG-003': 'unknown', // the Audit Trail raises no alert; one at the SIEM is not visible here
    },
  },
  {
    config: ['jenkins', 'insecure'],
    expect: {
      'AR-ACC-120': 'fail', // loggedInUsersCanDoAnything
      'AR-IDN-001': 'fail',
      'AR-IDN-002': 'fail',
      'AR-IDN-003': 'fail', // allowAnonymousRead defaults to true; signup is open
      'AR-IDN-004': 'unknown', // signup: the list of local accounts is open-ended
      'AR-ACC-001': 'unknown',
      'AR-ACC-002': 'fail',
      'AR-ACC-004': 'fail',
      'AR-EVT-003': 'fail', // script console not recorded
      'AR-CLG-001': 'fail', // console only
      'AR-TIM-003': 'fail', // console timestamps without zone
      'AR-EVT-006': 'fail', // the pattern does not match /loginError: failed form sign-ins are not recorded
    },
  },
  {
    config: ['jenkins', 'secure-helm'],
    expect: {
      'AR-ACC-120': 'pass',
      'AR-IDN-001': 'pass',
      'AR-IDN-003': 'pass',
      'AR-ACC-001': 'pass',
      'AR-ACC-004': 'pass',
      'AR-CLG-001': 'pass',
      'AR-XTL-002': 'pass',
    },
  },
  {
    config: ['jenkins', 'insecure-helm'],
    expect: {
      'AR-ACC-120': 'pass', // a matrix, but:
      'AR-ACC-004': 'fail', // every signed-in user administers, anonymous reads
      'AR-IDN-001': 'fail', // the escape hatch signs in without OIDC
      'AR-IDN-003': 'fail',
      'AR-IDN-005': 'fail',
      'AR-ACC-001': 'unknown',
      'AR-CLG-001': 'fail', // a local file only
      'AR-TIM-003': 'fail',
    },
  },
  {
    config: ['gitlab', 'secure'],
    expect: {
      'AR-IDN-001': 'pass',
      'AR-IDN-002': 'pass',
      'AR-IDN-003': 'pass',
      'AR-IDN-004': 'pass',
      'AR-IDN-005': 'pass',
      'AR-ACC-001': 'pass',
      'AR-ACC-003': 'pass',
      'AR-ACC-004': 'pass',
      'AR-ACC-005': 'pass',
      'AR-CLG-001': 'pass',
      'AR-TIM-003': 'pass',
      'AR-RET-001': 'unknown', // GitLab documents no retention
      'AR-IDN-130': 'pass', // Admin Mode and administrator 2FA
      'AR-EVT-006': 'pass', // the audit-events API answers: Premium or Ultimate saves failed sign-ins
      'AR-EVT-005': 'pass',
      'AR-RET-004': 'pass', // audit events: administrators and Owners
    },
  },
  {
    config: ['gitlab', 'insecure'],
    expect: {
      'AR-IDN-001': 'fail', // password sign-in on
      'AR-IDN-002': 'pass', // 2FA required...
      'AR-IDN-005': 'fail', // ...but a 48 h grace period and Google bypass it
      'AR-IDN-003': 'fail', // open signup, public projects allowed
      'AR-ACC-001': 'fail', // 7 administrators
      'AR-ACC-002': 'pass',
      'AR-ACC-004': 'fail',
      'AR-CLG-001': 'fail', // no streaming destination
      'AR-IDN-130': 'fail', // Admin Mode off
      'AR-EVT-006': 'unknown', // no audit-events response: the tier, and so failed sign-in recording, is unknown
    },
  },
  {
    config: ['gitlab', 'saas-group'],
    expect: {
      'AR-IDN-001': 'unknown', // GitLab.com has no API for SSO enforcement
      'AR-IDN-002': 'pass',
      'AR-IDN-003': 'fail', // a public project
      'AR-CLG-001': 'pass', // an active S3 destination
      'AR-TIM-001': 'not_applicable',
      'AR-IDN-130': 'not_applicable', // GitLab.com administrators are GitLab's
      'AR-EVT-006': 'fail', // failed sign-ins are GitLab.com's instance events, not the group's
    },
  },
];

describe('auditready check on the Jenkins and GitLab fixtures', () => {
  for (const c of cases) {
    it(c.config.join('/'), () => {
      const r = check(fixture(...c.config, 'auditready.yaml'));
      expect(withoutProgress(r.stderr)).toMatch(/wrote json|^$/);
      expect(r.code).toBe(1);
      const got = verdicts(r.findings);
      for (const [policy, status] of Object.entries(c.expect)) expect({ policy, status: got[policy] }).toEqual({ policy, status });
    });
  }

  it('a fixture line is where the finding points: the provenance of the snapshot names it', () => {
    const r = cli(['collect', '-c', fixture('jenkins', 'insecure', 'auditready.yaml')]);
    expect(r.code).toBe(0);
    const tool = (JSON.parse(r.stdout) as { tools: { provenance: Record<string, { file: string; line: number }[]> }[] }).tools[0]!;
    const text = readFileSync(fixture('jenkins', 'insecure', 'jenkins.yaml'), 'utf8').split('\n');
    const ev = tool.provenance['identity.anonymous_access']!;
    expect(ev.some((e) => text[e.line - 1]?.includes('allowsSignup: true'))).toBe(true);
  });

  it('a broken JCasC file makes that tool unknown with file, line and column; the other tool is still reported', () => {
    const r = check(fixture('jenkins', 'broken', 'auditready.yaml'));
    expect(r.code).toBe(1);
    expect(withoutProgress(r.stderr)).toMatch(
      /jenkins\/ci-broken: fixtures\/jenkins\/broken\/jenkins\.yaml:9:26: invalid YAML\/JSON: Plain value cannot start with reserved character @/,
    );
    const broken = r.findings.filter((f) => f.tool === 'jenkins/ci-broken');
    const other = r.findings.filter((f) => f.tool === 'jenkins/ci-secure');
    expect(broken.length).toBeGreaterThan(0);
    // Every verdict on the broken tool is unknown (fail closed), the freshness of the failed collection too.
    expect(broken.filter((f) => f.status !== 'unknown').map((f) => `${f.policy_id} ${f.status}`)).toEqual([]);
    expect(verdicts(broken)['AR-ACC-120']).toBe('unknown');
    expect(verdicts(other)['AR-ACC-120']).toBe('pass');
    expect(r.stderr + JSON.stringify(r.findings)).not.toContain('canary');
  });
});
