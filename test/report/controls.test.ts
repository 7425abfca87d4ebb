import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { controlsView, loadFramework } from '../../src/report/controls.js';
import { FRAMEWORKS, type Catalog } from '../../src/policy/catalog.js';
import type { Finding } from '../../src/report/types.js';
import { cli, fixture, ROOT } from '../helpers/run.js';

const catalog = JSON.parse(readFileSync(path.join(ROOT, 'build', 'policy', 'catalog.json'), 'utf8')) as Catalog;

describe('framework control catalogs', () => {
  it('list every control id a policy maps, for every framework', () => {
    for (const fw of FRAMEWORKS) {
      const view = controlsView(loadFramework(fw), catalog);
      expect(view.unlisted, fw).toEqual([]);
      expect(view.rows.length, fw).toBeGreaterThan(3);
      // without a run, a control is either mapped to policies or not covered
      for (const r of view.rows) expect(['mapped', 'not-covered']).toContain(r.state);
    }
  });

  it('manual controls say why automation cannot prove them', () => {
    const pci = loadFramework('pci-dss');
    const manual = pci.controls.filter((c) => c.manual);
    expect(manual.map((c) => c.id)).toContain('10.4.1');
    for (const c of manual) expect(c.note, c.id).toBeTruthy();
  });
});

describe('controls view status', () => {
  const fw = {
    framework: 'pci-dss' as const,
    title: 'PCI',
    source: 'x',
    controls: [
      { id: '10.2.1', title: 'logs on', areas: ['audit-logging'] },
      { id: '10.5.1', title: 'retention', areas: ['retention'] },
      { id: '8.4.2', title: 'mfa', areas: ['mfa'] },
      { id: '10.6.1', title: 'time', areas: ['time-sync'] },
      { id: '10.4.1', title: 'daily review', areas: ['central-shipping'], manual: true, note: 'human review' },
    ],
  };
  const policy = (id: string, controls: string[]) => ({
    key: `x.${id.toLowerCase().replace(/-/g, '_')}`,
    package: 'p',
    file: 'f',
    line: 1,
    id,
    title: id,
    description: 'd',
    severity: 'high' as const,
    pillar: 'identity' as const,
    applies_to: ['*'],
    facts: ['identity.mfa_required'],
    remediation: 'r',
    frameworks: { 'pci-dss': controls },
  });
  const cat: Catalog = {
    catalog_version: '1',
    policies: [policy('AR-EVT-001', ['10.2.1']), policy('AR-RET-001', ['10.5.1']), policy('AR-IDN-002', ['8.4.2']), policy('AR-TIM-001', ['10.6.1'])],
  };
  const control: Record<string, string> = { 'AR-EVT-001': '10.2.1', 'AR-RET-001': '10.5.1', 'AR-IDN-002': '8.4.2', 'AR-TIM-001': '10.6.1' };
  const f = (policy_id: string, status: Finding['status']) =>
    ({
      policy_id,
      title: policy_id,
      status,
      tool: 'jenkins/ci',
      tool_type: 'jenkins',
      resource: null,
      frameworks: { 'pci-dss': [control[policy_id]!] },
    }) as unknown as Finding;

  it('satisfied, failing, unknown, no evidence and not covered', () => {
    const view = controlsView(fw, cat, [
      f('AR-EVT-001', 'pass'),
      f('AR-RET-001', 'pass'),
      f('AR-RET-001', 'fail'),
      f('AR-IDN-002', 'unknown'),
      f('AR-IDN-002', 'pass'),
    ]);
    expect(Object.fromEntries(view.rows.map((r) => [r.id, r.state]))).toEqual({
      '10.2.1': 'satisfied',
      '10.5.1': 'failing',
      '8.4.2': 'unknown',
      '10.6.1': 'no-evidence',
      '10.4.1': 'not-covered',
    });
    expect(view.rows.find((r) => r.id === '10.5.1')!.policies).toEqual([{ id: 'AR-RET-001', title: 'AR-RET-001', proves: null, counts: { pass: 1, fail: 1 } }]);
    expect(view.summary).toMatchObject({ total: 5, manual: 1, satisfied: 1, failing: 1, unknown: 1, 'no-evidence': 1, 'not-covered': 1 });
  });
});

describe('auditready controls', () => {
  it('prints each PCI DSS control with its policies and status from a saved report', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-controls-'));
    const report = path.join(dir, 'report.json');
    cli(['check', '-c', fixture('demo', 'auditready.yaml'), '--format', 'json', '--out', report]);
    const r = cli(['controls', '--framework', 'pci-dss', '--report', report]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^PCI DSS v4\.0\.1/);
    expect(r.stdout).toMatch(/^8\.4\.2\s+(FAILING|UNKNOWN)\s+AR-IDN-002 \(/m);
    expect(r.stdout).toMatch(/^10\.4\.1\s+NOT COVERED\s+manual: /m);
    expect(r.stdout).toMatch(
      /^\d+ controls: \d+ failing, \d+ unknown, \d+ exception, \d+ satisfied, \d+ not applicable, \d+ no evidence, 0 mapped, \d+ not covered \(\d+ manual\)$/m,
    );
    const json = JSON.parse(cli(['controls', '--framework', 'pci-dss', '--report', report, '--format', 'json']).stdout);
    expect(json.rows.find((x: { id: string }) => x.id === '10.5.1').policies.map((p: { id: string }) => p.id)).toContain('AR-RET-001');
  });

  it('without a run shows which controls are mapped and which are not covered', () => {
    const r = cli(['controls', '--framework', 'hipaa']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^164\.312\(b\)\s+MAPPED\s+AR-EVT-001/m);
  });

  it('an unknown framework is a usage error', () => {
    const r = cli(['controls', '--framework', 'sox']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument 'sox' is invalid/);
  });
});
