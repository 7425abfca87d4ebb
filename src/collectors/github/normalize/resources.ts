/**
 * resources: one entry per repository with its own facts and gaps: archived, visibility, admins,
 * default branch, classic protection, ruleset rules, write deploy keys, and what classic
 * protection and rulesets give together (review required, force pushes blocked, approvals).
 */
import type { Resource, ResourceFactValue } from '../../../model/types.js';
import { type Missing, type Outcome, failed, gap, ok } from '../../kit/result.js';
import type { RawProtection, RawRepo } from '../raw.js';

export function repositoryResource(r: RawRepo): Resource {
  const facts: Record<string, ResourceFactValue> = {};
  const gaps: Resource['gaps'] = [];
  const set = (name: string, o: Outcome<ResourceFactValue>) => {
    facts[name] = o.ok ? o.value : null;
    if (!o.ok) gaps.push(gap(name, o.reason, o.detail, o.permission));
  };
  if (r.unreadable) {
    // GitHub returned the node as null: nothing about it is known.
    for (const name of ['archived', 'visibility', 'default_branch']) set(name, r.unreadable);
  } else {
    facts.archived = r.isArchived;
    facts.visibility = r.visibility === null ? null : r.visibility.toLowerCase();
    facts.default_branch = r.defaultBranch;
    if (r.defaultBranch === null) gaps.push(gap('default_branch', 'not_applicable', 'empty repository: no default branch'));
  }
  set(
    'admin_names',
    map(r.collaborators, (c) => adminsAmong(c)),
  );
  set(
    'admin_count',
    map(r.collaborators, (c) => adminsAmong(c).length),
  );
  set(
    'branch_protected',
    map(r.protection, (p) => p !== null),
  );
  set('required_approvals', mostApprovalsRequired(r));
  set(
    'force_push_allowed',
    map(r.protection, (p) => (p ? p.allowsForcePushes : true)),
  );
  set(
    'protection_covers_admins',
    map(r.protection, (p) => (p ? p.isAdminEnforced : false)),
  );
  set(
    'ruleset_rules',
    map(r.rulesetRules, (types) => types),
  );
  // Classic protection can require a pull request with 0 approvals: that is no review.
  set(
    'review_required',
    eitherRule(r, (p) => p.requiresApprovingReviews && (p.requiredApprovingReviewCount ?? 0) >= 1, reviewByRulesets(r)),
  );
  set(
    'force_push_blocked',
    eitherRule(
      r,
      (p) => !p.allowsForcePushes,
      map(r.rulesetRules, (types) => types.includes('NON_FAST_FORWARD')),
    ),
  );
  set(
    'write_deploy_keys',
    map(r.deployKeys, (k) =>
      k
        .filter((x) => !x.readOnly)
        .map((x) => x.title)
        .sort(),
    ),
  );
  return { id: `repository:${r.nameWithOwner}`, kind: 'repository', name: r.nameWithOwner, facts, gaps };
}

/** An Outcome's value passed through f. */
const map = <T, R>(o: Outcome<T>, f: (v: T) => R): Outcome<R> => (o.ok ? ok(f(o.value)) : o);

const adminsAmong = (collaborators: readonly { login: string; permission: string }[]) =>
  collaborators
    .filter((x) => x.permission === 'ADMIN')
    .map((x) => x.login)
    .sort();

const unreportedApprovals = (r: RawRepo): Missing =>
  failed(`${r.nameWithOwner}: a PULL_REQUEST ruleset rule on the default branch did not report its required approvals`);

/**
 * The most approvals any rule on the default branch requires: classic protection or a ruleset's
 * PULL_REQUEST rule (AR-ACC-103 compares it with min_required_approvals). Unreadable rulesets or
 * a rule that does not report its count leave it unknown, never the classic count alone.
 */
export function mostApprovalsRequired(r: RawRepo): Outcome<number> {
  if (!r.protection.ok) return r.protection;
  if (!r.rulesetRules.ok) return r.rulesetRules;
  const counts = r.pullRequestRuleApprovals;
  if (counts.some((n) => n === null)) return unreportedApprovals(r);
  const p = r.protection.value;
  return ok(Math.max(p?.requiresApprovingReviews ? (p.requiredApprovingReviewCount ?? 0) : 0, ...counts.map((n) => n ?? 0)));
}

/** A PULL_REQUEST ruleset rule requires review only with at least one approval; an unreported count is unknown, not a yes. */
export function reviewByRulesets(r: RawRepo): Outcome<boolean> {
  if (!r.rulesetRules.ok) return r.rulesetRules;
  if (r.pullRequestRuleApprovals.some((n) => n !== null && n >= 1)) return ok(true);
  if (r.pullRequestRuleApprovals.some((n) => n === null)) return unreportedApprovals(r);
  return ok(false);
}

/**
 * A property classic protection OR a ruleset gives: true when either gives it, false when both
 * are known and neither does, otherwise unknown (the classic side's reason first).
 */
export function eitherRule(r: RawRepo, classic: (p: RawProtection) => boolean, byRulesets: Outcome<boolean>): Outcome<boolean> {
  const byClassic = r.protection.ok && r.protection.value !== null && classic(r.protection.value);
  if ((byRulesets.ok && byRulesets.value) || byClassic) return ok(true);
  if (r.protection.ok && byRulesets.ok) return ok(false);
  return r.protection.ok ? (byRulesets as Missing) : r.protection;
}
