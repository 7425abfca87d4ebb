import { redactText } from '../util/redact.js';
import { atLeast, type Log, type LogEvent, type LogLevel } from './types.js';

export type LogFormat = 'text' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['text', 'json'];

export interface SinkOptions {
  readonly format: LogFormat;
  /** The least important level shown: 'error' (--quiet), 'info' (default), 'debug' (--verbose). */
  readonly threshold: LogLevel;
  /** stderr is a terminal: text redraws one status line instead of printing timestamped lines. */
  readonly tty: boolean;
  readonly color: boolean;
  readonly write: (text: string) => void;
  /** The terminal's width (status lines are cut to it). */
  readonly columns?: () => number | undefined;
  readonly now?: () => Date;
  /** Plain text and JSON print a status at most this often (every one with --verbose). */
  readonly statusEveryMs?: number;
}

const ESC = '\u001B[';
const PAINT: Partial<Record<LogLevel, string>> = { error: `${ESC}31m`, warn: `${ESC}33m`, notice: `${ESC}36m`, debug: `${ESC}2m` };
const RESET = `${ESC}0m`;
const CLEAR_LINE = `\r${ESC}2K`;

/** What a text line says at each level (progress lines have no prefix but the timestamp). */
function textLine(e: LogEvent, message: string): string {
  if (e.level === 'error' || e.level === 'notice') return `auditready: ${message}`;
  if (e.level === 'warn') return `auditready: warning: ${message}`;
  return message;
}

/** A counter's prefix on a status line: "collect 3/10 · ". */
function counterOf(e: LogEvent): string | undefined {
  return e.done !== undefined && e.total !== undefined ? `${e.phase ?? ''} ${e.done}/${e.total}`.trim() : undefined;
}

/**
 * The one sink of a run's events. Text on a terminal: one status line, redrawn, above which
 * warnings, errors and each phase's result are printed. Text elsewhere (CI, a pipe): progress lines
 * with an RFC 3339 timestamp, statuses at most every few seconds; warnings, errors and results as
 * "auditready: …" lines. JSON: one object per line with
 * time, level, message and the event's phase, tool and counts. Every message is redacted.
 */
export function createSink(options: SinkOptions): Log {
  const now = options.now ?? (() => new Date());
  const statusEveryMs = options.statusEveryMs ?? 5000;
  const verbose = options.threshold === 'debug';
  // the first status prints only once the run has been going for a while: a quick run (or a config
  // error) leaves no status line in a CI log
  let lastStatusAt = now().getTime();
  let statusLine = '';
  let counter: string | undefined;

  const paint = (level: LogLevel, s: string) => (options.color && PAINT[level] ? `${PAINT[level]}${s}${RESET}` : s);
  const fitWidth = (s: string) => {
    // a pseudo-terminal may report no width (0): assume a common one
    const width = options.columns?.() || 120;
    return s.length < width ? s : `${s.slice(0, Math.max(0, width - 2))}…`;
  };
  // a status is printed (plain text, JSON) when --verbose, or when the last one is old enough
  const statusDue = (at: number) => {
    if (!verbose && at - lastStatusAt < statusEveryMs) return false;
    lastStatusAt = at;
    return true;
  };

  const emitJson = (e: LogEvent, message: string) => {
    const at = now();
    if (e.status && !statusDue(at.getTime())) return;
    const { level, phase, tool, done, total, ms } = e;
    options.write(`${JSON.stringify({ time: at.toISOString(), level, message, phase, tool, done, total, ms })}\n`);
  };

  const emitPlain = (e: LogEvent, message: string) => {
    const at = now();
    if (e.status && !statusDue(at.getTime())) return;
    const line = paint(e.level, textLine(e, e.status && counter ? `${counter} · ${message}` : message));
    // progress lines carry the time; warnings, errors and results keep the stable "auditready:" form
    options.write(e.level === 'info' || e.level === 'debug' ? `${at.toISOString()} [${e.phase ?? 'run'}] ${line}\n` : `${line}\n`);
  };

  const emitTty = (e: LogEvent, message: string) => {
    if (e.status) {
      statusLine = counter ? `${counter} · ${message}` : message;
      options.write(`${CLEAR_LINE}${paint('debug', fitWidth(`… ${statusLine}`))}`);
      return;
    }
    // a line that stays: clear the status, print it, draw the status again under it
    options.write(`${statusLine ? CLEAR_LINE : ''}${paint(e.level, textLine(e, message))}\n`);
    // a phase's result replaces its status; a warning or an error keeps it under them
    if (e.level === 'info') statusLine = '';
    if (statusLine) options.write(paint('debug', fitWidth(`… ${statusLine}`)));
  };

  return {
    emit(e) {
      if (!atLeast(e.level, options.threshold)) return;
      const message = redactText(e.message);
      // a counter prefixes the statuses after it until its phase prints its result
      if (counterOf(e)) counter = counterOf(e);
      else if (!e.status && e.level === 'info') counter = undefined;
      if (options.format === 'json') emitJson(e, message);
      else if (options.tty) emitTty(e, message);
      else emitPlain(e, message);
    },
    close() {
      if (options.format === 'text' && options.tty && statusLine) options.write(CLEAR_LINE);
      statusLine = '';
      counter = undefined;
    },
  };
}
