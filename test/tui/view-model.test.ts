import { beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES } from '../../src/report/types.js';
import { atOrAbove } from '../../src/report/gating.js';
import type { Report } from '../../src/report/types.js';
import { findingToText, osc52, slug, viewToJson, viewToMarkdown } from '../../src/tui/view-model/export.js';
import {
  applyView,
  countStatuses,
  cycleFilter,
  DEFAULT_SORT,
  describeFilters,
  indexReport,
  naturalCompare,
  NO_FILTERS,
  type FindingIndex,
} from '../../src/tui/view-model/findings-view.js';
import { frameworkRows } from '../../src/tui/view-model/frameworks.js';
import { labelTypes, remediationParagraphs } from '../../src/tui/view-model/remediation.js';
import { controlsView, loadFramework } from '../../src/report/controls.js';
import { readCatalog } from '../../src/tui/load.js';
import { cellKey, cellStatus, overviewOf } from '../../src/tui/view-model/overview.js';
import { evidenceValues, resolvePointer } from '../../src/tui/view-model/pointer.js';
import { detailLines, wrap } from '../../src/tui/screens/detail-lines.js';
import { demoReport, emptyReport, multiplyReport } from '../helpers/reports.js';

let report: Report;
let index: FindingIndex;
beforeAll(async () => {
  report = await demoReport();
  index = indexReport(report);
});

const pick = (view: number[]) => view.map((i) => report.findings[i]!);

describe('findings view (filters, search, sort)', () => {
  it('without filters keeps every finding, worst severity first', () => {
    const view = applyView(index, NO_FILTERS, DEFAULT_SORT);
    expect(view).toHaveLength(report.findings.length);
    const sev = pick(view).map((f) => f.severity);
    expect(sev.indexOf('low')).toBeGreaterThan(sev.lastIndexOf('critical'));
  });

  it('filters combine: failing findings of high severity and above (as the gate reads --fail-on high) of one tool', () => {
    const f = { ...NO_FILTERS, status: 'fail' as const, severity: 'high' as const, tool: 'jenkins/ci-prod' };
    const got = pick(applyView(index, f, DEFAULT_SORT));
    const want = report.findings.filter((x) => x.status === 'fail' && ['critical', 'high'].includes(x.severity) && x.tool === 'jenkins/ci-prod');
    expect(want.some((x) => x.severity === 'critical')).toBe(true);
    expect(want.some((x) => x.severity === 'high')).toBe(true);
    expect(describeFilters(f)).toBe('status=fail severity=high and above tool=jenkins/ci-prod');
    expect(describeFilters({ ...NO_FILTERS, severity: 'critical' })).toBe('severity=critical');
    // every severity threshold keeps exactly what the gate would count at that --fail-on
    for (const sev of SEVERITIES) {
      const view = pick(applyView(index, { ...NO_FILTERS, severity: sev }, DEFAULT_SORT));
      expect(view).toHaveLength(report.findings.filter((x) => atOrAbove(x.severity, sev)).length);
    }
    expect(got).toEqual(expect.arrayContaining(want));
    expect(got).toHaveLength(want.length);
  });

  it('filters by framework and control', () => {
    const control = index.facets.controls['pci-dss']![0]!;
    const got = pick(applyView(index, { ...NO_FILTERS, framework: 'pci-dss', control }, DEFAULT_SORT));
    expect(got.length).toBeGreaterThan(0);
    for (const f of got) expect(f.frameworks['pci-dss']).toContain(control);
    expect(got).toHaveLength(report.findings.filter((f) => f.frameworks['pci-dss']?.includes(control)).length);
  });

  it('search matches every term, case-insensitively, across id, title, tool, message and controls', () => {
    const text = (f: Report['findings'][number]) =>
      [
        f.policy_id,
        f.policy,
        f.title,
        f.pillar,
        f.tool,
        f.resource ?? '',
        f.status,
        f.severity,
        f.message,
        ...Object.entries(f.frameworks).flatMap(([k, ids]) => ids.map((i) => `${k}:${i}`)),
      ]
        .join('\u0000')
        .toLowerCase();
    const got = pick(applyView(index, { ...NO_FILTERS, query: 'SSO  Jenkins' }, DEFAULT_SORT));
    const want = report.findings.filter((f) => text(f).includes('sso') && text(f).includes('jenkins'));
    expect(want.length).toBeGreaterThan(0);
    expect(got).toHaveLength(want.length);
    expect(pick(applyView(index, { ...NO_FILTERS, query: 'pci-dss:10' }, DEFAULT_SORT)).length).toBeGreaterThan(0);
    expect(applyView(index, { ...NO_FILTERS, query: 'no-such-thing-anywhere' }, DEFAULT_SORT)).toEqual([]);
  });

  it('sorts by each key, reversible, with a deterministic order', () => {
    const byTool = pick(applyView(index, NO_FILTERS, { key: 'tool', descending: false })).map((f) => f.tool);
    expect(byTool).toEqual([...byTool].sort(naturalCompare));
    const rev = pick(applyView(index, NO_FILTERS, { key: 'tool', descending: true })).map((f) => f.tool);
    expect(rev[0]).toBe(byTool.at(-1));
    expect(applyView(index, NO_FILTERS, { key: 'policy', descending: false })).toEqual(applyView(index, NO_FILTERS, { key: 'policy', descending: false }));
  });

  it('counts statuses of the view and cycles filter values through "any"', () => {
    const view = applyView(index, { ...NO_FILTERS, status: 'fail' }, DEFAULT_SORT);
    expect(countStatuses(report, view)).toMatchObject({ fail: view.length, pass: 0 });
    let f = cycleFilter(index.facets, NO_FILTERS, 'status', 1);
    expect(f.status).toBe(index.facets.status[0]);
    f = cycleFilter(index.facets, f, 'status', -1);
    expect(f.status).toBeNull();
    const withControl = { ...NO_FILTERS, framework: 'soc2', control: 'CC6.1' };
    expect(cycleFilter(index.facets, withControl, 'framework', 1).control).toBeNull();
    expect(describeFilters({ ...withControl, query: 'sso' })).toBe('framework=soc2 control=CC6.1 search="sso"');
  });

  it('orders controls naturally', () => {
    expect(['10.2', '2.1', '10.10', '10.2.1'].sort(naturalCompare)).toEqual(['2.1', '10.2', '10.2.1', '10.10']);
  });
});

