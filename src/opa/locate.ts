import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ToolchainError } from '../errors.js';
import { fromRoot } from '../util/paths.js';

const run = promisify(execFile);

const OPA_MAJOR = 1;

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
  cached ??= findOpa(env);
  return cached;
}

/**
 * What to do when no OPA CLI is found: who needs it (custom policies only; the built-in ones run
 * from the package's Wasm bundle), and how to get the pinned version. A checkout's install script
 * is named only where it exists: the npm package does not ship it.
 */
export function opaMissingMessage(rejected: readonly string[], installScript: string | undefined): string {
  const version = pinnedOpaVersion();
  return [
    `OPA CLI not found${rejected.length ? ` (${rejected.join('; ')})` : ''}.`,
    "Only custom policies need it (--policy, the config's policies:, policies test, policies list --policy); the built-in policies run without it.",
    `Install OPA ${version}: go install github.com/open-policy-agent/opa@${version} (the binary lands in $(go env GOPATH)/bin; put it on PATH),`,
    `or point OPA_BIN=/path/to/opa at an OPA ${OPA_MAJOR}.x binary${installScript ? `, or in this checkout run: bash ${installScript}` : ''}.`,
  ].join('\n  ');
}

/** locateOpa without the per-process cache; `project` is the checkout's .tools/bin/opa (tests move it). */
export async function findOpa(env: NodeJS.ProcessEnv = process.env, project = fromRoot('.tools', 'bin', 'opa')): Promise<OpaBinary> {
  // An explicit OPA_BIN must be right: falling back silently would run another OPA than asked.
  if (env.OPA_BIN) {
    const version = await versionOf(env.OPA_BIN);
    if (version === undefined) throw new ToolchainError(`OPA_BIN=${env.OPA_BIN} does not run (\`opa version\` failed)`);
    if (majorOf(version) !== OPA_MAJOR) throw new ToolchainError(`OPA_BIN=${env.OPA_BIN} is OPA ${version}; auditready needs OPA ${OPA_MAJOR}.x`);
    return { path: env.OPA_BIN, version, from: 'OPA_BIN' };
  }
  const rejected: string[] = [];
  const candidates: Array<[string, OpaBinary['from']]> = existsSync(project)
    ? [
        [project, 'project'],
        ['opa', 'PATH'],
      ]
    : [['opa', 'PATH']];
  for (const [bin, from] of candidates) {
    const version = await versionOf(bin);
    if (version === undefined) continue;
    if (majorOf(version) !== OPA_MAJOR) {
      rejected.push(`${bin} is OPA ${version}, need ${OPA_MAJOR}.x`);
      continue;
    }
    return { path: bin, version, from };
  }
  const script = path.join('scripts', 'install-tools.sh');
  throw new ToolchainError(opaMissingMessage(rejected, existsSync(fromRoot(script)) ? script : undefined));
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
