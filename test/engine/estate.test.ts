import { describe, expect, it } from 'vitest';
import { loadProfile, resolveParameters } from '../../src/config/profile.js';
import { loadPolicyBundle } from '../../src/engine/policy-bundle.js';
import { Engine, type RawResults } from '../../src/engine/engine.js';
import { assertCrossToolFits, CHUNK_TOOLS, crossToolFacts, EstateEvaluator, planTasks, projectTool, workerScript } from '../../src/engine/estate.js';
import { EngineError, UsageError } from '../../src/errors.js';
import { generateEstate } from '../helpers/estate.js';
import { canonical, findingDiff } from '../helpers/findings.js';

const params = resolveParameters(loadProfile('baseline'));
const AS_OF = '2026-11-20T12:00:00Z';
// the run window AR-TIM-002 judges evidence against: the run started and collection ended at AS_OF
const RUN = { started_at: AS_OF, collected_by: AS_OF };

async function whole(tools: ReturnType<typeof generateEstate>): Promise<RawResults> {
  const json = JSON.stringify({ as_of: AS_OF, run: RUN, tools });
  const engine = await Engine.create(loadPolicyBundle(), params, json.length);
  return engine.evaluateJson(json, 'all');
}

describe('estate evaluation in chunks', () => {
  const tools = generateEstate(300, 42).sort((a, b) => (a.id < b.id ? -1 : 1));

  it('the estate links destinations to stores across chunks (what the cross-tool projection must carry)', () => {
    const chunkOf = new Map(tools.map((t, i) => [t.id, Math.floor(i / 5)]));
    const links = tools.flatMap((t) => (t.audit_log.destinations ?? []).filter((d) => d.store && chunkOf.has(d.store)).map((d) => [t.id, d.store!] as const));
    expect(links.filter(([from, to]) => chunkOf.get(from) !== chunkOf.get(to)).length).toBeGreaterThan(20);
  });

  for (const [label, options] of [
    ['in this thread, 5 tools per chunk', { workers: 0, chunkTools: 5 }],
    ['on 2 worker threads, 7 tools per chunk', { workers: 2, chunkTools: 7 }],
    ['default chunks', {}],
  ] as const) {
    it(`${label}: every finding equals one whole evaluation's`, async () => {
      if (options.workers) expect(workerScript(), 'dist/engine/worker.js (npm run build)').toBeDefined();
      const expected = await whole(tools);
      const evaluator = new EstateEvaluator(loadPolicyBundle(), params, options);
      try {
        const got = await evaluator.evaluate(tools, AS_OF, RUN);
        expect(findingDiff(got, expected)).toEqual({ onlyA: [], onlyB: [] });
        expect(canonical(got)).toEqual(canonical(expected));
        // the same evaluator again (warm engines, the pool kept): the same findings
        expect(canonical(await evaluator.evaluate(tools, AS_OF, RUN))).toEqual(canonical(expected));
      } finally {
        await evaluator.close();
      }
      const statuses = new Set(Object.values(expected).flatMap((fs) => fs.map((f) => `${f.status}`)));
      expect([...statuses].sort()).toEqual(['fail', 'not_applicable', 'pass', 'unknown']);
      const xtl = expected['cross_tool.central_store_retention'] ?? [];
      expect(new Set(xtl.map((f) => f.status))).toEqual(new Set(['pass', 'fail', 'unknown', 'not_applicable']));
    });
  }

  it('plans chunks of at most CHUNK_TOOLS tools and one cross-tool evaluation on the projection', () => {
    const bundle = loadPolicyBundle();
    const tasks = planTasks(bundle.catalog, tools, AS_OF, true);
    const cross = tasks.filter((t) => t.entrypoint === 'crossTool');
    expect(cross).toHaveLength(1);
    const per = tasks.filter((t) => t.entrypoint === 'perTool');
    const counts = per.map((t) => (JSON.parse(t.input) as { tools: unknown[] }).tools.length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(tools.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(CHUNK_TOOLS);
    // the projection is much smaller than the estate
    const estateBytes = JSON.stringify(tools).length;
    expect(cross[0]!.input.length).toBeLessThan(estateBytes / 3);
    expect(planTasks(bundle.catalog, tools, AS_OF, false).map((t) => t.entrypoint)).toEqual(['all']);
  });

  it("every evaluation gets the run window, and no snapshot's provenance (policies never read it)", () => {
    const bundle = loadPolicyBundle();
    const withSources = tools.slice(0, 40).map((t) => ({ ...t, provenance: { 'identity.sso_provider': [{ file: 'sso.yaml', line: 3 }] } }));
    for (const split of [true, false]) {
      const tasks = planTasks(bundle.catalog, withSources, AS_OF, split, {}, RUN);
      expect(tasks.length).toBeGreaterThan(split ? 2 : 0);
      for (const t of tasks) {
        const input = JSON.parse(t.input) as { run: unknown; tools: Array<Record<string, unknown>> };
        expect(input.run).toEqual(RUN);
        expect(input.tools.filter((x) => 'provenance' in x)).toEqual([]);
      }
    }
  });

  it('the projection keeps id, type, category, the listed facts and only their gaps', () => {
    const facts = crossToolFacts(loadPolicyBundle().catalog);
    expect(facts).toEqual([
      'audit_log.destinations',
      'audit_log.retention_days',
      'audit_log.retention_online_days',
      'identity.local_accounts',
      'identity.sso_enforced',
      'identity.sso_provider',
    ]);
    const t = structuredClone(tools[0]!);
    t.gaps = [
      { fact: 'identity.sso_provider', reason: 'permission_missing', detail: 'x' },
      { fact: 'identity.mfa_required', reason: 'not_collected', detail: 'y' },
    ];
    t.identity.sso_provider = null;
    const p = projectTool(t, facts);
    expect(Object.keys(p).sort()).toEqual(['audit_log', 'category', 'gaps', 'id', 'identity', 'type']);
    expect(p.identity).toEqual({ sso_provider: null, local_accounts: t.identity.local_accounts, sso_enforced: t.identity.sso_enforced });
    expect(Object.keys(p.audit_log as object).sort()).toEqual(['destinations', 'retention_days', 'retention_online_days']);
    expect(p.gaps).toEqual([t.gaps[0]]);
  });

  it('an evaluation that needs more memory than the engine may have fails clearly, naming the tools', async () => {
    const bundle = loadPolicyBundle();
    const small = await Engine.create(bundle, params, 0, { initialPages: 16, maxPages: 32 });
    const json = JSON.stringify({ as_of: AS_OF, tools: tools.slice(0, 100) });
    let error: unknown;
    try {
      small.evaluateJson(json, 'perTool');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineError);
    expect((error as Error).message).toMatch(/^policy evaluation of 0\.\d MB of input needs more than the 2 MiB of Wasm memory one evaluation may use \(/);
    for (const workers of [0, 2]) {
      const evaluator = new EstateEvaluator(bundle, params, { workers, chunkTools: 100, chunkBytes: 1e9, maxPages: 32 });
      await expect(evaluator.evaluate(tools, AS_OF)).rejects.toThrow(
        /^evaluating the (policies on tools \S+ to \S+|cross-tool policies on the whole estate): policy evaluation of 0\.\d MB of input needs more than the 2 MiB/,
      );
      await evaluator.close();
    }
  });

  it('before collection, an estate whose cross-tool evaluation cannot fit fails at once, saying what to do', () => {
    const ids = ['AR-XTL-001', 'AR-XTL-002'];
    expect(() => assertCrossToolFits(100_000, ids, 'auditready.yaml')).not.toThrow();
    expect(() => assertCrossToolFits(10_000_000, [], 'auditready.yaml')).not.toThrow();
    let error: unknown;
    try {
      assertCrossToolFits(1_000_000, ids, 'auditready.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(
      /^auditready\.yaml: 1,000,000 targets: the cross-tool policies \(AR-XTL-001, AR-XTL-002\) compare every tool with every other, in one evaluation of the whole estate that would need about 15\.3 GiB of Wasm memory, more than the 2 GiB one evaluation may use; split the targets over several configs of at most 131,\d{3} targets each, or use a profile without the cross-tool policies$/,
    );
  });
});
