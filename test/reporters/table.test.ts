import { describe, expect, it } from 'vitest';
import { tableReporter } from '../../src/reporters/table.js';
import { maxOf } from '../../src/util/max.js';
import { PILLAR_TITLES } from '../../src/reporters/common.js';
import { demoReport, multiplyReport } from '../helpers/reports.js';

const ROW = /^ {2}(PASS|FAIL|UNKNOWN|N\/A|ERROR|WAIVED) /;

describe('table reporter', () => {
  it('renders 200,000 findings (more than a call can take as spread arguments) with the tool column fitted to the longest subject', async () => {
    const report = multiplyReport(await demoReport(), 200_000);
    const longest = report.findings.reduce((a, f) => (f.tool.length > a.tool.length ? f : a));
    longest.resource = 'r'.repeat(40);
    const text = tableReporter.render(report, { color: false, show: 'all' });
    const lines = text.split('\n');
    expect(lines.filter((l) => /^ {2}(PASS|FAIL|UNKNOWN|N\/A|ERROR|WAIVED) /.test(l))).toHaveLength(200_000);
    const subject = `${longest.tool}:${longest.resource}`;
    const row = lines.find((l) => l.includes(subject))!;
    // status 8 + severity 9 + policy 11 columns, then the subject padded by two spaces
    expect(row.slice(2 + 8 + 9 + 11)).toMatch(new RegExp(`^${subject.replace(/[/.]/g, '\\$&')} {2}\\S`));
  });

  it('lists what needs attention by default, with a summary line per pillar; --show all lists every finding', async () => {
    const report = await demoReport();
    // a pillar where everything passes: only its summary line
    for (const f of report.findings) if (f.pillar === 'time') f.status = 'pass';
    const text = tableReporter.render(report, { color: false });
    const rows = text.split('\n').filter((l) => ROW.test(l));
    const attention = report.findings.filter((f) => !['pass', 'not_applicable'].includes(f.status));
    expect(rows).toHaveLength(attention.length);
    expect(rows.some((l) => /^ {2}(PASS|N\/A) /.test(l))).toBe(false);
    for (const s of ['FAIL', 'UNKNOWN', 'WAIVED'])
      expect(
        rows.some((l) => l.startsWith(`  ${s} `)),
        s,
      ).toBe(true);
    for (const pillar of new Set(report.findings.map((f) => f.pillar))) {
      const fs = report.findings.filter((f) => f.pillar === pillar);
      const n = (s: string) => fs.filter((f) => f.status === s).length;
      const line = text.split('\n').find((l) => l.startsWith(`${PILLAR_TITLES[pillar]}: `));
      expect(line, pillar).toBeDefined();
      expect(line).toContain(`${fs.length} findings`);
      if (n('pass')) expect(line).toContain(`${n('pass')} pass`);
      if (n('fail')) expect(line).toContain(`${n('fail')} fail`);
      if (n('not_applicable')) expect(line).toContain(`${n('not_applicable')} not applicable`);
    }
    const time = text.split('\n').findIndex((l) => l.startsWith(`${PILLAR_TITLES.time}: `));
    expect(text.split('\n')[time]).toMatch(/findings, \d+ pass$/);
    expect(text.split('\n')[time + 1]).not.toMatch(/STATUS/);
    const hidden = report.findings.length - attention.length;
    expect(text).toContain(`${hidden} passing and not-applicable findings are counted above but not listed (--show all lists them)`);
    // the totals and the gate still count everything
    expect(text).toContain(`${report.summary.total} findings:`);

    const all = tableReporter.render(report, { color: false, show: 'all' });
    expect(all.split('\n').filter((l) => ROW.test(l))).toHaveLength(report.findings.length);
    expect(all).not.toContain('--show all');
  });

  it('a status this version does not know is listed (fail closed)', async () => {
    const report = await demoReport();
    (report.findings[0] as { status: string }).status = 'broken';
    const text = tableReporter.render(report, { color: false });
    expect(text).toMatch(/^ {2}BROKEN /m);
  });

  it('maxOf takes the floor for no items and never spreads its input', () => {
    expect(maxOf([], (x: number) => x, 5)).toBe(5);
    expect(maxOf([3, 9, 4], (x) => x, 5)).toBe(9);
    const many = Array.from({ length: 500_000 }, (_, i) => i);
    expect(maxOf(many, (x) => x)).toBe(499_999);
  });
});
