/**
 * Ruleset enforcement: a rule protects the default branch only while its ruleset enforces
 * (ACTIVE). Evaluate mode (GitHub only reports what it would block) and disabled rulesets give
 * nothing; an unknown mode makes what rulesets give unknown, never a protection.
 */
import { describe, expect, it } from 'vitest';
import { enforcedRulesOnly } from '../../../../src/collectors/github/normalize/enforcement.js';
import { repositoryResource } from '../../../../src/collectors/github/normalize/resources.js';
import type { RawRuleset } from '../../../../src/collectors/github/raw.js';
import { type Outcome, ok } from '../../../../src/collectors/kit/result.js';
import { forbidden, prRule, repo } from './raw.js';

const rs = (id: string, enforcement: string | null): RawRuleset => ({ id, name: `rs-${id}`, enforcement, bypass: ok([]) });
/** No classic protection; every rule type of one ruleset RS1 (approvals 2 on its pull-request rule). */
const onlyRuleset = repo({
  protection: ok(null),
  rulesetRules: ok(['DELETION', 'NON_FAST_FORWARD', 'PULL_REQUEST', 'UPDATE']),
  rulesetIds: ['RS1'],
  pullRequestRules: [prRule(2, 'RS1', { dismissStale: true, lastPush: true, codeOwner: true })],
});
const PROTECTION = [
  'force_push_blocked',
  'deletion_blocked',
  'push_restricted',
  'review_required',
  'required_approvals',
  'stale_reviews_dismissed',
  'last_push_approval_required',
  'code_owner_review_required',
  'ruleset_rules',
] as const;
const protectionFacts = (r: ReturnType<typeof repo>, rulesets: Outcome<readonly RawRuleset[]>) => {
  const { facts } = repositoryResource(r, rulesets, ok([]));
  return Object.fromEntries(PROTECTION.map((k) => [k, facts[k]]));
};

describe('github rulesets: only enforcing rulesets protect', () => {
  it('ACTIVE: every rule type counts (pass)', () => {
    expect(protectionFacts(onlyRuleset, ok([rs('RS1', 'ACTIVE')]))).toEqual({
      force_push_blocked: true,
      deletion_blocked: true,
      push_restricted: true,
      review_required: true,
      required_approvals: 2,
      stale_reviews_dismissed: true,
      last_push_approval_required: true,
      code_owner_review_required: true,
      ruleset_rules: ['DELETION', 'NON_FAST_FORWARD', 'PULL_REQUEST', 'UPDATE'],
    });
  });

  it.each(['EVALUATE', 'DISABLED'])('%s: no rule type counts, and the ruleset is named as unenforced (fail)', (mode) => {
    const rulesets = ok([rs('RS1', mode)]);
    expect(protectionFacts(onlyRuleset, rulesets)).toEqual({
      force_push_blocked: false,
      deletion_blocked: false,
      push_restricted: false,
      review_required: false,
      required_approvals: 0,
      stale_reviews_dismissed: false,
      last_push_approval_required: false,
      code_owner_review_required: false,
      ruleset_rules: [],
    });
    expect(repositoryResource(onlyRuleset, rulesets, ok([])).facts.unenforced_rulesets).toEqual([`rs-RS1: ${mode}`]);
  });

  it('an evaluating ruleset beside an enforcing one: only the enforcing rules count', () => {
    const r = repo({
      protection: ok(null),
      rulesetRules: ok(['DELETION', 'NON_FAST_FORWARD']),
      rulesetIds: ['RS1', 'RS2'],
      ruleOrigins: [
        { type: 'DELETION', ruleset: 'RS1' },
        { type: 'NON_FAST_FORWARD', ruleset: 'RS2' },
        { type: 'DELETION', ruleset: 'RS2' },
      ],
    });
    const f = protectionFacts(r, ok([rs('RS1', 'ACTIVE'), rs('RS2', 'EVALUATE')]));
    expect(f).toMatchObject({ deletion_blocked: true, force_push_blocked: false, ruleset_rules: ['DELETION'] });
  });

  it('classic protection still protects a branch whose only ruleset evaluates', () => {
    const r = repo({ rulesetRules: ok(['NON_FAST_FORWARD']), rulesetIds: ['RS1'] });
    expect(protectionFacts(r, ok([rs('RS1', 'EVALUATE')]))).toMatchObject({ force_push_blocked: true, deletion_blocked: true, ruleset_rules: [] });
  });

  it.each([
    ['the mode GitHub did not say', ok([rs('RS1', null)]), /did not say whether ruleset rs-RS1 is enforced/],
    ['a ruleset GitHub did not return', ok([]), /ruleset RS1 was not returned/],
    ['rulesets that could not be read', forbidden('repository admin (ruleset bypass actors)'), /whether its rulesets are enforced: GitHub: forbidden/],
  ] as const)('unknown mode (%s): what rulesets give is unknown, not a protection (unknown)', (_, rulesets, why) => {
    const { facts, gaps } = repositoryResource(onlyRuleset, rulesets, ok([]));
    for (const k of ['force_push_blocked', 'deletion_blocked', 'push_restricted', 'review_required', 'required_approvals', 'ruleset_rules']) {
      expect(facts[k], k).toBeNull();
      expect(gaps.find((g) => g.fact === k)?.detail, k).toMatch(why);
    }
  });

  it('a rule naming no ruleset has an unknown mode', () => {
    const r = repo({ protection: ok(null), rulesetRules: ok(['DELETION']), ruleOrigins: [{ type: 'DELETION', ruleset: null }] });
    expect(enforcedRulesOnly(r, ok([])).rulesetRules).toMatchObject({ ok: false, detail: expect.stringContaining('names no ruleset') });
  });

  it('an empty repository has no rules to weigh (not applicable stays not applicable)', () => {
    const empty = repo({ defaultBranch: null, protection: { ok: false, reason: 'not_applicable', detail: 'empty' }, rulesetRules: ok([]) });
    const { facts, gaps } = repositoryResource(empty, ok([]), ok([]));
    expect(facts.deletion_blocked).toBeNull();
    expect(gaps.find((g) => g.fact === 'deletion_blocked')?.reason).toBe('not_applicable');
  });
});
