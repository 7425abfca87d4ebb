/**
 * A real S3-compatible server for the S3 collector's tests: SeaweedFS (Apache-2.0), built from the
 * Go module proxy by `bash scripts/install-tools.sh --seaweedfs` into .tools/bin/weed (or
 * SEAWEEDFS_BIN). Started on 127.0.0.1 only, on free ports, with its data in a temporary folder and
 * two identities (an admin, and a reader allowed only Read and List); stopped (TERM, then KILL)
 * and its folder removed by the test that started it.
 *
 * Without the binary the tests that need it skip, saying how to install it; with
 * AUDITREADY_REQUIRE_SEAWEEDFS=1 (set by .ci/run) a missing binary fails instead.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../run.js';

export const WEED = process.env.SEAWEEDFS_BIN ?? path.join(ROOT, '.tools', 'bin', 'weed');
export const HAVE_WEED = existsSync(WEED);
export const REQUIRE_WEED = process.env.AUDITREADY_REQUIRE_SEAWEEDFS === '1';
export const MISSING_WEED = `SeaweedFS is not installed at ${WEED}: run bash scripts/install-tools.sh --seaweedfs (builds it from the Go module proxy)`;

export const ADMIN = { accessKeyId: 'AKIAFIXTURESEAWEED01', secretAccessKey: 'fixture-seaweed-admin-secret-3c9e' };
export const READER = { accessKeyId: 'AKIAFIXTURESEAWEED02', secretAccessKey: 'fixture-seaweed-reader-secret-71b0' };

export interface SeaweedFs {
  /** The S3 endpoint, http://127.0.0.1:PORT. */
  readonly url: string;
  readonly startedInMs: number;
  stop(): Promise<void>;
}

async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  return ports;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

export async function startSeaweedFs(timeoutMs = 60_000): Promise<SeaweedFs> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'auditready-seaweedfs-'));
  const identities = [
    {
      name: 'admin',
      credentials: [{ accessKey: ADMIN.accessKeyId, secretKey: ADMIN.secretAccessKey }],
      actions: ['Admin', 'Read', 'Write', 'List', 'Tagging'],
    },
    { name: 'reader', credentials: [{ accessKey: READER.accessKeyId, secretKey: READER.secretAccessKey }], actions: ['Read', 'List'] },
  ];
  writeFileSync(path.join(dir, 's3.json'), JSON.stringify({ identities }));
  const [master, masterGrpc, volume, volumeGrpc, filer, filerGrpc, s3, s3Grpc] = await freePorts(8);
  const args = [
    'server',
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    `-dir=${dir}`,
    `-master.port=${master}`,
    `-master.port.grpc=${masterGrpc}`,
    '-master.volumeSizeLimitMB=64',
    `-volume.port=${volume}`,
    `-volume.port.grpc=${volumeGrpc}`,
    '-volume.max=8',
    '-volume.preStopSeconds=0',
    '-filer',
    `-filer.port=${filer}`,
    `-filer.port.grpc=${filerGrpc}`,
    '-s3',
    `-s3.port=${s3}`,
    `-s3.port.grpc=${s3Grpc}`,
    '-s3.port.iceberg=0',
    '-s3.port.lance=0',
    `-s3.config=${path.join(dir, 's3.json')}`,
  ];
  const started = Date.now();
  const child: ChildProcess = spawn(WEED, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString('utf8')).slice(-4000);
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const gone = await Promise.race([
        new Promise<boolean>((r) => child.once('exit', () => r(true))),
        new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
      ]);
      if (!gone && !exited) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${s3}`;
  while (!(await answers(url))) {
    if (exited || Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`SeaweedFS did not answer on ${url} within ${timeoutMs} ms${exited ? ' (it exited)' : ''}; last log lines:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, startedInMs: Date.now() - started, stop };
}
