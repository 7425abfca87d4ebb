/**
 * The chrony, ntpsec and timesyncd collectors on the kit: files mode against the fixtures
 * (fixtures/<daemon>/<case>/, written for these tests after each daemon's documented configuration
 * and real captured outputs), live mode through stand-ins for chronyc, ntpq and timedatectl that
 * print the SAME captures (test/helpers/time-clients.ts: shaped like the real clients, not the real
 * clients), and the faults a host can show. normalized.json next to each case is the expected model
 * (regenerate with UPDATE_TIME_FIXTURES=1, then review the diff).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CollectedTool } from '../../../src/pipeline/collect-all.js';
import type { ToolSnapshot } from '../../../src/model/types.js';
import { assertValidSnapshot } from '../../../src/model/validate.js';
import { collectConfig, writeTree } from '../../helpers/collect.js';
import { fixture } from '../../helpers/run.js';
import { type StandInAnswer, standInClient } from '../../helpers/time-clients.js';

const UPDATE = process.env.UPDATE_TIME_FIXTURES === '1';
const CASES = [
  ['chrony', 'secure'],
  ['chrony', 'insecure'],
  ['ntpsec', 'secure'],
  ['ntpsec', 'insecure'],
  ['timesyncd', 'secure'],
  ['timesyncd', 'insecure'],
] as const;

/** The snapshot without what changes from run to run (collected_at is a file's mtime or now). */
const stable = (s: ToolSnapshot) => ({ ...s, source: { ...s.source, collected_at: 'COLLECTED_AT' } });
/** Facts, gaps and resources: what both modes must agree on. */
const model = (s: ToolSnapshot) => ({ identity: s.identity, access: s.access, audit_log: s.audit_log, time: s.time, gaps: s.gaps, resources: s.resources });
const gapOf = (s: ToolSnapshot, fact: string) => s.gaps.find((g) => g.fact === fact);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A config of targets (JSON) in a fresh folder, plus extra files. */
function config(targets: Record<string, unknown>[], files: Record<string, string> = {}): string {
  return writeTree({ ...files, 'auditready.yaml': `version: 1\ntargets:\n${targets.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\n` });
}

/** Collect with the kit's real command timeouts (the default test tuning shrinks them to 500 ms). */
const collect = (file: string) => collectConfig(file, { httpTuning: {} });

