/**
 * The chrony collector against real chronyd 4.3 (Debian's package): a serving instance with
 * `local stratum`, clients that sync from it on loopback, and chronyc run by the collector in live
 * mode (endpoint: the daemon's Unix socket or its UDP command port). No daemon touches the system
 * clock (chronyd -x, no CAP_SYS_TIME); each test stops what it started.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedTool } from '../../../src/pipeline/collect-all.js';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { assertValidSnapshot } from '../../../src/model/validate.js';
import { collectConfig } from '../../helpers/collect.js';
import { type Chronyd, chronyc, daemonsUnavailable, freeUdpPort, startChronyd, timeBinary, waitFor } from '../../helpers/time-daemons.js';

const unavailable = daemonsUnavailable('chrony');
const KEY = '1 SHA256 HEX:0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0';

/** Collect one chrony target written into the daemon's folder (its chrony.conf sits there), with real timeouts. */
async function collectTool(dir: string, target: Record<string, unknown>): Promise<CollectedTool> {
  const file = path.join(dir, 'auditready.yaml');
  writeFileSync(file, JSON.stringify({ version: 1, targets: [{ type: 'chrony', name: 'host', ...target }] }));
  const { tools } = await collectConfig(file, { httpTuning: {} });
  assertValidSnapshot('chrony', tools[0]!.snapshot);
  return tools[0]!;
}
const collect = async (dir: string, target: Record<string, unknown>): Promise<ToolSnapshot> => (await collectTool(dir, target)).snapshot;
const live = (endpoint: string, options: Record<string, unknown> = {}) => ({
  endpoint,
  options: { command: timeBinary('chronyc'), timeout_ms: 5000, ...options },
});

