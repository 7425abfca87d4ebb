import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WaiverConfig } from '../../src/config/waivers.js';
import { applyWaivers } from '../../src/report/waivers.js';
import type { GateOptions } from '../../src/report/gating.js';
import type { Finding } from '../../src/report/types.js';
import { cli, fixture } from '../helpers/run.js';

const GATE: GateOptions = { failOn: 'high', failOnUnknown: true };

function finding(status: Finding['status'], tool = 'jenkins/ci', resource: string | null = null): Finding {
  return {
    policy_id: 'AR-IDN-002',
    policy: 'identity.mfa_required',
    title: 'MFA',
    pillar: 'identity',
    severity: 'critical',
    tool,
    tool_type: 'jenkins',
    resource,
    status,
    message: 'm',
    observed: {},
    expected: {},
    evidence: { collector: 'facts', method: 'facts-file', location: 'x', collected_at: '2026-01-01T00:00:00Z', sha256: 'a'.repeat(64), pointers: [] },
    gaps: [],
    frameworks: {},
    remediation: 'r',
    gating: status !== 'pass',
  };
}

const waiver: WaiverConfig = {
  id: 'EXC-1',
  policy: 'AR-IDN-002',
  tool: 'jenkins/ci',
  justification: 'compensating control in place',
  approver: 'CISO',
  approved_on: '2026-01-01',
  expires_on: '2026-06-30',
  pointer: '/waivers/0',
};

describe('waivers', () => {
  it('an active waiver turns a failing finding into waived, keeps the record and stops it gating', () => {
    const fs = [finding('fail')];
    const warnings = applyWaivers(fs, [waiver], GATE, '2026-06-30T23:59:59Z'); // the expiry day itself still counts
    expect(warnings).toEqual([]);
    expect(fs[0]!.status).toBe('waived');
    expect(fs[0]!.gating).toBe(false);
    const { pointer: _p, ...rest } = waiver;
    expect(fs[0]!.waiver).toEqual({ ...rest, waived_status: 'fail' });
  });

  it('an expired waiver does not apply and is reported', () => {
    const fs = [finding('unknown')];
    const warnings = applyWaivers(fs, [waiver], GATE, '2026-07-01T00:00:00Z');
    expect(fs[0]!.status).toBe('unknown');
    expect(fs[0]!.gating).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.kind).toBe('waiver_expired');
    expect(warnings[0]!.message).toBe('waiver EXC-1 for AR-IDN-002 on jenkins/ci expired on 2026-06-30; 1 finding it covered count again');
  });

  it('a waiver not yet approved does not apply', () => {
    const fs = [finding('fail')];
    expect(applyWaivers(fs, [waiver], GATE, '2025-12-31T12:00:00Z')[0]!.kind).toBe('waiver_not_yet_valid');
    expect(fs[0]!.status).toBe('fail');
  });

  it('a waiver that matches nothing, or only passing findings, is a warning', () => {
    expect(applyWaivers([finding('fail', 'vault/v')], [waiver], GATE, '2026-03-01T00:00:00Z')[0]!.kind).toBe('waiver_unmatched');
    const passing = [finding('pass')];
    expect(applyWaivers(passing, [waiver], GATE, '2026-03-01T00:00:00Z')[0]!.kind).toBe('waiver_not_needed');
    expect(passing[0]!.status).toBe('pass');
  });

  it('a waiver on a tool that could not be collected is not applied: its findings stay unknown and gating', () => {
    const fs = [finding('unknown')];
    const warnings = applyWaivers(fs, [waiver], GATE, '2026-03-01T00:00:00Z', undefined, new Map([['jenkins/ci', 'jenkins.yaml: not found']]));
    expect(fs[0]!.status).toBe('unknown');
    expect(fs[0]!.gating).toBe(true);
    expect(warnings.map((w) => [w.kind, w.message])).toEqual([
      [
        'waiver_tool_not_collected',
        'waiver EXC-1 for AR-IDN-002 on jenkins/ci is not applied: jenkins/ci could not be collected (jenkins.yaml: not found); a waiver accepts a known failure, not a tool that was not read',
      ],
    ]);
  });

  it('a resource-scoped waiver covers only that resource', () => {
    const fs = [finding('fail', 'jenkins/ci', 'job-a'), finding('fail', 'jenkins/ci', 'job-b')];
    applyWaivers(fs, [{ ...waiver, resource: 'job-a' }], GATE, '2026-03-01T00:00:00Z');
    expect(fs.map((f) => f.status)).toEqual(['waived', 'fail']);
  });
});

describe('waivers end to end', () => {
  it('the demo shows a waived finding and an expired waiver, and the JSON report carries both', () => {
    const r = cli(['check', '-c', fixture('demo', 'auditready.yaml'), '--format', 'json']);
    const report = JSON.parse(r.stdout);
    const waived = report.findings.filter((f: Finding) => f.status === 'waived');
    expect(waived.map((f: Finding) => [f.policy_id, f.tool])).toEqual([['AR-RET-001', 'github/acme']]);
    expect(waived[0].waiver.approver).toBe('Dana Whitfield (CISO)');
    expect(report.summary.by_status.waived).toBe(1);
    // (a distant-as_of warning and stale-facts warnings come too whenever the demo's dates are a day or more from now)
    expect(report.warnings.map((w: { kind: string }) => w.kind).filter((k: string) => k !== 'as_of_distant' && k !== 'facts_stale')).toEqual([
      'waiver_expired',
    ]);
    const loki = report.findings.find((f: Finding) => f.policy_id === 'AR-TIM-001' && f.tool === 'loki/central');
    expect(loki.status).toBe('fail');
  });

  it('a waiver naming an unknown policy or tool, or expiring before approval, is a config error with its line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-waiver-'));
    mkdirSync(path.join(dir, 'facts'));
    copyFileSync(fixture('cases', 'compliant', 'facts', 'vault.yaml'), path.join(dir, 'facts', 'v.yaml'));
    const base =
      'targets:\n  - type: vault\n    name: v\n    facts: facts/v.yaml\nwaivers:\n  - policy: %P\n    tool: %T\n    justification: compensating control documented\n    approver: CISO\n    approved_on: "2026-01-01"\n    expires_on: "%E"\n';
    const cases: Array<[string, string, string, RegExp]> = [
      ['AR-NOPE-001', 'vault/v', '2026-12-31', /:6:13: waiver names unknown policy "AR-NOPE-001"/],
      ['AR-IDN-002', 'vault/x', '2026-12-31', /:7:11: waiver names unknown tool "vault\/x"; targets are: vault\/v/],
      ['AR-IDN-002', 'vault/v', '2025-12-31', /:11:17: waiver expires \(2025-12-31\) before it was approved \(2026-01-01\)/],
    ];
    for (const [p, t, e, re] of cases) {
      const file = path.join(dir, `${p}-${t.replace('/', '_')}-${e}.yaml`);
      writeFileSync(file, base.replace('%P', p).replace('%T', t).replace('%E', e));
      const r = cli(['check', '-c', file]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(re);
    }
  });
});
