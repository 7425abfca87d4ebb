import { describe, expect, it } from 'vitest';
import { CollectorError } from '../../src/errors.js';
import { factPaths, gapProblems } from '../../src/model/gaps.js';
import { assertUniqueIds, assertValidSnapshot } from '../../src/model/validate.js';
import { generateEstate } from '../helpers/estate.js';

const [tool] = generateEstate(1, 1);

describe('model validation of collector output', () => {
  it('accepts a valid snapshot', () => {
    expect(() => assertValidSnapshot('x', tool!)).not.toThrow();
  });

  it('names the collector and the JSON path when the schema is broken', () => {
    const bad = structuredClone(tool!) as unknown as Record<string, Record<string, unknown>>;
    bad.identity!.mfa_required = 'yes';
    expect(() => assertValidSnapshot('github', bad as never)).toThrowError(
      new CollectorError('github', `snapshot ${tool!.id} breaks the model schema at identity.mfa_required: must be boolean,null`),
    );
  });

  it('a missing fact is a schema error, not a silent pass', () => {
    const bad = structuredClone(tool!) as unknown as { time: Record<string, unknown> };
    delete bad.time.offset_ms;
    expect(() => assertValidSnapshot('chrony', bad as never)).toThrowError(/time: missing required property "offset_ms"/);
  });

  it('rejects a null fact without a gap, and a gap for a known fact', () => {
    const t = structuredClone(tool!);
    t.gaps = [];
    t.identity.mfa_required = null;
    t.identity.sso_enforced = true;
    t.gaps.push({ fact: 'identity.sso_enforced', reason: 'error', detail: 'x' });
    const problems = gapProblems(t, t.gaps).map((p) => p.message);
    expect(problems).toContain('gap for "identity.sso_enforced" but the fact has a value; a gap is only for a null fact');
    expect(problems).toContain('identity.mfa_required is null but no gap says why (add a gap with fact "identity.mfa_required" and a reason)');
  });

  it('rejects duplicate and unknown gaps', () => {
    const t = structuredClone(tool!);
    t.identity.mfa_required = null;
    t.gaps = [
      { fact: 'identity.mfa_required', reason: 'error', detail: 'a' },
      { fact: 'identity.mfa_required', reason: 'error', detail: 'b' },
      { fact: 'identity.nonsense', reason: 'error', detail: 'c' },
    ];
    const msgs = gapProblems(t, t.gaps).map((p) => p.message);
    expect(msgs.some((m) => m.startsWith('second gap for "identity.mfa_required"'))).toBe(true);
    expect(msgs).toContain('gap names unknown fact "identity.nonsense"');
  });

  it('audit_log.event_levels is one fact: one gap for the whole object, never one per class', () => {
    const t = structuredClone(tool!);
    t.gaps = t.gaps.filter((g) => !g.fact.startsWith('audit_log.event_levels'));
    t.audit_log.event_levels = { secrets: 'Metadata', rbac: 'RequestResponse' };
    expect(factPaths(t).filter((p) => p.startsWith('audit_log.event_levels'))).toEqual(['audit_log.event_levels']);
    expect(factPaths(t)).toEqual(expect.arrayContaining(['identity.mfa_exempt', 'audit_log.fields.target']));
    expect(gapProblems(t, t.gaps)).toEqual([]);
    t.audit_log.event_levels = null;
    expect(gapProblems(t, t.gaps).map((p) => p.message)).toContain(
      'audit_log.event_levels is null but no gap says why (add a gap with fact "audit_log.event_levels" and a reason)',
    );
    t.gaps.push({ fact: 'audit_log.event_levels.secrets', reason: 'not_collected', detail: 'x' });
    expect(gapProblems(t, t.gaps).map((p) => p.message)).toContain('gap names unknown fact "audit_log.event_levels.secrets"');
  });

  it('the new facts are required by the schema', () => {
    for (const [group, key] of [
      ['identity', 'mfa_exempt'],
      ['audit_log', 'event_levels'],
    ] as const) {
      const bad = structuredClone(tool!) as unknown as Record<string, Record<string, unknown>>;
      delete bad[group]![key];
      expect(() => assertValidSnapshot('x', bad as never)).toThrowError(new RegExp(`missing required property "${key}"`));
    }
    const bad = structuredClone(tool!) as unknown as { audit_log: { fields: Record<string, unknown> } };
    delete bad.audit_log.fields.target;
    expect(() => assertValidSnapshot('x', bad as never)).toThrowError(/missing required property "target"/);
  });

  it('rejects two snapshots with one id', () => {
    expect(() => assertUniqueIds([tool!, tool!])).toThrowError(/two snapshots share the id/);
  });
});
