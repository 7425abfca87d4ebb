/**
 * Child process of the benchmark: our engine inside one process, the way `auditready check` runs
 * it (src/engine/estate.ts: chunks of tools on worker threads, the cross-tool policies on a
 * projection). Reads the input's JSON, creates the evaluator, evaluates once (first call: worker
 * start-up, memory) and `runs` more times (warm), and prints one JSON line with the timings and
 * the peak RSS. With --digest FILE it writes the first evaluation's findings as a digest
 * (bench/findings.ts); with --whole it also evaluates the whole estate in one call of the
 * aggregating entrypoint and checks, finding by finding, that both give the same findings.
 *
 *   node build/bench/bench/inproc.js <bundle-dir> <input.json> <data.json> <runs> [--digest FILE] [--whole] [--workers N]
 */
import { readFileSync } from 'node:fs';
import { loadPolicyBundle } from '../src/engine/policy-bundle.js';
import { Engine, type RawResults, type RunWindow } from '../src/engine/engine.js';
import { EstateEvaluator } from '../src/engine/estate.js';
import type { ToolSnapshot } from '../src/model/types.js';
import { compareDigests, DigestBuilder, saveDigest } from './findings.js';

export interface InprocResult {
  load_ms: number;
  create_ms: number;
  first_ms: number;
  warm_ms: number[];
  findings: number;
  by_status: Record<string, number>;
  max_rss_kb: number;
  /** With --whole: time of the one whole evaluation, and whether its findings equal the chunked ones. */
  whole_ms?: number;
  whole_equal?: boolean;
  whole_diff?: string;
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const digestFile = option('--digest');
const workersArg = option('--workers');
const wholeAt = args.indexOf('--whole');
const whole = wholeAt >= 0;
if (whole) args.splice(wholeAt, 1);
const [bundleDir, inputFile, dataFile, runsArg] = args;
if (!bundleDir || !inputFile || !dataFile) {
  process.stderr.write('usage: inproc.js <bundle-dir> <input.json> <data.json> <runs> [--digest FILE] [--whole] [--workers N]\n');
  process.exit(2);
}
const ms = (t: number): number => Math.round((performance.now() - t) * 100) / 100;

let t = performance.now();
const bundle = loadPolicyBundle(bundleDir);
const inputJson = readFileSync(inputFile, 'utf8');
const input = JSON.parse(inputJson) as { as_of: string; run?: RunWindow; tools: ToolSnapshot[] };
const params = (JSON.parse(readFileSync(dataFile, 'utf8')) as { auditready: { params: Record<string, unknown> } }).auditready.params;
const load_ms = ms(t);

t = performance.now();
const evaluator = new EstateEvaluator(bundle, params, workersArg === undefined ? {} : { workers: Number(workersArg) });
const create_ms = ms(t);

t = performance.now();
const first = await evaluator.evaluate(input.tools, input.as_of, input.run);
const first_ms = ms(t);

const warm_ms: number[] = [];
for (let i = 0; i < Number(runsArg ?? 1); i++) {
  t = performance.now();
  await evaluator.evaluate(input.tools, input.as_of, input.run);
  warm_ms.push(ms(t));
}
await evaluator.close();

const by_status: Record<string, number> = {};
let findings = 0;
for (const fs of Object.values(first)) {
  for (const f of fs) {
    findings++;
    by_status[f.status] = (by_status[f.status] ?? 0) + 1;
  }
}
const digest = new DigestBuilder().addAll(first).done();
if (digestFile) saveDigest(digestFile, digest);

// peak RSS of the chunked evaluations (before the whole one, which needs much more)
const result: InprocResult = { load_ms, create_ms, first_ms, warm_ms, findings, by_status, max_rss_kb: process.resourceUsage().maxRSS };
if (whole) {
  t = performance.now();
  const engine = await Engine.create(bundle, params, inputJson.length);
  const all: RawResults = engine.evaluateJson(inputJson, 'all');
  result.whole_ms = ms(t);
  result.whole_diff = compareDigests(digest, new DigestBuilder().addAll(all).done(), 'chunks', 'whole');
  result.whole_equal = result.whole_diff === '';
}
process.stdout.write(`${JSON.stringify(result)}\n`);
