/**
 * The benchmark suite: `npm run bench` (full) or `npm run bench -- --quick` (sizes 10 and 100,
 * one run each; CI runs it to check that the suite works, not to time anything).
 *
 * For each estate size it evaluates the full policy library with
 *   1. `opa eval`      OPA's Go evaluator: same policies (sources), parameters (data) and input;
 *   2. `conftest test` the same, through a Conftest-convention wrapper (bench/conftest/main.rego);
 *   3. our engine in one process, warm (bench/inproc.ts), and
 *   4. the whole CLI, cold: `node dist/cli.js check` on a config with one facts file per tool,
 * and prints the median, min-max and peak RSS of each, the ratio ours/peer and the growth factor
 * per 10x. Then start-up: `node -e 0`, `auditready --version`, `check` on the demo, and (not
 * with --quick) the GitHub collector's benchmark, bench/github-collect.ts.
 *
 * Options: --quick, --sizes 10,100,1000,10000, --runs N, --bundle DIR (another policy bundle,
 * e.g. one built from an older commit, for before/after), --out FILE (Markdown copy),
 * --keep (keep the scratch folder), --profile N (only profile our engine on N tools and print
 * where the time goes; the .cpuprofile is kept in build/bench/profiles/).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProfile, resolveParameters } from '../src/config/profile.js';
import { DEFAULT_BUNDLE_DIR, loadBundle } from '../src/engine/bundle.js';
import type { InprocResult } from './inproc.js';
import { profileInproc, summarizeProfile } from './profile.js';
import { copyPolicies, writeEstate, type SizeFiles } from './workdir.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OPA = path.join(ROOT, '.tools', 'bin', 'opa');
const CONFTEST = path.join(ROOT, '.tools', 'bin', 'conftest');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const INPROC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'inproc.js');
const TIME = '/usr/bin/time';
const QUERY = 'data.auditready.main.findings';

interface Options {
  quick: boolean;
  sizes: number[];
  runs?: number;
  bundle: string;
  out?: string;
  keep: boolean;
  profile?: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, sizes: [10, 100, 1000, 10_000], bundle: DEFAULT_BUNDLE_DIR, keep: false };
  let sizesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.quick = true;
    else if (a === '--sizes') {
      o.sizes = next().split(',').map(Number);
      sizesGiven = true;
    } else if (a === '--runs') o.runs = Number(next());
    else if (a === '--bundle') o.bundle = path.resolve(next());
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '--keep') o.keep = true;
    else if (a === '--profile') o.profile = Number(next());
    else throw new Error(`unknown option ${a} (options: --quick --sizes --runs --bundle --out --keep --profile)`);
  }
  if (o.quick && !sizesGiven) o.sizes = [10, 100];
  if (o.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes takes positive integers, e.g. 10,100');
  if (o.runs !== undefined && !(Number.isInteger(o.runs) && o.runs >= 1)) throw new Error('--runs takes a positive integer');
  if (o.profile !== undefined && !(Number.isInteger(o.profile) && o.profile >= 1)) throw new Error('--profile takes a positive number of tools');
  return o;
}

/** Runs per measurement: fewer at 10,000 tools, where one `opa eval` takes tens of seconds. */
function runsFor(o: Options, size: number): number {
  if (o.runs) return o.runs;
  if (o.quick) return 1;
  return size >= 10_000 ? 3 : 5;
}

interface Sample {
  ms: number;
  rssKb: number;
  code: number;
}

interface Series {
  ms: number[];
  rssKb: number[];
}

