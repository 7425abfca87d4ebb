/** Run the GitHub collector in-process against a FakeGithub, the way collectAll does (through the kit). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCredentials } from '../../src/collectors/index.js';
import type { HttpTuning } from '../../src/collectors/github/http.js';
import { githubCollector } from '../../src/collectors/github/index.js';
import { runTarget } from '../../src/collectors/kit/run.js';
import type { Collected } from '../../src/collectors/types.js';
import { loadConfig } from '../../src/config/load.js';
import { assertValidSnapshot } from '../../src/model/validate.js';
import type { FakeGithub } from './github-server.js';

export const TOKEN = 'ghp_' + 'T3stT0kenValue0123456789abcdefABCDEF';

/** Tiny waits so fault tests take milliseconds: rate-limit waits are scaled to 1/1000. */
export const FAST: Partial<HttpTuning> = { timeoutMs: 3000, backoffMs: 5, waitScale: 0.001, retries: 3 };
/** FAST with a short per-request timeout, for the tests whose fake server never answers. */
export const FAST_TIMEOUT: Partial<HttpTuning> = { ...FAST, timeoutMs: 300 };

export function writeConfig(server: FakeGithub | { url: string }, target: Record<string, unknown>, extra = ''): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-gh-'));
  const file = path.join(dir, 'auditready.yaml');
  const t = { type: 'github', name: 'acme', endpoint: server.url, token_env: 'AR_TEST_GH_TOKEN', options: { org: 'acme' }, ...target };
  writeFileSync(file, `version: 1\n${extra}targets:\n  - ${JSON.stringify(t)}\n`);
  return file;
}

export interface CollectRun {
  collected: Collected;
  progress: string[];
}

/**
 * Collect one github target. Config errors throw InputError (as at config load); a tool error
 * (unreachable API, rejected token, unknown organization) throws the ToolInputError behind the
 * unknown snapshot, so tests can assert its message.
 */
export async function collectFrom(
  server: FakeGithub | { url: string },
  target: Record<string, unknown> = {},
  options: { tuning?: Partial<HttpTuning>; env?: Record<string, string | undefined> } = {},
): Promise<CollectRun> {
  const config = loadConfig(writeConfig(server, target));
  const env = options.env ?? { AR_TEST_GH_TOKEN: TOKEN };
  checkCredentials(config.targets, env, config);
  const progress: string[] = [];
  const controller = new AbortController();
  try {
    const r = await runTarget(githubCollector, config.targets[0]!, {
      env,
      now: () => new Date('2026-11-20T12:00:00Z'),
      progress: (m) => progress.push(m),
      signal: controller.signal,
      httpTuning: options.tuning ?? FAST,
    });
    if (r.error) throw Object.assign(new Error(r.error.message), { collectionError: r.error, snapshot: r.snapshot });
    assertValidSnapshot('github', r.snapshot);
    return { collected: { snapshot: r.snapshot, raw: r.raw }, progress };
  } finally {
    controller.abort();
  }
}
