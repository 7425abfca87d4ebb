import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OPA = path.join(ROOT, '.tools', 'bin', 'opa');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would (no TTY, no colour). */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    // a whole estate's JSON report is a few MB; spawnSync's default (1 MiB) would cut it
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(...parts: string[]): string {
  return path.join(ROOT, 'fixtures', ...parts);
}

/** A progress line without a terminal (src/log/sink.ts): RFC 3339 time, then the phase. */
export const PROGRESS_LINE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z \[[a-z]+\] /;

/** stderr without its timestamped progress lines: the warnings, errors and results a test judges. */
export function withoutProgress(stderr: string): string {
  return stderr
    .split(/(?<=\n)/)
    .filter((l) => !PROGRESS_LINE.test(l))
    .join('');
}
