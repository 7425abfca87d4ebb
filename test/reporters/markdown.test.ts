import { describe, expect, it } from 'vitest';
import { MARKDOWN_BUDGET, markdownReporter } from '../../src/reporters/markdown.js';
import type { Finding } from '../../src/report/types.js';
import { richReport } from '../helpers/reports.js';

describe('markdown reporter', () => {
  it('summary counts, failing findings first, details collapsed', async () => {
    const report = await richReport();
    const md = markdownReporter.render(report, { color: false });
    const s = report.summary.by_status;
    expect(md).toMatch(/^## auditready: ❌ FAIL \(\d+ gating\)/);
    expect(md).toContain(`| ${s.pass} | ${s.fail} | ${s.unknown} | ${s.error} | ${s.waived} | ${s.not_applicable} | ${report.summary.gating} |`);
    const failing = md.indexOf('### Failing');
    const passing = md.indexOf('<summary>Passing');
    expect(failing).toBeGreaterThan(0);
    expect(passing).toBeGreaterThan(failing);
    // the failing table lists gating findings before non-gating ones
    const section = md.slice(failing, md.indexOf('\n\n', md.indexOf('|---', failing)));
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Status'));
    const problems = report.findings.filter((f) => ['fail', 'unknown', 'error'].includes(f.status));
    expect(rows).toHaveLength(problems.length);
    const firstNonGating = rows.findIndex((r) => !r.includes('gates'));
    expect(rows.slice(firstNonGating).some((r) => r.includes('gates'))).toBe(false);
    expect(rows[0]).toMatch(/ERROR · gates/);
    // every <details> is closed, and the waiver is shown
    expect(md.match(/<details>/g)!.length).toBe(md.match(/<\/details>/g)!.length);
    expect(md).toContain('<summary>Waived (');
    expect(md).toMatch(/\| 🛡️ WAIVED \| high \| AR-RET-001 \| github\/acme \| .*\(waived by EXC-2026-014 until 2027-03-31, approved by .+\) \|/);
    // controls at stake, per framework, before the findings
    expect(md.indexOf('<summary>Controls not satisfied</summary>')).toBeLessThan(failing);
    expect(md).toMatch(/^\| nist-800-53 \| \d+ of \d+ \| \d+ \| .*AU-11 FAILING: .*AR-RET-001 \(/m);
    // waiver warnings (the demo has an expired waiver) are called out
    expect(report.warnings?.length).toBeGreaterThan(0);
    for (const w of report.warnings!) expect(md).toContain(`> ⚠️ ${w.message}`);
    // table cells are escaped
    expect(md).toContain('default permission &lt;write> & "admin"');
  });

  it('stays under the pull-request comment limit and says what it left out', async () => {
    const report = structuredClone(await richReport());
    const f = report.findings.find((x) => x.status === 'fail')!;
    const many: Finding[] = Array.from({ length: 400 }, (_, i) => ({ ...f, resource: `repo-${i}`, remediation: 'x'.repeat(300) }));
    report.findings.push(...many);
    const md = markdownReporter.render(report, { color: false });
    expect(md.length).toBeLessThan(65_536);
    expect(md.length).toBeGreaterThan(MARKDOWN_BUDGET / 2);
    expect(md).toMatch(/_\d+ more findings left out/);
  });
});
