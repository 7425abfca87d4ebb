/** The options of a chrony, ntpsec or timesyncd target, checked at the config's line. */
import { InputError } from '../../errors.js';
import type { CollectContext } from '../types.js';
import type { Daemon } from './normalize.js';

export interface LiveSettings {
  /** The status binary: chronyc, ntpq or timedatectl (a name on PATH or a path). */
  readonly command: string;
  /** chronyc -h (address or Unix socket path), ntpq's host, timedatectl -H (user@host over SSH). */
  readonly host: string | undefined;
  /** chronyc -p (command port, default 323). */
  readonly port: number | undefined;
  readonly timeoutMs: number;
  /** Also run `timedatectl show` for the host's zone (chrony, ntpsec; only where systemd runs). */
  readonly timedatectl: boolean;
}

export interface TimeSettings {
  readonly live: LiveSettings | null;
  /** Directories and includes named by the configuration with no given file are empty. */
  readonly complete: boolean;
}

export const DEFAULT_COMMAND: Record<Daemon, string> = { chrony: 'chronyc', ntpsec: 'ntpq', timesyncd: 'timedatectl' };
const KNOWN = new Set(['live', 'complete']);
const KNOWN_LIVE = new Set(['command', 'host', 'port', 'timeout_ms', 'timedatectl']);

export function timeSettings(ctx: CollectContext, daemon: Daemon): TimeSettings {
  const { target } = ctx;
  const at = (suffix: string) => {
    const { line, col } = ctx.configSource.locate(`${target.pointer}${suffix}`);
    return { file: ctx.configFile, line, col };
  };
  const fail = (suffix: string, problem: string): never => {
    throw new InputError(at(suffix), `${target.type} target ${target.name}: ${problem}`);
  };
  const options = (target.options ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) fail(`/options/${key}`, `unknown option "${key}" (known: ${[...KNOWN].join(', ')})`);
  if (options.complete !== undefined && typeof options.complete !== 'boolean') fail('/options/complete', 'options.complete must be true or false');
  const complete = options.complete === true;
  const raw = options.live;
  if (raw === undefined || raw === false) {
    if (target.files === undefined) fail('', 'give files: (configuration files, captured command outputs) or options.live, or both');
    return { live: null, complete };
  }
  const live = (raw === true ? {} : raw) as Record<string, unknown>;
  if (live === null || typeof live !== 'object' || Array.isArray(live))
    fail('/options/live', 'options.live must be true or a mapping (command, host, port, timeout_ms, timedatectl)');
  for (const key of Object.keys(live))
    if (!KNOWN_LIVE.has(key)) fail(`/options/live/${key}`, `unknown option "live.${key}" (known: ${[...KNOWN_LIVE].join(', ')})`);
  const str = (key: string): string | undefined => {
    const v = live[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '' || /\s/.test(v)) fail(`/options/live/${key}`, `options.live.${key} must be one word (no spaces)`);
    return v as string;
  };
  const port = live.port;
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535))
    fail('/options/live/port', 'options.live.port must be a port number (1-65535)');
  if (port !== undefined && daemon !== 'chrony')
    fail('/options/live/port', 'options.live.port is for chronyc only (ntpq and timedatectl use their standard ports)');
  const timeout = live.timeout_ms;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 100 || timeout > 120_000)) {
    fail('/options/live/timeout_ms', 'options.live.timeout_ms must be an integer from 100 to 120000');
  }
  const tdc = live.timedatectl;
  if (tdc !== undefined && typeof tdc !== 'boolean') fail('/options/live/timedatectl', 'options.live.timedatectl must be true or false');
  return {
    live: {
      command: str('command') ?? DEFAULT_COMMAND[daemon],
      host: str('host'),
      port: port as number | undefined,
      timeoutMs: (timeout as number | undefined) ?? 10_000,
      timedatectl: daemon === 'timesyncd' ? true : tdc === true,
    },
    complete,
  };
}
