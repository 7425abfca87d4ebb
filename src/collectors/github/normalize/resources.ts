/**
 * resources: one entry per repository with its own facts and gaps: archived, visibility, admins,
 * default branch, classic protection, ruleset rules, write deploy keys, and what classic
 * protection and rulesets give together (review required, force pushes blocked, approvals).
 */
import type { Resource, ResourceFactValue } from '../../../model/types.js';
import { type Missing, type Outcome, failed, gap, notApplicable, ok } from '../../kit/result.js';
import type { RawProtection, RawRepo, RawRuleset } from '../raw.js';
import { enforcedRulesOnly } from './enforcement.js';
import { withDetail } from './gaps.js';
import { actionsCanApprove, actionsTokenReadOnly, reviewDismissalRestricted, unenforcedRulesets, unsecuredWebhooks } from './repository-settings.js';

/** A resource's facts from Outcomes, each a value or null plus its gap, in the order they are set. */
export function resourceFacts(): {
  facts: Record<string, ResourceFactValue>;
  gaps: Resource['gaps'];
  set: (name: string, o: Outcome<ResourceFactValue>) => void;
} {
  const facts: Record<string, ResourceFactValue> = {};
  const gaps: Resource['gaps'] = [];
  const set = (name: string, o: Outcome<ResourceFactValue>) => {
    facts[name] = o.ok ? o.value : null;
    if (!o.ok) gaps.push(gap(name, o.reason, o.detail, o.permission));
  };
  return { facts, gaps, set };
}

export function repositoryResource(read: RawRepo, rulesets: Outcome<readonly RawRuleset[]>, outsideCollaborators: Outcome<readonly string[]>): Resource {
  const { facts, gaps, set } = resourceFacts();
  const r = enforcedRulesOnly(read, rulesets);
  const review = reviewRules(r, rulesets);
  // A review setting: required by an enforced rule, or unknown when a rule does not say.
  const reviewSetting = (name: string, says: (rule: ReviewRule) => boolean | null, what: string) => set(name, anyRuleSays(review, says, `whether it ${what}`));
  // Classic branch protection says so, or an enforced ruleset has the rule type.
  const protection = (name: string, classic: (p: RawProtection) => boolean, rulesetType: string) =>
    set(
      name,
      eitherRule(
        r,
        classic,
        map(r.rulesetRules, (types) => types.includes(rulesetType)),
      ),
    );
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
    'ruleset_rules',
    map(r.rulesetRules, (types) => types),
  );
  // Classic protection can require a pull request with 0 approvals: that is no review.
  set(
    'review_required',
    eitherRule(r, (p) => p.requiresApprovingReviews && (p.requiredApprovingReviewCount ?? 0) >= 1, reviewByRulesets(r)),
  );
  set('review_bypass_actors', reviewBypass(review));
  reviewSetting('last_push_approval_required', (rule) => rule.lastPush, 'requires approval of the last push');
  reviewSetting('code_owner_review_required', (rule) => rule.codeOwner, 'requires review from code owners');
  set('review_dismissal_restricted', reviewDismissalRestricted(r, review));
  protection('push_restricted', (p) => p.restrictsPushes, 'UPDATE');
  set('unenforced_rulesets', unenforcedRulesets(read, rulesets));
  set('unsecured_webhooks', unsecuredWebhooks(r));
  set('actions_token_read_only', actionsTokenReadOnly(r));
  set('actions_can_approve_pull_requests', actionsCanApprove(r));
  reviewSetting('stale_reviews_dismissed', (rule) => rule.dismissStale, 'dismisses stale approvals');
  protection('force_push_blocked', (p) => !p.allowsForcePushes, 'NON_FAST_FORWARD');
  protection('deletion_blocked', (p) => !p.allowsDeletions, 'DELETION');
  set('outside_collaborators_with_write', outsideWriters(r, outsideCollaborators));
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
  const counts = r.pullRequestRules.map((p) => p.approvals);
  if (counts.some((n) => n === null)) return unreportedApprovals(r);
  const p = r.protection.value;
  return ok(Math.max(p?.requiresApprovingReviews ? (p.requiredApprovingReviewCount ?? 0) : 0, ...counts.map((n) => n ?? 0)));
}

