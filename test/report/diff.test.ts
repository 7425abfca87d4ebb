import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/report/diff.js';
import type { Finding, Report } from '../../src/report/types.js';

const finding = (status: Finding['status']) =>
  ({
    policy_id: 'AR-RET-001',
    tool: 'github/acme',
    resource: null,
    status,
    severity: 'high',
    message: status,
    observed: {},
    evidence: { sha256: 'a'.repeat(64) },
  }) as unknown as Finding;
const report = (status: Finding['status']) => ({ findings: [finding(status)] }) as unknown as Report;

describe('diff and waivers', () => {
  it('a failure that is now waived is still failing, not fixed; a pass that becomes waived got worse', () => {
    const d = diffReports(report('fail'), report('waived'));
    expect(d.fixed).toEqual([]);
    expect(d.still_failing.map((e) => [e.before, e.after])).toEqual([['fail', 'waived']]);
    expect(diffReports(report('pass'), report('waived')).new_failures.map((e) => e.after)).toEqual(['waived']);
  });
});
