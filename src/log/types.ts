/**
 * What a run tells the person waiting for it: events emitted by the kit, the collectors (through
 * their `progress`), the engine and the reporters, drawn by one sink (src/log/sink.ts) that the
 * CLI chooses from its flags and the terminal. Nothing else writes progress to stderr.
 */

/** From most to least important; a sink shows an event when it is at or above its threshold. */
const LOG_LEVELS = ['error', 'warn', 'notice', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The run's phases, in order. */
export type Phase = 'config' | 'policies' | 'collect' | 'evaluate' | 'report' | 'evidence';

export interface LogEvent {
  readonly level: LogLevel;
  readonly message: string;
  readonly phase?: Phase;
  /** The tool (type/name) the event is about. */
  readonly tool?: string;
  /**
   * A status the next one replaces (a page fetched, a target done): a terminal redraws one line
   * with it; plain text prints one every few seconds at most (all with --verbose).
   */
  readonly status?: boolean;
  /** Progress through a phase: done of total (targets collected, tools evaluated). */
  readonly done?: number;
  readonly total?: number;
  /** How long the phase took, when it ends. */
  readonly ms?: number;
}

export interface Log {
  emit(event: LogEvent): void;
  /** Clear a terminal's status line (before the report, a prompt, or the exit). */
  close(): void;
}

/** A log that drops everything (library callers and tests that do not watch progress). */
export const SILENT: Log = { emit: () => {}, close: () => {} };

export function atLeast(level: LogLevel, threshold: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold);
}
