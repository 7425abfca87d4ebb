import { describe, expect, it } from 'vitest';
import { collectAll } from '../../src/pipeline/collect-all.js';
import { loadConfig } from '../../src/config/load.js';
import { loadProfile, resolveParameters } from '../../src/config/profile.js';
import { loadPolicyBundle } from '../../src/engine/policy-bundle.js';
import { Engine, type EngineInput, type RawResults } from '../../src/engine/engine.js';
import { EstateEvaluator, workerScript } from '../../src/engine/estate.js';
import { assertValidSnapshot } from '../../src/model/validate.js';
import { generateEstate } from '../helpers/estate.js';
import { canonical, findingDiff } from '../helpers/findings.js';
import { opaEval } from '../helpers/opa-eval.js';
import { fixture } from '../helpers/run.js';

/**
 * Both ways the engine evaluates (one whole evaluation; chunks of tools on worker threads plus the
 * cross-tool projection, as `check` does) against OPA's Go evaluator, finding by finding.
 */
async function compare(given: EngineInput, params: Record<string, unknown>): Promise<RawResults> {
  // the run window AR-TIM-002 judges against: the run started at as_of, collection ended then too
  const input: EngineInput = { ...given, run: given.run ?? { started_at: given.as_of, collected_by: given.as_of } };
  const bundle = loadPolicyBundle();
  const go = opaEval('data.auditready.main.findings', input, { auditready: { params } }, { policies: true }) as RawResults;
  const engine = await Engine.create(bundle, params);
  const wasm = engine.evaluate(input);
  expect(findingDiff(wasm, go)).toEqual({ onlyA: [], onlyB: [] });
  expect(canonical(wasm)).toEqual(canonical(go));
  expect(workerScript(), 'dist/engine/worker.js (npm run build)').toBeDefined();
  const evaluator = new EstateEvaluator(bundle, params, { workers: 2, chunkTools: 3 });
  try {
    const chunked = await evaluator.evaluate(input.tools, input.as_of, input.run);
    expect(findingDiff(chunked, go)).toEqual({ onlyA: [], onlyB: [] });
    expect(canonical(chunked)).toEqual(canonical(go));
  } finally {
    await evaluator.close();
  }
  return wasm;
}

const baseline = resolveParameters(loadProfile('baseline'));

describe('differential: Wasm engine, whole and in chunks, == opa eval (Go) on the same policies, data and input', () => {
  for (const name of [
    'demo/auditready.yaml',
    'cases/compliant/auditready.yaml',
    'cases/unknown/auditready.yaml',
    'kubernetes/secure/auditready.yaml',
    'kubernetes/insecure/auditready.yaml',
    'argocd/secure/auditready.yaml',
    'argocd/insecure/auditready.yaml',
  ]) {
    it(`fixture ${name}`, async () => {
      const config = loadConfig(fixture(...name.split('/')));
      const tools = (await collectAll(config)).map((c) => c.snapshot);
      const params = resolveParameters(loadProfile(config.profile), config);
      const results = await compare({ as_of: config.as_of ?? '2026-11-20T12:00:00Z', tools }, params);
      expect(Object.values(results).flat().length).toBeGreaterThan(0);
    });
  }

  it('generated estate of 300 tools with random values, gaps and timestamps', async () => {
    const tools = generateEstate(300, 42);
    for (const t of tools) assertValidSnapshot('generated', t);
    const results = await compare({ as_of: '2026-11-20T12:00:00Z', tools }, baseline);
    const statuses = new Set(
      Object.values(results)
        .flat()
        .map((f) => f.status),
    );
    // the estate exercises every verdict the engine can give
    expect([...statuses].sort()).toEqual(['fail', 'not_applicable', 'pass', 'unknown']);
  });

  it('values whose JSON text differs between the engines (object key order, <, >, &) render the same', async () => {
    const config = loadConfig(fixture('demo', 'auditready.yaml'));
    const tools = (await collectAll(config)).map((c) => structuredClone(c.snapshot));
    const k8s = tools.find((t) => t.type === 'kubernetes')!;
    k8s.audit_log.event_levels = { workloads: 'None', secrets: 'Request', rbac: 'Metadata', zeta: 'x', alpha: 'y' };
    const jenkins = tools.find((t) => t.type === 'jenkins')!;
    jenkins.access.wildcard_grants = [{ scope: 'jobs <all> & folders', principal: 'anonymous & "guests"', permission: 'Job/Read' }];
    jenkins.identity.local_accounts = ['a<b', 'c&d', 'e>f'];
    const results = await compare({ as_of: config.as_of!, tools }, resolveParameters(loadProfile(config.profile), config));
    const text = JSON.stringify(results);
    expect(text).toContain('\\u0026'); // the escaped & reached a message
  });

  it('a missing parameter gives the same error findings in both', async () => {
    const { max_admins: _dropped, ...params } = baseline;
    const results = await compare({ as_of: '2026-11-20T12:00:00Z', tools: generateEstate(20, 7) }, params);
    const admin = results['access.admin_limit'] ?? [];
    expect(admin.length).toBeGreaterThan(0);
    expect(new Set(admin.map((f) => f.status))).toEqual(new Set(['error']));
  });
});
