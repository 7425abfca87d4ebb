// The one answer to "is this control satisfied?". `controls`, Markdown, HTML, OSCAL and the
// terminal UI all take a control's state from here (README "Control states").
import { TOOL_TYPES } from '../model/tool-types.js';
import type { Category } from '../model/types.js';
import { heldFrameworks, type PolicyEntry } from '../policy/catalog.js';
import { naturalCompare } from '../util/compare.js';
import { type FrameworkCatalog, type FrameworkControl, frameworkCatalog } from './frameworks.js';
import { unreadableStatus } from './fail-closed.js';
import { type Finding, type Report, STATUSES, type Status } from './types.js';

/**
 * A control's state, worst first:
 * - failing: a covering policy fails or errors on a tool in the control's scope;
 * - unknown: nothing fails, but a covering finding in scope is unknown (a fact could not be read),
 *   or is on a tool whose input could not be read at all (a collection error: whatever its
 *   findings say, they count as unknown, never as a pass);
 * - exception: nothing fails or is unknown, but a failure is waived: an accepted exception, with
 *   the waiver's id, approver and expiry — never plain satisfied;
 * - satisfied: at least one covering policy passed on a tool in scope, and nothing else is wrong;
 * - not-applicable: every covering finding in scope is not applicable (nothing proves the control);
 * - no-evidence: policies cover it, but no tool in its scope produced a finding;
 * - mapped: policies cover it and there is no run to take a state from;
 * - not-covered: no policy evidences it (manual controls say why).
 */
export type ControlState = 'failing' | 'unknown' | 'exception' | 'satisfied' | 'not-applicable' | 'no-evidence' | 'mapped' | 'not-covered';

export const CONTROL_STATES: readonly ControlState[] = [
  'failing',
  'unknown',
  'exception',
  'satisfied',
  'not-applicable',
  'no-evidence',
  'mapped',
  'not-covered',
];

/** The rule in one sentence, for reports that explain their framework view. */
export const CONTROL_RULE =
  'A control is satisfied only when a policy mapped to it passed on a tool in its scope and nothing mapped to it fails, errors or is unknown there; a waived failure makes it an accepted exception, and findings that are all not applicable make it not applicable, never satisfied.';

/** How each state is written in tables, reports and the terminal UI. */
export const CONTROL_LABEL: Record<ControlState, string> = {
  failing: 'FAILING',
  unknown: 'UNKNOWN',
  exception: 'EXCEPTION',
  satisfied: 'SATISFIED',
  'not-applicable': 'NOT APPLICABLE',
  'no-evidence': 'NO EVIDENCE',
  mapped: 'MAPPED',
  'not-covered': 'NOT COVERED',
};

/** The finding status whose colour a state takes (views colour states like statuses). */
export const CONTROL_TONE: Record<ControlState, Status | 'none'> = {
  failing: 'fail',
  unknown: 'unknown',
  exception: 'waived',
  satisfied: 'pass',
  'not-applicable': 'not_applicable',
  'no-evidence': 'not_applicable',
  mapped: 'none',
  'not-covered': 'none',
};

/** Whether a finding counts for a control: its tool's category is in the control's scope (no scope: every tool). */
export function inScope(scope: readonly Category[] | undefined, f: Pick<Finding, 'tool_type'>): boolean {
  if (!scope || scope.length === 0) return true;
  const category = (TOOL_TYPES as Record<string, Category | undefined>)[f.tool_type];
  return category !== undefined && scope.includes(category);
}

/** The state from the covering findings on tools in scope; `covered` = a policy maps to the control; `run` = there are findings at all. */
export function controlState(counted: readonly Pick<Finding, 'status'>[], covered: boolean, run: boolean): ControlState {
  if (!covered && counted.length === 0) return 'not-covered';
  if (!run) return 'mapped';
  const has = (s: Status) => counted.some((f) => f.status === s);
  if (has('fail') || has('error')) return 'failing';
  // A status this version does not know is not a pass: fail closed.
  if (has('unknown') || counted.some((f) => !STATUSES.includes(f.status))) return 'unknown';
  if (has('waived')) return 'exception';
  if (has('pass')) return 'satisfied';
  if (counted.length > 0) return 'not-applicable';
  return 'no-evidence';
}

