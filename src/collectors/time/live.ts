/**
 * Live mode: the daemon's own client, run by the kit with a timeout, an output cap and the run's
 * cancellation (ctx.command). The endpoint says where the daemon answers:
 *
 *  - chrony: unix:///run/chrony/chronyd.sock (every command, authdata included; root or the
 *    _chrony group) or udp://HOST[:PORT] (chronyd's command port, 323 by default; monitoring
 *    commands only, as cmdallow permits) → `chronyc -h SOCKET|HOST [-p PORT] -c ...`;
 *  - ntpsec: udp://HOST (mode 6 on port 123, as `restrict` permits) → `ntpq ... HOST`;
 *  - timesyncd: unix:///run/dbus/system_bus_socket (the D-Bus system bus) → `timedatectl ...`
 *    with DBUS_SYSTEM_BUS_ADDRESS set to it.
 */
import { permissionMissing } from '../kit/result.js';
import type { LiveContext } from '../types.js';
import { parseAuthData, parseSources, parseTracking } from './chronyc.js';
import type { Daemon, TimeKind } from './documents.js';
import type { Input, TimeInputs } from './normalize.js';
import { parseAssociations, parsePeers, parseRv } from './ntpq.js';
import { CLIENT, type TimeOptions } from './options.js';
import { fileInput, commandInput } from './read.js';
import { parseProperties, parseTimesyncStatus } from './timedatectl.js';

