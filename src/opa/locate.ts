import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { ToolchainError } from '../errors.js';
import { fromRoot } from '../util/paths.js';

const run = promisify(execFile);

export const OPA_MAJOR = 1;

/** The pinned version from scripts/tools.env, e.g. "v1.21.4". */
export function pinnedOpaVersion(): string {
  const env = readFileSync(fromRoot('scripts', 'tools.env'), 'utf8');
  const m = /^OPA_VERSION=(\S+)/m.exec(env);
  if (!m) throw new ToolchainError('scripts/tools.env: OPA_VERSION is not set');
  return m[1]!;
}

export interface OpaBinary {
  readonly path: string;
  readonly version: string;
  readonly from: 'OPA_BIN' | 'project' | 'PATH';
}

async function versionOf(bin: string): Promise<string | undefined> {
  try {
    const { stdout } = await run(bin, ['version'], { timeout: 20_000 });
    return /^Version:\s*(\S+)/m.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

function majorOf(version: string): number {
  return Number(version.replace(/^v/, '').split('.')[0]);
}

let cached: Promise<OpaBinary> | undefined;

/**
 * Find the OPA CLI: $OPA_BIN, else the project's .tools/bin/opa (scripts/install-tools.sh),
 * else `opa` on PATH. Each candidate must report major version 1.
 */
export function locateOpa(env: NodeJS.ProcessEnv = process.env): Promise<OpaBinary> {
  cached ??= (async () => {
    const candidates: Array<[string, OpaBinary['from']]> = [];
    if (env.OPA_BIN) candidates.push([env.OPA_BIN, 'OPA_BIN']);
    const project = fromRoot('.tools', 'bin', 'opa');
    if (existsSync(project)) candidates.push([project, 'project']);
    candidates.push(['opa', 'PATH']);
    const rejected: string[] = [];
    for (const [path, from] of candidates) {
      const version = await versionOf(path);
      if (version === undefined) {
        if (from === 'OPA_BIN') rejected.push(`OPA_BIN=${path} does not run`);
        continue;
      }
      if (majorOf(version) !== OPA_MAJOR) {
        rejected.push(`${path} is OPA ${version}, need ${OPA_MAJOR}.x`);
        continue;
      }
      return { path, version, from };
    }
    throw new ToolchainError(
      `OPA CLI not found${rejected.length ? ` (${rejected.join('; ')})` : ''}; run: bash scripts/install-tools.sh`,
    );
  })();
  return cached;
}

export interface OpaResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Run the OPA CLI; never throws on a non-zero exit (callers decide), only if it cannot start. */
export async function runOpa(args: readonly string[], options: { cwd?: string } = {}): Promise<OpaResult> {
  const opa = await locateOpa();
  try {
    const { stdout, stderr } = await run(opa.path, args, { cwd: options.cwd, maxBuffer: 512 * 1024 * 1024 });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; code?: number | string };
    if (typeof err.code === 'number') return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: err.code };
    throw new ToolchainError(`cannot run ${opa.path}: ${String(err.code ?? e)}`, { cause: e });
  }
}