interface ControlPolicy {
  readonly id: string;
  readonly title: string;
  /** What the policy proves about the control (its mapping's statement), when known. */
  readonly proves: string | null;
  /** Findings on tools in the control's scope, by status. */
  readonly counts: Partial<Record<Status, number>>;
}

/** A waived failure that makes a control an accepted exception. */
interface ControlException {
  readonly waiver_id: string | null;
  readonly approver: string;
  readonly expires_on: string;
  readonly policy_id: string;
  readonly subject: string;
}

export interface ControlAssessment {
  readonly framework: string;
  readonly id: string;
  /** From the framework catalog; null for a control it does not list. */
  readonly title: string | null;
  readonly scope: readonly Category[] | null;
  readonly manual: boolean;
  readonly note?: string;
  readonly state: ControlState;
  readonly policies: readonly ControlPolicy[];
  readonly exceptions: readonly ControlException[];
  /** Findings mapped to the control on tools outside its scope: shown, never counted. */
  readonly out_of_scope: number;
  /** Tools in scope whose input could not be read (collection errors): their findings counted as unknown. */
  readonly not_collected: readonly string[];
}

export interface AssessOptions {
  /** The framework catalog: every control it lists becomes a row, with its title and scope. */
  readonly catalog?: FrameworkCatalog | null;
  /** The policy catalog: which policies cover a control even without findings (no evidence, mapped). */
  readonly policies?: readonly PolicyEntry[];
  /** The run's parameters: a mapping whose `requires` they miss does not cover the control. */
  readonly parameters?: Readonly<Record<string, unknown>>;
  /** What each policy proves per control: policy id → framework → control → statement. */
  readonly claims?: Report['claims'];
  /** Tools whose input could not be read (the report's `collection_errors`): their findings count as unknown. */
  readonly unreadable?: readonly string[];
}

/**
 * Every control of one framework with its state. Findings reach a control through their own
 * `frameworks` (the mappings that held in their run). With a framework catalog every control it
 * lists is a row; without one, the controls the findings map to.
 */
export function assessControls(framework: string, findings: readonly Finding[] | undefined, options: AssessOptions = {}): ControlAssessment[] {
  const byControl = new Map<string, Finding[]>();
  for (const f of findings ?? []) {
    for (const id of f.frameworks[framework] ?? []) {
      const list = byControl.get(id);
      if (list) list.push(f);
      else byControl.set(id, [f]);
    }
  }
  const covering = new Map<string, PolicyEntry[]>();
  for (const p of options.policies ?? []) {
    if (p.deprecated) continue;
    const ids = options.parameters ? heldFrameworks(p, options.parameters)[framework] : p.frameworks[framework as keyof PolicyEntry['frameworks']];
    for (const id of ids ?? []) covering.set(id, [...(covering.get(id) ?? []), p]);
  }
  const listed: readonly FrameworkControl[] = options.catalog
    ? options.catalog.controls
    : [...byControl.keys()].sort(naturalCompare).map((id) => ({ id, title: '', areas: [] }));
  const known = new Map((options.catalog?.controls ?? []).map((c) => [c.id, c]));
  return listed.map((c) => assess(framework, c, known.has(c.id), byControl.get(c.id) ?? [], covering.get(c.id) ?? [], findings !== undefined, options));
}

