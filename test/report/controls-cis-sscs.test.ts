// Issue 16: `controls --framework cis-sscs` reports every CIS Software Supply Chain control in
// auditready's field as evidenced by a policy or explicitly manual with the reason, none silently
// NOT COVERED.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/policy/catalog.js';
import { controlsView, loadFramework } from '../../src/report/controls.js';
import { ROOT } from '../helpers/run.js';

const catalog = JSON.parse(readFileSync(path.join(ROOT, 'build', 'policy', 'catalog.json'), 'utf8')) as Catalog;

describe('CIS SSCS coverage', () => {
  const rows = controlsView(loadFramework('cis-sscs'), catalog).rows;

  it('every control is mapped by a policy or manual with a note', () => {
    const silent = rows.filter((r) => r.state === 'not-covered' && !(r.manual && r.note)).map((r) => r.id);
    expect(silent).toEqual([]);
  });

  it('no manual control is also mapped: manual is only for what no fact can prove', () => {
    expect(rows.filter((r) => r.manual && r.state !== 'not-covered').map((r) => r.id)).toEqual([]);
  });

  it('the GitHub controls the new facts prove are mapped to their policies', () => {
    const by = new Map(rows.map((r) => [r.id, r.policies.map((p) => p.id)]));
    expect(by.get('1.1.4')).toContain('AR-ACC-116');
    expect(by.get('1.1.5')).toContain('AR-ACC-117');
    expect(by.get('1.1.6')).toContain('AR-ACC-118');
    expect(by.get('1.1.15')).toContain('AR-ACC-121');
    expect(by.get('1.3.9')).toContain('AR-IDN-103');
    expect(by.get('1.3.10')).toContain('AR-IDN-102');
    expect(by.get('1.4.3')).toContain('AR-ACC-115');
  });
});