describe.skipIf(unavailable)('chrony collector against real chronyd', () => {
  const daemons: Chronyd[] = [];
  let serverA: Chronyd;
  let serverB: Chronyd;
  beforeAll(async () => {
    const keyfile = ['keyfile @DIR@/keys'];
    const files = { keys: `${KEY}\n` };
    serverA = await startChronyd(['local stratum 8', ...keyfile], { serve: true, files });
    serverB = await startChronyd(['local stratum 8', ...keyfile], { serve: true, address: '127.0.0.2', files });
    daemons.push(serverA, serverB);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(daemons.map((d) => d.stop()));
  }, 30_000);

  it('reads a synchronized client: two key-authenticated sources, offset, error bound, leap', async () => {
    const client = await startChronyd(
      [
        `server 127.0.0.1 port ${serverA.ntpPort} iburst minpoll -4 maxpoll -4 key 1`,
        `server 127.0.0.2 port ${serverB.ntpPort} iburst minpoll -4 maxpoll -4 key 1`,
        'minsources 2',
        'keyfile @DIR@/keys',
      ],
      { files: { keys: `${KEY}\n` } },
    );
    daemons.push(client);
    await waitFor(
      'the client to select both sources',
      () => {
        const t = chronyc('127.0.0.1', client.cmdPort, '-c', 'tracking').stdout;
        const s = chronyc('127.0.0.1', client.cmdPort, '-c', 'sources').stdout;
        return t.endsWith('Normal\n') && !t.startsWith('7F7F0101') && !t.startsWith('00000000') && (s.match(/^\^,[*+-]/gm) ?? []).length === 2 ? true : null;
      },
      45_000,
    );
    const snap = await collect(client.dir, { files: ['chrony.conf', 'keys'], ...live(`unix://${client.socket}`) });
    expect(snap.time).toMatchObject({
      sync_daemon: 'chrony',
      synchronized: true,
      sources: ['127.0.0.1', '127.0.0.2'],
      authenticated: true,
      local_reference: false,
    });
    expect(Math.abs(snap.time.offset_ms!)).toBeLessThan(100);
    expect(snap.time.error_bound_ms!).toBeGreaterThanOrEqual(Math.abs(snap.time.offset_ms!));
    expect(snap.source).toMatchObject({ method: 'command', location: `unix://${client.socket}` });
    expect(snap.source.details!.configuration).toMatchObject({ min_sources: expect.stringMatching(/^2 \(.*chrony\.conf:3\)$/) });
    // the key file next to chrony.conf is recognized and left aside; its key is nowhere
    expect(JSON.stringify(snap)).not.toContain(KEY.split(' ').at(-1)!.slice(4));
    const commands = snap.source.details!.commands as { command: string; outcome: string; exit_status: number; stdout_sha256: string; started_at: string }[];
    expect(commands.map((c) => c.command.split(' ').slice(-1)[0])).toEqual(['tracking', 'sources', 'authdata']);
    for (const c of commands) {
      expect(c).toMatchObject({ outcome: 'ok', exit_status: 0 });
      expect(c.stdout_sha256).toMatch(/^[a-f0-9]{64}$/);
      expect(Date.parse(c.started_at)).not.toBeNaN();
    }
    // authenticated was read from authdata: the command, its exit status and its output's hash, line by line
    expect(snap.provenance!['time.authenticated']).toEqual([
      { command: commands[2]!.command, exit_status: 0, sha256: commands[2]!.stdout_sha256, line: 1 },
      { command: commands[2]!.command, exit_status: 0, sha256: commands[2]!.stdout_sha256, line: 2 },
    ]);
    const res = snap.resources!.find((r) => r.id === 'source:127.0.0.2')!;
    expect(res.facts).toMatchObject({ directive: 'server', key_id: '1', nts: false, authenticated: true });
    expect(['selected', 'combined']).toContain(res.facts.state);
  }, 90_000);

  it('reads an unsynchronized client whose only server does not answer', async () => {
    const dead = await freeUdpPort();
    const client = await startChronyd([`server 127.0.0.1 port ${dead} iburst minpoll -4 maxpoll -4`]);
    daemons.push(client);
    // Over UDP only (no Unix socket): authdata is refused, as it is for a remote chronyd.
    const snap = await collect(client.dir, { files: ['chrony.conf'], ...live(`udp://127.0.0.1:${client.cmdPort}`) });
    expect(snap.time).toMatchObject({ synchronized: false, sources: [], local_reference: false, offset_ms: null, error_bound_ms: null });
    expect(snap.source.details!.status).toMatchObject({ leap_status: 'not synchronised', stratum: 0 });
    const res = snap.resources!.find((r) => r.id === 'source:127.0.0.1')!;
    expect(res.facts.state).toBe('unreachable');
    // authdata needs the Unix socket; the configuration still says the source has no key.
    expect(snap.time.authenticated).toBe(false);
    expect(snap.source.details!.not_read).toEqual([expect.stringContaining('chronyd answers authdata only on its Unix socket')]);
    const authdata = (snap.source.details!.commands as { command: string; outcome: string }[]).find((c) => c.command.endsWith('authdata'))!;
    expect(authdata.outcome).toBe('failed');
  }, 60_000);

  it('reads a server that has only its own clock as reference (local stratum, 7F7F0101)', async () => {
    const tool = await collectTool(serverA.dir, { files: ['chrony.conf'], ...live(`unix://${serverA.socket}`) });
    expect(tool.error).toBeUndefined();
    const snap = tool.snapshot;
    expect(snap.time).toMatchObject({ synchronized: false, local_reference: true, sources: [] });
    expect(snap.source.details!.status).toMatchObject({ reference: 'the local clock (7F7F0101)', stratum: 8, leap_status: 'normal' });
  }, 30_000);

  it('a missing chronyc makes the tool unknown naming the command, not a crash and not a wait', async () => {
    const started = Date.now();
    const tool = await collectTool(serverA.dir, { files: ['chrony.conf'], ...live(`unix://${serverA.socket}`, { command: '/nonexistent/chronyc' }) });
    expect(tool.error).toMatchObject({
      command: expect.stringMatching(/^\/nonexistent\/chronyc -h .* -c tracking$/),
      message: expect.stringContaining('not found'),
    });
    expect(tool.snapshot.gaps.find((g) => g.fact === 'time.synchronized')?.reason).toBe('error');
    expect(Date.now() - started).toBeLessThan(5000);
  }, 30_000);

  it("a chronyd that is not running: chronyc cannot talk to it, the tool is unknown with chronyc's reason", async () => {
    const port = await freeUdpPort();
    const tool = await collectTool(serverA.dir, { ...live(`udp://127.0.0.1:${port}`, { timeout_ms: 20_000 }) });
    expect(tool.error!.message).toMatch(/-c tracking`: exited with status 1: 506 Cannot talk to daemon/);
  }, 60_000);
});

it.runIf(unavailable)('chrony real-daemon tests are skipped here', () => {
  // Visible reason in the test output when the daemons cannot run (not root, no chronyd).
  expect(unavailable).toBeTruthy();
  console.warn(`skipped chrony real-daemon tests: ${unavailable}`);
});
