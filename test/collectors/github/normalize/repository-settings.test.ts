import { describe, expect, it } from 'vitest';
import { notApplicable, ok } from '../../../../src/collectors/kit/result.js';
import { repositoryResource } from '../../../../src/collectors/github/normalize/resources.js';
import { forbidden, prRule, protection, repo } from './raw.js';

const facts = (...args: Parameters<typeof repositoryResource>) => repositoryResource(...args).facts;
const none = ok([]);

describe('GitHub repository facts: review dismissal, pushes, code owners, rulesets, webhooks, Actions', () => {
  it('classic protection that restricts dismissals and pushes and wants code owners gives true to all three', () => {
    expect(facts(repo(), none, none)).toMatchObject({ review_dismissal_restricted: true, push_restricted: true, code_owner_review_required: true });
  });

  it('a branch only a ruleset protects: dismissals are not restricted (rulesets cannot), pushes are restricted by an UPDATE rule, code owners per the rule', () => {
    const r = repo({
      protection: ok(null),
      rulesetRules: ok(['PULL_REQUEST', 'UPDATE']),
      rulesetIds: ['RS1'],
      pullRequestRules: [prRule(1, 'RS1', { codeOwner: true })],
    });
    const rulesets = ok([{ id: 'RS1', name: 'main', enforcement: 'ACTIVE', bypass: ok([]) }]);
    expect(facts(r, rulesets, none)).toMatchObject({
      review_dismissal_restricted: false,
      push_restricted: true,
      code_owner_review_required: true,
      unenforced_rulesets: [],
    });
  });

  it('a ruleset in evaluate mode is listed and its review does not count', () => {
    const r = repo({ protection: ok(null), rulesetRules: ok(['PULL_REQUEST']), rulesetIds: ['RS1'], pullRequestRules: [prRule(2, 'RS1')] });
    const rulesets = ok([{ id: 'RS1', name: 'trial', enforcement: 'EVALUATE', bypass: ok([]) }]);
    const f = facts(r, rulesets, none);
    expect(f).toMatchObject({ unenforced_rulesets: ['trial: EVALUATE'], review_required: false, required_approvals: 0 });
    expect(repositoryResource(r, rulesets, none).gaps.find((g) => g.fact === 'review_dismissal_restricted')).toMatchObject({ reason: 'not_applicable' });
  });

  it('unsecured repository webhooks are named with what is wrong; inactive hooks are not judged', () => {
    const hooks = ok([
      { id: 1, active: true, url: 'http://chat.example', insecure_ssl: '1', secret_set: false },
      { id: 2, active: false, url: 'http://old.example', insecure_ssl: '0', secret_set: false },
      { id: 3, active: true, url: 'https://ci.example', insecure_ssl: '0', secret_set: true },
    ]);
    expect(facts(repo({ hooks }), none, none).unsecured_webhooks).toEqual(['hook 1 http://chat.example: no secret, not https, TLS verification off']);
  });

  it("the repository's Actions token settings; unread (not an admin) or archived stay unknown or not applicable", () => {
    const w = ok({ default_workflow_permissions: 'write', can_approve_pull_request_reviews: true });
    expect(facts(repo({ workflow: w }), none, none)).toMatchObject({ actions_token_read_only: false, actions_can_approve_pull_requests: true });
    const hidden = repositoryResource(repo({ workflow: forbidden('repository admin'), hooks: notApplicable('archived') }), none, none);
    expect(hidden.facts).toMatchObject({ actions_token_read_only: null, unsecured_webhooks: null });
    expect(hidden.gaps.filter((g) => ['actions_token_read_only', 'unsecured_webhooks'].includes(g.fact)).map((g) => [g.fact, g.reason])).toEqual([
      ['unsecured_webhooks', 'not_applicable'],
      ['actions_token_read_only', 'permission_missing'],
    ]);
  });

  it('classic protection without code-owner review is false', () => {
    expect(facts(repo({ protection: ok(protection({ requiresCodeOwnerReviews: false, restrictsPushes: false })) }), none, none)).toMatchObject({
      code_owner_review_required: false,
      push_restricted: false,
    });
  });
});
