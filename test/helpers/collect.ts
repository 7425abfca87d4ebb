/** Run one native collector in-process on a one-target config, the way collectAll does. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Collected, Collector } from '../../src/collectors/types.js';
import { loadConfig } from '../../src/config/load.js';
import { assertValidSnapshot } from '../../src/model/validate.js';
import { redactSnapshot } from '../../src/util/redact.js';

export function writeTargetConfig(target: Record<string, unknown>, dir = mkdtempSync(path.join(os.tmpdir(), 'ar-col-'))): string {
  const file = path.join(dir, 'auditready.yaml');
  writeFileSync(file, `version: 1\ntargets:\n  - ${JSON.stringify(target)}\n`);
  return file;
}

export async function collectTarget(
  collector: Collector,
  target: Record<string, unknown>,
  env: Record<string, string> = {},
): Promise<Collected & { progress: string[] }> {
  const config = loadConfig(writeTargetConfig(target));
  const progress: string[] = [];
  const collected = await collector.collect({
    target: config.targets[0]!,
    configDir: config.dir,
    configFile: config.file,
    configSource: config.source,
    env,
    now: () => new Date('2026-11-20T12:00:00Z'),
    progress: (m) => progress.push(m),
  });
  const snapshot = redactSnapshot(collected.snapshot, Object.values(env));
  assertValidSnapshot(collector.name, snapshot);
  return { snapshot, raw: collected.raw, progress };
}
