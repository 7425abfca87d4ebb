/**
 * A file that disappears the moment it has been opened (rotated, or removed by a cleanup job while
 * auditready runs) must not end the run: what was read is read, and the time it was last changed
 * comes from the open descriptor, not from a second look-up of the path. The race is made
 * deterministic by unlinking the file inside openSync, right after the real open: from then on every
 * look-up by path finds nothing, while the descriptor still reads the bytes.
 */
import { existsSync, readFileSync, unlinkSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectAll } from '../../../src/pipeline/collect-all.js';
import { loadConfig } from '../../../src/config/load.js';
import { fixture } from '../../helpers/run.js';
import { writeTree } from '../../helpers/collect.js';

const race = vi.hoisted(() => ({ armed: new Set<string>(), vanished: [] as string[] }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync = ((file: import('node:fs').PathLike, ...rest: unknown[]) => {
    const fd = (fs.openSync as (...a: unknown[]) => number)(file, ...rest);
    if (race.armed.delete(String(file))) {
      fs.unlinkSync(file);
      race.vanished.push(String(file));
    }
    return fd;
  }) as typeof fs.openSync;
  return { ...fs, openSync, default: { ...fs, openSync } };
});

afterEach(() => {
  race.armed.clear();
  race.vanished.length = 0;
});

const MODIFIED = new Date('2026-11-20T09:15:00Z');

/** Collect the config with `file` armed to vanish as soon as it is opened. */
async function collectWhileVanishing(config: string, file: string) {
  utimesSync(file, MODIFIED, MODIFIED);
  const loaded = loadConfig(config);
  race.armed.add(file);
  const tools = await collectAll(loaded, { env: {}, progress: () => {} });
  expect(race.vanished).toEqual([file]);
  expect(existsSync(file)).toBe(false);
  return tools;
}

describe('a file that vanishes right after it was opened', () => {
  it('facts file: the tool is collected from what was read, dated by the descriptor it was read through', async () => {
    const text = readFileSync(fixture('demo', 'facts', 'vault-prod.yaml'), 'utf8').replace(/^collected_at: .*\n/m, '');
    const config = writeTree({ 'vault.yaml': text, 'auditready.yaml': 'targets:\n  - { type: vault, name: prod, facts: vault.yaml }\n' });
    const [tool] = await collectWhileVanishing(config, path.join(path.dirname(config), 'vault.yaml'));
    expect(tool!.error).toBeUndefined();
    expect(tool!.snapshot.source.collected_at).toBe(MODIFIED.toISOString());
    expect(tool!.snapshot.identity.sso_enforced).not.toBeNull();
  });

  it('files mode (the collector kit): the same', async () => {
    const conf = readFileSync(fixture('chrony', 'secure', 'chrony.conf'), 'utf8');
    const config = writeTree({ 'chrony.conf': conf, 'auditready.yaml': 'targets:\n  - { type: chrony, name: ntp, files: [chrony.conf] }\n' });
    const file = path.join(path.dirname(config), 'chrony.conf');
    const [tool] = await collectWhileVanishing(config, file);
    expect(tool!.error).toBeUndefined();
    const capture = tool!.raw.find((c) => c.name.endsWith('chrony.conf'));
    expect(capture, 'the capture of what was read').toBeDefined();
  });

  it('a file gone before it could be opened is that tool unknown with the reason, the run goes on', async () => {
    const config = writeTree({
      'chrony.conf': 'server time1.example.internal iburst\n',
      'auditready.yaml': 'targets:\n  - { type: chrony, name: ntp, files: [chrony.conf] }\n',
    });
    const loaded = loadConfig(config);
    unlinkSync(path.join(path.dirname(config), 'chrony.conf'));
    const [tool] = await collectAll(loaded, { env: {}, progress: () => {} });
    expect(tool!.error?.message).toMatch(/chrony\.conf: file not found/);
  });
});
