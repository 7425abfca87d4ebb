/**
 * Helpers for the hardening regression suite ("What auditready survives" in the README). Tests
 * of a fault class carry a tag in their name, e.g. `[survives:files]`; `npm run survives` runs
 * them and counts the cases per class.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, fixture, ROOT, type RunResult } from './run.js';

export const FAULT_CLASSES = ['files', 'apis', 'bundles', 'policies', 'facts', 'secrets', 'resources'] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];

/** The tag a test name carries: `[survives:files] a FIFO as facts file is an error`. */
export const tag = (cls: FaultClass, name: string): string => `[survives:${cls}] ${name}`;

export const tmpDir = (prefix = 'ar-hard-'): string => mkdtempSync(path.join(os.tmpdir(), prefix));

/** Run the built CLI with a wall-clock limit: a hang is a failure (code -1, timedOut), never a stuck suite. */
export function cliWithin(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number; input?: string } = {},
): RunResult & { timedOut: boolean } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    input: options.input,
    maxBuffer: 256 * 1024 * 1024,
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

/** The same, without blocking this process (a loopback server in this process must keep answering). */
export function cliAsync(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunResult & { timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      p.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, timedOut });
    });
  });
}

/** A one-line user error: `auditready: file:line:col: problem`, no stack trace. */
export function expectCleanError(r: RunResult, code = 2): void {
  const trace = /\n\s+at .+\(.+:\d+:\d+\)|internal error/;
  if (r.code !== code || trace.test(r.stderr) || trace.test(r.stdout)) {
    throw new Error(`expected a clean exit ${code}, got ${r.code}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`);
  }
}

/**
 * A broken input refused cleanly: no hang, no stack trace, the reason shown. Exit 2 (a config
 * error) or 1 (the tool becomes unknown and gates), whichever rule the collectors apply.
 */
export function expectRefused(r: RunResult & { timedOut?: boolean }, reason: RegExp): void {
  if (r.timedOut) throw new Error('the command hung (killed after its time limit)');
  const trace = /\n\s+at .+\(.+:\d+:\d+\)|internal error/;
  const all = `${r.stdout}\n${r.stderr}`;
  if (![1, 2].includes(r.code) || trace.test(all) || !reason.test(all)) {
    throw new Error(`expected a clean refusal matching ${reason}, got exit ${r.code}\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`);
  }
}

/** A config with one jenkins target whose facts file is `facts` (absolute, or relative to the config). */
export function factsConfig(facts: string, extra = '', type = 'jenkins'): string {
  const dir = tmpDir();
  const file = path.join(dir, 'auditready.yaml');
  // A facts file elsewhere needs its folder allowed (facts_roots).
  const roots = path.isAbsolute(facts) ? `facts_roots: [${JSON.stringify(path.dirname(facts))}]\n` : '';
  writeFileSync(
    file,
    `version: 1\nas_of: "2026-11-20T12:00:00Z"\n${roots}${extra}targets:\n  - type: ${type}\n    name: ci\n    facts: ${JSON.stringify(facts)}\n`,
  );
  return file;
}

/** A private copy of the demo (config and facts), to edit. */
export function demoCopy(): string {
  const dir = path.join(tmpDir(), 'demo');
  cpSync(fixture('demo'), dir, { recursive: true });
  return path.join(dir, 'auditready.yaml');
}

export function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  if (r.status !== 0) throw new Error(`mkfifo ${file} failed: ${r.stderr}`);
}

/**
 * A custom policy directory with one rule file, identity/<name>.rego: the METADATA header and the
 * package line, then `body` (unless `raw`: the file is `body` alone).
 */
export function customPolicyDir(body: string, options: { raw?: boolean; name?: string; id?: string; severity?: string } = {}): string {
  const dir = tmpDir('ar-custom-');
  const name = options.name ?? 'odd';
  mkdirSync(path.join(dir, 'identity'), { recursive: true });
  const header = `# METADATA
# title: Custom policy ${name}
# description: A custom policy under test.
# custom:
#   id: ${options.id ?? 'ACME-IDN-001'}
#   severity: ${options.severity ?? 'high'}
#   pillar: identity
#   applies_to: ["*"]
#   facts: [identity.mfa_required]
#   remediation: none
#   frameworks: { soc2: [CC6.1] }
package auditready.policies.identity.${name}

import data.auditready.lib

`;
  writeFileSync(path.join(dir, 'identity', `${name}.rego`), options.raw ? body : header + body);
  return dir;
}
