import type { Progress, ProgressLevel } from '../collectors/kit/http.js';
import { colorFor } from './color.js';
import { createSink, type LogFormat } from './sink.js';
import type { Log, LogLevel, Phase } from './types.js';

export interface LogFlags {
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  readonly logFormat?: LogFormat;
}

let current: Log | undefined;

/**
 * The CLI's log, from its flags: --quiet shows errors only, --verbose adds every request and
 * status, --log-format json writes JSON lines. Text redraws a status line when stderr is a
 * terminal and prints timestamped lines otherwise; colour follows FORCE_COLOR / NO_COLOR.
 */
export function configureLog(flags: LogFlags, stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Log {
  const threshold: LogLevel = flags.quiet ? 'error' : flags.verbose ? 'debug' : 'info';
  const format = flags.logFormat ?? 'text';
  current = createSink({
    format,
    threshold,
    tty: stream.isTTY === true && format === 'text',
    color: format === 'text' && colorFor(stream, env),
    write: (s) => stream.write(s),
    columns: () => stream.columns,
  });
  return current;
}

/** The log the commands write to (a default text sink on stderr until the flags are read). */
export function cliLog(): Log {
  return current ?? configureLog({});
}

const LEVEL: Record<ProgressLevel, LogLevel> = { info: 'info', notice: 'notice', error: 'error', debug: 'debug' };

/**
 * A collector's `progress` as log events: its 'info' lines are statuses (a terminal's status line,
 * or a timestamped line every few seconds), 'notice' (waits) and 'error' lines always print.
 */
export function progressTo(log: Log, phase: Phase = 'collect'): Progress {
  return (message, level = 'info') => log.emit({ level: LEVEL[level], message, phase, ...(level === 'info' ? { status: true } : {}) });
}
