import { describe, expect, it } from 'vitest';
import { missing, ok } from '../../../../src/collectors/kit/result.js';
import { eitherRule, mostApprovalsRequired, repositoryResource, reviewByRulesets } from '../../../../src/collectors/github/normalize/resources.js';
import { forbidden, repo } from './raw.js';

const noClassic = { protection: ok(null) } as const;

describe('github repository resources', () => {
  it('required approvals: the most any rule requires, classic or ruleset', () => {
    expect(mostApprovalsRequired(repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRuleApprovals: [3] }))).toEqual(ok(3));
    expect(mostApprovalsRequired(repo({ ...noClassic, rulesetRules: ok(['PULL_REQUEST']), pullRequestRuleApprovals: [1] }))).toEqual(ok(1));
    expect(mostApprovalsRequired(repo({ ...noClassic }))).toEqual(ok(0));
  });

  it('required approvals are unknown when a ruleset count is unreported or either side is unreadable', () => {
    expect(mostApprovalsRequired(repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRuleApprovals: [null] }))).toMatchObject({ ok: false, reason: 'error' });
    expect(mostApprovalsRequired(repo({ protection: forbidden('repository admin') }))).toMatchObject({ ok: false, permission: 'repository admin' });
    expect(mostApprovalsRequired(repo({ rulesetRules: forbidden('repo') }))).toMatchObject({ ok: false, permission: 'repo' });
  });

  it('a ruleset requires review only with at least one approval', () => {
    expect(reviewByRulesets(repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRuleApprovals: [0] }))).toEqual(ok(false));
    expect(reviewByRulesets(repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRuleApprovals: [0, 1] }))).toEqual(ok(true));
  });

  it('classic OR ruleset: true from either side, unknown only when neither says so and one side is unreadable', () => {
    const byClassic = (p: { allowsForcePushes: boolean }) => !p.allowsForcePushes;
    expect(eitherRule(repo({ protection: forbidden('repository admin') }), byClassic, ok(true))).toEqual(ok(true));
    expect(eitherRule(repo(), byClassic, forbidden('repo'))).toEqual(ok(true));
    expect(eitherRule(repo({ ...noClassic }), byClassic, ok(false))).toEqual(ok(false));
    expect(eitherRule(repo({ ...noClassic }), byClassic, forbidden('repo'))).toMatchObject({ ok: false, permission: 'repo' });
    expect(eitherRule(repo({ protection: forbidden('repository admin') }), byClassic, ok(false))).toMatchObject({ ok: false, permission: 'repository admin' });
  });

  it('a resource: admins, write deploy keys, and a gap for each unknown fact', () => {
    const r = repositoryResource(
      repo({
        deployKeys: ok([
          { title: 'w', readOnly: false },
          { title: 'r', readOnly: true },
        ]),
        collaborators: forbidden('repo'),
      }),
    );
    expect(r).toMatchObject({
      id: 'repository:acme/app',
      kind: 'repository',
      facts: { write_deploy_keys: ['w'], admin_names: null, admin_count: null, review_required: true },
    });
    expect(r.gaps.map((g) => g.fact)).toEqual(['admin_names', 'admin_count']);
  });

  it('a repository GitHub returned as null keeps every fact unknown with its error', () => {
    const lost = repositoryResource(
      repo({ unreadable: missing('error', 'boom'), protection: missing('error', 'boom'), rulesetRules: missing('error', 'boom') }),
    );
    expect(lost.facts.archived).toBeNull();
    expect(lost.gaps.find((g) => g.fact === 'visibility')?.detail).toBe('boom');
  });
});
