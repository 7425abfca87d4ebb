/**
 * The ntpsec collector against real ntpd 1.2.2 (Debian's package) in a private network
 * namespace, synchronized from a chronyd upstream over a veth pair; the CLI runs inside the
 * namespace so the collector's own `ntpq` reaches ntpd (live mode, endpoint udp://127.0.0.1). ntpd cannot touch the clock (no
 * CAP_SYS_TIME: its ntp_adjtime calls are refused); the test stops everything it started.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../helpers/run.js';
import { daemonsUnavailable, type NtpLab, ntpqEnv, startNtpLab, timeBinary, waitFor } from '../../helpers/time-daemons.js';

const unavailable = daemonsUnavailable('ntpsec');

describe.skipIf(unavailable)('ntpsec collector against real ntpd', () => {
  let lab: NtpLab;
  beforeAll(async () => {
    lab = await startNtpLab([
      'restrict default kod nomodify nopeer noquery limited',
      'restrict 127.0.0.1',
      'restrict ::1',
      'server 192.0.2.1 iburst minpoll 3 maxpoll 3',
      'tos minclock 1 minsane 1',
    ]);
  }, 60_000);
  afterAll(async () => {
    await lab?.stop();
  }, 30_000);

  it('reads ntpd starting up, then synchronized to its upstream', async () => {
    const ntpq = timeBinary('ntpq')!;
    const env = { ...ntpqEnv(), PATH: `${path.dirname(ntpq)}:${process.env.PATH}` };
    const config = path.join(lab.dir, 'auditready.yaml');
    writeFileSync(
      config,
      JSON.stringify({
        version: 1,
        targets: [{ type: 'ntpsec', name: 'lab', endpoint: 'udp://127.0.0.1', files: ['ntp.conf'], options: { timeout_ms: 10_000 } }],
      }),
    );
    const collect = () => {
      const r = lab.run(process.execPath, [CLI, 'collect', '-c', config], env);
      if (r.status !== 0) throw new Error(`collect exited ${r.status}: ${r.stderr}`);
      return JSON.parse(r.stdout).tools[0];
    };
    // Starting up (leap=11, no system peer): not synchronized, and no error bound is claimed.
    const first = collect();
    if (first.time.synchronized === false) {
      expect(first.time.error_bound_ms).toBeNull();
      expect(first.gaps.find((g: { fact: string }) => g.fact === 'time.error_bound_ms').reason).toBe('not_applicable');
    }
    const synced = await waitFor(
      'ntpd to select its upstream',
      () => {
        const tool = collect();
        return tool.time.synchronized === true ? tool : null;
      },
      45_000,
      1000,
    );
    expect(synced.time).toMatchObject({
      sync_daemon: 'ntpsec',
      synchronized: true,
      local_reference: false,
      sources: ['192.0.2.1'],
      authenticated: false,
    });
    expect(synced.source).toMatchObject({ collector: 'ntpsec', method: 'command', location: 'udp://127.0.0.1' });
    expect(synced.source.details.status).toMatchObject({ stratum: 4, leap_status: 'normal' }); // upstream chronyd serves local stratum 3
    expect(Math.abs(synced.time.offset_ms)).toBeLessThan(100);
    expect(synced.time.error_bound_ms).toBeGreaterThanOrEqual(Math.abs(synced.time.offset_ms));
    const commands = synced.source.details.commands as { command: string; outcome: string }[];
    expect(commands.map((c) => c.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect(commands[0]!.command).toMatch(/ntpq -c rv 127\.0\.0\.1$/);
    // the offset is read from the offset= line of `ntpq -c rv`, with the run's exit status and output hash
    expect(synced.provenance['time.offset_ms']).toEqual([
      { command: commands[0]!.command, exit_status: 0, sha256: expect.stringMatching(/^[a-f0-9]{64}$/), line: expect.any(Number) },
    ]);
  }, 90_000);
});

it.runIf(unavailable)('ntpsec real-daemon tests are skipped here', () => {
  expect(unavailable).toBeTruthy();
  console.warn(`skipped ntpsec real-daemon tests: ${unavailable}`);
});
