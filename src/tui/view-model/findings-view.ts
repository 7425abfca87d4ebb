import { PILLAR_ORDER } from '../../report/assemble.js';
import { naturalCompare } from '../../util/compare.js';
import { SEVERITIES, type Severity, severityRank } from '../../report/types.js';
import { atOrAbove } from '../../report/gating.js';
import { STATUSES, type Finding, type Report, type Status, statusRank } from '../../report/types.js';

/** The dimensions a findings list can be filtered by. `null` means "any". */
export interface Filters {
  readonly status: Status | null;
  /** A threshold, as the gate reads --fail-on: this severity and above (severityFilterLabel). */
  readonly severity: Severity | null;
  readonly pillar: string | null;
  readonly tool: string | null;
  readonly framework: string | null;
  /** A control of `framework` (ignored without a framework). */
  readonly control: string | null;
  /** Incremental search: every whitespace-separated term must occur (case-insensitive). */
  readonly query: string;
}

export const NO_FILTERS: Filters = { status: null, severity: null, pillar: null, tool: null, framework: null, control: null, query: '' };

export const FILTER_KEYS = ['status', 'severity', 'pillar', 'tool', 'framework', 'control'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const SORT_KEYS = ['severity', 'status', 'pillar', 'tool', 'policy'] as const;
type SortKey = (typeof SORT_KEYS)[number];

export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

export const DEFAULT_SORT: Sort = { key: 'severity', descending: false };

/** What can be chosen for each filter, taken from the report (in a stable order). */
export interface Facets {
  readonly status: readonly Status[];
  readonly severity: readonly Severity[];
  readonly pillar: readonly string[];
  readonly tool: readonly string[];
  readonly framework: readonly string[];
  /** Controls per framework, in natural order. */
  readonly controls: Readonly<Record<string, readonly string[]>>;
}

/** A report prepared once for fast filtering and sorting: lower-case search text and integer sort ranks per finding. */
export interface FindingIndex {
  readonly report: Report;
  readonly haystacks: readonly string[];
  readonly facets: Facets;
  /** Per finding: rank of its severity, status, pillar, tool and policy id (natural order), for integer-only sorting. */
  readonly ranks: Readonly<Record<'severity' | 'status' | 'pillar' | 'tool' | 'policy', Int32Array>>;
}

export { naturalCompare };

/** Rank of each value in natural order (equal values share a rank). */
function rankOf(values: readonly string[], order: (a: string, b: string) => number = naturalCompare): Int32Array {
  const distinct = [...new Set(values)].sort(order);
  const rank = new Map(distinct.map((v, i) => [v, i]));
  return Int32Array.from(values, (v) => rank.get(v)!);
}

export function indexReport(report: Report): FindingIndex {
  const pillars = new Set<string>();
  const tools = new Set<string>();
  const statuses = new Set<Status>();
  const severities = new Set<Severity>();
  const controls = new Map<string, Set<string>>();
  const haystacks = report.findings.map((f) => {
    pillars.add(f.pillar);
    tools.add(f.tool);
    statuses.add(f.status);
    severities.add(f.severity);
    const parts = [f.policy_id, f.policy, f.title, f.pillar, f.tool, f.resource ?? '', f.status, f.severity, f.message];
    for (const [fw, ids] of Object.entries(f.frameworks)) {
      let set = controls.get(fw);
      if (!set) {
        set = new Set();
        controls.set(fw, set);
      }
      for (const id of ids) {
        set.add(id);
        parts.push(`${fw}:${id}`);
      }
    }
    return parts.join('\u0000').toLowerCase();
  });
  const sorted = (s: Iterable<string>) => [...s].sort(naturalCompare);
  const fs = report.findings;
  const pillarRank = (p: string) => (PILLAR_ORDER.indexOf(p) < 0 ? PILLAR_ORDER.length : PILLAR_ORDER.indexOf(p));
  return {
    report,
    haystacks,
    ranks: {
      severity: Int32Array.from(fs, (f) => severityRank(f.severity)),
      status: Int32Array.from(fs, (f) => statusRank(f.status)),
      pillar: rankOf(
        fs.map((f) => f.pillar),
        (a, b) => pillarRank(a) - pillarRank(b) || naturalCompare(a, b),
      ),
      tool: rankOf(fs.map((f) => f.tool)),
      policy: rankOf(fs.map((f) => f.policy_id)),
    },
    facets: {
      status: STATUSES.filter((s) => statuses.has(s)),
      severity: SEVERITIES.filter((s) => severities.has(s)),
      pillar: report.findings.length ? orderPillars([...pillars]) : [],
      tool: sorted(tools),
      framework: sorted(controls.keys()),
      controls: Object.fromEntries([...controls].map(([fw, ids]) => [fw, sorted(ids)])),
    },
  };
}

/** Pillars in the order the README and table reporter use; unknown pillars last. */
export function orderPillars(pillars: readonly string[]): string[] {
  const rank = (p: string) => {
    const i = PILLAR_ORDER.indexOf(p);
    return i < 0 ? PILLAR_ORDER.length : i;
  };
  return [...pillars].sort((a, b) => rank(a) - rank(b) || naturalCompare(a, b));
}

function matches(f: Finding, haystack: string, filters: Filters, terms: readonly string[]): boolean {
  if (filters.status !== null && f.status !== filters.status) return false;
  if (filters.severity !== null && !atOrAbove(f.severity, filters.severity)) return false;
  if (filters.pillar !== null && f.pillar !== filters.pillar) return false;
  if (filters.tool !== null && f.tool !== filters.tool) return false;
  if (filters.framework !== null) {
    const ids = f.frameworks[filters.framework];
    if (!ids || ids.length === 0) return false;
    if (filters.control !== null && !ids.includes(filters.control)) return false;
  }
  for (const t of terms) if (!haystack.includes(t)) return false;
  return true;
}

/** Sort keys in priority order; ties fall through to the next, then to report order. */
const TIE_BREAKS: Record<SortKey, readonly SortKey[]> = {
  severity: ['severity', 'status', 'policy', 'tool'],
  status: ['status', 'severity', 'policy', 'tool'],
  pillar: ['pillar', 'status', 'severity', 'policy', 'tool'],
  tool: ['tool', 'status', 'severity', 'policy'],
  policy: ['policy', 'tool'],
};

/**
 * The findings a list shows: indices into report.findings that pass the filters, sorted.
 * Ties keep report order, so the result is deterministic.
 */
export function applyView(index: FindingIndex, filters: Filters, sort: Sort): number[] {
  const terms = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
  const { findings } = index.report;
  const out: number[] = [];
  for (let i = 0; i < findings.length; i++) {
    if (matches(findings[i]!, index.haystacks[i]!, filters, terms)) out.push(i);
  }
  const dir = sort.descending ? -1 : 1;
  const keys = TIE_BREAKS[sort.key].map((k) => index.ranks[k]);
  out.sort((x, y) => {
    for (const r of keys) {
      const d = r[x]! - r[y]!;
      if (d !== 0) return dir * d;
    }
    return x - y;
  });
  return out;
}

/** Count the statuses of a view (for the counts line, which updates as filters change). */
export function countStatuses(report: Report, view: readonly number[]): Record<Status, number> {
  const counts: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 };
  for (const i of view) counts[report.findings[i]!.status]++;
  return counts;
}

