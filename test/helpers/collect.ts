/** Collect a config in-process through collectAll (config load, credentials, the kit, redaction), for collector tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CollectedTool, collectAll } from '../../src/pipeline/collect-all.js';
import type { HttpTuning } from '../../src/collectors/kit/http.js';
import { loadConfig } from '../../src/config/load.js';

/** Tiny timeouts and waits so fault tests take milliseconds. */
export const FAST_HTTP: Partial<HttpTuning> = { timeoutMs: 500, backoffMs: 5, waitScale: 0.001, retries: 2 };

export interface CollectResult {
  readonly tools: CollectedTool[];
  readonly progress: { message: string; level: string }[];
}

/** Write `files` (name → text) and auditready.yaml into a fresh folder; return the config path. */
export function writeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-collect-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return path.join(dir, 'auditready.yaml');
}

export async function collectConfig(
  configPath: string,
  options: { env?: Record<string, string | undefined>; httpTuning?: Partial<HttpTuning> } = {},
): Promise<CollectResult> {
  const progress: CollectResult['progress'] = [];
  const tools = await collectAll(loadConfig(configPath), {
    env: options.env ?? {},
    progress: (message, level = 'info') => progress.push({ message, level }),
    httpTuning: options.httpTuning ?? FAST_HTTP,
  });
  return { tools, progress };
}

/** One target (absolute `files:` paths, or an endpoint) collected through collectAll: its snapshot, captures and collection error. */
export async function collectTarget(
  target: Record<string, unknown>,
  env: Record<string, string> = {},
  httpTuning: Partial<HttpTuning> = FAST_HTTP,
): Promise<CollectedTool & { progress: CollectResult['progress'] }> {
  const config = writeTree({ 'auditready.yaml': `version: 1\ntargets:\n  - ${JSON.stringify(target)}\n` });
  const r = await collectConfig(config, { env, httpTuning });
  return { ...r.tools[0]!, progress: r.progress };
}
