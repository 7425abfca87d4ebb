import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeEstate } from '../../bench/workdir.js';
import { runCheck } from '../../src/pipeline/run-check.js';
import { WORKER_MIN_BYTES } from '../../src/engine/estate.js';
import type { Report } from '../../src/report/types.js';
import { onTerminal } from '../helpers/pty.js';
import { fixture, OPA, ROOT, withoutProgress } from '../helpers/run.js';

const AS_OF = '2026-11-20T12:00:00Z';

/**
 * The last line of a run's stderr, after checking every line before it is a warning or a progress line (the demo's and
 * the generated estates' facts files carry collected_at dates that are stale or ahead of today).
 */
function summaryLine(stderr: string): string {
  const lines = withoutProgress(stderr).split('\n');
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
    for (const needed of ['dist/cli.js', 'dist/main.js', 'build/policy/policy.wasm', 'build/policy/catalog.json', 'profiles/baseline.yaml']) {
      expect(files, needed).toContain(needed);
    }
    // every file the build wrote that the CLI may load (the entries, the chunks they import, the packages required lazily)
    const built = (readdirSync(path.join(ROOT, 'dist'), { recursive: true }) as string[])
      .filter((f) => /\.c?js$/.test(f))
      .map((f) => `dist/${f.split(path.sep).join('/')}`);
    expect(built).toEqual(expect.arrayContaining(['dist/tui.js', 'dist/engine/worker.js', 'dist/kubeconfig-client.js', 'dist/lazy/js-hcl-parser.cjs']));
    expect(built.some((f) => f.startsWith('dist/chunks/'))).toBe(true);
    expect(built.filter((f) => !files.includes(f))).toEqual([]);
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
    // (Vault's HCL through the parser the package requires on first use, dist/lazy/js-hcl-parser.cjs)
    for (const name of ['kubernetes/secure', 'kubernetes/insecure', 'argocd/insecure', 'vault/secure', 'openbao/insecure']) {
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

  it('installs with npm into an empty folder (no warnings) and runs from there without Go, .tools or an OPA CLI on PATH', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-install-'));
    const packed = execFileSync('npm', ['pack', '--pack-destination', dir, '--json'], { cwd: ROOT, encoding: 'utf8' });
    const [info] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
    // no source map: none is shipped, and no shipped file points at one
    const files = info!.files.map((f) => f.path);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    // PATH without Go, the project's .tools and any OPA: only what runs node and npm
    const hasTool = (d: string) =>
      ['go', 'opa'].some((t) => {
        try {
          accessSync(path.join(d, t), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      });
    const PATH = (process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((d) => d !== '' && !d.includes('.tools') && !hasTool(d))
      .join(path.delimiter);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH, NO_COLOR: '1' };
    for (const name of ['OPA_BIN', 'GOPATH', 'GOROOT']) delete env[name];
    const app = path.join(dir, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', path.join(dir, info!.filename)], { cwd: app, env, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    // the bundles hold every dependency: nothing else to fetch, so no engine warning on Node 20
    expect(install.stdout + install.stderr).not.toMatch(/EBADENGINE|npm warn/i);
    expect(readdirSync(path.join(app, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['auditready']);
    const installed = path.join(app, 'node_modules', 'auditready');
    for (const f of files.filter((x) => x.endsWith('.js'))) expect(readFileSync(path.join(installed, f), 'utf8'), f).not.toContain('sourceMappingURL');
    const bin = path.join(app, 'node_modules', '.bin', 'auditready');
    const run = (args: string[], extra: Record<string, string> = {}) => spawnSync(bin, args, { cwd: app, env: { ...env, ...extra }, encoding: 'utf8' });

    expect(run(['--version']).stdout).toBe(`${JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
    // the demo, as the README's quick start runs it
    cpSync(fixture('demo'), path.join(app, 'demo'), { recursive: true });
    const demo = run(['check', '-c', 'demo/auditready.yaml', '--quiet']);
    expect(demo.status, demo.stderr).toBe(1);
    expect(demo.stdout).toMatch(/gate: high and above .*→ FAIL/);
    expect(demo.stderr).toBe('');

    // policies new / test / list, a custom policy in a check
    const scaffold = run(['policies', 'new', 'require_backup', '--pillar', 'retention', '--fact', 'audit_log.backup', '--prefix', 'ACME']);
    expect(scaffold.status, scaffold.stderr).toBe(0);
    expect(existsSync(path.join(app, 'policies.d', 'retention', 'require_backup.rego'))).toBe(true);
    const list = run(['policies', 'list']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('AR-IDN-001');
    // without the OPA CLI: what to do, for custom policies only, naming no script the package lacks
    const noOpa = run(['check', '-c', 'demo/auditready.yaml', '--policy', 'policies.d']);
    expect(noOpa.status).toBe(2);
    expect(noOpa.stderr).toContain('OPA CLI not found');
    expect(noOpa.stderr).toContain('Only custom policies need it');
    expect(noOpa.stderr).toMatch(/go install github\.com\/open-policy-agent\/opa@v\d+\.\d+\.\d+/);
    expect(noOpa.stderr).toContain('OPA_BIN=/path/to/opa');
    expect(noOpa.stderr).not.toMatch(/scripts\/|\.sh\b/);
    expect(noOpa.stderr).not.toMatch(/\n\s+at /);
    const withOpa = { OPA_BIN: OPA };
    const tested = run(['policies', 'test', 'policies.d'], withOpa);
    expect(tested.status, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/PASS: \d+\/\d+/);
    const listed = run(['policies', 'list', '--policy', 'policies.d'], withOpa);
    expect(listed.stdout).toContain('ACME-RET-001');
    const custom = run(['check', '-c', 'demo/auditready.yaml', '--policy', 'policies.d', '--format', 'json', '--quiet'], withOpa);
    expect(custom.status, custom.stderr).toBe(1);
    const report = JSON.parse(custom.stdout) as Report;
    expect(report.findings.filter((f) => f.policy_id === 'ACME-RET-001').length).toBeGreaterThan(0);

    // explore: a saved report on a terminal (a pty from util-linux `script`), quit with q once drawn
    writeFileSync(path.join(app, 'report.json'), JSON.stringify(report));
    const explore = await onTerminal(`${bin} explore report.json`, { cwd: app, env: { ...env, TERM: 'xterm' } }, { ready: 'Overview', keys: 'q' });
    expect(explore.code, explore.output).toBe(0);
    expect(explore.output).toMatch(/Score \d+(\.\d+)?%/);
  }, 300_000);
});
