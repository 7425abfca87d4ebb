/**
 * Nothing lingers once the outcome is known (issue 15): a config error stops the run before any
 * request, and when a run ends, the retries and requests still in flight are cancelled, so the
 * process exits by itself (not by the 2 s backstop in src/cli.ts, which says so with --verbose).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { cliAsync, listenLoopback } from '../helpers/loopback.js';
import { fixture } from '../helpers/run.js';

/** A loopback API that answers every request with a 503 after a pause: the HTTP layer retries it (1, 2, 4, 8 s backoff). */
let server: { url: string; close: () => Promise<void> };
const requests: number[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-linger-'));

beforeAll(async () => {
  server = await listenLoopback(
    http.createServer((_req, res) => {
      requests.push(Date.now());
      setTimeout(() => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"message":"unavailable"}');
      }, 300);
    }),
  );
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function config(name: string, facts: { name: string; file: string }[]): string {
  const file = path.join(dir, `${name}.yaml`);
  const targets = [
    { type: 'github', name: 'acme', endpoint: server.url, token_env: 'AR_LINGER_TOKEN', options: { org: 'acme' } },
    ...facts.map((f) => ({ type: 'vault', name: f.name, facts: f.file })),
  ];
  writeFileSync(
    file,
    `version: 1\nfacts_roots: [${JSON.stringify(fixture('demo', 'facts'))}]\ntargets:\n${targets.map((t) => `  - ${JSON.stringify(t)}\n`).join('')}`,
  );
  return file;
}

describe('nothing lingers after the outcome is known', () => {
  it('an error in the config stops the run before any request (exit 2)', async () => {
    const before = requests.length;
    const r = await cliAsync(['check', '-c', config('missing', [{ name: 'prod', file: path.join(dir, 'nope.yaml') }])], { AR_LINGER_TOKEN: 'tok' });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: file not found/);
    expect(requests.length).toBe(before);
  });

  it('a broken facts file makes that tool unknown, the others are reported, and the retries still scheduled are cancelled when the run ends', async () => {
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'model_version: "1"\nidentity: [not, a, mapping\n');
    const file = config('run', [
      { name: 'broken', file: broken },
      { name: 'prod', file: fixture('demo', 'facts', 'vault-prod.yaml') },
    ]);
    const out = path.join(dir, 'report.json');
    const started = Date.now();
    // the GitHub collector's budget (2 s) ends long before its retry schedule (~16 s)
    const r = await cliAsync(['check', '-c', file, '--timeout', '2', '--format', 'json', '--out', out, '--verbose', '--log-format', 'json'], {
      AR_LINGER_TOKEN: 'tok',
    });
    const elapsed = Date.now() - started;
    expect(r.code, r.stderr).toBe(1);
    const events = r.stderr
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: string; message: string });
    // the process ended by itself: the backstop that exits over pending work did not have to
    expect(events.filter((e) => e.message.includes('still pending'))).toEqual([]);
    expect(elapsed).toBeLessThan(12_000);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as Report;
    const errors = Object.fromEntries((parsed.collection_errors ?? []).map((e) => [e.tool, e.message]));
    expect(Object.keys(errors).sort()).toEqual(['github/acme', 'vault/broken']);
    expect(errors['github/acme']).toMatch(/did not finish within 2 s/);
    expect(errors['vault/broken']).toMatch(/broken\.yaml/);
    // the good facts file is evaluated as usual
    expect(parsed.findings.some((f) => f.tool === 'vault/prod' && f.status !== 'unknown')).toBe(true);
    // every verdict on the broken tool is unknown (fail closed), evidence freshness too
    const brokenFindings = parsed.findings.filter((f) => f.tool === 'vault/broken');
    expect(brokenFindings.length).toBeGreaterThan(0);
    expect(brokenFindings.filter((f) => f.status !== 'unknown')).toEqual([]);
    // no request reached the server after the run ended
    const count = requests.length;
    await new Promise((res) => setTimeout(res, 1500));
    expect(requests.length).toBe(count);
  }, 30_000);

  it("a caller's signal (explore -c quit while collecting) cancels the requests and retries at once", async () => {
    const { loadConfig } = await import('../../src/config/load.js');
    const { collectAll } = await import('../../src/pipeline/collect-all.js');
    const stop = new AbortController();
    const started = Date.now();
    setTimeout(() => stop.abort(new Error('stopped by the user')), 500);
    const collected = await collectAll(loadConfig(config('stopped', [])), { env: { AR_LINGER_TOKEN: 'tok' }, signal: stop.signal });
    // well before the first retry's backoff would even have ended twice (1 s, then 2 s)
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(collected.map((c) => c.error?.message)).toEqual([expect.stringMatching(/cancelled/)]);
  });
});