/** The values a filter cycles through: null ("any") first, then the facet values. */
function filterChoices(facets: Facets, key: FilterKey, filters: Filters): readonly (string | null)[] {
  if (key === 'control') return filters.framework ? [null, ...(facets.controls[filters.framework] ?? [])] : [null];
  return [null, ...facets[key]];
}

/** Step a filter to its next (dir 1) or previous (dir -1) value; changing framework clears control. */
export function cycleFilter(facets: Facets, filters: Filters, key: FilterKey, dir: 1 | -1): Filters {
  const choices = filterChoices(facets, key, filters);
  const at = Math.max(0, choices.indexOf(filters[key]));
  const next = choices[(at + dir + choices.length) % choices.length] ?? null;
  return withFilter(filters, key, next);
}

export function withFilter(filters: Filters, key: FilterKey, value: string | null): Filters {
  const next = { ...filters, [key]: value } as Filters;
  return key === 'framework' ? { ...next, control: null } : next;
}

/** The severity filter as the gate means it: "high and above" (the most severe is just itself). */
function severityFilterLabel(severity: Severity): string {
  return severity === SEVERITIES[0] ? severity : `${severity} and above`;
}

/** A filter's value as shown: the severity as a threshold, the others as they are. */
export function filterValueLabel(key: FilterKey, value: string): string {
  return key === 'severity' ? severityFilterLabel(value as Severity) : value;
}

/** "status=fail severity=high and above tool=github/acme /sso" — for the export header and the status line. */
export function describeFilters(filters: Filters): string {
  const parts: string[] = [];
  for (const k of FILTER_KEYS) if (filters[k] !== null) parts.push(`${k}=${filterValueLabel(k, filters[k]!)}`);
  if (filters.query) parts.push(`search="${filters.query}"`);
  return parts.length ? parts.join(' ') : 'none';
}
