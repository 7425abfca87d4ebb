/**
 * Runs one status command (chronyc, ntpq, timedatectl) with a timeout and an output cap, and
 * records what an auditor needs: the command line, exit status, when it ran and the sha256 of
 * its output. A missing binary is a result, not a crash.
 */
import { spawn } from 'node:child_process';
import { sha256 } from '../../util/hash.js';

export interface CommandLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface CommandRun {
  /** The command line as run (binary and arguments, space-joined). */
  readonly command: string;
  /** 'ok' exit 0; 'failed' other exit or a signal; 'timeout'; 'too_large'; 'missing' (binary not found or not executable). */
  readonly outcome: 'ok' | 'failed' | 'timeout' | 'too_large' | 'missing';
  readonly exitCode: number | null;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly stdout: string;
  /** Last part of stderr, for the reason of a failure. */
  readonly stderr: string;
  /** sha256 of stdout's bytes as captured. */
  readonly sha256: string;
}

export function runCommand(bin: string, args: readonly string[], limits: CommandLimits): Promise<CommandRun> {
  const command = [bin, ...args].join(' ');
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let outcome: CommandRun['outcome'] | null = null;
    let settled = false;
    const child = spawn(bin, args, { env: limits.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const finish = (exitCode: number | null, why: CommandRun['outcome']): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const bytes = Buffer.concat(out);
      resolve({
        command,
        outcome: outcome ?? why,
        exitCode,
        startedAt,
        durationMs: Date.now() - started,
        stdout: bytes.toString('utf8'),
        stderr: err.slice(-2000),
        sha256: sha256(bytes),
      });
    };
    const timer = setTimeout(() => {
      outcome = 'timeout';
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes + chunk.length > limits.maxBytes) {
        out.push(chunk.subarray(0, limits.maxBytes - outBytes));
        outBytes = limits.maxBytes;
        outcome ??= 'too_large';
        child.kill('SIGKILL');
        return;
      }
      out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'EACCES') {
        err = `${bin}: ${e.code === 'ENOENT' ? 'not found' : 'not executable'}`;
        finish(null, 'missing');
      } else {
        err = `${bin}: ${e.message}`;
        finish(null, 'failed');
      }
    });
    child.on('close', (code) => finish(code, code === 0 ? 'ok' : 'failed'));
  });
}

/** One line saying how a run ended, for gap texts. */
export function describeRun(run: CommandRun): string {
  const why = run.stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? run.stdout.trim().split('\n').slice(-1)[0] ?? '';
  switch (run.outcome) {
    case 'ok':
      return `\`${run.command}\` succeeded`;
    case 'missing':
      return `\`${run.command}\`: ${why || 'binary not found'}`;
    case 'timeout':
      return `\`${run.command}\` did not finish within the timeout and was stopped`;
    case 'too_large':
      return `\`${run.command}\` printed more than the output cap and was stopped`;
    default:
      return `\`${run.command}\` exited with status ${run.exitCode ?? 'none'}${why ? `: ${why}` : ''}`;
  }
}
