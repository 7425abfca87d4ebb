import type { ExtendedFacts, Facts, Gap, Resource } from './types.js';

export interface GapProblem {
  /** JSON pointer (relative to the facts object) of the offending value. */
  readonly pointer: string;
  readonly message: string;
}

const GROUPS = ['identity', 'access', 'audit_log', 'time'] as const;
/** Optional fact groups: checked like the others when present. */
const OPTIONAL_GROUPS = ['pipeline', 'integrations'] as const;

type AnyFacts = Facts & ExtendedFacts & { resources?: Resource[] };

/**
 * Every fact path of a facts object: identity.mfa_required, audit_log.fields.actor, ...
 * Only audit_log.fields is split into one fact per field; an object-valued fact such as
 * audit_log.event_levels (class → level) or a list such as access.principals is one fact.
 */
export function factPaths(facts: AnyFacts): string[] {
  const out: string[] = [];
  for (const g of [...GROUPS, ...OPTIONAL_GROUPS]) {
    const group = facts[g] as Record<string, unknown> | undefined;
    if (group === undefined) continue;
    for (const [k, v] of Object.entries(group)) {
      if (g === 'audit_log' && k === 'fields' && v && typeof v === 'object') {
        for (const f of Object.keys(v)) out.push(`audit_log.fields.${f}`);
      } else {
        out.push(`${g}.${k}`);
      }
    }
  }
  return out;
}

export function factValue(facts: AnyFacts, path: string): unknown {
  let cur: unknown = facts;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/**
 * The model's explicitness rule: a null fact has a gap saying why; a gap names a fact that is
 * null; one gap per fact. Anything else is contradictory evidence.
 */
export function gapProblems(facts: AnyFacts, gaps: readonly Gap[]): GapProblem[] {
  const problems = explicitness(facts, gaps, '/', factPaths(facts), (path) => `/${path.split('.').join('/')}`);
  const ids = new Map<string, number>();
  (facts.resources ?? []).forEach((r, i) => {
    const at = `/resources/${i}`;
    if (ids.has(r.id)) problems.push({ pointer: `${at}/id`, message: `second resource with id "${r.id}" (first is resources[${ids.get(r.id)}])` });
    else ids.set(r.id, i);
    problems.push(...explicitness(r.facts, r.gaps, `${at}/`, Object.keys(r.facts), (k) => `${at}/facts/${k}`));
  });
  return problems;
}

/** The rule for one set of facts and its gaps; prefix is prepended to gap pointers. */
function explicitness(facts: object, gaps: readonly Gap[], prefix: string, paths: readonly string[], pointerOf: (path: string) => string): GapProblem[] {
  const problems: GapProblem[] = [];
  const seen = new Map<string, number>();
  gaps.forEach((gap, i) => {
    const v = factValue(facts as AnyFacts, gap.fact);
    if (v === undefined) {
      problems.push({ pointer: `${prefix}gaps/${i}/fact`, message: `gap names unknown fact "${gap.fact}"` });
    } else if (v !== null) {
      problems.push({ pointer: `${prefix}gaps/${i}/fact`, message: `gap for "${gap.fact}" but the fact has a value; a gap is only for a null fact` });
    }
    if (seen.has(gap.fact)) {
      problems.push({ pointer: `${prefix}gaps/${i}/fact`, message: `second gap for "${gap.fact}" (first is gaps[${seen.get(gap.fact)}])` });
    } else {
      seen.set(gap.fact, i);
    }
  });
  for (const path of paths) {
    if (factValue(facts as AnyFacts, path) === null && !seen.has(path)) {
      problems.push({
        pointer: pointerOf(path),
        message: `${path} is null but no gap says why (add a gap with fact "${path}" and a reason)`,
      });
    }
  }
  return problems;
}
