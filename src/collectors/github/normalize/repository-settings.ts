/**
 * Repository facts beyond review and force pushes: who may dismiss reviews and push, code-owner
 * review, rulesets that do not enforce, the repository's own webhooks and Actions token settings.
 */
import { type Outcome, notApplicable, ok } from '../../kit/result.js';
import type { RawHook, RawRepo, RawRuleset } from '../raw.js';
import { withDetail } from './gaps.js';
import type { ReviewRule } from './resources.js';

const map = <T, R>(o: Outcome<T>, f: (v: T) => R): Outcome<R> => (o.ok ? ok(f(o.value)) : o);

/**
 * Whether only named people, teams or apps may dismiss approving reviews: classic protection's
 * "Restrict who can dismiss pull request reviews". Rulesets have no such restriction (anyone with
 * write access dismisses), so a branch that only rulesets protect is false. Not applicable when no
 * rule requires review.
 */
export function reviewDismissalRestricted(r: RawRepo, review: Outcome<readonly ReviewRule[]>): Outcome<boolean> {
  if (!review.ok) return review;
  if (review.value.length === 0) return notApplicable('no rule on the default branch requires an approving review');
  return ok(r.protection.ok && r.protection.value?.restrictsReviewDismissals === true);
}

/** Names of the rulesets on the default branch that do not enforce (EVALUATE, DISABLED, or a mode GitHub did not say). */
export function unenforcedRulesets(r: RawRepo, rulesets: Outcome<readonly RawRuleset[]>): Outcome<string[]> {
  if (!r.rulesetRules.ok) return r.rulesetRules;
  if (r.rulesetIds.length === 0) return ok([]);
  if (!rulesets.ok) return withDetail(rulesets, `rulesets of the default branch: ${rulesets.detail}`);
  return ok(
    r.rulesetIds
      .map((id) => rulesets.value.find((s) => s.id === id))
      .filter((s) => s?.enforcement !== 'ACTIVE')
      .map((s) => `${s?.name ?? '(not returned)'}: ${s?.enforcement ?? 'enforcement unknown'}`)
      .sort(),
  );
}

/** What is wrong with a webhook, or nothing: a secret, https and TLS verification are all expected. */
function hookProblems(h: RawHook): string[] {
  return [
    ...(h.secret_set ? [] : ['no secret']),
    ...(h.url.startsWith('https://') ? [] : ['not https']),
    ...(String(h.insecure_ssl ?? '0') === '0' ? [] : ['TLS verification off']),
  ];
}

/** The repository's active webhooks that are unsigned, not https, or skip TLS verification: "hook <id> <origin>: <problems>". */
export function unsecuredWebhooks(r: RawRepo): Outcome<string[]> {
  return map(r.hooks, (hooks) =>
    hooks
      .filter((h) => h.active && hookProblems(h).length > 0)
      .map((h) => `hook ${h.id} ${h.url}: ${hookProblems(h).join(', ')}`)
      .sort(),
  );
}

/** The repository's default GITHUB_TOKEN permission is read (anything else can write). */
export const actionsTokenReadOnly = (r: RawRepo): Outcome<boolean> => map(r.workflow, (w) => w.default_workflow_permissions === 'read');

/** GitHub Actions may create or approve pull requests in the repository. */
export const actionsCanApprove = (r: RawRepo): Outcome<boolean> => map(r.workflow, (w) => w.can_approve_pull_request_reviews);
