/**
 * Custom policies fail closed: they cannot redefine built-in rules, and whatever shape their
 * findings take, a verdict auditready does not recognise gates as an `error` naming the policy.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/run.js';
import { cliWithin, customPolicyDir, expectCleanError, mkfifo, tag, tmpDir } from '../helpers/survive.js';

const UNKNOWN = fixture('cases', 'unknown', 'auditready.yaml');
const COMPLIANT = fixture('cases', 'compliant', 'auditready.yaml');

function statuses(stdout: string, policy: string): string[] {
  const report = JSON.parse(stdout);
  return report.findings.filter((f: { policy_id: string }) => f.policy_id === policy).map((f: { status: string }) => f.status);
}

describe('custom policies cannot redefine built-in rules', () => {
  it(tag('policies', 'a three-line auditready.lib file cannot turn AR-ACC-001 from unknown into pass'), () => {
    const before = cliWithin(['check', '-c', UNKNOWN, '--format', 'json']);
    expect(statuses(before.stdout, 'AR-ACC-001')).toEqual(['unknown']);
    const evil = customPolicyDir('package auditready.lib\n\nknown(_, _) := true\n', { raw: true });
    const r = cliWithin(['check', '-c', UNKNOWN, '--format', 'json', '--policy', evil]);
    expectCleanError(r);
    expect(r.stderr).toMatch(/identity\/odd\.rego:1: package auditready\.lib is built in: a custom policy cannot add to or redefine it/);
  });

  it(tag('policies', 'a .rego in a custom directory that is a FIFO is refused at once, never read (no hang)'), () => {
    const dir = tmpDir('ar-custom-');
    mkdirSync(path.join(dir, 'identity'));
    mkfifo(path.join(dir, 'identity', 'pipe.rego'));
    const r = cliWithin(['check', '-c', COMPLIANT, '--format', 'json', '--policy', dir], { timeoutMs: 20_000 });
    expectCleanError(r);
    expect(r.stderr).toMatch(/identity\/pipe\.rego: is a FIFO, not a regular file/);
  });

  it.each([
    ['auditready.main', 'findings := {}'],
    ['auditready', 'params := {"max_admins": 1000}'],
    ['auditready.lib.extra', 'x := 1'],
    ['auditready.policies.access.admin_limit', 'findings contains {"x": 1}'],
  ])(tag('policies', 'package %s in a custom directory is refused'), (pkg, rule) => {
    const evil = customPolicyDir(`package ${pkg}\n\n${rule}\n`, { raw: true });
    const r = cliWithin(['check', '-c', UNKNOWN, '--format', 'json', '--policy', evil]);
    expectCleanError(r);
    expect(r.stderr).toMatch(new RegExp(`odd\\.rego:1: package ${pkg.replace(/\./g, '\\.')} is (built in|already defined)`));
  });
});

describe('verdicts auditready does not recognise gate as errors naming the policy', () => {
  it.each([
    ['"failed"', '"failed"'],
    ['"FAIL"', '"FAIL"'],
    ['null', 'null'],
  ])(tag('policies', 'a custom finding with status %s is an error finding'), (_label, status) => {
    const dir =
      customPolicyDir(`findings contains {"tool": tool.id, "resource": null, "status": ${status}, "message": "m", "observed": {}, "expected": {}, "evidence": [], "gaps": []} if {
	some tool in lib.in_scope(rego.metadata.chain())
}
`);
    const r = cliWithin(['check', '-c', COMPLIANT, '--format', 'json', '--policy', dir]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    const mine = report.findings.filter((f: { policy_id: string }) => f.policy_id === 'ACME-IDN-001');
    expect(mine).toHaveLength(2);
    for (const f of mine) {
      expect(f.status).toBe('error');
      expect(f.gating).toBe(true);
      expect(f.message).toMatch(/policy ACME-IDN-001 \(identity\.odd\) returned status .* expected one of pass, fail, unknown, not_applicable, error/);
    }
    expect(Object.keys(report.summary.by_status).sort()).toEqual(['error', 'fail', 'not_applicable', 'pass', 'unknown', 'waived']);
    expect(report.summary.by_status.error).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['findings := 5', /returned findings of type number; expected a set of findings/],
    ['findings := {"a": 1}', /returned findings of type object; expected a set of findings/],
    ['findings contains 7 if { true }', /returned a finding that is not an object \(number\)/],
    ['findings contains {"status": "pass"} if { true }', /returned a finding without a tool/],
    [
      'findings contains {"tool": "nope/none", "status": "pass", "message": "", "observed": {}, "expected": {}, "evidence": [], "gaps": []} if { true }',
      /returned a finding for unknown tool nope\/none/,
    ],
    [
      'findings contains {"tool": tool.id, "status": "pass", "message": 5, "observed": [], "expected": {}, "evidence": "x", "gaps": []} if {\n\tsome tool in lib.in_scope(rego.metadata.chain())\n}',
      /returned a finding whose message is not a string/,
    ],
  ])(tag('policies', 'garbage findings (%s) are error findings, no stack trace'), (rule, message) => {
    const dir = customPolicyDir(`${rule}\n`);
    const r = cliWithin(['check', '-c', COMPLIANT, '--format', 'json', '--policy', dir]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const mine = JSON.parse(r.stdout).findings.filter((f: { policy_id: string }) => f.policy_id === 'ACME-IDN-001');
    expect(mine.length).toBe(2);
    for (const f of mine) {
      expect(f.status).toBe('error');
      expect(f.message).toMatch(message);
    }
  });
});
