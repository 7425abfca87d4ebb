/**
 * A tool too large for one evaluation is evaluated in slices of its repositories
 * (src/engine/slices.ts): the merged findings equal one evaluation of the whole tool, finding by
 * finding, and a policy that judged the repositories together would stop the evaluation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProfile, resolveParameters } from '../../src/config/profile.js';
import { loadPolicyBundle } from '../../src/engine/policy-bundle.js';
import { Engine, type RawFinding } from '../../src/engine/engine.js';
import { EstateEvaluator, planTasks } from '../../src/engine/estate.js';
import { mergeSlices, pointIntoTool, sliceTool } from '../../src/engine/slices.js';
import type { ToolSnapshot } from '../../src/model/types.js';
import { canonical, findingDiff } from '../helpers/findings.js';
import { fixture } from '../helpers/run.js';

/** The non-compliant GitHub organization: 10 repositories (one archived), its organization resource, every kind of finding. */
const github = JSON.parse(readFileSync(fixture('github', 'noncompliant', 'normalized.json'), 'utf8')) as ToolSnapshot;
const AS_OF = '2026-11-20T12:00:00Z';
const RUN = { started_at: AS_OF, collected_by: AS_OF };
const params = resolveParameters(loadProfile('baseline'));

describe('evaluating a large tool in slices of its repositories', () => {
  it('slices: every non-repository resource in each, runs of repositories with an active one each, indexes into the tool', () => {
    const slices = sliceTool(github, 1)!;
    const resources = github.resources!;
    const org = resources.findIndex((r) => r.kind === 'organization');
    expect(slices.length).toBeGreaterThan(2);
    for (const s of slices) {
      expect(s.indexes).toContain(org);
      const tool = JSON.parse(s.json) as ToolSnapshot;
      expect(tool.resources!.map((r) => r.id)).toEqual(s.indexes.map((i) => resources[i]!.id));
      expect(tool.resources!.some((r) => r.kind === 'repository' && r.facts.archived !== true)).toBe(true);
    }
    // one repository per slice here: the archived one's slice borrows an active repository
    expect(slices.filter((s) => s.borrowed !== undefined).map((s) => s.indexes.length)).toEqual([3]);
    // every repository in exactly one slice (not counting a borrowed one)
    const repos = slices.flatMap((s) => s.indexes.filter((i) => i !== org && resources[i]!.id !== s.borrowed));
    expect(repos.sort((a, b) => a - b)).toEqual(resources.flatMap((r, i) => (r.kind === 'repository' ? [i] : [])));
    // small enough: whole
    expect(sliceTool(github)).toBeUndefined();
  });

  it('the merged findings equal one evaluation of the whole tool, finding by finding (pointers into the tool)', async () => {
    const bundle = loadPolicyBundle();
    const engine = await Engine.create(bundle, params);
    const whole = engine.evaluate({ as_of: AS_OF, run: RUN, tools: [github] });
    const evaluator = new EstateEvaluator(bundle, params, { workers: 2, sliceBytes: 1, sliceMinResources: 1 });
    try {
      const tasks = planTasks(bundle.catalog, [github], AS_OF, true, { sliceBytes: 1, sliceMinResources: 1 }, RUN);
      expect(tasks.filter((t) => t.entrypoint === 'perTool').length).toBeGreaterThan(2);
      const sliced = await evaluator.evaluate([github], AS_OF, RUN);
      expect(findingDiff(sliced, whole)).toEqual({ onlyA: [], onlyB: [] });
      expect(canonical(sliced)).toEqual(canonical(whole));
      // per-repository findings point at their repository's resource in the tool
      const f = sliced['access.github_default_branch_undeletable']!.find((x) => x.resource === 'repository:acme/repo-00007')!;
      const at = github.resources!.findIndex((r) => r.id === 'repository:acme/repo-00007');
      expect(f.evidence).toEqual([`/resources/${at}/facts/deletion_blocked`]);
    } finally {
      await evaluator.close();
    }
  });

  it('a policy whose tool-level findings differ between slices stops the evaluation (it judges the repositories together)', () => {
    const finding = (message: string, resource: string | null = null): RawFinding => ({
      tool: github.id,
      resource,
      status: 'pass',
      message,
      observed: {},
      expected: {},
      evidence: ['/resources/0/facts/x'],
      gaps: [],
    });
    const ok = mergeSlices(github, [
      { 'access.x': [finding('same'), finding('a', 'repository:acme/repo-00000')] },
      { 'access.x': [finding('same'), finding('b', 'repository:acme/repo-00001')] },
    ]);
    expect(ok['access.x']!.map((f) => f.message)).toEqual(['same', 'a', 'b']);
    expect(() => mergeSlices(github, [{ 'access.x': [finding('3 public repositories')] }, { 'access.x': [finding('1 public repository')] }])).toThrow(
      /policy access\.x judges the repositories together/,
    );
  });

  it("pointers of a slice's findings are mapped to the tool's resources, other pointers untouched; a pointer outside the slice is an error", () => {
    const r = pointIntoTool(
      { k: [{ ...({} as RawFinding), evidence: ['/resources/1/facts/a', '/identity/mfa_required', '/resources/0'] }] },
      { indexes: [4, 12] },
    );
    expect(r.k![0]!.evidence).toEqual(['/identity/mfa_required', '/resources/12/facts/a', '/resources/4']);
    expect(() => pointIntoTool({ k: [{ ...({} as RawFinding), evidence: ['/resources/2/facts/a'] }] }, { indexes: [4, 12] })).toThrow(
      /points at \/resources\/2\/facts\/a, outside the slice's 2 resources/,
    );
  });

  /** The organization with `archived` extra archived repositories after its own (a run of them, in name order). */
  function withArchivedRun(archived: number): ToolSnapshot {
    const resources = github.resources!;
    const template = resources.find((r) => r.kind === 'repository' && r.facts.archived === true)!;
    const extra = Array.from({ length: archived }, (_, k) => ({
      ...template,
      id: `repository:acme/zz-legacy-${String(k).padStart(6, '0')}`,
      name: `zz-legacy-${k}`,
    }));
    return { ...github, resources: [...resources, ...extra] };
  }

  it('a long run of archived repositories is cut by size too, each run borrowing an active repository (no slice of unbounded size)', () => {
    // 150,000 archived repositories after the last active one: one slice holding them all (and a
    // spread of them into one call) was the old way; now every slice stays near its size.
    const big = withArchivedRun(150_000);
    const sliceBytes = 64 * 1024;
    const slices = sliceTool(big, sliceBytes)!;
    const resources = big.resources!;
    const repoBytes = (i: number) => JSON.stringify(resources[i]).length + 1;
    const active = new Set(resources.flatMap((r, i) => (r.kind === 'repository' && r.facts.archived !== true ? [i] : [])));
    for (const s of slices) {
      const own = s.indexes.filter((i) => resources[i]!.kind === 'repository' && resources[i]!.id !== s.borrowed);
      let bytes = 0;
      for (const i of own.slice(0, -1)) bytes += repoBytes(i);
      expect(bytes).toBeLessThan(sliceBytes);
      expect(s.indexes.some((i) => active.has(i))).toBe(true);
      if (s.borrowed) expect(own.some((i) => active.has(i))).toBe(false);
      expect(JSON.parse(s.json)).toEqual({ ...big, resources: s.indexes.map((i) => resources[i]) });
    }
    expect(slices.filter((s) => s.borrowed).length).toBeGreaterThan(100);
    // every repository in exactly one slice, not counting the borrowed ones
    const owned = slices.flatMap((s) => s.indexes.filter((i) => resources[i]!.kind === 'repository' && resources[i]!.id !== s.borrowed));
    expect(owned.length).toBe(resources.filter((r) => r.kind === 'repository').length);
    expect(new Set(owned).size).toBe(owned.length);
  });

  it('slices that borrow an active repository give the findings of one whole evaluation, finding by finding', async () => {
    const big = withArchivedRun(300);
    const bundle = loadPolicyBundle();
    const engine = await Engine.create(bundle, params);
    const whole = engine.evaluate({ as_of: AS_OF, run: RUN, tools: [big] });
    const options = { workers: 1, sliceBytes: 4 * 1024, sliceMinResources: 1 };
    const tasks = planTasks(bundle.catalog, [big], AS_OF, true, options, RUN);
    expect(tasks.filter((t) => t.slice?.borrowed).length).toBeGreaterThan(3);
    const evaluator = new EstateEvaluator(bundle, params, options);
    try {
      const sliced = await evaluator.evaluate([big], AS_OF, RUN);
      expect(findingDiff(sliced, whole)).toEqual({ onlyA: [], onlyB: [] });
      expect(canonical(sliced)).toEqual(canonical(whole));
    } finally {
      await evaluator.close();
    }
  });
});
