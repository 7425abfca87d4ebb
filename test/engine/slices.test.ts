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
    // every repository in exactly one slice
    const repos = slices.flatMap((s) => s.indexes.filter((i) => i !== org));
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

  it("pointers of a slice's findings are mapped to the tool's resources, other pointers untouched", () => {
    const r = pointIntoTool({ k: [{ ...({} as RawFinding), evidence: ['/resources/1/facts/a', '/identity/mfa_required', '/resources/0'] }] }, [4, 12]);
    expect(r.k![0]!.evidence).toEqual(['/identity/mfa_required', '/resources/12/facts/a', '/resources/4']);
  });
});
