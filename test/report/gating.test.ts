import { describe, expect, it } from 'vitest';
import { applyBaseline } from '../../src/report/baseline.js';
import { atOrAbove, type GateOptions, gateDecision, runResult } from '../../src/report/gating.js';
import type { Finding, Report, Severity } from '../../src/report/types.js';
import { applyWaivers } from '../../src/report/waivers.js';
import { demoReport } from '../helpers/reports.js';

const gate: GateOptions = { failOn: 'high', failOnUnknown: true };

describe('gateDecision: whether a finding gates, and why', () => {
  it('fail gates at or above fail_on, not below', () => {
    expect(gateDecision({ status: 'fail', severity: 'critical' }, gate)).toEqual({ gates: true, reason: 'fail_at_or_above_fail_on' });
    expect(gateDecision({ status: 'fail', severity: 'high' }, gate)).toEqual({ gates: true, reason: 'fail_at_or_above_fail_on' });
    expect(gateDecision({ status: 'fail', severity: 'medium' }, gate)).toEqual({ gates: false, reason: 'below_fail_on' });
    expect(gateDecision({ status: 'fail', severity: 'low' }, { ...gate, failOn: 'low' }).gates).toBe(true);
  });

  it('unknown gates like fail unless --no-fail-on-unknown, and never below fail_on', () => {
    expect(gateDecision({ status: 'unknown', severity: 'critical' }, gate)).toEqual({ gates: true, reason: 'unknown_at_or_above_fail_on' });
    expect(gateDecision({ status: 'unknown', severity: 'low' }, gate)).toEqual({ gates: false, reason: 'below_fail_on' });
    expect(gateDecision({ status: 'unknown', severity: 'critical' }, { ...gate, failOnUnknown: false })).toEqual({
      gates: false,
      reason: 'unknown_not_gating',
    });
  });

  it('an evaluation error gates whatever its severity and the gate say (fail closed)', () => {
    for (const severity of ['critical', 'low'] as Severity[]) {
      expect(gateDecision({ status: 'error', severity }, { failOn: 'critical', failOnUnknown: false })).toEqual({ gates: true, reason: 'error' });
    }
  });

  it('a status this version does not know gates, even when the baseline had it (fail closed)', () => {
    const broken = { status: 'failed', severity: 'low' as const };
    expect(gateDecision(broken, { failOn: 'critical', failOnUnknown: false })).toEqual({ gates: true, reason: 'unrecognised_status' });
    expect(gateDecision(broken, gate, true)).toEqual({ gates: true, reason: 'unrecognised_status' });
  });

  it('pass, not applicable and waived never gate', () => {
    expect(gateDecision({ status: 'pass', severity: 'critical' }, gate)).toEqual({ gates: false, reason: 'passed' });
    expect(gateDecision({ status: 'not_applicable', severity: 'critical' }, gate)).toEqual({ gates: false, reason: 'passed' });
    expect(gateDecision({ status: 'waived', severity: 'critical' }, gate)).toEqual({ gates: false, reason: 'waived' });
  });

  it('a finding the baseline already had does not gate; one that does not gate anyway keeps its own reason', () => {
    expect(gateDecision({ status: 'fail', severity: 'critical' }, gate, true)).toEqual({ gates: false, reason: 'in_baseline' });
    expect(gateDecision({ status: 'error', severity: 'low' }, gate, true)).toEqual({ gates: false, reason: 'in_baseline' });
    expect(gateDecision({ status: 'fail', severity: 'low' }, gate, true)).toEqual({ gates: false, reason: 'below_fail_on' });
    expect(gateDecision({ status: 'fail', severity: 'critical' }, gate, false).gates).toBe(true);
  });

  it('severities compare critical > high > medium > low', () => {
    expect(atOrAbove('critical', 'high')).toBe(true);
    expect(atOrAbove('high', 'high')).toBe(true);
    expect(atOrAbove('medium', 'high')).toBe(false);
  });

  it('the run fails on a gating finding or a collection error, whatever the gate', () => {
    expect(runResult(0, 0)).toBe('pass');
    expect(runResult(1, 0)).toBe('fail');
    expect(runResult(0, 1)).toBe('fail');
  });
});

describe('every caller decides through gateDecision', () => {
  const problem = (r: Report) => r.findings.find((f) => f.gating && f.status === 'fail')!;

  it('the findings of a run gate exactly as gateDecision says, with the run gate', async () => {
    const r = await demoReport();
    const runGate: GateOptions = { failOn: r.run.fail_on, failOnUnknown: r.run.fail_on_unknown };
    expect(r.findings.some((f) => f.gating)).toBe(true);
    for (const f of r.findings) expect(f.gating, `${f.policy_id} ${f.tool} ${f.status}`).toBe(gateDecision(f, runGate).gates);
  });

  it('a waiver turns a gating finding into a waived one that does not gate', async () => {
    const r = await demoReport();
    const f = problem(r);
    const w = {
      policy: f.policy_id,
      tool: f.tool,
      justification: 'j',
      approver: 'a',
      approved_on: '2026-01-01',
      expires_on: '2026-12-31',
      pointer: '/waivers/0',
    };
    applyWaivers(r.findings, [w], gate, '2026-06-01T00:00:00Z');
    expect(f).toMatchObject({ status: 'waived', gating: false, waiver: { waived_status: 'fail' } });
  });

  it('--baseline: what the baseline already had stops gating, a new failure still gates, and the summary follows', async () => {
    const before = await demoReport();
    const after = await demoReport();
    const f = problem(after);
    // the baseline did not have this failure: it passed there
    const old = before.findings.find((b) => b.policy_id === f.policy_id && b.tool === f.tool && b.resource === f.resource)!;
    old.status = 'pass';
    const gatingBefore = after.summary.gating;
    const out = applyBaseline(after, before, 'base.json');
    const newOnes = out.findings.filter((x) => x.gating);
    expect(newOnes.map((x: Finding) => `${x.policy_id} ${x.tool}`)).toEqual([`${f.policy_id} ${f.tool}`]);
    expect(out.run.baseline).toEqual({ report: 'base.json', new_failures: 1, not_gating: gatingBefore - 1 });
    expect(out.summary).toMatchObject({ gating: 1, result: 'fail' });
    // with the failure in the baseline too, nothing gates and the run passes
    const same = applyBaseline(after, after, 'same.json');
    expect(same.summary).toMatchObject({ gating: 0, result: 'pass' });
    expect(same.run.baseline).toEqual({ report: 'same.json', new_failures: 0, not_gating: gatingBefore });
  });
});
