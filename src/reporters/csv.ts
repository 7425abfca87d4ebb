// CSV for spreadsheets and data tools: one row per finding, the same columns in the same order in
// every version (new columns are only ever added at the end). RFC 4180: a header row, CRLF line
// ends, a field quoted when it holds a comma, quote, CR or LF (quotes doubled). Spreadsheet
// formula injection (OWASP "CSV Injection"): a cell starting with = + - @ tab or CR is prefixed
// with a single quote, so a value read from a tool is never run as a formula. Every cell passes
// through the redaction of printed text. Rows are written in batches, never as one string.
import { isDeclared } from '../model/provenance.js';
import type { Finding, Report } from '../report/types.js';
import { expectedText, observedText } from '../report/values.js';
import { redactText } from '../util/redact.js';
import { PIECE } from './chunks.js';
import { frameworksText, sourceText } from './common.js';
import { defineReporter, type Reporter } from './types.js';

/** The columns, in order, with how each is read from a finding. */
const COLUMNS: readonly (readonly [string, (f: Finding) => string])[] = [
  ['policy_id', (f) => f.policy_id],
  ['title', (f) => f.title],
  ['pillar', (f) => f.pillar],
  ['tool', (f) => f.tool],
  ['tool_type', (f) => f.tool_type],
  ['resource', (f) => f.resource ?? ''],
  ['status', (f) => f.status],
  ['severity', (f) => f.severity],
  ['gating', (f) => String(f.gating)],
  ['message', (f) => f.message],
  [
    'observed',
    (f) =>
      facts(f)
        .map((k) => `${k}: ${observedText(f.observed[k])}`)
        .join('; '),
  ],
  [
    'expected',
    (f) =>
      facts(f)
        .map((k) => `${k}: ${expectedText(f.expected[k])}`)
        .join('; '),
  ],
  // where each fact was read (file:line or endpoint), else where the snapshot came from
  ['source', (f) => (f.evidence.sources?.length ? f.evidence.sources.map(sourceText).join('; ') : f.evidence.location)],
  ['collected_at', (f) => f.evidence.collected_at],
  ['declared', (f) => String(isDeclared(f.evidence))],
  ['controls', (f) => frameworksText(f.frameworks)],
  ['waiver_id', (f) => f.waiver?.id ?? ''],
];

/** The header row's column names (README "Output formats"). */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

function facts(f: Finding): string[] {
  return Object.keys({ ...f.expected, ...f.observed }).sort();
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV Injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field (redacted already): defused as a formula, quoted when it must be (RFC 4180). */
function csvField(value: string): string {
  const v = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * The cells redacted as printed text. One pass over the row's cells as lines (no pattern of
 * redactText crosses a line end but a PEM block's), cell by cell when that does not give the same
 * cells back: a tenth of the time on a large estate.
 */
function redactCells(cells: readonly string[]): readonly string[] {
  const joined = cells.join('\n');
  const redacted = redactText(joined);
  if (redacted === joined) return cells;
  const parts = redacted.split('\n');
  return parts.length === cells.length && !cells.some((c) => c.includes('\n')) ? parts : cells.map((c) => redactText(c));
}

function row(cells: readonly string[]): string {
  return `${redactCells(cells).map(csvField).join(',')}\r\n`;
}

function* render(report: Report): Generator<string> {
  let batch = row(CSV_COLUMNS);
  for (const f of report.findings) {
    batch += row(COLUMNS.map(([, read]) => read(f)));
    if (batch.length >= PIECE) {
      yield batch;
      batch = '';
    }
  }
  yield batch;
}

export const csvReporter: Reporter = defineReporter({
  name: 'csv',
  extension: 'csv',
  chunks: render,
});
