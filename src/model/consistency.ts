/**
 * Facts that contradict themselves. The schema checks each value alone; these rules check
 * values against each other, so declared evidence cannot say two things at once (an
 * admin_count of 0 beside three admin names would pass AR-ACC-001 while naming three admins).
 */
import type { GapProblem } from './gaps.js';
import type { ExtendedFacts, Facts, Resource } from './types.js';

type AnyFacts = Partial<Facts & ExtendedFacts> & { resources?: Resource[] };

/** Name lists where an entry must be a non-blank name, and (unique: true) appear once. */
const NAME_LISTS: ReadonlyArray<{ group: string; fact: string; unique: boolean; what: string }> = [
  { group: 'time', fact: 'sources', unique: true, what: 'time source' },
  { group: 'access', fact: 'admin_names', unique: true, what: 'administrator' },
  { group: 'identity', fact: 'local_accounts', unique: true, what: 'local account' },
  { group: 'identity', fact: 'mfa_exempt', unique: true, what: 'MFA exemption' },
  { group: 'audit_log', fact: 'event_classes', unique: true, what: 'event class' },
];

function nameProblems(list: unknown, pointer: string, what: string, unique: boolean): GapProblem[] {
  if (!Array.isArray(list)) return [];
  const problems: GapProblem[] = [];
  const seen = new Map<string, number>();
  list.forEach((v, i) => {
    if (typeof v !== 'string') return;
    const key = v.trim().toLowerCase();
    if (key === '') {
      problems.push({ pointer: `${pointer}/${i}`, message: `empty ${what} name` });
      return;
    }
    const first = seen.get(key);
    if (unique && first !== undefined) {
      problems.push({ pointer: `${pointer}/${i}`, message: `${what} "${v}" is listed twice (also at index ${first}): a count would be wrong` });
    } else seen.set(key, i);
  });
  return problems;
}

/** admin_count must be the number of admin_names when both are known. */
function adminCount(count: unknown, names: unknown, at: string): GapProblem[] {
  if (typeof count !== 'number' || !Array.isArray(names)) return [];
  if (count === names.length) return [];
  return [
    {
      pointer: `${at}admin_count`,
      message: `admin_count is ${count} but admin_names lists ${names.length} (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}): the facts contradict each other`,
    },
  ];
}

/** Contradictions in one facts document (a facts file, or a snapshot), with JSON pointers. */
export function consistencyProblems(facts: AnyFacts): GapProblem[] {
  const problems: GapProblem[] = [];
  const groups = facts as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const l of NAME_LISTS) problems.push(...nameProblems(groups[l.group]?.[l.fact], `/${l.group}/${l.fact}`, l.what, l.unique));
  problems.push(...adminCount(facts.access?.admin_count, facts.access?.admin_names, '/access/'));
  (facts.resources ?? []).forEach((r, i) => {
    const f = (r?.facts ?? {}) as Record<string, unknown>;
    problems.push(...adminCount(f.admin_count, f.admin_names, `/resources/${i}/facts/`));
    problems.push(...nameProblems(f.admin_names, `/resources/${i}/facts/admin_names`, 'administrator', true));
  });
  return problems;
}
