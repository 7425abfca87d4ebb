/**
 * Each control's state over a period, from a series of evidence bundles (SOC 2 Type 2 asks how a
 * control operated over the whole period, not on one day). Every bundle is verified and shown
 * with its trust state; the control state of each run is the one `controls` computes
 * (report/control-state.ts), with the policy catalog, claims and collection errors the bundle carries.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError, isAuditreadyError, UsageError } from '../errors.js';
import type { Catalog } from '../policy/catalog.js';
import { CONTROL_LABEL, type ControlState } from '../report/control-state.js';
import { controlsView, type FrameworkCatalog } from '../report/controls.js';
import { bundlePath, readBundleJson } from './files.js';
import { openBundle } from './read.js';
import { describeTrust, type Trust, type TrustedKey } from './trust.js';
import { MANIFEST, PATHS } from './types.js';

interface HistoryRun {
  readonly bundle: string;
  readonly as_of: string;
  readonly started_at: string;
  readonly trust: Trust;
  readonly result: 'pass' | 'fail';
}

interface HistoryControl {
  readonly id: string;
  readonly title: string;
  /** One state per run, oldest first. */
  readonly states: readonly ControlState[];
  readonly counts: Partial<Record<ControlState, number>>;
}

export interface History {
  readonly framework: string;
  readonly title: string;
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly runs: readonly HistoryRun[];
  readonly controls: readonly HistoryControl[];
  /** Bundles left out: they do not verify (or, with requireTrusted, are not trusted). */
  readonly excluded: readonly { readonly bundle: string; readonly problem: string }[];
  /** The longest time between two consecutive runs, in days (a gap in the evidence). */
  readonly longest_gap: { readonly days: number; readonly from: string; readonly to: string } | null;
}

/** Bundle folders: each argument is a bundle, or a folder whose subfolders are bundles. */
export function findBundles(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    let dir = false;
    try {
      dir = statSync(a).isDirectory();
    } catch (e) {
      throw new InputError({ file: a }, 'no such evidence bundle or folder', { cause: e });
    }
    if (!dir) throw new InputError({ file: a }, 'not a folder (an evidence bundle, or a folder of bundles)');
    if (existsSync(path.join(a, MANIFEST))) {
      out.push(a);
      continue;
    }
    const inside = readdirSync(a, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(path.join(a, e.name, MANIFEST)))
      .map((e) => path.join(a, e.name))
      .sort();
    if (inside.length === 0) throw new InputError({ file: a }, 'holds no evidence bundle (no manifest.json in it or its subfolders)');
    out.push(...inside);
  }
  return [...new Set(out)];
}

export interface HistoryOptions {
  readonly trusted: readonly TrustedKey[];
  /** Leave out bundles that are not trusted. */
  readonly requireTrusted: boolean;
  /** Only runs whose as_of is in [from, to] (RFC 3339 or a date). */
  readonly from?: string;
  readonly to?: string;
}

const DAY = 86_400_000;

