import { describe, expect, it } from 'vitest';
import type { RawFinding } from '../../src/engine/engine.js';
import type { ToolSnapshot } from '../../src/model/types.js';
import type { Catalog, Pillar } from '../../src/policy/catalog.js';
import { assembleFindings } from '../../src/report/assemble.js';
import { assessControls } from '../../src/report/control-state.js';
import { collectionErrorOf, failClosed, unreadableStatus } from '../../src/report/fail-closed.js';
import { STATUSES } from '../../src/report/types.js';
import { generateEstate } from '../helpers/estate.js';

const ERROR = 'vault.hcl:13:16: invalid HCL: Unknown token: "storage" ASSIGN =';

/** A tool as the collector kit leaves it when its input could not be read. */
function unreadable(tool: ToolSnapshot): ToolSnapshot {
  return { ...tool, source: { ...tool.source, details: { ...tool.source.details, collection_error: ERROR } } };
}

const policy = (id: string, key: string, severity: 'medium' | 'high') => ({
  pillar: key.split('.')[0] as Pillar,
  key,
  package: `auditready.policies.${key}`,
  file: 'p.rego',
  line: 1,
  id,
  title: id,
  description: 'd',
  severity,
  applies_to: ['*'],
  facts: ['source.collected_at'],
  remediation: 'r',
  frameworks: { soc2: ['CC7.2'] },
});
const catalog: Catalog = {
  catalog_version: '1',
  policies: [policy('AR-TIM-002', 'time.evidence_fresh', 'medium'), policy('AR-EVT-004', 'event_tracking.event_levels', 'high')],
};

const verdict = (tool: string, status: RawFinding['status'], message: string): RawFinding => ({
  tool,
  resource: null,
  status,
  message,
  observed: { 'source.collected_at': '2026-01-31T12:00:00Z' },
  expected: {},
  evidence: ['/source/collected_at'],
  gaps: [],
});

describe('fail closed on a tool whose input could not be read', () => {
  it('the collection error is read from the snapshot (what an evidence bundle keeps), in any shape', () => {
    const [tool] = generateEstate(1, 0);
    expect(collectionErrorOf(tool!)).toBeUndefined();
    expect(collectionErrorOf(unreadable(tool!))).toBe(ERROR);
    // any other shape still says the tool was not read (fail closed on an odd or older bundle)
    expect(collectionErrorOf({ source: { ...tool!.source, details: { collection_error: { message: 'x' } } } })).toBe('{"message":"x"}');
    expect(collectionErrorOf({ source: { ...tool!.source, details: { collection_error: null } } })).toBeUndefined();
  });

  it('no status better than unknown survives; fail and error stay', () => {
    expect(Object.fromEntries(STATUSES.map((s) => [s, unreadableStatus(s)]))).toEqual({
      error: 'error',
      fail: 'fail',
      unknown: 'unknown',
      waived: 'unknown',
      pass: 'unknown',
      not_applicable: 'unknown',
    });
  });

  it('a pass on an unreadable tool becomes unknown with the collection error as its reason; on a read tool it stays', () => {
    const [tool] = generateEstate(1, 0);
    const pass = { status: 'pass' as const, message: 'Evidence is fresh' };
    expect(failClosed(pass, tool!)).toBe(pass);
    expect(failClosed(pass, unreadable(tool!))).toEqual({
      status: 'unknown',
      message: `Evidence is fresh, but not proven: ${tool!.id} could not be collected: ${ERROR}`,
    });
    const fail = { status: 'fail' as const, message: 'Evidence is stale' };
    expect(failClosed(fail, unreadable(tool!))).toBe(fail);
  });

  it('assembleFindings applies it to every policy, gating as unknown does; the other tools keep their verdicts', () => {
    const [read, broken] = generateEstate(2, 0);
    const tools = [read!, unreadable(broken!)];
    const raw = {
      'time.evidence_fresh': tools.map((t) => verdict(t.id, 'pass', 'Evidence is fresh')),
      'event_tracking.event_levels': tools.map((t) => verdict(t.id, 'not_applicable', 'Required event levels do not apply')),
    };
    const findings = assembleFindings(catalog, tools, raw, { failOn: 'high', failOnUnknown: true });
    const of = (id: string, tool: ToolSnapshot) => findings.find((f) => f.policy_id === id && f.tool === tool.id)!;
    expect(of('AR-TIM-002', read!)).toMatchObject({ status: 'pass', message: 'Evidence is fresh', gating: false });
    expect(of('AR-EVT-004', read!)).toMatchObject({ status: 'not_applicable', gating: false });
    expect(of('AR-TIM-002', tools[1]!)).toMatchObject({ status: 'unknown', gating: false, message: expect.stringContaining(ERROR) });
    // a high-severity unknown gates
    expect(of('AR-EVT-004', tools[1]!)).toMatchObject({ status: 'unknown', gating: true, message: expect.stringContaining(ERROR) });
    expect(findings.filter((f) => f.tool === broken!.id && f.status === 'pass')).toEqual([]);
  });

  it('a report written before the rule (a pass on an unreadable tool) still cannot make a control satisfied', () => {
    const [tool] = generateEstate(1, 0);
    const raw = { 'time.evidence_fresh': [verdict(tool!.id, 'pass', 'ok')] };
    const finding = assembleFindings(catalog, [tool!], raw, { failOn: 'high', failOnUnknown: true }).find((f) => f.policy_id === 'AR-TIM-002');
    expect(assessControls('soc2', [finding!]).find((c) => c.id === 'CC7.2')!.state).toBe('satisfied');
    expect(assessControls('soc2', [finding!], { unreadable: [tool!.id] }).find((c) => c.id === 'CC7.2')!.state).toBe('unknown');
  });
});
