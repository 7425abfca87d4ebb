/**
 * What a command loads of the built CLI (scripts/bundle.mjs): a package that only one command or
 * collector needs is parsed only when it runs, not at every start. Each run records every file
 * Node loads (an ESM loader hook for the bundle's files, require.cache for the CommonJS ones); a
 * bundled file names the packages it holds in esbuild's `// node_modules/<package>/...` comments.
 * The speed this buys is measured by the benchmark suite (bench/run.ts, start-up), not here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, fixture, ROOT } from '../helpers/run.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ar-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hooks = path.join(dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.AR_LOADED, url + '\\n');
  return next(url, context);
}
`,
);
const register = path.join(dir, 'register.mjs');
writeFileSync(
  register,
  `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
register(${JSON.stringify(pathToFileURL(hooks).href)});
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => appendFileSync(process.env.AR_LOADED, Object.keys(cache).map((f) => 'file://' + f + '\\n').join('')));
`,
);

/** The files of dist/ a run of the CLI loaded, and the packages they bundle. */
function loaded(args: string[], allowed: number[] = [0]): { files: string[]; packages: Set<string> } {
  const log = path.join(dir, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', AR_LOADED: log },
  });
  expect(allowed, r.stderr).toContain(r.status);
  const dist = path.join(ROOT, 'dist') + path.sep;
  const files = [
    ...new Set(
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('file:'))
        .map((u) => fileURLToPath(u))
        .filter((f) => f.startsWith(dist)),
    ),
  ];
  const packages = new Set<string>();
  for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)) packages.add(m[1]!);
  return { files: files.map((f) => path.relative(path.join(ROOT, 'dist'), f)).sort(), packages };
}

/** Packages only one command or collector needs: the terminal UI, the cloud and Kubernetes clients, GitHub App signing, the HCL parser. */
const LAZY = [
  'ink',
  'react',
  '@aws-sdk/client-s3',
  '@aws-sdk/client-cloudwatch-logs',
  '@smithy/core',
  '@octokit/auth-app',
  '@kubernetes/client-node',
  'js-hcl-parser',
];

describe('what a command loads', () => {
  it('--version: the executable and what it shares, not the commands', () => {
    const { files, packages } = loaded(['--version']);
    expect(files).toContain('cli.js');
    expect(files).not.toContain('main.js');
    expect([...packages]).toEqual([]);
  });

  it('check on the demo (facts files): the commands and the engine, none of the packages only one collector or command needs', () => {
    const { files, packages } = loaded(['check', '-c', fixture('demo', 'auditready.yaml')], [1]);
    expect(files).toContain('main.js');
    // what it does load, so the records are not empty by accident
    expect([...packages]).toEqual(expect.arrayContaining(['commander', 'yaml']));
    expect(LAZY.filter((p) => packages.has(p))).toEqual([]);
  });

  it('a Vault target read from its HCL configuration: the HCL parser, and still no other', () => {
    const { files, packages } = loaded(['check', '-c', fixture('vault', 'secure', 'auditready.yaml'), '--as-of', '2026-11-20T12:00:00Z'], [0, 1]);
    expect(files).toContain(path.join('lazy', 'js-hcl-parser.cjs'));
    expect(LAZY.filter((p) => packages.has(p))).toEqual(['js-hcl-parser']);
  });
});