export function buildHistory(bundles: readonly string[], framework: FrameworkCatalog, options: HistoryOptions): History {
  const excluded: { bundle: string; problem: string }[] = [];
  const opened: { run: HistoryRun; states: Map<string, ControlState> }[] = [];
  const from = options.from ? Date.parse(options.from) : Number.NEGATIVE_INFINITY;
  const to = options.to ? Date.parse(options.to.length === 10 ? `${options.to}T23:59:59.999Z` : options.to) : Number.POSITIVE_INFINITY;
  if (Number.isNaN(from) || Number.isNaN(to)) throw new UsageError('--from/--to: expected a date (2026-01-31) or an RFC 3339 time');
  for (const dir of bundles) {
    let report: ReturnType<typeof openBundle>['report'];
    let trust: Trust;
    try {
      ({ report, trust } = openBundle(dir, { verify: true, trusted: options.trusted }));
    } catch (e) {
      if (!isAuditreadyError(e)) throw e;
      excluded.push({ bundle: dir, problem: e.message });
      continue;
    }
    if (options.requireTrusted && trust.state !== 'trusted') {
      excluded.push({ bundle: dir, problem: `${describeTrust(trust)}, not trusted` });
      continue;
    }
    const at = Date.parse(report.run.as_of);
    if (at < from || at > to) continue;
    const catalog = readBundleJson<Catalog>(bundlePath(dir, `${PATHS.policy}/catalog.json`), 'the policy catalog');
    const view = controlsView(framework, catalog, report.findings, { ...report, parameters: report.run.parameters });
    opened.push({
      run: { bundle: dir, as_of: report.run.as_of, started_at: report.run.started_at, trust, result: report.summary.result },
      states: new Map(view.rows.map((r) => [r.id, r.state])),
    });
  }
  opened.sort((a, b) => a.run.as_of.localeCompare(b.run.as_of) || a.run.started_at.localeCompare(b.run.started_at) || a.run.bundle.localeCompare(b.run.bundle));
  const controls = framework.controls.map((c): HistoryControl => {
    const states = opened.map((o) => o.states.get(c.id)!);
    const counts: Partial<Record<ControlState, number>> = {};
    for (const s of states) counts[s] = (counts[s] ?? 0) + 1;
    return { id: c.id, title: c.title, states, counts };
  });
  let longest: History['longest_gap'] = null;
  for (let i = 1; i < opened.length; i++) {
    const a = opened[i - 1]!.run.as_of;
    const b = opened[i]!.run.as_of;
    const days = Math.round(((Date.parse(b) - Date.parse(a)) / DAY) * 10) / 10;
    if (!longest || days > longest.days) longest = { days, from: a, to: b };
  }
  const runs = opened.map((o) => o.run);
  return {
    framework: framework.framework,
    title: framework.title,
    period: runs.length ? { from: runs[0]!.as_of, to: runs[runs.length - 1]!.as_of } : null,
    runs,
    controls,
    excluded,
    longest_gap: longest,
  };
}

/** One letter per status for the timeline (first free letter of its label), with the legend. */
function letters(statuses: readonly ControlState[]): Map<ControlState, string> {
  const out = new Map<ControlState, string>();
  const used = new Set<string>(['.']);
  for (const s of statuses) {
    const label = CONTROL_LABEL[s].replace(/[^A-Z]/g, '');
    const letter = [...label, ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].find((l) => !used.has(l))!;
    used.add(letter);
    out.set(s, letter);
  }
  return out;
}

export function renderHistoryTable(h: History): string {
  const out: string[] = [`${h.title}: control states over ${h.runs.length} run${h.runs.length === 1 ? '' : 's'}`];
  out.push(h.period ? `period: ${h.period.from} … ${h.period.to}` : 'period: no run');
  if (h.longest_gap)
    out.push(`longest time between runs: ${h.longest_gap.days} day${h.longest_gap.days === 1 ? '' : 's'} (${h.longest_gap.from} → ${h.longest_gap.to})`);
  out.push('', 'RUN  AS OF                 RESULT  TRUST / BUNDLE');
  for (const [i, r] of h.runs.entries())
    out.push(`${String(i + 1).padEnd(5)}${r.as_of.padEnd(22)}${r.result.padEnd(8)}${describeTrust(r.trust)} — ${r.bundle}`);
  for (const e of h.excluded) out.push(`left out: ${e.bundle}: ${e.problem}`);
  const present = [...new Set(h.controls.flatMap((c) => c.states))];
  const letter = letters(present);
  const w = Math.max(7, ...h.controls.map((c) => c.id.length)) + 2;
  const tw = Math.max(8, h.runs.length) + 2;
  out.push('', `${'CONTROL'.padEnd(w)}${'TIMELINE'.padEnd(tw)}STATES (oldest → newest)`);
  for (const c of h.controls) {
    const line = c.states.map((s) => letter.get(s)).join('');
    const counts = Object.entries(c.counts)
      .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
      .map(([s, n]) => `${n} ${CONTROL_LABEL[s as ControlState]}`)
      .join(', ');
    // The runs where the control was not in its most frequent state: what an auditor asks about.
    const usual = Object.entries(c.counts).sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))[0]?.[0];
    const odd = c.states.flatMap((s, i) => (s !== usual ? [`run ${i + 1} ${CONTROL_LABEL[s]}`] : []));
    out.push(`${c.id.padEnd(w)}${line.padEnd(tw)}${counts}${odd.length && odd.length <= 5 ? ` (${odd.join(', ')})` : ''}`);
    out.push(`${''.padEnd(w + tw)}${c.title}`);
  }
  out.push('', `legend: ${[...letter].map(([s, l]) => `${l} ${CONTROL_LABEL[s]}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}
