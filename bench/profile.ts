/**
 * Where the engine's time goes: runs bench/inproc.ts under `node --cpu-prof` on a generated
 * estate and sorts every sample taken inside the Wasm evaluation into one bucket, by the frame
 * nearest the leaf that names one:
 *
 *   npm run bench -- --profile 1000        (the .cpuprofile is kept for Chrome DevTools)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Buckets, tried from the leaf up: the first frame that matches names the bucket. */
const BUCKETS: Array<[string, (fn: string) => boolean]> = [
  ['host built-ins (time.parse_rfc3339_ns in JS)', (fn) => fn.startsWith('opa_builtin') || fn === '_builtinCall'],
  ['set insertion (hashing whole findings)', (fn) => fn === 'opa_set_add'],
  ['serialize the result (JSON writer in Wasm)', (fn) => fn === 'opa_json_dump'],
  ['parse the input (JSON parser in Wasm)', (fn) => fn === 'opa_json_parse' || fn === 'opa_value_parse'],
  ['policy rules (g0.data.*)', (fn) => fn.startsWith('g0.')],
  ['result to JS (decode + JSON.parse)', (fn) => fn === 'parseResult'],
  ['copy the input into Wasm and the result out', (fn) => fn === 'evaluateRaw'],
];

export function summarizeProfile(file: string): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ms = new Map<string, number>();
  let inEval = 0;
  let gc = 0;
  let total = 0;
  let malloc = 0;
  let hash = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const stack: string[] = [];
    for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) stack.push(byId.get(c)!.callFrame.functionName);
    if (stack[0] === '(garbage collector)') gc += dt;
    if (!stack.includes('evaluateJson')) return;
    inEval += dt;
    if (stack.includes('opa_malloc')) malloc += dt;
    if (stack.includes('opa_value_hash')) hash += dt;
    const bucket = stack.map((fn) => BUCKETS.find(([, m]) => m(fn))?.[0]).find((b) => b !== undefined) ?? 'other Wasm runtime';
    ms.set(bucket, (ms.get(bucket) ?? 0) + dt);
  });
  const pct = (v: number): string => `${((100 * v) / inEval).toFixed(0)} %`;
  const lines = ['| Where (inside `Engine.evaluateJson`) | Time | Share |', '|---|---:|---:|'];
  for (const [k, v] of [...ms].sort((a, b) => b[1] - a[1])) lines.push(`| ${k} | ${v.toFixed(0)} ms | ${pct(v)} |`);
  lines.push(`| **total inside Engine.evaluateJson** | ${inEval.toFixed(0)} ms | 100 % |`);
  lines.push(`| of which \`opa_value_hash\` (any caller) | ${hash.toFixed(0)} ms | ${pct(hash)} |`);
  lines.push(`| of which \`opa_malloc\` (any caller) | ${malloc.toFixed(0)} ms | ${pct(malloc)} |`);
  lines.push(`| V8 garbage collector (whole process, outside the buckets) | ${gc.toFixed(0)} ms | |`);
  lines.push(`| whole process | ${total.toFixed(0)} ms | |`);
  return `${lines.join('\n')}\n`;
}

/** Profile the first evaluation plus `runs` warm ones of `input` with `bundleDir`; returns the .cpuprofile path. */
export function profileInproc(inproc: string, bundleDir: string, input: string, data: string, runs: number, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const before = new Set(readdirSync(outDir));
  // one thread: the profile sees every evaluation
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', outDir, inproc, bundleDir, input, data, String(runs), '--workers', '0'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`profiling run exited ${r.status}: ${r.stderr}`);
  const made = readdirSync(outDir).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (made.length !== 1) throw new Error(`expected one new .cpuprofile in ${outDir}, found ${made.length}`);
  return path.join(outDir, made[0]!);
}