describe('overview, frameworks, pointers', () => {
  it('grid cells count pass/fail/unknown per tool and pillar, and the score excludes n/a and waived', () => {
    const ov = overviewOf(report);
    const f = report.findings.find((x) => x.status === 'fail')!;
    const cell = ov.cells.get(cellKey(f.tool, f.pillar))!;
    expect(cell.fail).toBe(report.findings.filter((x) => x.tool === f.tool && x.pillar === f.pillar && x.status === 'fail').length);
    expect(cellStatus(cell)).toBe(cell.error ? 'error' : 'fail');
    const s = report.summary.by_status;
    expect(ov.score).toBeCloseTo((100 * s.pass) / (report.findings.length - s.not_applicable - s.waived), 0);
    expect(ov.bySeverity.reduce((n, x) => n + x.total, 0)).toBe(report.findings.length);
    expect(overviewOf(emptyReport(report)).score).toBeNull();
  });

  it('framework rows: every catalog control (as the controls command), or only the mapped and manual ones without catalogs', () => {
    const view = controlsView(loadFramework('soc2'), readCatalog()!, report.findings);
    const rows = frameworkRows(report, 'soc2', view);
    expect(rows.map((r) => r.control)).toEqual(view.rows.map((r) => r.id));
    const failing = view.rows.find((r) => r.state === 'failing');
    if (failing) expect(rows.find((r) => r.control === failing.id)).toMatchObject({ label: 'FAILING', tone: 'fail', title: failing.title });
    for (const r of rows) expect(r.hasFindings).toBe(report.findings.some((f) => f.frameworks.soc2?.includes(r.control)));
    const fallback = frameworkRows(report, 'soc2', null);
    const mapped = fallback.filter((r) => r.hasFindings);
    expect(mapped.map((r) => r.control).sort(naturalCompare)).toEqual(index.facets.controls.soc2);
    expect(mapped.every((r) => r.title !== null)).toBe(true);
    // the others are the framework's manual controls no policy claims, with their reason
    const manual = fallback.filter((r) => !r.hasFindings);
    expect(manual.every((r) => r.label === 'NOT COVERED' && r.note?.startsWith('manual: '))).toBe(true);
  });

  it('resolves RFC 6901 pointers, including escapes and array indices', () => {
    const doc = { a: { 'b/c': [10, { '~x': 1 }] } };
    expect(resolvePointer(doc, '/a/b~1c/0')).toEqual({ found: true, value: 10 });
    expect(resolvePointer(doc, '/a/b~1c/1/~0x')).toEqual({ found: true, value: 1 });
    expect(resolvePointer(doc, '/a/missing').found).toBe(false);
    expect(resolvePointer(doc, '/a/b~1c/7').found).toBe(false);
    expect(resolvePointer(doc, '').value).toBe(doc);
  });

  it('reads the evidence value from report.snapshots', () => {
    const f = report.findings.find((x) => x.evidence.pointers.length > 0 && x.status === 'fail')!;
    const snap = report.snapshots.find((s) => s.id === f.tool)!;
    const [v] = evidenceValues(report, f);
    expect(v!.found).toBe(true);
    expect(JSON.parse(v!.text)).toEqual(resolvePointer(snap, f.evidence.pointers[0]!).value);
    expect(evidenceValues(emptyReport(report), f)[0]!.text).toMatch(/no snapshot/);
  });
});

