import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeEstate } from '../../bench/workdir.js';
import { runCheck } from '../../src/check.js';
import { WORKER_MIN_BYTES } from '../../src/engine/estate.js';
import type { Report } from '../../src/report/types.js';
import { fixture, ROOT } from '../helpers/run.js';

const AS_OF = '2026-11-20T12:00:00Z';

/**
 * The last line of a run's stderr, after checking every line before it is a warning (the demo's and
 * the generated estates' facts files carry collected_at dates that are stale or ahead of today).
 */
function summaryLine(stderr: string): string {
  const lines = stderr.split('\n');
  const last = lines.length - 2; // stderr ends with a newline
  expect(
    lines.slice(0, Math.max(last, 0)).filter((l) => !l.startsWith('auditready: warning: ')),
    stderr,
  ).toEqual([]);
  return lines.slice(Math.max(last, 0)).join('\n');
}

describe('the npm package', () => {
  it('runs from its own files alone: the bundled CLI and engine worker need no node_modules', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-pack-'));
    const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--json'], { cwd: ROOT, encoding: 'utf8' });
    const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = info!.files.map((f) => f.path);
    for (const needed of [
      'dist/cli.js',
      'dist/tui.js',
      'dist/engine/worker.js',
      'dist/engine/policy-worker.js',
      'dist/kubeconfig-client.js',
      'build/policy/policy.wasm',
      'build/policy/catalog.json',
      'profiles/baseline.yaml',
    ]) {
      expect(files, needed).toContain(needed);
    }
    // not the module-by-module build, benchmarks or tests' inputs
    expect(files.filter((f) => f.startsWith('build/bench') || f.startsWith('fixtures/') || f.startsWith('src/'))).toEqual([]);
    execFileSync('tar', ['-xzf', path.join(dir, info!.filename), '-C', dir]);
    const pkg = path.join(dir, 'package');
    expect(readdirSync(pkg)).not.toContain('node_modules');
    const demo = path.join(dir, 'demo');
    cpSync(fixture('demo'), demo, { recursive: true });
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(pkg, 'dist', 'cli.js'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const version = run(['--version']);
    expect(version.status, version.stderr).toBe(0);
    const check = run(['check', '-c', path.join(demo, 'auditready.yaml'), '--format', 'json', '--out', path.join(dir, 'report.json')]);
    // the demo has failing findings: exit 1, a report, nothing on stderr but the summary line
    expect(summaryLine(check.stderr)).toMatch(/^auditready: wrote json report to .*report\.json \(fail, \d+ gating\)\n$/);
    expect(check.status).toBe(1);
    // an estate large enough for the engine's worker threads (dist/engine/worker.js from the package)
    const estate = writeEstate(dir, 400);
    expect(estate.inputBytes).toBeGreaterThan(WORKER_MIN_BYTES);
    const big = run(['check', '-c', estate.config, '--format', 'json', '--out', path.join(dir, 'big.json')]);
    expect(summaryLine(big.stderr)).toMatch(/^auditready: wrote json report to .*big\.json \(fail, \d+ gating\)\n$/);
    const verdicts = (r: Report) => r.findings.map((f) => `${f.policy_id} ${f.tool} ${f.status} ${f.message}`);
    const packaged = JSON.parse(readFileSync(path.join(dir, 'big.json'), 'utf8')) as Report;
    expect(verdicts(packaged)).toEqual(verdicts(await runCheck({ configPath: estate.config })));
    // the native collectors in files mode, with the packages they bundle: the same verdicts as from the sources
    for (const name of ['kubernetes/secure', 'kubernetes/insecure', 'argocd/insecure']) {
      const copy = path.join(dir, name);
      cpSync(fixture(...name.split('/')), copy, { recursive: true });
      const out = path.join(dir, `${name.replace('/', '-')}.json`);
      const r = run(['check', '-c', path.join(copy, 'auditready.yaml'), '--format', 'json', '--out', out, '--as-of', AS_OF]);
      expect(summaryLine(r.stderr), name).toMatch(/^auditready: wrote json report to .* \((pass|fail), \d+ gating\)\n$/);
      const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
      expect(report.snapshots.length, name).toBeGreaterThan(0);
      expect(report.collection_errors, name).toBeUndefined();
      expect(verdicts(report), name).toEqual(verdicts(await runCheck({ configPath: path.join(copy, 'auditready.yaml'), asOf: AS_OF })));
    }
    // the Kubernetes client, loaded only to read a kubeconfig, from its own file of the package
    const client = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(path.join(pkg, 'dist', 'kubeconfig-client.js'))}); console.log(typeof new m.KubeConfig().loadFromString);`,
      ],
      { encoding: 'utf8' },
    );
    expect(client.stdout + client.stderr).toBe('function\n');
  }, 180_000);
});
