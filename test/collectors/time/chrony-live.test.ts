/**
 * The chrony collector against real chronyd (Debian's package): a serving instance with
 * `local stratum`, clients that sync from it on loopback, and chronyc run by the collector.
 * No daemon touches the system clock (chronyd -x, no CAP_SYS_TIME); each test stops its own.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAll } from '../../../src/collect.js';
import { loadConfig } from '../../../src/config/load.js';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { type Chronyd, chronyc, daemonsUnavailable, freeUdpPort, startChronyd, timeBinary, waitFor } from '../../helpers/time-daemons.js';

const unavailable = daemonsUnavailable('chrony');
const KEY = '1 SHA256 HEX:0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0';

async function collect(dir: string, target: Record<string, unknown>): Promise<ToolSnapshot> {
  const file = path.join(dir, 'auditready.yaml');
  writeFileSync(file, JSON.stringify({ version: 1, targets: [{ type: 'chrony', name: 'host', ...target }] }));
  const [tool] = await collectAll(loadConfig(file));
  return tool!.snapshot;
}

const gapOf = (s: ToolSnapshot, fact: string) => s.gaps.find((g) => g.fact === fact);

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
    const snap = await collect(client.dir, {
      files: ['chrony.conf'],
      options: { live: { command: timeBinary('chronyc'), host: client.socket, timeout_ms: 5000 } },
    });
    expect(snap.time).toMatchObject({
      sync_daemon: 'chrony',
      synchronized: true,
      sources: ['127.0.0.1', '127.0.0.2'],
      authenticated: true,
      local_reference: false,
      leap_status: 'normal',
      min_sources: 2,
      max_distance_ms: 3000,
    });
    expect(Math.abs(snap.time.offset_ms!)).toBeLessThan(100);
    expect(snap.time.error_bound_ms!).toBeGreaterThanOrEqual(Math.abs(snap.time.offset_ms!));
    expect(snap.source.method).toBe('command');
    const commands = snap.source.details!.commands as { command: string; outcome: string; exit_code: number; stdout_sha256: string; started_at: string }[];
    expect(commands.map((c) => c.command.split(' ').slice(-1)[0])).toEqual(['tracking', 'sources', 'authdata']);
    for (const c of commands) {
      expect(c).toMatchObject({ outcome: 'ok', exit_code: 0 });
      expect(c.stdout_sha256).toMatch(/^[a-f0-9]{64}$/);
      expect(Date.parse(c.started_at)).not.toBeNaN();
    }
    const res = snap.resources!.find((r) => r.id === 'source:127.0.0.2')!;
    expect(res.facts).toMatchObject({ directive: 'server', key_id: '1', nts: false, authenticated: true });
    expect(['selected', 'combined']).toContain(res.facts.state);
  }, 90_000);

  it('reads an unsynchronized client whose only server does not answer', async () => {
    const dead = await freeUdpPort();
    const client = await startChronyd([`server 127.0.0.1 port ${dead} iburst minpoll -4 maxpoll -4`]);
    daemons.push(client);
    // Over UDP only (no Unix socket): authdata is refused, as it is for a remote chronyd.
    const snap = await collect(client.dir, {
      files: ['chrony.conf'],
      options: { live: { command: timeBinary('chronyc'), host: '127.0.0.1', port: client.cmdPort } },
    });
    expect(snap.time).toMatchObject({ synchronized: false, leap_status: 'unsynchronized', sources: [], local_reference: false, stratum: 0 });
    const res = snap.resources!.find((r) => r.id === 'source:127.0.0.1')!;
    expect(res.facts.state).toBe('unreachable');
    // authdata needs the Unix socket; the configuration still says the source has no key.
    expect(snap.time.authenticated).toBe(false);
    const authdata = (snap.source.details!.commands as { command: string; outcome: string }[]).find((c) => c.command.endsWith('authdata'))!;
    expect(authdata.outcome).toBe('failed');
  }, 60_000);

  it('reads a server that has only its own clock as reference (local stratum, 7F7F0101)', async () => {
    const snap = await collect(serverA.dir, { files: ['chrony.conf'], options: { live: { command: timeBinary('chronyc'), host: serverA.socket } } });
    expect(snap.time).toMatchObject({ synchronized: false, local_reference: true, leap_status: 'normal', sources: [], stratum: 8 });
  }, 30_000);

  it('turns a missing chronyc into error gaps for the live facts, not a crash', async () => {
    const snap = await collect(serverA.dir, { files: ['chrony.conf'], options: { live: { command: '/nonexistent/chronyc' } } });
    expect(gapOf(snap, 'time.synchronized')).toMatchObject({ reason: 'error', detail: expect.stringContaining('/nonexistent/chronyc: not found') });
    expect(gapOf(snap, 'time.offset_ms')?.reason).toBe('error');
    expect(snap.time.local_reference).toBe(true); // still read from chrony.conf
    const commands = snap.source.details!.commands as unknown[];
    expect(commands).toHaveLength(1); // the first failure is reported for the others; no waiting again
  }, 30_000);
});

it.runIf(unavailable)('chrony real-daemon tests are skipped here', () => {
  // Visible reason in the test output when the daemons cannot run (not root, no chronyd).
  expect(unavailable).toBeTruthy();
  console.warn(`skipped chrony real-daemon tests: ${unavailable}`);
});
