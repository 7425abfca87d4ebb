/**
 * Real chronyd and ntpd for the time-sync collector tests, from Debian's packages unpacked by
 * scripts/install-time-daemons.sh (or installed on the machine). Every daemon:
 * - serves and answers only on loopback (chronyd: bindaddress/bindcmdaddress 127.0.0.1, its own
 *   ports) or inside a private network namespace (ntpd, whose port 123 is fixed);
 * - cannot touch the system clock: chronyd runs with -x, and both run under
 *   `setpriv --bounding-set -sys_time`, so even an attempt (ntpd tries ntp_adjtime) is refused;
 * - keeps its pid, drift, keys and socket in a temporary folder, and is stopped by stop().
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './run.js';

const UNPACKED = path.join(ROOT, '.tools', 'debs', 'root');

/** A binary from the unpacked Debian packages, else from the machine; null when neither has it. */
export function timeBinary(name: 'chronyd' | 'chronyc' | 'ntpd' | 'ntpq'): string | null {
  const dir = name === 'chronyd' || name === 'ntpd' ? 'usr/sbin' : 'usr/bin';
  for (const candidate of [path.join(UNPACKED, dir, name), path.join('/', dir, name)]) if (existsSync(candidate)) return candidate;
  return null;
}

/** PYTHONPATH for the unpacked ntpq (its `ntp` package and libntpc). */
export function ntpqEnv(): Record<string, string> {
  const pkg = path.join(UNPACKED, 'usr', 'lib', 'python3', 'dist-packages');
  return existsSync(pkg) ? { PYTHONPATH: pkg } : {};
}

/** Why real daemons cannot run here, or null when they can. */
export function daemonsUnavailable(which: 'chrony' | 'ntpsec'): string | null {
  if (process.platform !== 'linux') return 'the real-daemon tests need Linux';
  if (process.getuid?.() !== 0) return 'the real-daemon tests run as root (setpriv drops CAP_SYS_TIME; ntpd needs a network namespace)';
  if (spawnSync('setpriv', ['--version']).error) return 'setpriv (util-linux) is missing';
  const need = which === 'chrony' ? (['chronyd', 'chronyc'] as const) : (['ntpd', 'ntpq', 'chronyd'] as const);
  for (const b of need) if (!timeBinary(b)) return `${b} is missing: run bash scripts/install-time-daemons.sh (Debian chrony/ntpsec packages)`;
  if (which === 'ntpsec') {
    for (const tool of ['unshare', 'nsenter', 'ip']) if (spawnSync(tool, ['--version']).error && spawnSync(tool, ['-V']).error) return `${tool} is missing`;
    const probe = spawnSync('unshare', ['--net', 'true']);
    if (probe.status !== 0) return `cannot create a network namespace: ${probe.stderr?.toString().trim() || `exit ${probe.status}`}`;
  }
  return null;
}

