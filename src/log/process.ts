import type { Progress, ProgressLevel } from '../collectors/kit/http.js';
import { colorFor } from './color.js';
import { createSink, LOG_FORMATS, type LogFormat } from './sink.js';
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

/**
 * The --log-format the command line asks for, read before commander parses it: a usage error
 * (an unknown option, a missing argument) stops the parse before the log is configured, and under
 * json it must still be one JSON line. The last occurrence wins, as in commander; `--` ends options.
 */
export function requestedLogFormat(args: readonly string[]): LogFlags['logFormat'] {
  let format: string | undefined;
  for (let i = 0; i < args.length && args[i] !== '--'; i++) {
    if (args[i] === '--log-format') format = args[++i];
    else if (args[i]!.startsWith('--log-format=')) format = args[i]!.slice('--log-format='.length);
  }
  return LOG_FORMATS.find((f) => f === format);
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
