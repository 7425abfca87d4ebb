import { CONTROL_LABEL, CONTROL_TONE, type ControlAssessment, type ControlState, reportControls } from '../../report/control-state.js';
import { type ControlsView, controlDetails, policyCounts } from '../../report/controls.js';
import type { Report, Status } from '../../report/types.js';

/** One row of the framework screen: a control with its state (src/report/control-state.ts). */
export interface FrameworkRow {
  readonly control: string;
  readonly title: string | null;
  readonly state: ControlState;
  /** SATISFIED / FAILING / EXCEPTION / … */
  readonly label: string;
  /** What colours the label. */
  readonly tone: Status | 'none';
  /** "AR-EVT-001 (2 fail, 3 pass)" per covering policy. */
  readonly policies: readonly string[];
  /** Manual note, scope, exceptions (waiver, approver, expiry), findings outside the scope. */
  readonly note: string | null;
  /** Whether any finding maps to it (Enter lists them). */
  readonly hasFindings: boolean;
}

function row(r: ControlAssessment, mapped: ReadonlySet<string>): FrameworkRow {
  const notes = controlDetails(r);
  return {
    control: r.id,
    title: r.title,
    state: r.state,
    label: CONTROL_LABEL[r.state],
    tone: CONTROL_TONE[r.state],
    policies: r.policies.map(policyCounts),
    note: notes.length ? notes.join(' · ') : null,
    hasFindings: mapped.has(r.id),
  };
}

/**
 * Rows for the framework screen, with the same states as every other view. With the `controls`
 * command's view every catalog control is listed, manual and uncovered ones too; without it, the
 * controls the findings map to.
 */
export function frameworkRows(report: Report, framework: string, view: ControlsView | null): FrameworkRow[] {
  const mapped = new Set(report.findings.flatMap((f) => f.frameworks[framework] ?? []));
  const rows = view ? view.rows : (reportControls(report).get(framework) ?? []);
  return rows.map((r) => row(r, mapped));
}
