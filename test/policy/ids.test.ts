import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { lockProblems, readLock } from '../../scripts/policy-ids.mjs';
import type { Catalog } from '../../src/policy/catalog.js';
import { ROOT } from '../helpers/run.js';

type Lock = Array<{ id: string; key: string }>;
const catalog = JSON.parse(readFileSync(path.join(ROOT, 'build', 'policy', 'catalog.json'), 'utf8')) as Catalog;
const problems = lockProblems as (c: Catalog, l: Lock) => string[];

describe('policy ids are stable', () => {
  it('every released id still names the same policy, and every built-in id is recorded', () => {
    expect(problems(catalog, readLock() as Lock)).toEqual([]);
  });

  it('deleting, reusing or not recording an id is caught', () => {
    const lock = readLock() as Lock;
    const [first, second] = catalog.policies.filter((p) => p.id.startsWith('AR-'));
    const without = { ...catalog, policies: catalog.policies.filter((p) => p.id !== first!.id) };
    expect(problems(without, lock)[0]).toMatch(/was released and is gone: keep the policy and mark it deprecated/);
    const reused = { ...catalog, policies: catalog.policies.map((p) => (p.id === first!.id ? { ...p, key: second!.key } : p)) };
    expect(problems(reused, lock).join('\n')).toMatch(/ids are never reused/);
    expect(
      problems(
        catalog,
        lock.filter((l) => l.id !== first!.id),
      )[0],
    ).toMatch(/is not in policies\/policy-ids\.lock/);
  });

  it('a deprecated policy keeps its id and is not evaluated', () => {
    const deprecated = { ...catalog, policies: catalog.policies.map((p, i) => (i === 0 ? { ...p, deprecated: true } : p)) };
    expect(problems(deprecated, readLock() as Lock)).toEqual([]);
  });
});