describe('export and copy text', () => {
  it('Markdown names the filters and has one row per finding', () => {
    const view = pick(applyView(index, { ...NO_FILTERS, status: 'fail' }, DEFAULT_SORT));
    const md = viewToMarkdown(report, view, { ...NO_FILTERS, status: 'fail' }, DEFAULT_SORT);
    expect(md).toContain('- Filters: status=fail');
    expect(md).toContain(`- Findings: ${view.length} of ${report.findings.length}`);
    expect(md.split('\n').filter((l) => l.startsWith('| fail |'))).toHaveLength(view.length);
  });

  it('JSON keeps the findings exactly as in the report', () => {
    const view = pick(applyView(index, { ...NO_FILTERS, severity: 'high' }, DEFAULT_SORT));
    const json = JSON.parse(viewToJson(report, view, { ...NO_FILTERS, severity: 'high' }, DEFAULT_SORT));
    expect(json.count).toBe(view.length);
    expect(json.findings).toEqual(view);
    expect(json.filters).toMatchObject({ severity: 'high', query: null });
  });

  it('copy text carries observed, expected, evidence, remediation, frameworks and the waiver', () => {
    const f = report.findings.find((x) => x.status === 'fail')!;
    const text = findingToText(report, f, 'A description.');
    expect(text).toContain(f.evidence.sha256);
    expect(text).toContain(f.evidence.collected_at);
    expect(text).toContain('A description.');
    expect(text).toContain(f.remediation.split('\n')[0]);
    const waived = {
      ...f,
      status: 'waived' as const,
      waiver: {
        id: 'W-1',
        policy: f.policy_id,
        tool: f.tool,
        justification: 'migrating',
        approver: 'ciso@acme',
        approved_on: '2026-11-01',
        expires_on: '2027-01-31',
        waived_status: 'fail' as const,
      },
    };
    expect(findingToText(report, waived)).toMatch(/waiver: W-1 approved by ciso@acme on 2026-11-01, until 2027-01-31/);
    expect(slug('AR-IDN-001', 'github/acme', '')).toBe('AR-IDN-001-github-acme');
    expect(osc52('hi')).toBe('\u001B]52;c;aGk=\u0007');
  });
});

