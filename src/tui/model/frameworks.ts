import { STATUSES, type Report, type Status } from '../../report/types.js';
import { naturalCompare } from './findings-view.js';

export interface CoveringPolicy {
  readonly policy_id: string;
  readonly title: string;
  /** The worst status over the policy's findings that map to this control. */
  readonly status: Status;
  readonly findings: number;
}

export interface ControlRow {
  readonly control: string;
  readonly status: Status;
  readonly policies: readonly CoveringPolicy[];
  readonly counts: Readonly<Record<Status, number>>;
}

/** Worst first, in STATUSES order (fail, error, unknown, waived, pass, not_applicable). */
export function worst(a: Status, b: Status): Status {
  return STATUSES.indexOf(a) <= STATUSES.indexOf(b) ? a : b;
}

/** The controls of one framework that the report's findings map to, with covering policies and status. */
export function frameworkControls(report: Report, framework: string): ControlRow[] {
  const rows = new Map<string, { counts: Record<Status, number>; status: Status; policies: Map<string, { title: string; status: Status; findings: number }> }>();
  for (const f of report.findings) {
    for (const control of f.frameworks[framework] ?? []) {
      let row = rows.get(control);
      if (!row) {
        row = { counts: { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 }, status: f.status, policies: new Map() };
        rows.set(control, row);
      }
      row.counts[f.status]++;
      row.status = worst(row.status, f.status);
      const p = row.policies.get(f.policy_id);
      if (p) {
        p.status = worst(p.status, f.status);
        p.findings++;
      } else row.policies.set(f.policy_id, { title: f.title, status: f.status, findings: 1 });
    }
  }
  return [...rows]
    .sort(([a], [b]) => naturalCompare(a, b))
    .map(([control, r]) => ({
      control,
      status: r.status,
      counts: r.counts,
      policies: [...r.policies].sort(([a], [b]) => naturalCompare(a, b)).map(([policy_id, p]) => ({ policy_id, ...p })),
    }));
}