/** Run a child under /usr/bin/time -f %M; stdout goes to `stdoutFile`; wall time from here. */
function timed(cmd: string, args: string[], stdoutFile: string, okCodes: number[], cwd = ROOT): Sample {
  const rssFile = `${stdoutFile}.rss`;
  const fd = openSync(stdoutFile, 'w');
  const t = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-f', '%M', '-o', rssFile, cmd, ...args], { cwd, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  closeSync(fd);
  const code = r.status ?? -1;
  if (!okCodes.includes(code)) {
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${code}:\n${r.stderr.toString().slice(0, 2000)}`);
  }
  const rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  return { ms, rssKb, code };
}

function series(samples: Sample[]): Series {
  return { ms: samples.map((s) => s.ms), rssKb: samples.map((s) => s.rssKb) };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmtMs = (ms: number): string =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
const fmtMb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
const cell = (s: Series | undefined): string =>
  s ? `${fmtMs(median(s.ms))} (${fmtMs(Math.min(...s.ms))}–${fmtMs(Math.max(...s.ms))}), ${fmtMb(Math.max(...s.rssKb))}` : 'n/a';
const ratio = (ours: Series | undefined, peer: Series | undefined): string => (ours && peer ? `${(median(ours.ms) / median(peer.ms)).toFixed(2)}` : 'n/a');

function version(cmd: string, args: string[], pattern: RegExp): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return pattern.exec(r.stdout ?? '')?.[1] ?? 'unknown';
}

function conftestVersion(): string {
  const r = spawnSync('go', ['version', '-m', CONFTEST], { encoding: 'utf8' });
  const mod = /^\s*mod\s+\S+\s+(\S+)/m.exec(r.stdout ?? '')?.[1] ?? 'unknown';
  return `${mod} (embeds OPA ${version(CONFTEST, ['--version'], /OPA:\s*(\S+)/)})`;
}

interface Row {
  size: number;
  inputMb: number;
  findings: number;
  /** error findings the CLI adds for policies without a verdict on a tool they apply to */
  silent: number;
  opa?: Series;
  conftest?: Series;
  warm?: Series;
  first?: number;
  cli?: Series;
}

/**
 * The GitHub collector's benchmark (bench/github-collect.ts, from the GitHub collector's work):
 * built and run as its header says, its own lines quoted. Never fails the suite.
 */
function githubCollect(): string[] {
  const script = path.join(ROOT, 'bench', 'github-collect.ts');
  const head = ['GitHub collection (`bench/github-collect.ts`: 5,000 repositories, 2,000 members, 50 ms per request on the loopback GitHub):', ''];
  if (spawnSync('test', ['-e', script]).status !== 0) return [...head, 'n/a (bench/github-collect.ts is not there)'];
  progress('GitHub collection benchmark...');
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const flags = [
    '--outDir',
    'build/bench-github',
    '--rootDir',
    '.',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2022',
    '--skipLibCheck',
    '--types',
    'node',
  ];
  const built = spawnSync(process.execPath, [tsc, ...flags, 'bench/github-collect.ts'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) return [...head, `n/a (build failed: ${(built.stdout + built.stderr).trim().split('\n')[0]})`];
  const run = spawnSync(process.execPath, [path.join(ROOT, 'build', 'bench-github', 'bench', 'github-collect.js')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (run.status !== 0) return [...head, `n/a (exited ${run.status}: ${(run.stderr ?? '').trim().split('\n')[0]})`];
  return [...head, '```', run.stdout.trimEnd(), '```'];
}

const progress = (m: string): boolean => process.stderr.write(`bench: ${m}\n`);

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const load = (): string =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const haveConftest = spawnSync(CONFTEST, ['--version']).status === 0;
  for (const [what, file] of [
    ['opa (npm run build)', OPA],
    ['dist/cli.js (npm run build)', CLI],
  ] as const) {
    if (spawnSync('test', ['-e', file]).status !== 0) throw new Error(`${file} is missing: run ${what}`);
  }
  const bundle = loadBundle(o.bundle);
  // The CLI always uses build/policy; other engineers' `npm run build` may replace it mid-run.
  const cliBundle = (): string => loadBundle(DEFAULT_BUNDLE_DIR).manifest.wasm_sha256;
  const cliBundleAtStart = cliBundle();
  const machine = `${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}`;
  const versions = {
    node: process.version,
    opa: version(OPA, ['version'], /^Version:\s*(\S+)/m),
    conftest: haveConftest ? conftestVersion() : 'not installed (bash scripts/install-tools.sh --bench)',
    bundle: `${path.relative(ROOT, o.bundle) || o.bundle}, ${bundle.manifest.policy_count} policies, built with OPA ${bundle.manifest.opa_version}`,
  };
  const started = new Date();
  const loadBefore = load();
  process.stderr.write(`bench: ${machine}; load ${loadBefore}; sizes ${o.sizes.join(', ')}\n`);

  const work = mkdtempSync(path.join(os.tmpdir(), 'auditready-bench-'));
  try {
    // A private copy of the bundle for the in-process runs, so a rebuild during the run cannot change them.
    const bundleCopy = path.join(work, 'bundle');
    mkdirSync(bundleCopy);
    for (const f of ['policy.wasm', 'catalog.json', 'manifest.json']) copyFileSync(path.join(o.bundle, f), path.join(bundleCopy, f));
    // The policy sources the bundle is built from (the bundle's own directory is not a policy dir).
    const pol = path.join(work, 'policies');
    copyPolicies(path.join(ROOT, 'policies'), pol);
    const data = path.join(work, 'data.json');
    writeFileSync(data, JSON.stringify({ auditready: { params: resolveParameters(loadProfile('baseline')) } }));
    const wrapper = path.join(work, 'conftest');
    copyPolicies(path.join(ROOT, 'bench', 'conftest'), wrapper);

    if (o.profile) {
      const files = writeEstate(work, o.profile);
      const prof = profileInproc(INPROC, bundleCopy, files.input, data, 1, path.join(ROOT, 'build', 'bench', 'profiles'));
      const md = [
        `Profile of our engine on ${o.profile.toLocaleString('en')} tools (${(files.inputBytes / 1e6).toFixed(2)} MB input; first + 1 warm evaluation; ${versions.bundle}; load ${load()}):`,
        '',
        summarizeProfile(prof),
        `CPU profile: ${path.relative(ROOT, prof)} (open in Chrome DevTools > Performance).`,
      ].join('\n');
      process.stdout.write(`${md}\n`);
      if (o.out) writeFileSync(o.out, `${md}\n`);
      return;
    }

    const rows: Row[] = [];
    for (const size of o.sizes) {
      const files: SizeFiles = writeEstate(work, size);
      const runs = runsFor(o, size);
      const out = (name: string): string => path.join(work, String(size), `${name}.out`);
      process.stderr.write(`bench: ${size} tools (${(files.inputBytes / 1e6).toFixed(2)} MB input), ${runs} run(s) each; load ${load()}\n`);

      // (3) ours, in-process warm: one child, `runs` evaluations after a first one.
      const r = spawnSync(process.execPath, [INPROC, bundleCopy, files.input, data, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(`inproc exited ${r.status}: ${r.stderr}`);
      const ip = JSON.parse(r.stdout) as InprocResult;
      const warm: Series = { ms: ip.warm_ms, rssKb: [ip.max_rss_kb] };
      const gating = (ip.by_status.fail ?? 0) + (ip.by_status.unknown ?? 0) + (ip.by_status.error ?? 0);

      // (1) opa eval on the same sources, data and input.
      const opaArgs = ['eval', '--format', 'json', '-d', pol, '-d', data, '-i', files.input, QUERY];
      progress(`${size}: ours in-process ${fmtMs(median(warm.ms))}; opa eval...`);
      const opa = series(Array.from({ length: runs }, () => timed(OPA, opaArgs, out('opa'), [0])));
      progress(`${size}: opa eval ${fmtMs(median(opa.ms))}; conftest test...`);
      const opaOut = JSON.parse(readFileSync(out('opa'), 'utf8')) as { result: Array<{ expressions: Array<{ value: Record<string, unknown[]> }> }> };
      const opaFindings = Object.values(opaOut.result[0]!.expressions[0]!.value).reduce((n, fs) => n + fs.length, 0);
      if (opaFindings !== ip.findings) {
        const why = `size ${size}: opa eval gave ${opaFindings} findings, the engine ${ip.findings}`;
        if (o.bundle === DEFAULT_BUNDLE_DIR) throw new Error(`${why}: policies/ and build/policy differ; run npm run build`);
        progress(`${why} (--bundle is not built from policies/)`);
      }

      // (2) conftest test through the wrapper (exit 1: there are deny results).
      let conftest: Series | undefined;
      if (haveConftest) {
        const cfArgs = ['test', '--no-color', '--output', 'json', '-p', pol, '-p', wrapper, '--data', data, files.input];
        conftest = series(Array.from({ length: runs }, () => timed(CONFTEST, cfArgs, out('conftest'), [0, 1])));
        const cf = JSON.parse(readFileSync(out('conftest'), 'utf8')) as Array<{ failures?: unknown[] }>;
        const denies = cf.reduce((n, f) => n + (f.failures?.length ?? 0), 0);
        if (denies !== gating && o.bundle === DEFAULT_BUNDLE_DIR)
          throw new Error(`size ${size}: conftest gave ${denies} deny results, the engine ${gating} fail/unknown/error findings`);
      }

      if (cliBundle() !== cliBundleAtStart) throw new Error('build/policy was rebuilt during the benchmark (npm run build elsewhere?): run it again');
      // (4) the whole CLI, cold: collect the facts files, evaluate, assemble, write the JSON report.
      progress(`${size}: conftest ${conftest ? fmtMs(median(conftest.ms)) : 'n/a'}; auditready check...`);
      const cliArgs = [CLI, 'check', '-c', files.config, '--format', 'json', '--out', out('report.json')];
      const cli = series(Array.from({ length: runs }, () => timed(process.execPath, cliArgs, out('cli'), [0, 1])));
      const report = JSON.parse(readFileSync(out('report.json'), 'utf8')) as { findings: Array<{ status: string; message: string }> };
      // The CLI adds an error finding where a policy applies to a tool but said nothing (fail closed);
      // the generated estates have no GitHub resources, so GitHub-only policies stay silent on github tools.
      const silent = report.findings.filter((f) => f.status === 'error' && f.message.startsWith('policy produced no verdict')).length;
      if (o.bundle === DEFAULT_BUNDLE_DIR && report.findings.length - silent !== ip.findings) {
        throw new Error(`size ${size}: the CLI reported ${report.findings.length} findings (${silent} without a verdict), the engine ${ip.findings}`);
      }

      rows.push({ size, inputMb: files.inputBytes / 1e6, findings: ip.findings, silent, opa, conftest, warm, first: ip.create_ms + ip.first_ms, cli });
      process.stderr.write(
        `bench: ${size} done: opa ${fmtMs(median(opa.ms))}, conftest ${conftest ? fmtMs(median(conftest.ms)) : 'n/a'}, warm ${fmtMs(median(warm.ms))}, cli ${fmtMs(median(cli.ms))}\n`,
      );
    }

    // Start-up, whole process.
    const startRuns = o.quick ? 1 : 5;
    const demo = path.join(ROOT, 'fixtures', 'demo', 'auditready.yaml');
    const start = {
      node: series(Array.from({ length: startRuns }, () => timed(process.execPath, ['-e', '0'], path.join(work, 'node.out'), [0]))),
      version: series(Array.from({ length: startRuns }, () => timed(process.execPath, [CLI, '--version'], path.join(work, 'version.out'), [0]))),
      demo: series(Array.from({ length: startRuns }, () => timed(process.execPath, [CLI, 'check', '-c', demo], path.join(work, 'demo.out'), [0, 1]))),
    };

    const lines: string[] = [];
    lines.push(`Machine: ${machine}. Node ${versions.node}, OPA ${versions.opa}, Conftest ${versions.conftest}; bundle ${versions.bundle}.`);
    lines.push(
      `Run ${started.toISOString().replace(/\.\d+Z$/, 'Z')}, load average ${loadBefore} before and ${load()} after; command \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`.`,
    );
    lines.push('');
    lines.push('Evaluation of the full policy library: median (min–max) of the runs, peak RSS. Findings: what every engine computed');
    lines.push(`(the CLI's report also has ${rows.map((r) => r.silent).join('/')} fail-closed error findings for policies that gave no verdict on a tool).`);
    lines.push('');
    lines.push('| Tools | Input | Findings | `opa eval` | `conftest test` | ours, in-process warm | ours, first call (create + eval) | ours, whole CLI cold |');
    lines.push('|---:|---:|---:|---|---|---|---:|---|');
    for (const r of rows) {
      lines.push(
        `| ${r.size.toLocaleString('en')} | ${r.inputMb.toFixed(2)} MB | ${r.findings.toLocaleString('en')} | ${cell(r.opa)} | ${cell(r.conftest)} | ${cell(r.warm)} | ${r.first !== undefined ? fmtMs(r.first) : 'n/a'} | ${cell(r.cli)} |`,
      );
    }
    lines.push('');
    lines.push('Ratios (median time, ours / peer; below 1 is faster) and growth per size step (time at this size / time at the previous size).');
    lines.push('');
    lines.push(
      '| Tools | warm / opa eval | warm / conftest | CLI cold / opa eval | CLI cold / conftest | growth opa eval | growth conftest | growth warm | growth CLI |',
    );
    lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    rows.forEach((r, i) => {
      const prev = rows[i - 1];
      const g = (a?: Series, b?: Series): string => (a && b ? `${(median(a.ms) / median(b.ms)).toFixed(1)}×` : '—');
      lines.push(
        `| ${r.size.toLocaleString('en')} | ${ratio(r.warm, r.opa)} | ${ratio(r.warm, r.conftest)} | ${ratio(r.cli, r.opa)} | ${ratio(r.cli, r.conftest)} | ${g(r.opa, prev?.opa)} | ${g(r.conftest, prev?.conftest)} | ${g(r.warm, prev?.warm)} | ${g(r.cli, prev?.cli)} |`,
      );
    });
    lines.push('');
    lines.push(`Start-up, whole process (${startRuns} run(s)):`);
    lines.push('');
    lines.push('| What | Time | Peak RSS |');
    lines.push('|---|---|---|');
    const st = (s: Series): string => `${fmtMs(median(s.ms))} (${fmtMs(Math.min(...s.ms))}–${fmtMs(Math.max(...s.ms))}) | ${fmtMb(Math.max(...s.rssKb))}`;
    lines.push(`| \`node -e 0\` (bare Node) | ${st(start.node)} |`);
    lines.push(`| \`auditready --version\` | ${st(start.version)} |`);
    lines.push(`| \`auditready check\` on the demo | ${st(start.demo)} |`);
    if (!o.quick) lines.push('', ...githubCollect());
    const md = `${lines.join('\n')}\n`;
    process.stdout.write(md);
    if (o.out) writeFileSync(o.out, md);
  } finally {
    if (o.keep) process.stderr.write(`bench: inputs kept in ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