function assess(
  framework: string,
  control: FrameworkControl,
  listed: boolean,
  mapped: readonly Finding[],
  covering: readonly PolicyEntry[],
  run: boolean,
  options: AssessOptions,
): ControlAssessment {
  // A tool that could not be read proves nothing: its findings count as unknown at best (a fail stays a fail).
  const unreadable = new Set(options.unreadable ?? []);
  const counted = mapped.filter((f) => inScope(control.scope, f)).map((f) => (unreadable.has(f.tool) ? { ...f, status: unreadableStatus(f.status) } : f));
  const policies = new Map<string, { id: string; title: string; proves: string | null; counts: Partial<Record<Status, number>> }>();
  const proves = (id: string, p?: PolicyEntry) =>
    options.claims?.[id]?.[framework]?.[control.id] ?? p?.mappings?.[framework as 'soc2']?.[control.id]?.proves ?? null;
  for (const p of covering) policies.set(p.id, { id: p.id, title: p.title, proves: proves(p.id, p), counts: {} });
  for (const f of mapped)
    if (!policies.has(f.policy_id)) policies.set(f.policy_id, { id: f.policy_id, title: f.title, proves: proves(f.policy_id), counts: {} });
  for (const f of counted) {
    const p = policies.get(f.policy_id)!;
    p.counts[f.status] = (p.counts[f.status] ?? 0) + 1;
  }
  const exceptions = counted
    .filter((f) => f.status === 'waived' && f.waiver)
    .map((f) => ({
      waiver_id: f.waiver!.id ?? null,
      approver: f.waiver!.approver,
      expires_on: f.waiver!.expires_on,
      policy_id: f.policy_id,
      subject: f.resource ? `${f.tool}:${f.resource}` : f.tool,
    }));
  return {
    framework,
    id: control.id,
    title: listed ? control.title : null,
    scope: control.scope ?? null,
    manual: control.manual ?? false,
    ...(control.note ? { note: control.note } : {}),
    state: controlState(counted, policies.size > 0, run),
    policies: [...policies.values()].sort((a, b) => naturalCompare(a.id, b.id)),
    exceptions,
    out_of_scope: mapped.length - counted.length,
    not_collected: [...new Set(counted.filter((f) => unreadable.has(f.tool)).map((f) => f.tool))].sort(),
  };
}

/** The frameworks a report's findings map to, sorted. */
function reportFrameworks(report: Pick<Report, 'findings'>): string[] {
  return [...new Set(report.findings.flatMap((f) => Object.keys(f.frameworks)))].sort();
}

/**
 * The controls a report's findings map to, per framework, with their state: what Markdown, HTML
 * and OSCAL show. Scope and titles come from the framework catalogs, and so do the framework's
 * manual controls (NOT COVERED with the reason): a report on a framework says which of its
 * controls need evidence auditready does not collect.
 */
export function reportControls(report: Pick<Report, 'findings' | 'claims' | 'collection_errors'>): Map<string, ControlAssessment[]> {
  const out = new Map<string, ControlAssessment[]>();
  const unreadable = unreadableTools(report);
  for (const fw of reportFrameworks(report)) {
    const mapped = new Set(report.findings.flatMap((f) => f.frameworks[fw] ?? []));
    const rows = assessControls(fw, report.findings, { catalog: frameworkCatalog(fw), claims: report.claims, unreadable });
    // The controls the findings map to and the manual ones no policy of the run claims (a catalog lists more), and those
    // the catalog does not list.
    const claimed = new Set(Object.values(report.claims ?? {}).flatMap((byFw) => Object.keys(byFw[fw] ?? {})));
    const shown = rows.filter((r) => mapped.has(r.id) || (r.manual && !claimed.has(r.id)));
    const unlisted = [...mapped].filter((id) => !shown.some((r) => r.id === id)).sort(naturalCompare);
    out.set(fw, [...shown, ...assessControls(fw, report.findings, { claims: report.claims, unreadable }).filter((r) => unlisted.includes(r.id))]);
  }
  return out;
}

/** The tools of a report whose input could not be read (its collection errors). */
export function unreadableTools(report: Pick<Report, 'collection_errors'>): string[] {
  return (report.collection_errors ?? []).map((e) => e.tool);
}

/** Count of controls per state. */
export function stateCounts(rows: readonly Pick<ControlAssessment, 'state'>[]): Record<ControlState, number> {
  const counts = Object.fromEntries(CONTROL_STATES.map((s) => [s, 0])) as Record<ControlState, number>;
  for (const r of rows) counts[r.state]++;
  return counts;
}
