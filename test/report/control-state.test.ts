// One answer to "is this control satisfied?": `controls`, Markdown, HTML, OSCAL and the terminal UI
// give the same state for every control, on the demo and on crafted reports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/policy/catalog.js';
import { CONTROL_LABEL, type ControlState, controlState, reportControls } from '../../src/report/control-state.js';
import { controlsView, loadFramework, renderControlsTable } from '../../src/report/controls.js';
import type { Finding, Report, Status } from '../../src/report/types.js';
import { htmlReporter } from '../../src/reporters/html.js';
import { markdownReporter } from '../../src/reporters/markdown.js';
import { oscalReporter } from '../../src/reporters/oscal.js';
import { xmlEscape as htmlEscape } from '../../src/reporters/xml.js';
import { frameworkRows } from '../../src/tui/view-model/frameworks.js';
import { demoReport } from '../helpers/reports.js';
import { ROOT } from '../helpers/run.js';

const catalog = JSON.parse(readFileSync(path.join(ROOT, 'build', 'policy', 'catalog.json'), 'utf8')) as Catalog;
const LABEL_TO_STATE = new Map(Object.entries(CONTROL_LABEL).map(([s, l]) => [l, s as ControlState]));

type States = Map<string, ControlState>; // "framework control" → state

function canonical(report: Report): States {
  const out: States = new Map();
  for (const [fw, rows] of reportControls(report)) for (const r of rows) out.set(`${fw} ${r.id}`, r.state);
  return out;
}

function fromControlsCommand(report: Report, fw: string): States {
  const view = controlsView(loadFramework(fw), catalog, report.findings, {
    claims: report.claims,
    collection_errors: report.collection_errors,
    parameters: report.run.parameters,
  });
  return new Map(view.rows.map((r) => [`${fw} ${r.id}`, r.state]));
}

function fromTui(report: Report, fw: string, withCatalog: boolean): States {
  const view = withCatalog
    ? controlsView(loadFramework(fw), catalog, report.findings, {
        claims: report.claims,
        collection_errors: report.collection_errors,
        parameters: report.run.parameters,
      })
    : null;
  return new Map(frameworkRows(report, fw, view).map((r) => [`${fw} ${r.control}`, r.state]));
}

function fromMarkdown(report: Report, mapped: Iterable<string>): States {
  const md = markdownReporter.render(report, { color: false });
  const section = md.slice(md.indexOf('<summary>Controls not satisfied</summary>'), md.indexOf('</details>', md.indexOf('Controls not satisfied')));
  const out: States = new Map();
  for (const key of mapped) out.set(key, 'satisfied'); // a mapped control the table does not list is satisfied
  const labels = [...LABEL_TO_STATE.keys()].join('|');
  for (const line of section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Framework'))) {
    const [fw, , , list] = line
      .slice(2)
      .split(' | ')
      .map((c) => c.trim());
    for (const m of (list ?? '').matchAll(new RegExp(`(?:^|; )(\\S+) (${labels}):`, 'g'))) out.set(`${fw} ${m[1]}`, LABEL_TO_STATE.get(m[2]!)!);
  }
  return out;
}

function fromHtml(report: Report): States {
  const html = htmlReporter.render(report, { color: false });
  const out: States = new Map();
  for (const m of html.matchAll(/<tr data-control="([^"]+)" data-state="([a-z-]+)">/g)) out.set(m[1]!.replace(':', ' '), m[2] as ControlState);
  return out;
}

/** OSCAL: the control-state prop, and satisfied in the finding's status exactly when the state is satisfied. */
function fromOscal(report: Report): States {
  const doc = JSON.parse(oscalReporter.render(report, { color: false }));
  const out: States = new Map();
  for (const f of doc['assessment-results'].results[0].findings ?? []) {
    const prop = (n: string) => f.props.find((p: { name: string }) => p.name === n).value;
    const state = prop('control-state') as ControlState;
    expect(f.target.status.state === 'satisfied', `${prop('framework')} ${prop('control')}`).toBe(state === 'satisfied');
    out.set(`${prop('framework')} ${prop('control')}`, state);
  }
  return out;
}

