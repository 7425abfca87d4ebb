/**
 * Render time of the explore TUI on a 10,000-finding report (a script, not a test):
 *   npm run bench:tui            (or: node bench/build.mjs && node build/bench/bench/tui-render.js [--findings N])
 *
 * Builds the demo report, copies it across renamed tools up to N findings (default 10,000), then with
 * ink-testing-library's in-memory terminal (100×30) measures: preparing the view (index + filter + sort),
 * the first frame of the findings list, and the time from a key to the next frame for moving, paging,
 * jumping, filtering and incremental search. Prints median / p95 / max in milliseconds.
 */
import { render } from 'ink-testing-library';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { runCheck } from '../src/pipeline/run-check.js';
import type { Report, Status } from '../src/report/types.js';
import type { ExplorerIo } from '../src/tui/context.js';
import { ExplorerApp } from '../src/tui/explorer.js';
import { LifecycleRoot } from '../src/tui/lifecycle.js';
import { applyView, indexReport, NO_FILTERS, DEFAULT_SORT } from '../src/tui/view-model/findings-view.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--findings') ?? 10_000);

function multiply(base: Report, n: number): Report {
  const snapshots: Report['snapshots'] = [];
  const findings: Report['findings'] = [];
  for (let k = 0; findings.length < n; k++) {
    for (const s of base.snapshots) snapshots.push({ ...s, id: `${s.id}-${k}`, name: `${s.name}-${k}` });
    for (const f of base.findings) findings.push({ ...f, tool: `${f.tool}-${k}` });
  }
  const kept = findings.slice(0, n);
  const byStatus: Record<Status, number> = { pass: 0, fail: 0, unknown: 0, not_applicable: 0, error: 0, waived: 0 };
  for (const f of kept) byStatus[f.status]++;
  return { ...base, snapshots, findings: kept, summary: { ...base.summary, total: n, by_status: byStatus } };
}

const tick = () => new Promise<void>((r) => setImmediate(r));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return `median ${at(0.5).toFixed(2)}  p95 ${at(0.95).toFixed(2)}  max ${s.at(-1)!.toFixed(2)}  (n=${s.length})`;
};

async function main(): Promise<void> {
  const base = await runCheck({ configPath: path.join(ROOT, 'fixtures', 'demo', 'auditready.yaml') });
  const report = multiply(base, N);
  console.log(`explore render bench: ${report.findings.length} findings, ${report.snapshots.length} snapshots, node ${process.version}`);

  const prep: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = process.hrtime.bigint();
    applyView(indexReport(report), NO_FILTERS, DEFAULT_SORT);
    prep.push(ms(t0));
  }
  console.log(`view (index + filter + sort)   ${stats(prep)}`);

  const io: ExplorerIo = { outDir: '/tmp', writeFile: () => {}, htmlReport: null, describe: () => undefined };
  const t0 = process.hrtime.bigint();
  const r = render(
    createElement(LifecycleRoot, null, createElement(ExplorerApp, { report, io, size: { columns: 100, rows: 30 }, initial: { screen: 'findings' } })),
  );
  while (!(r.lastFrame() ?? '').includes(`${N} of ${N}`)) await tick();
  console.log(`first frame (findings list)    ${ms(t0).toFixed(2)} ms, ${(r.lastFrame() ?? '').split('\n').length} lines drawn`);
  for (let i = 0; i < 20; i++) await tick(); // let focus settle

  /** Time from writing a key to the next frame. */
  const keyToFrame = async (key: string): Promise<number> => {
    const before = r.frames.length;
    const t = process.hrtime.bigint();
    r.stdin.write(key);
    while (r.frames.length === before) await tick();
    const took = ms(t);
    for (let i = 0; i < 3; i++) await tick();
    return took;
  };
  const run = async (label: string, keys: string[]) => {
    const times: number[] = [];
    for (const k of keys) times.push(await keyToFrame(k));
    console.log(`${label.padEnd(31)}${stats(times)}`);
  };
  await run('↓ move one row', Array(200).fill('\u001B[B'));
  await run('PgDn page', Array(100).fill('\u001B[6~'));
  await run(
    'G / g jump to end / start',
    Array(20)
      .fill(0)
      .flatMap(() => ['G', 'g']),
  );
  await run('s cycle status filter', Array(24).fill('s'));
  await run('/ then type (incremental)', ['/', ...'github acme sso'.split('')]);
  r.unmount();
}

await main();
