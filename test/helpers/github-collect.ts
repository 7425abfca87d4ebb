/** Run the GitHub collector in-process against a FakeGithub, the way collectAll does. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGithubCollector } from '../../src/collectors/github/index.js';
import type { HttpTuning } from '../../src/collectors/github/http.js';
import type { Collected } from '../../src/collectors/types.js';
import { loadConfig } from '../../src/config/load.js';
import { assertValidSnapshot } from '../../src/model/validate.js';
import type { FakeGithub } from './github-server.js';

export const TOKEN = 'ghp_' + 'T3stT0kenValue0123456789abcdefABCDEF';

/** Tiny waits so fault tests take milliseconds: rate-limit waits are scaled to 1/1000. */
export const FAST: Partial<HttpTuning> = { timeoutMs: 300, backoffMs: 5, waitScale: 0.001, retries: 3 };

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

export async function collectFrom(
  server: FakeGithub | { url: string },
  target: Record<string, unknown> = {},
  options: { tuning?: Partial<HttpTuning>; env?: Record<string, string | undefined> } = {},
): Promise<CollectRun> {
  const config = loadConfig(writeConfig(server, target));
  const progress: string[] = [];
  const collector = createGithubCollector(options.tuning ?? FAST);
  const collected = await collector.collect({
    target: config.targets[0]!,
    configDir: config.dir,
    configFile: config.file,
    configSource: config.source,
    env: options.env ?? { AR_TEST_GH_TOKEN: TOKEN },
    now: () => new Date('2026-11-20T12:00:00Z'),
    progress: (m) => progress.push(m),
  });
  assertValidSnapshot('github', collected.snapshot);
  return { collected, progress };
}