function expectAgreement(report: Report): States {
  const want = canonical(report);
  expect(want.size).toBeGreaterThan(0);
  const frameworks = [...new Set([...want.keys()].map((k) => k.split(' ')[0]!))];
  const views: Record<string, States> = {
    markdown: fromMarkdown(report, want.keys()),
    html: fromHtml(report),
    oscal: fromOscal(report),
  };
  for (const fw of frameworks) {
    views[`controls ${fw}`] = fromControlsCommand(report, fw);
    views[`tui ${fw}`] = fromTui(report, fw, true);
    views[`tui (no policy catalog) ${fw}`] = fromTui(report, fw, false);
  }
  for (const [key, state] of want) {
    const fw = key.split(' ')[0]!;
    for (const [name, got] of Object.entries(views)) {
      if (name.startsWith('controls') || name.startsWith('tui')) {
        if (!name.endsWith(` ${fw}`)) continue;
      }
      expect(got.get(key), `${name}: ${key}`).toBe(state);
    }
  }
  return want;
}

describe('manual controls: NOT COVERED with the reason, in every view', () => {
  it('a report on CIS SSCS lists every manual control of the framework, its reason in the table, JSON, Markdown, HTML, OSCAL and the TUI', async () => {
    const report = await crafted([{ policy_id: 'AR-ACC-116', tool_type: 'github', status: 'pass', frameworks: { 'cis-sscs': ['1.1.4'] } }]);
    const manual = loadFramework('cis-sscs').controls.filter((c) => c.manual);
    expect(manual.length).toBeGreaterThanOrEqual(10);
    const states = expectAgreement(report);
    for (const c of manual) expect(states.get(`cis-sscs ${c.id}`), c.id).toBe('not-covered');
    expect(states.get('cis-sscs 1.1.4')).toBe('satisfied');
    const reason = (id: string) => `manual: ${manual.find((c) => c.id === id)!.note}`;
    // controls (table and JSON)
    const view = controlsView(loadFramework('cis-sscs'), catalog, report.findings, { claims: report.claims, parameters: report.run.parameters });
    const table = renderControlsTable(view);
    const json = JSON.parse(JSON.stringify(view)) as { rows: { id: string; state: string; manual: boolean; note?: string }[] };
    // reports
    const md = markdownReporter.render(report, { color: false });
    const html = htmlReporter.render(report, { color: false });
    const oscal = JSON.parse(oscalReporter.render(report, { color: false }));
    const oscalFindings = oscal['assessment-results'].results[0].findings as {
      props: { name: string; value: string }[];
      description: string;
      target: { status: { state: string; remarks?: string } };
    }[];
    const tui = frameworkRows(report, 'cis-sscs', null);
    for (const c of manual) {
      const escaped = c.id.replace(/\./g, '\\.');
      expect(table, c.id).toMatch(new RegExp(`^${escaped}\\s+NOT COVERED\\s+${reason(c.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
      expect(json.rows.find((r) => r.id === c.id)).toMatchObject({ state: 'not-covered', manual: true, note: c.note });
      expect(md, c.id).toContain(`${c.id} NOT COVERED: ${reason(c.id)}`);
      const row = new RegExp(`<tr data-control="cis-sscs:${escaped}" data-state="not-covered">.*?</tr>`).exec(html)?.[0] ?? '';
      expect(row, c.id).toContain(`<li>${htmlEscape(reason(c.id))}</li>`);
      const finding = oscalFindings.find((f) => f.props.some((p) => p.name === 'control' && p.value === c.id))!;
      expect(finding.props).toContainEqual({ name: 'manual', value: 'true', ns: expect.any(String) });
      expect(finding.target.status).toMatchObject({ state: 'not-satisfied', remarks: expect.stringContaining(reason(c.id)) });
      expect(tui.find((r) => r.control === c.id)).toMatchObject({
        label: 'NOT COVERED',
        note: expect.stringMatching(new RegExp(`^${reason(c.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( · |$)`)),
      });
    }
    expect(html).toMatch(/cis-sscs<\/b>: 1 of \d+ controls satisfied, \d+ manual/);
  });

  it('a manual control a policy of the run also claims is not added to a report without findings for it (the controls command says NO EVIDENCE)', async () => {
    // PCI DSS 8.2.4 is manual, and a policy maps to it
    const report = await crafted([{ policy_id: 'AR-IDN-002', tool_type: 'github', status: 'pass', frameworks: { 'pci-dss': ['8.4.2'] } }]);
    expect(loadFramework('pci-dss').controls.find((c) => c.id === '8.2.4')?.manual).toBe(true);
    expect(
      reportControls(report)
        .get('pci-dss')!
        .some((r) => r.id === '8.2.4'),
    ).toBe(false);
    expectAgreement(report);
  });
});

/** A crafted report: the demo's run with the given findings. */
async function crafted(findings: Array<Partial<Finding> & Pick<Finding, 'policy_id' | 'tool_type' | 'status' | 'frameworks'>>): Promise<Report> {
  const base = await demoReport();
  const template = base.findings[0]!;
  base.findings = findings.map((f, i) => ({
    ...structuredClone(template),
    tool: `${f.tool_type}/t${i}`,
    resource: null,
    gating: false,
    waiver: undefined,
    ...f,
  }));
  for (const f of base.findings) if (f.waiver === undefined) delete f.waiver;
  return base;
}

const waiver = {
  id: 'EXC-1',
  policy: 'AR-IDN-002',
  tool: 'github/t0',
  justification: 'accepted risk',
  approver: 'Dana (CISO)',
  approved_on: '2026-01-01',
  expires_on: '2027-01-01',
  waived_status: 'fail' as const,
};

describe('control state: one rule', () => {
  it.each<[string, Status[], ControlState]>([
    ['a pass alone', ['pass'], 'satisfied'],
    ['a pass and a not-applicable', ['pass', 'not_applicable'], 'satisfied'],
    ['only not applicable', ['not_applicable', 'not_applicable'], 'not-applicable'],
    ['a waived failure', ['waived'], 'exception'],
    ['a waived failure beside a pass', ['waived', 'pass'], 'exception'],
    ['an unknown beside a pass', ['pass', 'unknown'], 'unknown'],
    ['an unknown beside a waiver', ['waived', 'unknown'], 'unknown'],
    ['an error', ['pass', 'error'], 'failing'],
    ['a fail', ['fail', 'unknown', 'waived'], 'failing'],
    ['nothing in scope', [], 'no-evidence'],
  ])('%s → %s', (_, statuses, state) => {
    expect(
      controlState(
        statuses.map((status) => ({ status })),
        true,
        true,
      ),
    ).toBe(state);
  });

  it('a status this version does not know is never satisfied', () => {
    expect(controlState([{ status: 'pass' }, { status: 'skipped' as Status }], true, true)).toBe('unknown');
  });
});

describe('every view gives the same state for every control', () => {
  it('on the demo', async () => {
    const states = expectAgreement(await demoReport());
    // the demo shows several states, not only one
    expect(new Set(states.values()).size).toBeGreaterThanOrEqual(3);
  });

  it('a control whose only finding is waived is an accepted exception everywhere, with the waiver', async () => {
    const report = await crafted([{ policy_id: 'AR-IDN-002', tool_type: 'github', status: 'waived', frameworks: { soc2: ['CC6.6'] }, waiver }]);
    expect(expectAgreement(report).get('soc2 CC6.6')).toBe('exception');
    const row = reportControls(report)
      .get('soc2')!
      .find((r) => r.id === 'CC6.6')!;
    expect(row.exceptions).toEqual([{ waiver_id: 'EXC-1', approver: 'Dana (CISO)', expires_on: '2027-01-01', policy_id: 'AR-IDN-002', subject: 'github/t0' }]);
    expect(markdownReporter.render(report, { color: false })).toMatch(/CC6\.6 EXCEPTION: .*EXC-1 .*Dana \(CISO\), expires 2027-01-01/);
  });

  it('a control whose findings are all not applicable is not applicable, never satisfied', async () => {
    const report = await crafted([
      { policy_id: 'AR-TIM-001', tool_type: 'github', status: 'not_applicable', frameworks: { 'nist-800-53': ['AU-8'] } },
      { policy_id: 'AR-TIM-001', tool_type: 'jenkins', status: 'not_applicable', frameworks: { 'nist-800-53': ['AU-8'] } },
    ]);
    expect(expectAgreement(report).get('nist-800-53 AU-8')).toBe('not-applicable');
  });

  it('a registry control counts only findings on registries', async () => {
    // CIS SSCS 4.2.5 (anonymous artifact access) is about package registries
    const onGithub = await crafted([
      { policy_id: 'AR-IDN-003', tool_type: 'github', status: 'pass', frameworks: { 'cis-sscs': ['4.2.5'] } },
      { policy_id: 'AR-IDN-003', tool_type: 'jenkins', status: 'fail', frameworks: { 'cis-sscs': ['4.2.5'] } },
    ]);
    expect(expectAgreement(onGithub).get('cis-sscs 4.2.5')).toBe('no-evidence');
    expect(
      reportControls(onGithub)
        .get('cis-sscs')!
        .find((r) => r.id === '4.2.5')!.out_of_scope,
    ).toBe(2);
    const onHarbor = await crafted([
      { policy_id: 'AR-IDN-003', tool_type: 'harbor', status: 'pass', frameworks: { 'cis-sscs': ['4.2.5'] } },
      { policy_id: 'AR-IDN-003', tool_type: 'jenkins', status: 'fail', frameworks: { 'cis-sscs': ['4.2.5'] } },
    ]);
    expect(expectAgreement(onHarbor).get('cis-sscs 4.2.5')).toBe('satisfied');
  });

  it('an unknown beside passes is unknown; a failure anywhere in scope is failing', async () => {
    const report = await crafted([
      { policy_id: 'AR-IDN-002', tool_type: 'github', status: 'pass', frameworks: { soc2: ['CC6.6'], 'pci-dss': ['8.4.2'] } },
      { policy_id: 'AR-IDN-002', tool_type: 'vault', status: 'unknown', frameworks: { soc2: ['CC6.6'], 'pci-dss': ['8.4.2'] } },
      { policy_id: 'AR-IDN-005', tool_type: 'vault', status: 'error', frameworks: { 'pci-dss': ['8.4.2'] } },
    ]);
    const states = expectAgreement(report);
    expect(states.get('soc2 CC6.6')).toBe('unknown');
    expect(states.get('pci-dss 8.4.2')).toBe('failing');
  });

  it('a tool that could not be collected counts as unknown, never satisfied, whatever its findings say', async () => {
    // A policy that reads no fact (or a stale rule) may still pass on a tool whose input broke.
    const report = await crafted([
      { policy_id: 'AR-IDN-002', tool_type: 'github', status: 'pass', frameworks: { soc2: ['CC6.6'] } },
      { policy_id: 'AR-IDN-002', tool_type: 'argocd', status: 'pass', frameworks: { soc2: ['CC6.6'] } },
      { policy_id: 'AR-IDN-005', tool_type: 'argocd', status: 'waived', frameworks: { soc2: ['CC6.1'] }, waiver },
    ]);
    expect(expectAgreement(report).get('soc2 CC6.6')).toBe('satisfied');
    report.collection_errors = [{ tool: 'argocd/t1', message: 'argocd-cm.yaml:14:3: invalid YAML', file: 'argocd-cm.yaml', line: 14 }];
    report.findings[2]!.tool = 'argocd/t1';
    const states = expectAgreement(report);
    expect(states.get('soc2 CC6.6')).toBe('unknown');
    // a waiver does not turn an unreadable tool into an accepted exception
    expect(states.get('soc2 CC6.1')).toBe('unknown');
    const row = reportControls(report)
      .get('soc2')!
      .find((r) => r.id === 'CC6.6')!;
    expect(row.not_collected).toEqual(['argocd/t1']);
    expect(row.policies[0]!.counts).toEqual({ pass: 1, unknown: 1 });
    expect(markdownReporter.render(report, { color: false })).toMatch(/CC6\.6 UNKNOWN: .*not collected: argocd\/t1/);
  });
});
