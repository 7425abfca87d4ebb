import { SEVERITIES, type Severity } from '../../report/types.js';
import type { Report, Status } from '../../report/types.js';
import { naturalCompare, orderPillars } from './findings-view.js';

/** Counts in one pillar × tool cell of the overview grid. */
export interface Cell {
  pass: number;
  fail: number;
  unknown: number;
  /** error, waived and not_applicable findings. */
  other: number;
  error: number;
}

export interface Overview {
  readonly tools: readonly string[];
  readonly pillars: readonly string[];
  /** `${tool}\u0000${pillar}` → counts; absent when no policy covers that pair. */
  readonly cells: ReadonlyMap<string, Cell>;
  /** pass ÷ (findings that are neither not_applicable nor waived), 0–100, or null when there are none. */
  readonly score: number | null;
  /** Per severity: how many findings fail, are unknown or error (and how many exist). */
  readonly bySeverity: readonly { severity: Severity; fail: number; unknown: number; error: number; total: number }[];
  readonly byStatus: Readonly<Record<Status, number>>;
}

export function cellKey(tool: string, pillar: string): string {
  return `${tool}\u0000${pillar}`;
}

/** Summarize a report for the overview screen (reads only report.findings). */
export function overviewOf(report: Report): Overview {
  const tools = new Set<string>();
  const pillars = new Set<string>();
  const cells = new Map<string, Cell>();
  const byStatus: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 };
  const sev = new Map(SEVERITIES.map((s) => [s, { severity: s, fail: 0, unknown: 0, error: 0, total: 0 }]));
  for (const f of report.findings) {
    tools.add(f.tool);
    pillars.add(f.pillar);
    byStatus[f.status]++;
    const key = cellKey(f.tool, f.pillar);
    let cell = cells.get(key);
    if (!cell) {
      cell = { pass: 0, fail: 0, unknown: 0, other: 0, error: 0 };
      cells.set(key, cell);
    }
    if (f.status === 'pass' || f.status === 'fail' || f.status === 'unknown') cell[f.status]++;
    else cell.other++;
    if (f.status === 'error') cell.error++;
    const s = sev.get(f.severity);
    if (s) {
      s.total++;
      if (f.status === 'fail' || f.status === 'unknown' || f.status === 'error') s[f.status]++;
    }
  }
  const scored = report.findings.length - byStatus.not_applicable - byStatus.waived;
  return {
    tools: [...tools].sort(naturalCompare),
    pillars: orderPillars([...pillars]),
    cells,
    score: scored > 0 ? Math.round((byStatus.pass / scored) * 1000) / 10 : null,
    bySeverity: [...sev.values()],
    byStatus,
  };
}

/** The status a cell is coloured by: the worst it holds. */
export function cellStatus(cell: Cell | undefined): 'none' | 'error' | 'fail' | 'unknown' | 'pass' | 'other' {
  if (!cell) return 'none';
  if (cell.error > 0) return 'error';
  if (cell.fail > 0) return 'fail';
  if (cell.unknown > 0) return 'unknown';
  if (cell.pass > 0) return 'pass';
  return 'other';
}

/** Run time in seconds from the report's run timestamps, or null when they do not parse. */
export function runSeconds(report: Report): number | null {
  const ms = Date.parse(report.run.finished_at) - Date.parse(report.run.started_at);
  return Number.isFinite(ms) ? ms / 1000 : null;
}
