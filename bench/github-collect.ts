/**
 * GitHub collector benchmark (not a timed test): a simulated organization of 5,000 repositories
 * and 2,000 members on the loopback GitHub (test/helpers/github-server.ts, executing every query
 * against GitHub's published schema) with 50 ms latency per request. The server runs in a child
 * process so the peak RSS printed is the collector's own.
 *
 * Build and run (from the repository root; `npm run bench` does both):
 *   npx tsc -p tsconfig.bench-github.json
 *   node build/bench-github/bench/github-collect.js [--repos 5000] [--members 2000] [--latency 50]
 *
 * Prints: requests made (and the minimum with 100-node pages), GraphQL cost, wall time, peak RSS,
 * and the request count a REST-per-repository collector would need (8 calls per repository).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { githubCollector } from '../src/collectors/github/index.js';
import { runTarget } from '../src/collectors/kit/run.js';
import { loadConfig } from '../src/config/load.js';
import { generateEnterprise, generateOrg, startFakeGithub } from '../test/helpers/github-server.js';

const TOKEN = 'ghp_' + 'BenchBenchBenchBenchBenchBench0123456';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const repos = arg('repos', 5000);
const members = arg('members', 2000);
const latencyMs = arg('latency', 50);

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
      const graphql = server.requests.filter((r) => r.path.endsWith('graphql'));
      process.send!({ requests: server.requests.length, graphql: graphql.length, cost: graphql.reduce((n, r) => n + r.cost, 0) });
    }
    if (m === 'stop') void server.close().then(() => process.exit(0));
  });
}

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
  const { snapshot } = await runTarget(githubCollector, target, {
    env: { BENCH_GH_TOKEN: TOKEN },
    now: () => new Date(),
    progress: (m) => {
      lastProgress = m;
    },
    signal: controller.signal,
  });
  controller.abort();
  const wallMs = performance.now() - started;
  child.send('stats');
  const stats = (await next()) as { requests: number; graphql: number; cost: number };
  child.send('stop');
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
    ['organization', `${repos} repositories, ${members} members, ${latencyMs} ms latency per request`],
    ['requests made', `${stats.requests} (${stats.graphql} GraphQL, ${stats.requests - stats.graphql} REST); collector counted ${d.requests}`],
    ['minimum with 100-node pages', `${minimum} (ratio ${(stats.requests / minimum).toFixed(2)})`],
    ['REST-per-repository peer (8 calls/repo)', `${repos * 8 + pages(members)}`],
    ['GraphQL cost', `${d.graphql_cost} points (server charged ${stats.cost})`],
    ['wall time', `${(wallMs / 1000).toFixed(2)} s`],
    ['peak RSS (collector process)', `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`],
    [
      'snapshot',
      `${snapshot.resources?.filter((r) => r.kind === 'repository').length ?? 0} repository resources, ${snapshot.access.member_count} members, ${snapshot.gaps.length} gaps`,
    ],
    ['last progress line', lastProgress],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);
}

if (process.argv.includes('--serve')) void serve();
else
  void main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
