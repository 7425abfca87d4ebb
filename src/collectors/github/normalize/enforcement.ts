/**
 * Which ruleset rules protect the default branch: only those of rulesets that enforce. A ruleset
 * in evaluate mode only reports what it would block (GitHub's "Evaluate"), a disabled one does
 * nothing; neither counts as protection. A rule whose ruleset's mode is unknown (the rulesets
 * could not be read, GitHub did not say, or the rule names no ruleset) could be either, so what
 * rulesets give is unknown rather than assumed.
 */
import { type Missing, type Outcome, failed, ok } from '../../kit/result.js';
import type { RawRepo, RawRuleset } from '../raw.js';
import { withDetail } from './gaps.js';

/** Whether a ruleset enforces ('enforced'), only evaluates or is disabled ('idle'), or why that is unknown. */
export type RulesetMode = 'enforced' | 'idle' | Missing;

export function rulesetMode(id: string | null, rulesets: Outcome<readonly RawRuleset[]>, repo: string): RulesetMode {
  if (id === null) return failed(`${repo}: a ruleset rule on the default branch names no ruleset, so whether it is enforced is unknown`);
  if (!rulesets.ok) return withDetail(rulesets, `${repo}: whether its rulesets are enforced: ${rulesets.detail}`);
  const ruleset = rulesets.value.find((s) => s.id === id);
  if (!ruleset) return failed(`${repo}: ruleset ${id} was not returned, so whether it is enforced is unknown`);
  if (ruleset.enforcement === 'ACTIVE') return 'enforced';
  if (ruleset.enforcement === 'EVALUATE' || ruleset.enforcement === 'DISABLED') return 'idle';
  return failed(`${repo}: GitHub did not say whether ruleset ${ruleset.name} is enforced`);
}

/**
 * The repository as its enforcing rulesets protect it: rulesetRules holds the rule types of
 * enforcing rulesets and pullRequestRules their PULL_REQUEST rules. When a rule's ruleset has an
 * unknown mode, rulesetRules is that unknown (so every fact rulesets decide is unknown unless
 * classic protection settles it).
 */
export function enforcedRulesOnly(r: RawRepo, rulesets: Outcome<readonly RawRuleset[]>): RawRepo {
  if (!r.rulesetRules.ok) return r;
  // A capture from before rule origins were recorded cannot say which ruleset a rule comes from.
  const origins = r.ruleOrigins ?? r.rulesetRules.value.map((type) => ({ type, ruleset: null }));
  const modes = new Map<string | null, RulesetMode>();
  for (const id of [...origins.map((o) => o.ruleset), ...r.pullRequestRules.map((p) => p.ruleset)]) {
    if (modes.has(id)) continue;
    const mode = rulesetMode(id, rulesets, r.nameWithOwner);
    if (typeof mode !== 'string') return { ...r, rulesetRules: mode, pullRequestRules: [] };
    modes.set(id, mode);
  }
  const enforced = (id: string | null) => modes.get(id) === 'enforced';
  return {
    ...r,
    rulesetRules: ok([...new Set(origins.filter((o) => enforced(o.ruleset)).map((o) => o.type))].sort()),
    pullRequestRules: r.pullRequestRules.filter((p) => enforced(p.ruleset)),
  };
}
