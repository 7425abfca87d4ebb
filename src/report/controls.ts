// `auditready controls`: every control of one framework with the policies that evidence it and
// its state (src/report/control-state.ts), as a table or JSON.
import type { Catalog, Framework } from '../policy/catalog.js';
import { assessControls, CONTROL_LABEL, CONTROL_STATES, type ControlAssessment, type ControlState, stateCounts, unreadableTools } from './control-state.js';
import type { FrameworkCatalog } from './frameworks.js';
import { type Finding, type Report, statusRank } from './types.js';
import { maxOf } from '../util/max.js';

export { type FrameworkCatalog, loadFramework } from './frameworks.js';

export interface ControlsView {
  readonly framework: Framework;
  readonly title: string;
  readonly source: string;
  readonly rows: readonly ControlAssessment[];
  /** Control ids policies map that the framework catalog does not list (a data error). */
  readonly unlisted: readonly string[];
  readonly summary: Record<ControlState, number> & { total: number; manual: number };
}

/** For each control of the framework: the policies that evidence it and its state from the findings (none: mapped only). */
export function controlsView(
  framework: FrameworkCatalog,
  catalog: Catalog,
  findings?: readonly Finding[],
  run?: Pick<Report, 'claims' | 'collection_errors'> & { parameters?: Readonly<Record<string, unknown>> },
): ControlsView {
  const key = framework.framework;
  const active = catalog.policies.filter((p) => !p.deprecated);
  const rows = assessControls(key, findings, {
    catalog: framework,
    policies: active,
    parameters: run?.parameters,
    claims: run?.claims,
    unreadable: run ? unreadableTools(run) : [],
  });
  const listed = new Set(framework.controls.map((c) => c.id));
  const unlisted = [...new Set(active.flatMap((p) => p.frameworks[key] ?? []))].filter((id) => !listed.has(id)).sort();
  const summary = { total: rows.length, manual: rows.filter((r) => r.manual).length, ...stateCounts(rows) };
  return { framework: key, title: framework.title, source: framework.source, rows, unlisted, summary };
}

/** "AR-EVT-001 (2 fail, 3 pass)": a covering policy with its counted findings, in status order. */
export function policyCounts(p: ControlAssessment['policies'][number]): string {
  const c = Object.entries(p.counts)
    .sort(([a], [b]) => statusRank(a) - statusRank(b))
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  return c ? `${p.id} (${c})` : p.id;
}

/** "manual: <reason>" for a control only a human process can evidence; null for the others. */
export function manualNote(r: Pick<ControlAssessment, 'manual' | 'note'>): string | null {
  return r.manual ? `manual: ${r.note ?? 'needs human evidence'}` : null;
}

/** Scope, exceptions and out-of-scope findings of a control, as short phrases. */
export function controlNotes(r: ControlAssessment): string[] {
  const out: string[] = [];
  if (r.scope) out.push(`scope: ${r.scope.join(', ')} tools`);
  for (const e of r.exceptions)
    out.push(`exception ${e.waiver_id ?? '(no id)'} for ${e.policy_id} on ${e.subject}: approved by ${e.approver}, expires ${e.expires_on}`);
  if (r.not_collected.length > 0) out.push(`not collected: ${r.not_collected.join(', ')} (input unreadable; its findings count as unknown)`);
  if (r.out_of_scope > 0) out.push(`${r.out_of_scope} finding${r.out_of_scope === 1 ? '' : 's'} on tools outside the scope not counted`);
  return out;
}

/** The manual reason (when manual) and the notes of a control: what every report view lists beside its policies. */
export function controlDetails(r: ControlAssessment): string[] {
  const manual = manualNote(r);
  return [...(manual ? [manual] : []), ...controlNotes(r)];
}

export function renderControlsTable(view: ControlsView): string {
  const w = maxOf(view.rows, (r) => r.id.length, 7) + 2;
  const sw = maxOf(Object.values(CONTROL_LABEL), (l) => l.length) + 2;
  const out = [`${view.title} — ${view.source}`, '', `${'CONTROL'.padEnd(w)}${'STATE'.padEnd(sw)}POLICIES / TITLE`];
  for (const r of view.rows) {
    const pols = r.policies.map(policyCounts);
    const manual = manualNote(r);
    const what = pols.length > 0 ? pols.join('; ') + (manual ? ` — also ${manual}` : '') : (manual ?? 'no policy evidences it');
    out.push(`${r.id.padEnd(w)}${CONTROL_LABEL[r.state].padEnd(sw)}${what}`);
    out.push(`${''.padEnd(w + sw)}${r.title ?? ''}`);
    for (const n of controlNotes(r)) out.push(`${''.padEnd(w + sw)}${n}`);
  }
  const s = view.summary;
  out.push('');
  out.push(`${s.total} controls: ${CONTROL_STATES.map((st) => `${s[st]} ${CONTROL_LABEL[st].toLowerCase()}`).join(', ')} (${s.manual} manual)`);
  if (view.unlisted.length > 0) out.push(`mapped by policies but missing from the framework catalog: ${view.unlisted.join(', ')}`);
  return `${out.join('\n')}\n`;
}