/** A free UDP port on 127.0.0.1. */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const { port } = s.address();
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export async function waitFor<T>(what: string, probe: () => T | null | undefined, timeoutMs: number, stepMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export interface Daemon {
  readonly dir: string;
  /** What the daemon printed (-d: its log on stderr). */
  log(): string;
  stop(): Promise<void>;
}

function startProcess(cmd: string, args: string[], options: { detached?: boolean } = {}): { child: ChildProcess; log: () => string } {
  let log = '';
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: options.detached ?? false });
  const append = (b: Buffer): void => {
    log = (log + b.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return { child, log: () => log };
}

async function stopChild(child: ChildProcess, group: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = (sig: NodeJS.Signals): void => {
    try {
      if (group && child.pid) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      /* already gone */
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export interface Chronyd extends Daemon {
  readonly ntpPort: number;
  readonly cmdPort: number;
  /** Unix command socket (authdata needs it; UDP gives monitoring commands only). */
  readonly socket: string;
}

/**
 * Start chronyd with the given directives plus its loopback-only plumbing: NTP on address:ntpPort
 * (a 127/8 address; chrony tells sources apart by address, so a second server needs 127.0.0.2)
 * (port 0 = no NTP service), commands on 127.0.0.1:cmdPort and a Unix socket in its folder.
 */
export async function startChronyd(
  directives: string[],
  options: { serve?: boolean; address?: string; files?: Record<string, string> } = {},
): Promise<Chronyd> {
  const address = options.address ?? '127.0.0.1';
  const chronyd = timeBinary('chronyd')!;
  const chronyc = timeBinary('chronyc')!;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-chronyd-'));
  const sockDir = path.join(dir, 'sock');
  mkdirSync(sockDir, { mode: 0o700 });
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(path.join(dir, name), text, { mode: 0o600 });
  const ntpPort = options.serve ? await freeUdpPort() : 0;
  const cmdPort = await freeUdpPort();
  const socket = path.join(sockDir, 'chronyd.sock');
  const conf = [
    ...directives.map((d) => d.replaceAll('@DIR@', dir)),
    `port ${ntpPort}`,
    ...(options.serve ? [`bindaddress ${address}`, 'allow 127.0.0.0/8'] : []),
    `cmdport ${cmdPort}`,
    'bindcmdaddress 127.0.0.1',
    `bindcmdaddress ${socket}`,
    `pidfile ${path.join(dir, 'chronyd.pid')}`,
    `driftfile ${path.join(dir, 'drift')}`,
  ];
  writeFileSync(path.join(dir, 'chrony.conf'), `${conf.join('\n')}\n`);
  // -x: never touch the system clock; -d: foreground, log to stderr; -u root: no _chrony user needed; -4: IPv4 only.
  const { child, log } = startProcess('setpriv', ['--bounding-set', '-sys_time', chronyd, '-4', '-x', '-d', '-u', 'root', '-f', path.join(dir, 'chrony.conf')]);
  const stop = async (): Promise<void> => {
    await stopChild(child, false);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'chronyd to answer chronyc',
      () => {
        if (child.exitCode !== null) throw new Error(`chronyd exited with ${child.exitCode}: ${log()}`);
        return spawnSync(chronyc, ['-h', '127.0.0.1', '-p', String(cmdPort), '-c', 'tracking'], { timeout: 3000 }).status === 0 ? true : null;
      },
      30_000,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { dir, ntpPort, cmdPort, socket, log, stop };
}

/** Run chronyc against a test chronyd; stdout. */
export function chronyc(host: string, port: number | null, ...args: string[]): { status: number | null; stdout: string } {
  const r = spawnSync(timeBinary('chronyc')!, ['-h', host, ...(port ? ['-p', String(port)] : []), ...args], { encoding: 'utf8', timeout: 5000 });
  return { status: r.status, stdout: r.stdout };
}

export interface NtpLab extends Daemon {
  /** PID of ntpd: `nsenter --net=/proc/PID/ns/net CMD` runs CMD in its network namespace. */
  readonly ntpdPid: number;
  /** Runs a command inside the lab's network namespace. */
  run(cmd: string, args: string[], env?: Record<string, string>): { status: number | null; stdout: string; stderr: string };
}

/**
 * ntpd (ntpsec) in a private network namespace, synchronized from a chronyd upstream that
 * serves `local stratum 3` in a second namespace, joined by a veth pair (192.0.2.2 ↔ 192.0.2.1,
 * TEST-NET-1). ntpd's NTP port is fixed at 123 and it refuses 127.x upstreams other than
 * 127.0.0.1, so namespaces keep it off the host's network entirely. `ntpdConf` gets @DIR@.
 */
export async function startNtpLab(ntpdConf: string[], upstreamConf: string[] = []): Promise<NtpLab> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-ntpd-'));
  const chronyd = timeBinary('chronyd')!;
  const ntpd = timeBinary('ntpd')!;
  writeFileSync(
    path.join(dir, 'upstream.conf'),
    [
      'local stratum 3',
      'allow all',
      'port 123',
      'bindaddress 192.0.2.1',
      'cmdport 0',
      `pidfile ${dir}/upstream.pid`,
      `driftfile ${dir}/upstream.drift`,
      ...upstreamConf.map((l) => l.replaceAll('@DIR@', dir)),
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'ntp.conf'), `${[`driftfile ${dir}/ntp.drift`, ...ntpdConf.map((l) => l.replaceAll('@DIR@', dir))].join('\n')}\n`);
  const noTime = 'setpriv --bounding-set -sys_time';
  const script = [
    'set -e',
    'ip link set lo up',
    'unshare --net sleep 600 & UP=$!',
    'sleep 0.2',
    'ip link add ntp0 type veth peer name up0 netns $UP',
    'ip addr add 192.0.2.2/24 dev ntp0',
    'ip link set ntp0 up',
    `nsenter --net=/proc/$UP/ns/net sh -c 'ip link set lo up; ip addr add 192.0.2.1/24 dev up0; ip link set up0 up'`,
    `nsenter --net=/proc/$UP/ns/net ${noTime} ${chronyd} -4 -x -d -u root -f ${dir}/upstream.conf >${dir}/upstream.log 2>&1 &`,
    `${noTime} ${ntpd} -n -c ${dir}/ntp.conf -p ${dir}/ntpd.pid >${dir}/ntpd.log 2>&1 &`,
    'wait',
  ].join('\n');
  // Its own process group, so stop() ends the shell, both daemons and the namespace holder at once.
  const { child, log: shellLog } = startProcess('unshare', ['--net', '--', 'sh', '-c', script], { detached: true });
  const log = (): string =>
    [...['ntpd.log', 'upstream.log'].map((f) => (existsSync(path.join(dir, f)) ? `== ${f}\n${readFileSync(path.join(dir, f), 'utf8')}` : '')), shellLog()].join(
      '\n',
    );
  const stop = async (): Promise<void> => {
    await stopChild(child, true);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ntpdPid = await waitFor(
      'ntpd to write its pid file',
      () => {
        if (child.exitCode !== null) throw new Error(`the ntpd lab exited with ${child.exitCode}: ${log()}`);
        const f = path.join(dir, 'ntpd.pid');
        return existsSync(f) && readFileSync(f, 'utf8').trim() ? Number(readFileSync(f, 'utf8').trim()) : null;
      },
      30_000,
    );
    const run = (cmd: string, args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync('nsenter', [`--net=/proc/${ntpdPid}/ns/net`, cmd, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    return { dir, ntpdPid, run, log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
