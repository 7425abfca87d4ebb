/**
 * How our engine's time grows with the estate, part by part, in one thread: the per-tool policies
 * on their chunks and the cross-tool policies on the projection (src/engine/estate.ts planTasks),
 * each on an engine of its own, evaluated back to back with no worker threads, so that other
 * processes on a shared machine do not decide how much of the work runs in parallel. The sizes'
 * runs are interleaved round by round; each round times a second (warm) evaluation.
 *
 *   node bench/build.mjs && node build/bench/bench/growth.js [--sizes 100,1000,10000] [--rounds 3]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProfile, resolveParameters } from '../src/config/profile.js';
import { DEFAULT_POLICY_BUNDLE_DIR, loadPolicyBundle } from '../src/engine/policy-bundle.js';
import { Engine, type RunWindow } from '../src/engine/engine.js';
import { planTasks } from '../src/engine/estate.js';
import type { ToolSnapshot } from '../src/model/types.js';
import { writeEstate } from './workdir.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const sizes = arg('sizes', '100,1000,10000').split(',').map(Number);
const rounds = Number(arg('rounds', '3'));

type Task = ReturnType<typeof planTasks>[number];

const bundle = loadPolicyBundle(DEFAULT_POLICY_BUNDLE_DIR);
const params = resolveParameters(loadProfile('baseline'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-growth-'));

interface Part {
  readonly tasks: Task[];
  readonly engine: Engine;
  readonly ms: number[];
}
const parts = new Map<number, { cross: Part; perTool: Part }>();
try {
  for (const size of sizes) {
    const input = JSON.parse(readFileSync(writeEstate(dir, size).input, 'utf8')) as { as_of: string; run: RunWindow; tools: ToolSnapshot[] };
    const tasks = planTasks(bundle.catalog, input.tools, input.as_of, true, {}, input.run);
    const part = async (entrypoint: Task['entrypoint']): Promise<Part> => {
      const mine = tasks.filter((t) => t.entrypoint === entrypoint);
      const engine = await Engine.create(bundle, params, 0, { initialPages: mine.reduce((a, t) => Math.max(a, t.pages), 16) });
      for (const t of mine) engine.evaluateJson(t.input, t.entrypoint); // first evaluation: memory grows here
      return { tasks: mine, engine, ms: [] };
    };
    parts.set(size, { cross: await part('crossTool'), perTool: await part('perTool') });
  }
  for (let r = 0; r < rounds; r++) {
    for (const size of sizes) {
      for (const p of Object.values(parts.get(size)!)) {
        const t = performance.now();
        for (const task of p.tasks) p.engine.evaluateJson(task.input, task.entrypoint);
        p.ms.push(performance.now() - t);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const lines = [
  `Our engine in one thread, median of ${rounds} interleaved warm rounds (load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}): per-tool policies on chunks, cross-tool policies on the projection.`,
  '',
  '| Tools | per-tool chunks | per-tool | cross-tool | total | growth per-tool | growth cross-tool | growth total |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|',
];
let prev: { perTool: number; cross: number } | undefined;
for (const size of sizes) {
  const p = parts.get(size)!;
  const cur = { perTool: median(p.perTool.ms), cross: median(p.cross.ms) };
  const g = (a: number, b: number | undefined): string => (b ? `${(a / b).toFixed(1)}×` : '—');
  lines.push(
    `| ${size.toLocaleString('en')} | ${p.perTool.tasks.length} | ${fmt(cur.perTool)} | ${fmt(cur.cross)} | ${fmt(cur.perTool + cur.cross)} | ${g(cur.perTool, prev?.perTool)} | ${g(cur.cross, prev?.cross)} | ${g(cur.perTool + cur.cross, prev ? prev.perTool + prev.cross : undefined)} |`,
  );
  prev = cur;
}
process.stdout.write(`${lines.join('\n')}\n`);
