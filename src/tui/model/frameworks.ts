import { CONTROL_LABEL, type ControlStatus, type ControlsView } from '../../report/controls.js';
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
  const rows = new Map<
    string,
    { counts: Record<Status, number>; status: Status; policies: Map<string, { title: string; status: Status; findings: number }> }
  >();
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

/** One row of the framework screen, from the framework catalog when there is one, else from the findings. */
export interface FrameworkRow {
  readonly control: string;
  readonly title: string | null;
  /** COVERED / FAILING / … (catalog), or the worst finding status. */
  readonly label: string;
  /** What colours the label. */
  readonly tone: Status | 'other' | 'none';
  /** "AR-EVT-001 (2 fail, 3 pass)" per covering policy. */
  readonly policies: readonly string[];
  readonly note: string | null;
  /** Whether any finding maps to it (Enter lists them). */
  readonly hasFindings: boolean;
}

const CONTROL_TONE: Record<ControlStatus, FrameworkRow['tone']> = {
  covered: 'pass',
  failing: 'fail',
  unknown: 'unknown',
  'no-evidence': 'other',
  mapped: 'other',
  'not-covered': 'none',
};

/**
 * Rows for the framework screen. With the framework catalog (`controls` command's view) every control is
 * listed, manual and uncovered ones too; without it, the controls the findings map to.
 */
export function frameworkRows(report: Report, framework: string, view: ControlsView | null): FrameworkRow[] {
  const mapped = new Set(report.findings.flatMap((f) => f.frameworks[framework] ?? []));
  if (view) {
    return view.rows.map((r) => ({
      control: r.id,
      title: r.title,
      label: CONTROL_LABEL[r.status],
      tone: CONTROL_TONE[r.status],
      policies: r.policies.map((p) => {
        const c = Object.entries(p.counts)
          .sort(([a], [b]) => STATUSES.indexOf(a as Status) - STATUSES.indexOf(b as Status))
          .map(([s, n]) => `${n} ${s}`)
          .join(', ');
        return c ? `${p.id} (${c})` : p.id;
      }),
      note: r.manual ? `manual: ${r.note ?? 'needs human evidence'}` : null,
      hasFindings: mapped.has(r.id),
    }));
  }
  return frameworkControls(report, framework).map((r) => ({
    control: r.control,
    title: null,
    label: r.status.toUpperCase().replace('NOT_APPLICABLE', 'N/A'),
    tone: r.status,
    policies: r.policies.map((p) => `${p.policy_id} (${p.status})`),
    note: null,
    hasFindings: true,
  }));
}