describe('detail lines', () => {
  it('wraps to the width with indented continuations', () => {
    const out = wrap('  alpha beta gamma delta epsilon zeta eta theta', 20);
    for (const l of out) expect(l.length).toBeLessThanOrEqual(20);
    expect(out.join(' ').replace(/\s+/g, ' ').trim()).toBe('alpha beta gamma delta epsilon zeta eta theta');
    expect(out[1]).toMatch(/^ {4}\S/);
  });

  it('has every section, within the width', () => {
    const f = report.findings.find((x) => x.status === 'unknown' && x.gaps.length > 0) ?? report.findings[0]!;
    const lines = detailLines(report, f, 80, 'desc');
    const text = lines.map((l) => l.text).join('\n');
    for (const h of ['Description', 'Observed vs expected', 'Evidence', 'Remediation', 'Framework controls']) expect(text).toContain(h);
    if (f.gaps.length) expect(text).toContain('Gaps');
    for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(80);
  });
});

describe('detail: where each fact was read', () => {
  it('shows the file:line (or documented default) under the fact it sourced', () => {
    const base = report.findings.find((x) => x.evidence.pointers.includes('/identity/anonymous_access'))!;
    const f = {
      ...base,
      evidence: {
        ...base.evidence,
        sources: [
          {
            fact: 'identity.anonymous_access',
            file: 'argocd/argocd-cm.yaml',
            line: 14,
            column: 3,
            pointer: '/data/users.anonymous.enabled',
            default: 'off unless "true"',
          },
        ],
      },
    };
    const text = detailLines(report, f, 120).map((l) => l.text);
    const at = text.findIndex((l) => l.trim() === '/identity/anonymous_access');
    expect(text.slice(at, at + 3).join('\n')).toContain(
      'read at argocd/argocd-cm.yaml:14:3 /data/users.anonymous.enabled (documented default: off unless "true")',
    );
  });
});

describe('synthetic reports', () => {
  it('multiplyReport gives exactly n findings whose evidence resolves', () => {
    const big = multiplyReport(report, 1000);
    expect(big.findings).toHaveLength(1000);
    const f = big.findings.at(-1)!;
    if (f.evidence.pointers.length) expect(evidenceValues(big, f)[0]!.found).toBe(true);
  });
});

describe('remediation paragraphs', () => {
  const text = [
    'Limit who administers the tool; review the list every 6 months',
    '(PCI DSS 7.2.4).',
    'GitHub: reduce organization owners',
    'and enterprise owners.',
    'Vault/OpenBao: remove policies with path "*".',
    'Argo CD: limit "g, X, role:admin" lines in policy.csv. Harbor: limit sysadmin_flag users.',
    'chrony: `server <host> iburst nts`.',
  ].join('\n');

  it("puts the finding's own tool first, then the general text, then the others; lines joined into paragraphs", () => {
    const ps = remediationParagraphs(text, 'openbao');
    expect(ps.map((p) => [p.label, p.own])).toEqual([
      ['Vault/OpenBao', true],
      [null, false],
      ['GitHub', false],
      ['Argo CD', false],
      ['Harbor', false],
      ['chrony', false],
    ]);
    expect(ps[1]!.text).toBe('Limit who administers the tool; review the list every 6 months (PCI DSS 7.2.4).');
    expect(ps[2]!.text).toBe('reduce organization owners and enterprise owners.');
    expect(ps[3]!.text).toBe('limit "g, X, role:admin" lines in policy.csv.');
    expect(remediationParagraphs(text, 'harbor')[0]).toEqual({ label: 'Harbor', text: 'limit sysadmin_flag users.', own: true });
    expect(remediationParagraphs(text, 'chrony')[0]!.label).toBe('chrony');
    // a tool the text does not name: the text in its own order
    expect(remediationParagraphs(text, 'loki').map((p) => p.label)).toEqual([null, 'GitHub', 'Vault/OpenBao', 'Argo CD', 'Harbor', 'chrony']);
  });

  it('labels name tool types', () => {
    expect(labelTypes('Vault/OpenBao')).toEqual(['vault', 'openbao']);
    expect(labelTypes('GitHub Enterprise Cloud')).toEqual(['github']);
    expect(labelTypes('GitLab (self-managed)')).toEqual(['gitlab']);
    expect(labelTypes('Argo CD / Harbor')).toEqual(['argocd', 'harbor']);
    expect(labelTypes('CloudWatch Logs')).toEqual(['cloudwatch']);
    expect(labelTypes('Other tools')).toEqual([]);
  });
});