/** The client's arguments that name the endpoint. */
function endpointArgs(daemon: Daemon, endpoint: URL): { args: string[]; env: Record<string, string> } {
  const host = endpoint.hostname.replace(/^\[|\]$/g, '');
  if (daemon === 'chrony') {
    if (endpoint.protocol === 'unix:') return { args: ['-h', decodeURIComponent(endpoint.pathname)], env: {} };
    return { args: ['-h', host, ...(endpoint.port ? ['-p', endpoint.port] : [])], env: {} };
  }
  if (daemon === 'ntpsec') return { args: [host], env: {} };
  return { args: [], env: { DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${decodeURIComponent(endpoint.pathname)}` } };
}

const isLocal = (u: URL): boolean => u.protocol === 'unix:' || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

/** Endpoint and option checks the schemas cannot express (config errors at load, exit 2). */
export function checkEndpoint(daemon: Daemon, target: { options?: unknown }, url: URL): { at: string; problem: string } | undefined {
  const options = (target.options ?? {}) as TimeOptions;
  if (url.protocol === 'unix:' && (url.host !== '' || url.pathname === '' || url.pathname === '/')) {
    return { at: '/endpoint', problem: 'a unix: endpoint is a socket path with three slashes, e.g. unix:///run/chrony/chronyd.sock' };
  }
  if (url.protocol === 'udp:' && url.hostname === '') return { at: '/endpoint', problem: 'a udp: endpoint names a host, e.g. udp://127.0.0.1:323' };
  if (daemon === 'ntpsec' && url.port !== '' && url.port !== '123') {
    return { at: '/endpoint', problem: 'ntpq queries port 123 only: give udp://HOST' };
  }
  if (options.timedatectl && !isLocal(url)) {
    return { at: '/options/timedatectl', problem: "timedatectl reads this machine's zone: use it only with a unix: or loopback endpoint" };
  }
  return undefined;
}

const EXPECTED: Record<TimeKind, string> = {
  tracking: 'the CSV record of `chronyc -c tracking` (chrony 4)',
  sources: 'CSV records of `chronyc -c -N sources`',
  authdata: 'CSV records of `chronyc -c -N authdata` (chrony 4)',
  rv: '`ntpq -c rv` system variables (ntpsec 1.2)',
  peers: 'the `ntpq -pnw` peers table',
  associations: 'the `ntpq -c associations` table',
  'timedatectl-show': 'Key=Value lines of `timedatectl show`',
  show: 'Key=Value lines of `timedatectl show`',
  'show-timesync': 'Key=Value lines of `timedatectl show-timesync`',
  'timesync-status': 'the `timedatectl timesync-status` report',
  config: '',
};

/** Read the daemon's state by running its client; `base` holds what the files next to the endpoint gave. */
export async function readLive(daemon: Daemon, ctx: LiveContext<TimeOptions, TimeKind>, base: Pick<TimeInputs, 'config' | 'liveHint'>): Promise<TimeInputs> {
  const url = new URL(ctx.endpoint);
  const { args: at, env } = endpointArgs(daemon, url);
  const bin = ctx.options.command ?? CLIENT[daemon];
  const timeout = ctx.tuning.timeoutMs;
  const run = (args: string[], client = bin, e = env) => ctx.command(client, args, { env: e });
  const expected = (kind: TimeKind) => `${EXPECTED[kind]} from ${bin} (endpoint ${ctx.endpoint})`;
  ctx.progress(`${ctx.id}: running ${bin} against ${ctx.endpoint}`);

  // The zone: `timedatectl show` on this machine (options.timedatectl), else a captured file next to the endpoint.
  const zone = async (): Promise<Input<Map<string, string>>> => {
    if (ctx.options.timedatectl) {
      const r = await run(['show'], 'timedatectl', {});
      if (r.outcome !== 'ok') return { ok: false, reason: 'error', detail: `\`${r.command}\`: ${r.stderr.trim().split('\n').at(-1) || r.outcome}` };
      return commandInput(r, parseProperties, expected('timedatectl-show'), timeout);
    }
    return fileInput(
      ctx.documents.one('timedatectl-show'),
      parseProperties,
      "the host's time zone is in `timedatectl show`: set options.timedatectl on the host itself, or give its output next to the endpoint",
      EXPECTED['timedatectl-show'],
    );
  };

  if (daemon === 'chrony') {
    const tracking = commandInput(await run([...at, '-c', 'tracking']), parseTracking, expected('tracking'), timeout);
    const sources = commandInput(await run([...at, '-c', '-N', 'sources']), parseSources, expected('sources'), timeout, true);
    const a = await run([...at, '-c', '-N', 'authdata']);
    // chronyd answers authdata only over its Unix socket: over UDP it says "501 Not authorised".
    const authdata = /not authori[sz]ed/i.test(`${a.stdout}\n${a.stderr}`)
      ? permissionMissing(
          `\`${a.command}\`: chronyd answers authdata only on its Unix socket`,
          "chronyd's Unix socket (endpoint unix:///run/chrony/chronyd.sock, as root or the _chrony user)",
        )
      : commandInput(a, parseAuthData, expected('authdata'), timeout, true);
    return { ...base, daemon, chrony: { tracking, sources, authdata }, show: await zone() };
  }
  if (daemon === 'ntpsec') {
    const rv = commandInput(await run(['-c', 'rv', ...at]), parseRv, expected('rv'), timeout);
    const peers = commandInput(await run(['-pnw', ...at]), parsePeers, expected('peers'), timeout);
    const associations = commandInput(await run(['-c', 'associations', ...at]), parseAssociations, expected('associations'), timeout);
    return { ...base, daemon, ntpsec: { rv, peers, associations }, show: await zone() };
  }
  const show = commandInput(await run(['show']), parseProperties, expected('show'), timeout);
  const showTimesync = commandInput(await run(['show-timesync']), parseProperties, expected('show-timesync'), timeout);
  // timesync-status fails when timesyncd has no server yet: the offset is then unknown, the rest stands.
  const st = await run(['timesync-status']);
  const status =
    st.outcome === 'ok'
      ? commandInput(st, parseTimesyncStatus, expected('timesync-status'), timeout)
      : ({ ok: false, reason: 'error', detail: `\`${st.command}\`: ${st.stderr.trim().split('\n').at(-1) || st.outcome}` } as const);
  return { ...base, daemon, timesyncd: { showTimesync, status }, show };
}
