/**
 * GitHub collector benchmark (not a timed test): a simulated organization, by default 100,000
 * repositories and 20,000 members (issue 16's size), on the loopback GitHub
 * (test/helpers/github-server.ts, executing every query against GitHub's published schema), then
 * evaluated with the built policy bundle and the baseline profile as `check` does. The server runs
 * in a child process so the peak RSS printed is the collector's and the engine's own.
 *
 * Build and run (from the repository root; `npm run bench` does both, `npm run bench -- --quick`
 * with 2,000 repositories and 1,000 members):
 *   npx tsc -p tsconfig.bench-github.json
 *   node build/bench-github/bench/github-collect.js [--repos 100000] [--members 20000] [--latency 0]
 *
 * Prints: requests made against the minimum 100-node pages allow (ceil(n/100) per connection),
 * GraphQL cost, the raw capture's size, wall time and peak RSS after collection and after
 * evaluation, the findings, and the request count a REST-per-repository collector would need.
 * Exits 1 when more requests were made than the minimum.
 */
import { fork } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateModel } from '../src/pipeline/evaluate.js';
import { githubCollector } from '../src/collectors/github/index.js';
import { runTarget } from '../src/collectors/kit/run.js';
import { loadConfig } from '../src/config/load.js';
import { loadProfile, resolveParameters } from '../src/config/profile.js';
import { loadPolicyBundle } from '../src/engine/policy-bundle.js';
import { generateEnterprise, generateOrg, startFakeGithub } from '../test/helpers/github-server.js';

const TOKEN = 'ghp_' + 'BenchBenchBenchBenchBenchBench0123456';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const repos = arg('repos', 100_000);
const members = arg('members', 20_000);
const latencyMs = arg('latency', 0);

async function serve(): Promise<void> {
  const org = generateOrg({ members, admins: 5, repos, collaboratorsPerRepo: 3, deployKeysPerRepo: 1 });
  org.outsideCollaborators = Array.from({ length: 40 }, (_, i) => `contractor${i}`);
  const server = await startFakeGithub({
    orgs: [org],
    enterprise: generateEnterprise(org.login),
    token: TOKEN,
    scopes: ['repo', 'admin:org', 'admin:org_hook', 'admin:enterprise', 'read:audit_log'],
    owner: true,
    latencyMs,
  });
  process.send!({ url: server.url });
  process.on('message', (m) => {
    if (m === 'stats') {
      let graphql = 0;
      let cost = 0;
      for (const r of server.requests) {
        if (!r.path.endsWith('graphql')) continue;
        graphql++;
        cost += r.cost;
      }
      process.send!({ requests: server.requests.length, graphql, cost });
    }
    if (m === 'stop') void server.close().then(() => process.exit(0));
  });
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
/** What is live (V8 heap and buffers) after a full garbage collection: what the data needs, without the garbage peak RSS also counts. */
function liveBytes(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', ...process.argv.slice(2)], { stdio: 'inherit' });
  const next = () => new Promise<Record<string, unknown>>((r) => child.once('message', (m) => r(m as Record<string, unknown>)));
  const { url } = (await next()) as { url: string };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-bench-gh-'));
  const file = path.join(dir, 'bench.yaml');
  writeFileSync(
    file,
    `targets:\n  - type: github\n    name: bench\n    endpoint: ${url}\n    token_env: BENCH_GH_TOKEN\n    options: {org: acme, enterprise: acme-corp, deployment: cloud}\n`,
  );
  const target = loadConfig(file).targets[0]!;
  let lastProgress = '';
  const started = performance.now();
  const controller = new AbortController();
  const collected = await runTarget(githubCollector, target, {
    env: { BENCH_GH_TOKEN: TOKEN },
    now: () => new Date(),
    progress: (m) => {
      lastProgress = m;
    },
    signal: controller.signal,
    timeoutMs: 3 * 3600_000,
  });
  controller.abort();
  const collectMs = performance.now() - started;
  const collectRss = peakRss();
  const collectLive = liveBytes();
  if (collected.error) throw new Error(`collection failed: ${collected.error.message}`);
  child.send('stats');
  const stats = (await next()) as { requests: number; graphql: number; cost: number };
  child.send('stop');
  const { snapshot } = collected;
  const captureBytes = collected.raw.reduce((n, c) => n + c.bytes.byteLength, 0);

  // evaluated as `check` does: the built policy bundle, the baseline profile, chunks and slices on worker threads
  const asOf = new Date().toISOString();
  const evalStarted = performance.now();
  const findings = await evaluateModel({
    policyBundle: loadPolicyBundle(),
    parameters: resolveParameters(loadProfile('baseline')),
    asOf,
    run: { started_at: asOf, collected_by: asOf },
    snapshots: [snapshot],
    gate: { failOn: 'high', failOnUnknown: true },
  });
  const evalMs = performance.now() - evalStarted;
  const evalLive = liveBytes();
  const byStatus = new Map<string, number>();
  for (const f of findings) byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);

  const d = snapshot.source.details as Record<string, number>;
  const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
  // GraphQL: org + owner settings + members + repositories + the rulesets' bypass actors (one
  // organization ruleset here) + enterprise (settings, 2FA methods, owners, SSO state);
  // REST: org settings, workflow permissions, hooks, outside collaborators, audit-log probe, streams,
  // runner groups (+ the runners of the open default group), app installations, organization roles
  // (+ the holders of the two administrator-like ones), and each active repository's webhooks (no
  // GraphQL field has them; its Actions settings are locked by the organization's here).
  const active = repos - Math.floor(repos / 10);
  const minimum = 2 + pages(members) + pages(repos) + 1 + 4 + 6 + 2 + 1 + 3 + active;
  const rows: [string, string][] = [
    ['organization', `${repos.toLocaleString('en')} repositories, ${members.toLocaleString('en')} members, ${latencyMs} ms latency per request`],
    ['requests made', `${stats.requests} (${stats.graphql} GraphQL, ${stats.requests - stats.graphql} REST); collector counted ${d.requests}`],
    [
      'minimum with 100-node pages',
      `${minimum} (ceil(n/100) per connection, one REST call per active repository): ${stats.requests <= minimum ? 'at the minimum' : `**${stats.requests - minimum} more**`}`,
    ],
    ['REST-per-repository peer (8 calls/repo)', `${repos * 8 + pages(members)}`],
    ['GraphQL cost', `${d.graphql_cost} points (server charged ${stats.cost})`],
    ['raw capture', `${mb(captureBytes)} (sha256 in the snapshot)`],
    ['collection: wall time, peak RSS', `${seconds(collectMs)}, ${mb(collectRss)} (live after a full GC: ${mb(collectLive)}, snapshot and capture)`],
    [
      'evaluation: wall time, findings',
      `${seconds(evalMs)}, ${findings.length.toLocaleString('en')} (${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')})`,
    ],
    ['peak RSS (collection and evaluation)', `${mb(peakRss())} (live after a full GC: ${mb(evalLive)}, with the findings)`],
    [
      'snapshot',
      `${snapshot.resources?.filter((r) => r.kind === 'repository').length ?? 0} repository resources, ${snapshot.access.member_count} members, ${snapshot.gaps.length} gaps`,
    ],
    ['last progress line', lastProgress],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);
  if (stats.requests > minimum) process.exitCode = 1;
}

if (process.argv.includes('--serve')) void serve();
else
  void main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
