/**
 * Child process of the benchmark: our engine inside one process. Loads the bundle, creates the
 * engine for the input's size, evaluates once (first call: memory growth and page faults) and
 * then `runs` more times on the same engine (warm), from the input's JSON text each time, as
 * `auditready check` hands it over. Prints one JSON line with the timings and the peak RSS.
 *
 *   node build/bench/bench/inproc.js <bundle-dir> <input.json> <data.json> <runs>
 */
import { readFileSync } from 'node:fs';
import { loadBundle } from '../src/engine/bundle.js';
import { Engine } from '../src/engine/engine.js';

export interface InprocResult {
  load_ms: number;
  create_ms: number;
  first_ms: number;
  warm_ms: number[];
  findings: number;
  by_status: Record<string, number>;
  max_rss_kb: number;
}

const [bundleDir, inputFile, dataFile, runsArg] = process.argv.slice(2);
if (!bundleDir || !inputFile || !dataFile) {
  process.stderr.write('usage: inproc.js <bundle-dir> <input.json> <data.json> <runs>\n');
  process.exit(2);
}
const ms = (t: number): number => Math.round((performance.now() - t) * 100) / 100;

let t = performance.now();
const bundle = loadBundle(bundleDir);
const inputJson = readFileSync(inputFile, 'utf8');
const params = (JSON.parse(readFileSync(dataFile, 'utf8')) as { auditready: { params: Record<string, unknown> } }).auditready.params;
const load_ms = ms(t);

t = performance.now();
const engine = await Engine.create(bundle, params, Buffer.byteLength(inputJson));
const create_ms = ms(t);

t = performance.now();
const first = engine.evaluateJson(inputJson);
const first_ms = ms(t);

const warm_ms: number[] = [];
for (let i = 0; i < Number(runsArg ?? 3); i++) {
  t = performance.now();
  engine.evaluateJson(inputJson);
  warm_ms.push(ms(t));
}

const by_status: Record<string, number> = {};
let findings = 0;
for (const fs of Object.values(first)) {
  for (const f of fs) {
    findings++;
    by_status[f.status] = (by_status[f.status] ?? 0) + 1;
  }
}
const result: InprocResult = { load_ms, create_ms, first_ms, warm_ms, findings, by_status, max_rss_kb: process.resourceUsage().maxRSS };
process.stdout.write(`${JSON.stringify(result)}\n`);
