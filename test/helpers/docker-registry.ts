/**
 * The real CNCF Distribution registry (Debian's docker-registry 2.8, unpacked into
 * .tools/docker-registry by scripts/install-docker-registry.sh, or installed system-wide), started
 * on 127.0.0.1 with a config.yml in a temp dir (storage in the same dir) and stopped by the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './run.js';

const CANDIDATES = [path.join(ROOT, '.tools', 'docker-registry', 'usr', 'bin', 'docker-registry'), '/usr/bin/docker-registry'];

/** The registry binary, or undefined (CI installs it; locally run scripts/install-docker-registry.sh). */
export function registryBinary(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

export const REGISTRY_MISSING =
  'docker-registry not found: run `bash scripts/install-docker-registry.sh` (Debian package, unpacked into .tools/); CI installs it and fails without it';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningRegistry {
  readonly url: string;
  readonly dir: string;
  /** The config.yml the registry runs with. */
  readonly configPath: string;
  readonly log: () => string;
  stop(): Promise<void>;
}

/**
 * Start the registry with `config` (a config.yml text; `{{ADDR}}` and `{{DIR}}` are replaced by the
 * listen address and the temp dir). Resolves when GET /v2/ answers; rejects after `timeoutMs`.
 */
export async function startRegistry(config: string, files: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunningRegistry> {
  const bin = registryBinary();
  if (!bin) throw new Error(REGISTRY_MISSING);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-registry-'));
  const port = await freePort();
  const addr = `127.0.0.1:${port}`;
  const fill = (t: string) => t.replaceAll('{{ADDR}}', addr).replaceAll('{{DIR}}', dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), fill(text));
  const configPath = path.join(dir, 'config.yml');
  writeFileSync(configPath, fill(config));
  let output = '';
  const child: ChildProcess = spawn(bin, ['serve', configPath], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://${addr}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`docker-registry exited with ${child.exitCode}: ${output.slice(-2000)}`);
    }
    try {
      const res = await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`docker-registry did not answer within ${timeoutMs} ms: ${output.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, dir, configPath, log: () => output, stop };
}