describe.each(CASES)('%s %s fixture, files mode', (daemon, name) => {
  it('is valid against the model, matches normalized.json, and says where every time fact was read', async () => {
    const { tools, progress } = await collect(fixture(daemon, name, 'auditready.yaml'));
    expect(progress.filter((p) => p.level !== 'info')).toEqual([]);
    for (const t of tools) {
      expect(t.error).toBeUndefined();
      expect(() => assertValidSnapshot(daemon, t.snapshot)).not.toThrow();
      expect(t.snapshot.source).toMatchObject({ collector: daemon, method: 'file' });
      for (const [fact, value] of Object.entries(t.snapshot.time)) {
        if (value === null || fact === 'sync_daemon') continue;
        expect(t.snapshot.provenance?.[`time.${fact}`], `${t.snapshot.id} time.${fact}`).toEqual(expect.arrayContaining([expect.any(Object)]));
      }
    }
    const file = fixture(daemon, name, 'normalized.json');
    const got = { tools: tools.map((t) => stable(t.snapshot)) };
    if (UPDATE || !existsSync(file)) writeFileSync(file, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  });
});

/** Each daemon's secure fixture served live: the stand-in prints its captures; the configuration sits next to the endpoint. */
const SERVED = {
  chrony: {
    client: 'chronyc',
    endpoint: 'unix:///run/chrony/chronyd.sock',
    answers: [
      { when: '-c tracking', file: 'tracking.csv' },
      { when: '-c -N sources', file: 'sources.csv' },
      { when: '-c -N authdata', file: 'authdata.csv' },
    ],
    files: ['chrony.conf', 'chrony.keys', 'conf.d/10-policy.conf', 'sources.d/designated.sources', 'timedatectl-show.txt'],
  },
  ntpsec: {
    client: 'ntpq',
    endpoint: 'udp://127.0.0.1',
    answers: [
      { when: '-c rv', file: 'rv.txt' },
      { when: '-pnw', file: 'peers.txt' },
      { when: '-c associations', file: 'associations.txt' },
    ],
    files: ['ntp.conf', 'timedatectl-show.txt'],
  },
  timesyncd: {
    client: 'timedatectl',
    endpoint: 'unix:///run/dbus/system_bus_socket',
    answers: [
      { when: ' show-timesync ', file: 'show-timesync.txt' },
      { when: ' timesync-status ', file: 'timesync-status.txt' },
      { when: ' show ', file: 'timedatectl-show.txt' },
    ],
    files: ['timesyncd.conf'],
  },
} as const;

function served(daemon: keyof typeof SERVED, overrides: StandInAnswer[] = [], target: Record<string, unknown> = {}) {
  const s = SERVED[daemon];
  const client = standInClient(s.client, [...overrides, ...s.answers.map((a) => ({ ...a, file: fixture(daemon, 'secure', a.file) }))]);
  const file = config([
    { type: daemon, name: 'live', endpoint: s.endpoint, files: s.files.map((f) => fixture(daemon, 'secure', f)), options: { command: client.bin }, ...target },
  ]);
  return { client, file };
}

describe.each(['chrony', 'ntpsec', 'timesyncd'] as const)('%s live mode through a stand-in client', (daemon) => {
  it('gives the same model as files mode; facts name the command, its exit status and the hash of its output', async () => {
    const files = (await collect(fixture(daemon, 'secure', 'auditready.yaml'))).tools[0]!.snapshot;
    const { client, file } = served(daemon);
    const { tools } = await collect(file);
    const live = tools[0]!;
    expect(live.error).toBeUndefined();
    expect(() => assertValidSnapshot(daemon, live.snapshot)).not.toThrow();
    expect(model(live.snapshot)).toEqual(model(files));
    expect(live.snapshot.source).toMatchObject({ collector: daemon, method: 'command', location: SERVED[daemon].endpoint });
    const commands = live.snapshot.source.details!.commands as { command: string; outcome: string; exit_status: number; stdout_sha256: string }[];
    expect(commands.map((c) => c.outcome)).toEqual(['ok', 'ok', 'ok']);
    const first = SERVED[daemon].answers[daemon === 'timesyncd' ? 2 : 0]!;
    const synced = live.snapshot.provenance!['time.synchronized']![0]!;
    expect(synced).toMatchObject({ command: expect.stringContaining(client.bin), exit_status: 0, sha256: sha256(fixture(daemon, 'secure', first.file)) });
    // the raw captures are the outputs as printed, one per command
    expect(live.raw.filter((r) => r.mediaType === 'text/plain' && /^\d-/.test(r.name))).toHaveLength(3);
    if (daemon === 'chrony') expect(client.calls()[0]).toBe('-h /run/chrony/chronyd.sock -c tracking | ');
    if (daemon === 'ntpsec') expect(client.calls()[0]).toBe('-c rv 127.0.0.1 | ');
    if (daemon === 'timesyncd') expect(client.calls()[0]).toBe('show | unix:path=/run/dbus/system_bus_socket');
  });
});

describe('live mode faults: the tool is unknown with the reason, the other tools are still read', () => {
  const other = { type: 'timesyncd', name: 'ok', files: ['timesyncd.conf', 'timedatectl-show.txt'].map((f) => fixture('timesyncd', 'secure', f)) };

  async function broken(target: Record<string, unknown>): Promise<{ chrony: CollectedTool; rest: CollectedTool }> {
    const { tools } = await collect(config([{ type: 'chrony', name: 'host', endpoint: 'unix:///run/chrony/chronyd.sock', ...target }, other]));
    return { chrony: tools[0]!, rest: tools[1]! };
  }

  it('a missing client', async () => {
    const { chrony, rest } = await broken({ options: { command: '/nonexistent/chronyc' } });
    expect(chrony.error).toMatchObject({
      tool: 'chrony/host',
      command: '/nonexistent/chronyc -h /run/chrony/chronyd.sock -c tracking',
      message: expect.stringMatching(/^`\/nonexistent\/chronyc -h \/run\/chrony\/chronyd\.sock -c tracking`: \/nonexistent\/chronyc: not found; expected/),
    });
    expect(chrony.snapshot.time.synchronized).toBeNull();
    expect(gapOf(chrony.snapshot, 'time.sources')).toMatchObject({ reason: 'error' });
    expect(chrony.snapshot.source.details!.commands).toEqual([expect.objectContaining({ outcome: 'missing', exit_status: null })]);
    expect(rest.error).toBeUndefined();
    expect(rest.snapshot.time.synchronized).toBe(true);
  });

  it('a daemon that does not answer, a client that hangs, an output that does not parse', async () => {
    const down = standInClient('chronyc', [{ when: 'tracking', stderr: '506 Cannot talk to daemon', exit: 1 }]);
    const a = await broken({ options: { command: down.bin } });
    expect(a.chrony.error).toMatchObject({
      exit_status: 1,
      message: expect.stringContaining('-c tracking`: exited with status 1: 506 Cannot talk to daemon; expected'),
    });
    expect(a.rest.error).toBeUndefined();

    const hang = standInClient('chronyc', [{ when: 'tracking', sleep: 30 }]);
    const started = Date.now();
    const b = await broken({ options: { command: hang.bin, timeout_ms: 300 } });
    expect(b.chrony.error!.message).toContain('did not finish within 300 ms and was stopped');
    expect(Date.now() - started).toBeLessThan(10_000);

    const garbage = standInClient('chronyc', [{ when: 'tracking', stdout: 'Reference ID    : C0000201 (time1)\n' }]);
    const c = await broken({ options: { command: garbage.bin } });
    expect(c.chrony.error!.message).toMatch(
      /-c tracking`: line 1 of its output: expected 14 comma-separated fields .*; expected the CSV record of `chronyc -c tracking`/,
    );
  });

  it('authdata refused over UDP: the configuration decides, and the snapshot says what could not be read', async () => {
    const answers = [{ when: '-c -N authdata', stdout: '501 Not authorised\n', exit: 1 }];
    const withConfig = served('chrony', answers, { endpoint: 'udp://127.0.0.1:323' });
    const t = (await collect(withConfig.file)).tools[0]!.snapshot;
    expect(withConfig.client.calls()[0]).toBe('-h 127.0.0.1 -p 323 -c tracking | ');
    expect(t.time.authenticated).toBe(true); // both sources are `nts` in sources.d
    expect(t.provenance!['time.authenticated']!.map((s) => `${path.basename(s.file!)}:${s.line}`)).toEqual(['designated.sources:1', 'designated.sources:2']);
    expect(t.source.details!.not_read).toEqual([expect.stringContaining('chronyd answers authdata only on its Unix socket')]);

    const bare = served('chrony', answers, { endpoint: 'udp://127.0.0.1:323', files: undefined });
    const u = (await collect(bare.file)).tools[0]!.snapshot;
    expect(gapOf(u, 'time.authenticated')).toMatchObject({
      reason: 'permission_missing',
      permission: expect.stringContaining('unix:///run/chrony/chronyd.sock'),
    });
    expect(u.time.synchronized).toBe(true);
  });
});

describe('files mode: what the files say and do not say', () => {
  const one = async (daemon: string, files: Record<string, string>, options?: Record<string, unknown>) => {
    const file = config([{ type: daemon, name: 'h', files: Object.keys(files), ...(options ? { options } : {}) }], files);
    return (await collect(file)).tools[0]!;
  };

  it('a configuration alone never proves the clock is synchronized; it does say the sources and their authentication', async () => {
    const t = (await one('chrony', { 'chrony.conf': 'server time1.example.internal iburst nts\nserver time2.example.internal iburst nts\n' })).snapshot;
    expect(t.time).toMatchObject({ synchronized: null, offset_ms: null, sources: ['time1.example.internal', 'time2.example.internal'], authenticated: true });
    expect(t.time.local_reference).toBe(false);
    expect(t.provenance!['time.local_reference']).toEqual([expect.objectContaining({ default: expect.stringContaining('no local directive') })]);
    expect(gapOf(t, 'time.synchronized')).toMatchObject({
      reason: 'not_collected',
      detail: expect.stringContaining('a configuration file alone never proves'),
    });
    expect(gapOf(t, 'time.error_bound_ms')?.reason).toBe('not_collected');
  });

  it('a sourcedir whose files were not given leaves sources and authentication unknown, unless declared empty', async () => {
    const files = { 'chrony.conf': 'server time1.example.internal nts\nsourcedir /etc/chrony/sources.d\n' };
    const t = (await one('chrony', files)).snapshot;
    expect(t.time.sources).toBeNull();
    expect(gapOf(t, 'time.authenticated')!.detail).toMatch(
      /chrony\.conf:2 reads sourcedir \/etc\/chrony\/sources\.d \(\*\.sources\), whose files were not given/,
    );
    const c = (await one('chrony', files, { complete: true })).snapshot;
    expect(c.time).toMatchObject({ sources: ['time1.example.internal'], authenticated: true });
  });

  it.each([
    ['the human output of chronyc', 'chrony', 'Reference ID    : C0000201 (time1)\nStratum         : 2\n', 'capture it with `chronyc -c tracking`'],
    [
      'ntpq output in a chrony target',
      'chrony',
      'associd=0 status=0615 leap_none\nleap=00, stratum=3\n',
      '`ntpq rv` output, which a chrony target does not read',
    ],
    ['a chrony.conf in a timesyncd target', 'timesyncd', 'makestep 1 3\nrtcsync\n', 'a chrony.conf, which a timesyncd target does not read'],
    ['an unrelated file', 'ntpsec', 'hello world\n', 'unrecognized content (a text file of 1 line)'],
  ])('%s makes the tool unknown, naming the file and what was expected', async (_what, daemon, text, message) => {
    const t = await one(daemon, { 'capture.txt': text });
    expect(t.error).toMatchObject({ file: expect.stringMatching(/capture\.txt$/), line: 1 });
    expect(t.error!.message).toContain(message);
    expect(t.error!.message).toMatch(/; expected /);
    expect(t.snapshot.time.sources).toBeNull();
  });

  it('a directive chronyd refuses, a broken capture and two main files are broken inputs at their line', async () => {
    const a = await one('chrony', { 'chrony.conf': 'server time1.example.internal\n  restrict default\n' });
    expect(a.error).toMatchObject({ line: 2, column: 3, message: expect.stringContaining('"restrict" is not a chrony directive: chronyd refuses to start') });
    const b = await one('chrony', {
      'chrony.conf': 'server time1.example.internal iburst\n',
      'tracking.csv': '7F000001,time1,2,1796167327.1,abc,0,0,0,0,0,0.001,0.001,0.1,Normal\n',
    });
    expect(b.error).toMatchObject({
      line: 1,
      message: expect.stringMatching(/tracking\.csv:1: field 5 \(system time offset\) is not a number: "abc"; expected the output of `chronyc -c tracking`/),
    });
    const c = await one('ntpsec', { 'a.conf': 'server a\n', 'b.conf': 'server b\n' });
    expect(c.error!.message).toMatch(/2 configuration files and none is named ntp\.conf/);
  });

  it('an ntpsec configuration line ntpd ignores is a note; minsane and maxdist are recorded with their line or default', async () => {
    const t = (await one('ntpsec', { 'ntp.conf': 'server time1.example.internal nts\nmakestep 1 3\ntos minsane 2\n' })).snapshot;
    expect(t.source.details!.configuration).toMatchObject({
      min_sources: expect.stringMatching(/^2 \(.*ntp\.conf:3\)$/),
      max_distance_ms: '1500 (default: ntpsec default tos maxdist 1.5 seconds)',
      notes: [expect.stringContaining('"makestep" is not an ntpsec command: ntpd logs a syntax error and ignores the line')],
    });
  });

  it('ntpq peers and associations captured at different moments cannot be paired: authentication is an error gap', async () => {
    const dir = (f: string) => readFileSync(fixture('ntpsec', 'secure', f), 'utf8');
    const t = (
      await one('ntpsec', {
        'rv.txt': dir('rv.txt'),
        'peers.txt': dir('peers.txt'),
        'associations.txt': readFileSync(fixture('ntpsec', 'captures', 'associations-synchronized.txt'), 'utf8')
          .split('\n')
          .slice(0, 4)
          .join('\n'),
      })
    ).snapshot;
    expect(gapOf(t, 'time.authenticated')).toMatchObject({ reason: 'error', detail: expect.stringContaining('capture both at the same moment') });
  });

  it('timesyncd without timesync-status: synchronized is known, the offset and error bound say what to give', async () => {
    const t = (await one('timesyncd', { 'show.txt': readFileSync(fixture('timesyncd', 'secure', 'timedatectl-show.txt'), 'utf8') })).snapshot;
    expect(t.time).toMatchObject({ synchronized: true, offset_ms: null, timestamp_timezone: 'Etc/UTC', authenticated: false, local_reference: false });
    expect(gapOf(t, 'time.offset_ms')!.detail).toContain('`timedatectl timesync-status`');
  });

  it('a key file among the files is left aside and its key appears nowhere', async () => {
    const key = 'HEX:6B1F3A0C9E2D4B58A7C6F0E1D2B3A4958677E8F9A0B1C2D3E4F5061728394A5B';
    const { tools } = await collect(fixture('chrony', 'secure', 'auditready.yaml'));
    expect(readFileSync(fixture('chrony', 'secure', 'chrony.keys'), 'utf8')).toContain(key);
    const t = tools[0]!;
    expect(t.snapshot.source.details!.ignored).toEqual([expect.stringContaining('chrony.keys: a text file of 3 lines: a key file')]);
    expect(JSON.stringify(t.snapshot)).not.toContain(key);
    for (const r of t.raw) expect(Buffer.from(r.bytes).toString('utf8')).not.toContain(key.slice(4));
  });
});

describe('live mode configuration', () => {
  it.each([
    [{ endpoint: 'https://ntp.example.com' }, /endpoint must be a unix or udp URL/],
    [{ endpoint: 'unix://run/chrony/chronyd.sock' }, /three slashes/],
    [{ endpoint: 'udp://10.0.0.5', options: { timedatectl: true } }, /timedatectl reads this machine's zone/],
    [{ endpoint: 'udp://127.0.0.1', options: { port: 323 } }, /unexpected property "port"/],
  ])('%j is a config error at its line (exit 2, before anything is collected)', async (target, message) => {
    await expect(collect(config([{ type: 'chrony', name: 'h', ...target }]))).rejects.toThrowError(message);
  });

  it('ntpq takes port 123 only; timesyncd is reached over the D-Bus socket only', async () => {
    await expect(collect(config([{ type: 'ntpsec', name: 'h', endpoint: 'udp://127.0.0.1:1123' }]))).rejects.toThrowError(/ntpq queries port 123 only/);
    await expect(collect(config([{ type: 'timesyncd', name: 'h', endpoint: 'udp://127.0.0.1' }]))).rejects.toThrowError(/endpoint must be a unix URL/);
  });
});
