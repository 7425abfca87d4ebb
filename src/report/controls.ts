import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { FRAMEWORKS, type Catalog, type Framework, type PolicyEntry } from '../policy/catalog.js';
import { groupBy } from '../util/group.js';
import { maxOf } from '../util/max.js';
import { fromRoot } from '../util/paths.js';
import { validateSource } from '../util/schema.js';
import { readSourceFile } from '../util/yaml-source.js';
import type { Finding } from './types.js';

export interface FrameworkControl {
  readonly id: string;
  readonly title: string;
  readonly areas: readonly string[];
  readonly manual?: boolean;
  readonly note?: string;
}

export interface FrameworkCatalog {
  readonly framework: Framework;
  readonly title: string;
  readonly source: string;
  readonly controls: readonly FrameworkControl[];
}

export const FRAMEWORKS_DIR = fromRoot('profiles', 'frameworks');

export function loadFramework(name: string): FrameworkCatalog {
  const file = path.join(FRAMEWORKS_DIR, `${name}.yaml`);
  if (!(FRAMEWORKS as readonly string[]).includes(name) || !existsSync(file)) {
    const known = readdirSync(FRAMEWORKS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
    throw new UsageError(`unknown framework "${name}"; expected one of: ${known.join(', ')}`);
  }
  const src = readSourceFile(file, path.relative(process.cwd(), file));
  validateSource('framework', src, 'framework catalog');
  const fw = src.value as FrameworkCatalog;
  if (fw.framework !== name) throw new InputError({ file: src.file, line: src.locate('/framework').line }, `framework "${fw.framework}" in ${name}.yaml`);
  return fw;
}

/**
 * covered: evidenced by policies and none fails; failing: a policy fails or errors for some tool;
 * unknown: none fails but a fact could not be collected; no-evidence: mapped, but no tool in
 * scope produced a finding; mapped: mapped, and no run to take status from; not-covered: no
 * policy evidences it (manual controls say why).
 */
export type ControlStatus = 'covered' | 'failing' | 'unknown' | 'no-evidence' | 'mapped' | 'not-covered';

export interface ControlRow {
  readonly id: string;
  readonly title: string;
  readonly manual: boolean;
  readonly note?: string;
  readonly status: ControlStatus;
  readonly policies: ReadonlyArray<{ id: string; title: string; counts: Record<string, number> }>;
}

export interface ControlsView {
  readonly framework: Framework;
  readonly title: string;
  readonly source: string;
  readonly rows: readonly ControlRow[];
  /** Control ids policies map that the framework catalog does not list (a data error). */
  readonly unlisted: readonly string[];
  readonly summary: Record<ControlStatus, number> & { total: number; manual: number };
}

function statusOf(byPolicy: ReadonlyMap<string, readonly Finding[]> | undefined, policies: readonly PolicyEntry[]): ControlStatus {
  if (policies.length === 0) return 'not-covered';
  if (!byPolicy) return 'mapped';
  const mine = policies.flatMap((p) => byPolicy.get(p.id) ?? []);
  if (mine.some((f) => f.status === 'fail' || f.status === 'error')) return 'failing';
  if (mine.some((f) => f.status === 'unknown')) return 'unknown';
  if (mine.some((f) => f.status === 'pass' || f.status === 'waived')) return 'covered';
  return 'no-evidence';
}

/** For each control of the framework: the policies that evidence it and their current status. */
export function controlsView(framework: FrameworkCatalog, catalog: Catalog, findings?: readonly Finding[]): ControlsView {
  const key = framework.framework;
  const active = catalog.policies.filter((p) => !p.deprecated);
  const byPolicy = findings ? groupBy(findings, (f) => f.policy_id) : undefined;
  const rows: ControlRow[] = framework.controls.map((c) => {
    const policies = active.filter((p) => p.frameworks[key]?.includes(c.id));
    return {
      id: c.id,
      title: c.title,
      manual: c.manual ?? false,
      ...(c.note ? { note: c.note } : {}),
      status: statusOf(byPolicy, policies),
      policies: policies.map((p) => {
        const counts: Record<string, number> = {};
        for (const f of byPolicy?.get(p.id) ?? []) counts[f.status] = (counts[f.status] ?? 0) + 1;
        return { id: p.id, title: p.title, counts };
      }),
    };
  });
  const listed = new Set(framework.controls.map((c) => c.id));
  const unlisted = [...new Set(active.flatMap((p) => p.frameworks[key] ?? []))].filter((id) => !listed.has(id)).sort();
  const summary = {
    total: rows.length,
    manual: rows.filter((r) => r.manual).length,
    covered: 0,
    failing: 0,
    unknown: 0,
    'no-evidence': 0,
    mapped: 0,
    'not-covered': 0,
  };
  for (const r of rows) summary[r.status]++;
  return { framework: key, title: framework.title, source: framework.source, rows, unlisted, summary };
}

/** How each control status is written, in tables and the terminal UI. */
export const CONTROL_LABEL: Record<ControlStatus, string> = {
  covered: 'COVERED',
  failing: 'FAILING',
  unknown: 'UNKNOWN',
  'no-evidence': 'NO EVIDENCE',
  mapped: 'MAPPED',
  'not-covered': 'NOT COVERED',
};

export function renderControlsTable(view: ControlsView): string {
  const w = maxOf(view.rows, (r) => r.id.length, 7) + 2;
  const out = [`${view.title} — ${view.source}`, '', `${'CONTROL'.padEnd(w)}${'STATUS'.padEnd(13)}POLICIES / TITLE`];
  for (const r of view.rows) {
    const pols = r.policies.map((p) => {
      const c = Object.entries(p.counts)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([s, n]) => `${n} ${s}`)
        .join(', ');
      return c ? `${p.id} (${c})` : p.id;
    });
    const manual = `manual: ${r.note ?? 'needs human evidence'}`;
    const what = pols.length > 0 ? pols.join('; ') + (r.manual ? ` — also ${manual}` : '') : r.manual ? manual : 'no policy evidences it';
    out.push(`${r.id.padEnd(w)}${CONTROL_LABEL[r.status].padEnd(13)}${what}`);
    out.push(`${''.padEnd(w + 13)}${r.title}`);
  }
  const s = view.summary;
  out.push('');
  out.push(
    `${s.total} controls: ${s.covered} covered, ${s.failing} failing, ${s.unknown} unknown, ${s['no-evidence']} no evidence, ${s.mapped} mapped, ${s['not-covered']} not covered (${s.manual} manual)`,
  );
  if (view.unlisted.length > 0) out.push(`mapped by policies but missing from the framework catalog: ${view.unlisted.join(', ')}`);
  return `${out.join('\n')}\n`;
}
