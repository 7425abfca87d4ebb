/**
 * Live mode through the tool's own client program (chronyc, ntpq, timedatectl): each run has a
 * timeout, an output cap and the run's cancellation, and records what an auditor needs — the
 * command line, exit status, when it ran, and the sha256 of its output. A missing binary, a
 * timeout or a refusal is a result, never a crash; the collector decides whether it is a broken
 * input (commandError → the tool is unknown) or a gap.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { ToolInputError } from '../../errors.js';
import type { FactSource } from '../../model/types.js';

/** Output cap per command unless the collector sets one: status outputs are a few KiB. */
const DEFAULT_COMMAND_OUTPUT_BYTES = 4 * 1024 * 1024;

export interface CommandOptions {
  /** Extra environment (the child also gets LC_ALL=C, so outputs parse the same everywhere). */
  readonly env?: Readonly<Record<string, string>>;
  /** Largest output accepted, bytes (default DEFAULT_COMMAND_OUTPUT_BYTES). */
  readonly maxBytes?: number;
}

export interface CommandLimits extends CommandOptions {
  readonly timeoutMs: number;
  /** The run's signal: aborting it kills the command. */
  readonly signal?: AbortSignal;
}

export interface CommandRun {
  /** The command line as run (binary and arguments, space-joined). */
  readonly command: string;
  /**
   * 'ok' exit 0; 'failed' another exit status or a signal; 'timeout'; 'too_large' (output over the
   * cap); 'missing' (binary not found or not executable); 'cancelled' (the run ended).
   */
  readonly outcome: 'ok' | 'failed' | 'timeout' | 'too_large' | 'missing' | 'cancelled';
  readonly exitCode: number | null;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly stdout: string;
  /** The last part of stderr, for the reason of a failure. */
  readonly stderr: string;
  /** sha256 of stdout's bytes as read. */
  readonly sha256: string;
}

export function runCommand(bin: string, args: readonly string[], limits: CommandLimits): Promise<CommandRun> {
  const command = [bin, ...args].join(' ');
  const maxBytes = limits.maxBytes ?? DEFAULT_COMMAND_OUTPUT_BYTES;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let stopped: CommandRun['outcome'] | null = null;
    let settled = false;
    // Its own process group, so a timeout or cancellation also stops what it started (a wrapper script's children).
    const child = spawn(bin, [...args], { env: { ...process.env, ...limits.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const stop = (why: CommandRun['outcome']): void => {
      stopped ??= why;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already
      }
    };
    const onAbort = (): void => stop('cancelled');
    const timer = setTimeout(() => stop('timeout'), limits.timeoutMs);
    const finish = (exitCode: number | null, why: CommandRun['outcome']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      const bytes = Buffer.concat(out);
      resolve({
        command,
        outcome: stopped ?? why,
        exitCode,
        startedAt,
        durationMs: Date.now() - started,
        stdout: bytes.toString('utf8'),
        stderr: err.slice(-2000),
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    };
    if (limits.signal?.aborted) stop('cancelled');
    else limits.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes + chunk.length > maxBytes) {
        out.push(chunk.subarray(0, maxBytes - outBytes));
        outBytes = maxBytes;
        stop('too_large');
        return;
      }
      out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      const missing = e.code === 'ENOENT' || e.code === 'EACCES';
      err = `${bin}: ${e.code === 'ENOENT' ? 'not found' : e.code === 'EACCES' ? 'not executable' : e.message}`;
      finish(null, missing ? 'missing' : 'failed');
    });
    child.on('close', (code) => finish(code, code === 0 ? 'ok' : 'failed'));
  });
}

/** One line saying how a run ended: "exited with status 1: 506 Cannot talk to daemon". */
function describeRun(run: CommandRun, timeoutMs?: number): string {
  const last = (text: string) => text.trim().split('\n').filter(Boolean).at(-1)?.trim() ?? '';
  const why = last(run.stderr) || last(run.stdout);
  switch (run.outcome) {
    case 'ok':
      return 'succeeded';
    case 'missing':
      return why || 'binary not found';
    case 'timeout':
      return `did not finish within ${timeoutMs !== undefined ? `${timeoutMs} ms` : 'the timeout'} and was stopped`;
    case 'too_large':
      return 'printed more than the output cap and was stopped';
    case 'cancelled':
      return 'cancelled: the run ended';
    default:
      return `exited with status ${run.exitCode ?? 'none (killed by a signal)'}${why ? `: ${why}` : ''}`;
  }
}

/** Where a fact was read from a command's output (line: a line of that output). */
export function commandSource(run: CommandRun, line?: number): FactSource {
  return { command: run.command, ...(run.exitCode !== null ? { exit_status: run.exitCode } : {}), sha256: run.sha256, ...(line ? { line } : {}) };
}

/** A run that did not give the tool's state as a broken input of the tool (it becomes unknown; the run gates). */
export function commandError(run: CommandRun, expected: string, timeoutMs?: number): ToolInputError {
  return new ToolInputError({ command: run.command, ...(run.exitCode !== null ? { exitStatus: run.exitCode } : {}) }, describeRun(run, timeoutMs), {
    expected,
  });
}