/** A PULL_REQUEST ruleset rule requires review only with at least one approval; an unreported count is unknown, not a yes. */
export function reviewByRulesets(r: RawRepo): Outcome<boolean> {
  if (!r.rulesetRules.ok) return r.rulesetRules;
  const counts = r.pullRequestRules.map((p) => p.approvals);
  if (counts.some((n) => n !== null && n >= 1)) return ok(true);
  if (counts.some((n) => n === null)) return unreportedApprovals(r);
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

/** A rule on the default branch that requires at least one approving review. */
export interface ReviewRule {
  readonly name: string;
  /** Who may merge without the review it requires. */
  readonly bypass: Outcome<readonly string[]>;
  readonly lastPush: boolean | null;
  readonly dismissStale: boolean | null;
  readonly codeOwner: boolean | null;
}

/**
 * The rules that require review on the default branch: classic protection with at least one
 * approval (admins bypass it unless isAdminEnforced; its bypass allowances always), and each
 * PULL_REQUEST ruleset rule with at least one approval (its ruleset's bypass actors).
 */
export function reviewRules(r: RawRepo, rulesets: Outcome<readonly RawRuleset[]>): Outcome<ReviewRule[]> {
  if (!r.protection.ok) return r.protection;
  if (!r.rulesetRules.ok) return r.rulesetRules;
  if (r.pullRequestRules.some((p) => p.approvals === null)) return unreportedApprovals(r);
  const rules: ReviewRule[] = [];
  const p = r.protection.value;
  if (p?.requiresApprovingReviews && (p.requiredApprovingReviewCount ?? 0) >= 1) {
    const bypass = p.isAdminEnforced ? p.bypassAllowances : map(p.bypassAllowances, (a) => ['repository admins', ...a]);
    rules.push({
      name: 'branch protection',
      bypass,
      lastPush: p.requireLastPushApproval,
      dismissStale: p.dismissesStaleReviews,
      codeOwner: p.requiresCodeOwnerReviews,
    });
  }
  for (const rule of r.pullRequestRules) {
    if ((rule.approvals ?? 0) < 1) continue;
    const ruleset = rulesets.ok ? rulesets.value.find((s) => s.id === rule.ruleset) : undefined;
    const bypass = !rulesets.ok
      ? rulesets
      : (ruleset?.bypass ?? failed(`${r.nameWithOwner}: a PULL_REQUEST rule on the default branch belongs to a ruleset GitHub did not return`));
    rules.push({
      name: `ruleset ${ruleset?.name ?? rule.ruleset ?? '(unnamed)'}`,
      bypass,
      lastPush: rule.lastPush,
      dismissStale: rule.dismissStale,
      codeOwner: rule.codeOwner,
    });
  }
  return ok(rules);
}

/** Organization owners administer every repository: a rule that repository admins bypass, they bypass too. */
const IMPLIED: Readonly<Record<string, readonly string[]>> = { 'repository admins': ['organization admins'] };

const bypasses = (allowed: readonly string[], actor: string) => allowed.includes(actor) || allowed.some((a) => IMPLIED[a]?.includes(actor));

/**
 * Who can merge into the default branch without the review the rules require: the actors every
 * review rule lets through (one rule that binds them is enough). Unknown when a rule's bypass list
 * is; not applicable when no rule requires review (AR-ACC-103 reports that).
 */
export function reviewBypass(review: Outcome<readonly ReviewRule[]>): Outcome<string[]> {
  if (!review.ok) return review;
  if (review.value.length === 0) return notApplicable('no rule on the default branch requires an approving review');
  const lists: (readonly string[])[] = [];
  for (const rule of review.value) {
    if (!rule.bypass.ok) return withDetail(rule.bypass, `${rule.name}: ${rule.bypass.detail}`);
    lists.push(rule.bypass.value);
  }
  return ok([...new Set(lists.flat())].filter((actor) => lists.every((l) => bypasses(l, actor))).sort());
}

/** True when some review rule says so, false when every one says not (or none requires review), else unknown. */
export function anyRuleSays(review: Outcome<readonly ReviewRule[]>, says: (rule: ReviewRule) => boolean | null, what: string): Outcome<boolean> {
  if (!review.ok) return review;
  const answers = review.value.map(says);
  if (answers.includes(true)) return ok(true);
  const silent = review.value.find((rule) => says(rule) === null);
  return silent ? failed(`${silent.name} does not say ${what}`) : ok(false);
}

/** Repository permissions that can push: admin, maintain, write. */
const PUSH = new Set(['ADMIN', 'MAINTAIN', 'WRITE']);

/** Outside collaborators (the organization's list) who can push to the repository, sorted. */
export function outsideWriters(r: RawRepo, outsideCollaborators: Outcome<readonly string[]>): Outcome<string[]> {
  if (!r.collaborators.ok) return r.collaborators;
  if (!outsideCollaborators.ok) return withDetail(outsideCollaborators, `who is an outside collaborator: ${outsideCollaborators.detail}`);
  const outside = new Set(outsideCollaborators.value);
  return ok(
    r.collaborators.value
      .filter((c) => outside.has(c.login) && PUSH.has(c.permission))
      .map((c) => c.login)
      .sort(),
  );
}
