import { describe, expect, it } from 'vitest';
import { tableReporter } from '../../src/reporters/table.js';
import { maxOf } from '../../src/util/max.js';
import { demoReport, multiplyReport } from '../helpers/report.js';

describe('table reporter', () => {
  it('renders 200,000 findings (more than a call can take as spread arguments) with the tool column fitted to the longest subject', async () => {
    const report = multiplyReport(await demoReport(), 200_000);
    const longest = report.findings.reduce((a, f) => (f.tool.length > a.tool.length ? f : a));
    longest.resource = 'r'.repeat(40);
    const text = tableReporter.render(report, { color: false });
    const lines = text.split('\n');
    expect(lines.filter((l) => /^ {2}(PASS|FAIL|UNKNOWN|N\/A|ERROR|WAIVED) /.test(l))).toHaveLength(200_000);
    const subject = `${longest.tool}:${longest.resource}`;
    const row = lines.find((l) => l.includes(subject))!;
    // status 8 + severity 9 + policy 11 columns, then the subject padded by two spaces
    expect(row.slice(2 + 8 + 9 + 11)).toMatch(new RegExp(`^${subject.replace(/[/.]/g, '\\$&')} {2}\\S`));
  });

  it('maxOf takes the floor for no items and never spreads its input', () => {
    expect(maxOf([], (x: number) => x, 5)).toBe(5);
    expect(maxOf([3, 9, 4], (x) => x, 5)).toBe(9);
    const many = Array.from({ length: 500_000 }, (_, i) => i);
    expect(maxOf(many, (x) => x)).toBe(499_999);
  });
});
