import { describe, expect, it } from 'vitest';
import {
  anyRuleSays,
  eitherRule,
  mostApprovalsRequired,
  outsideWriters,
  repositoryResource,
  reviewBypass,
  reviewByRulesets,
  reviewRules,
} from '../../../../src/collectors/github/normalize/resources.js';
import type { RawRuleset } from '../../../../src/collectors/github/raw.js';
import { missing, ok } from '../../../../src/collectors/kit/result.js';
import { forbidden, protection, prRule, repo } from './raw.js';

const noClassic = { protection: ok(null) } as const;
const ruleset = (bypass: string[], id = 'RS1'): RawRuleset => ({ id, name: `rs-${id}`, enforcement: 'ACTIVE', bypass: ok(bypass) });
const NONE = ok([]);

describe('github repository resources', () => {
  it('required approvals: the most any rule requires, classic or ruleset', () => {
    expect(mostApprovalsRequired(repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(3)] }))).toEqual(ok(3));
    expect(mostApprovalsRequired(repo({ ...noClassic, rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(1)] }))).toEqual(ok(1));
    expect(mostApprovalsRequired(repo({ ...noClassic }))).toEqual(ok(0));
  });

  it('required approvals are unknown when a ruleset count is unreported or either side is unreadable', () => {
    expect(mostApprovalsRequired(repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(null)] }))).toMatchObject({ ok: false, reason: 'error' });
    expect(mostApprovalsRequired(repo({ protection: forbidden('repository admin') }))).toMatchObject({ ok: false, permission: 'repository admin' });
    expect(mostApprovalsRequired(repo({ rulesetRules: forbidden('repo') }))).toMatchObject({ ok: false, permission: 'repo' });
  });

  it('a ruleset requires review only with at least one approval', () => {
    expect(reviewByRulesets(repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(0)] }))).toEqual(ok(false));
    expect(reviewByRulesets(repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(0), prRule(1)] }))).toEqual(ok(true));
  });

  it('classic OR ruleset: true from either side, unknown only when neither says so and one side is unreadable', () => {
    const byClassic = (p: { allowsForcePushes: boolean }) => !p.allowsForcePushes;
    expect(eitherRule(repo({ protection: forbidden('repository admin') }), byClassic, ok(true))).toEqual(ok(true));
    expect(eitherRule(repo(), byClassic, forbidden('repo'))).toEqual(ok(true));
    expect(eitherRule(repo({ ...noClassic }), byClassic, ok(false))).toEqual(ok(false));
    expect(eitherRule(repo({ ...noClassic }), byClassic, forbidden('repo'))).toMatchObject({ ok: false, permission: 'repo' });
    expect(eitherRule(repo({ protection: forbidden('repository admin') }), byClassic, ok(false))).toMatchObject({ ok: false, permission: 'repository admin' });
  });

  it('review bypass: admins pass classic protection that is not enforced on them, and its bypass allowances', () => {
    const r = repo({ protection: ok(protection({ isAdminEnforced: false, bypassAllowances: ok(['team:release']) })) });
    expect(reviewBypass(reviewRules(r, NONE))).toEqual(ok(['repository admins', 'team:release']));
    expect(reviewBypass(reviewRules(repo(), NONE))).toEqual(ok([]));
  });

  it('review bypass: one rule that binds an actor is enough; organization owners are repository admins', () => {
    const both = (classicAdmins: boolean, rs: RawRuleset) =>
      reviewBypass(
        reviewRules(
          repo({ protection: ok(protection({ isAdminEnforced: !classicAdmins })), rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(1)] }),
          ok([rs]),
        ),
      );
    // classic binds admins: the ruleset's bypass changes nothing
    expect(both(false, ruleset(['organization admins']))).toEqual(ok([]));
    // both let organization owners through (classic: as repository admins)
    expect(both(true, ruleset(['organization admins', 'team:x']))).toEqual(ok(['organization admins']));
    // a ruleset alone decides
    const only = repo({ ...noClassic, rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(2)] });
    expect(reviewBypass(reviewRules(only, ok([ruleset(['deploy keys'])])))).toEqual(ok(['deploy keys']));
  });

  it('review bypass is unknown when a review rule cannot say who bypasses it, and not applicable without review', () => {
    const only = repo({ ...noClassic, rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(1)] });
    expect(
      reviewBypass(reviewRules(only, ok([{ id: 'RS1', name: 'main', enforcement: 'ACTIVE', bypass: forbidden('repository admin (ruleset bypass actors)') }]))),
    ).toMatchObject({
      ok: false,
      permission: 'repository admin (ruleset bypass actors)',
      detail: 'ruleset main: GitHub: forbidden',
    });
    expect(reviewBypass(reviewRules(only, forbidden('repo')))).toMatchObject({ ok: false, permission: 'repo' });
    expect(reviewBypass(reviewRules(only, NONE))).toMatchObject({
      ok: false,
      reason: 'error',
      detail: expect.stringContaining('ruleset GitHub did not return'),
    });
    expect(reviewBypass(reviewRules(repo({ ...noClassic }), NONE))).toMatchObject({ ok: false, reason: 'not_applicable' });
    const classicUnknown = repo({ protection: ok(protection({ bypassAllowances: missing('error', '150 pull-request bypass allowances, 100 readable') })) });
    expect(reviewBypass(reviewRules(classicUnknown, NONE))).toMatchObject({
      ok: false,
      detail: 'branch protection: 150 pull-request bypass allowances, 100 readable',
    });
  });

  it('last-push approval and stale-review dismissal: any review rule that asks for it', () => {
    const rules = reviewRules(
      repo({ rulesetRules: ok(['PULL_REQUEST']), pullRequestRules: [prRule(1, 'RS1', { lastPush: true, dismissStale: null })] }),
      ok([ruleset([])]),
    );
    expect(anyRuleSays(rules, (r) => r.lastPush, 'x')).toEqual(ok(true));
    expect(anyRuleSays(rules, (r) => r.dismissStale, 'whether it dismisses stale approvals')).toMatchObject({
      ok: false,
      detail: 'ruleset rs-RS1 does not say whether it dismisses stale approvals',
    });
    expect(anyRuleSays(reviewRules(repo({ ...noClassic }), NONE), (r) => r.lastPush, 'x')).toEqual(ok(false));
  });

  it('a resource: admins, write deploy keys, review facts, and a gap for each unknown fact', () => {
    const r = repositoryResource(
      repo({
        deployKeys: ok([
          { title: 'w', readOnly: false },
          { title: 'r', readOnly: true },
        ]),
        collaborators: forbidden('repo'),
        protection: ok(protection({ requireLastPushApproval: true })),
      }),
      NONE,
      ok([]),
    );
    expect(r).toMatchObject({
      id: 'repository:acme/app',
      kind: 'repository',
      facts: {
        write_deploy_keys: ['w'],
        admin_names: null,
        admin_count: null,
        review_required: true,
        review_bypass_actors: [],
        last_push_approval_required: true,
        stale_reviews_dismissed: false,
      },
    });
    expect(r.gaps.map((g) => g.fact)).toEqual(['admin_names', 'admin_count', 'outside_collaborators_with_write']);
  });

  it('branch deletion is blocked by classic protection or a DELETION ruleset rule', () => {
    const deletion = (over: Parameters<typeof repo>[0]) => repositoryResource(repo(over), ok([ruleset([])]), ok([])).facts.deletion_blocked;
    expect(deletion({})).toBe(true);
    expect(deletion({ protection: ok(protection({ allowsDeletions: true })) })).toBe(false);
    expect(deletion({ protection: ok(protection({ allowsDeletions: true })), rulesetRules: ok(['DELETION']) })).toBe(true);
    expect(deletion({ ...noClassic })).toBe(false);
  });

  it('outside collaborators who can push; unknown when either list is unreadable', () => {
    const collaborators = ok([
      { login: 'alice', permission: 'ADMIN' },
      { login: 'zed', permission: 'WRITE' },
      { login: 'reader', permission: 'READ' },
      { login: 'amy', permission: 'MAINTAIN' },
    ]);
    expect(outsideWriters(repo({ collaborators }), ok(['zed', 'reader', 'amy']))).toEqual(ok(['amy', 'zed']));
    expect(outsideWriters(repo({ collaborators }), forbidden('read:org (organization owner)'))).toMatchObject({
      ok: false,
      permission: 'read:org (organization owner)',
      detail: 'who is an outside collaborator: GitHub: forbidden',
    });
    expect(outsideWriters(repo({ collaborators: forbidden('repo') }), ok([]))).toMatchObject({ ok: false, permission: 'repo' });
  });

  it('a repository GitHub returned as null keeps every fact unknown with its error', () => {
    const boom = missing('error', 'boom');
    const lost = repositoryResource(repo({ unreadable: boom, protection: boom, rulesetRules: boom }), NONE, ok([]));
    expect(lost.facts.archived).toBeNull();
    expect(lost.gaps.find((g) => g.fact === 'visibility')?.detail).toBe('boom');
    expect(lost.gaps.find((g) => g.fact === 'review_bypass_actors')?.detail).toBe('boom');
  });
});
