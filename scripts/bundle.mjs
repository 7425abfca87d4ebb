#!/usr/bin/env node
// Bundles the CLI with esbuild, after tsc (which type-checks and writes build/tsc/ module by module
// for the benchmarks and the policy build), so Node loads a few files instead of some 300 modules,
// and no more of them than a command needs:
//  - dist/cli.js, the executable (src/bin.ts): `--version` and the top-level help answer from it
//    alone (the help recorded here from the real program: src/cli-help.ts);
//  - dist/main.js, the CLI's commands (src/cli.ts), imported by dist/cli.js for everything else;
//  - whatever only one command or collector needs is imported at its point of use (import()), so
//    esbuild writes it to a file of its own that loads only then: the terminal UI (dist/tui.js, only
//    `explore`), the Kubernetes client (dist/kubeconfig-client.js, only a kubeconfig), the AWS SDK
//    (live S3 and CloudWatch Logs), @octokit/auth-app (GitHub App authentication), the `init`
//    prompts; code two of these share goes to dist/chunks/ (esbuild's code splitting), once;
//  - js-hcl-parser (2 MB), which Vault's synchronous readers need, as dist/lazy/js-hcl-parser.cjs,
//    required on the first HCL file (src/util/lazy-require.ts);
//  - the engine's worker threads, dist/engine/worker.js and dist/engine/policy-worker.js.
// Third-party licence comments are kept in dist/**/*.LEGAL.txt, the bundled packages' licences in
// dist/THIRD-PARTY-LICENSES.txt. package.json "files" ships dist/**/*.js, so no chunk is left out
// (test/cli/package.test.ts checks it).
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** ink imports its devtools (and react-devtools-core, not installed) only when DEV=true: not bundled. */
const inkDevtoolsExternal = {
  name: 'ink-devtools-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}ink${path.sep}`) ? { path: args.path, external: true } : undefined,
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // external: the maps stay in dist/ for debugging a build; the package ships none, so no file may point at one
  sourcemap: 'external',
  legalComments: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node's own modules: give the ESM bundle one.
  banner: { js: "import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);" },
  absWorkingDir: root,
  metafile: true,
  // a smaller file parses faster at every start; names and lines are kept, so stack traces (and the
  // source line Node prints for an uncaught error) stay readable
  minifySyntax: true,
};

/**
 * The entry points, dist/<name>.js from their modules: one line each (a new worker thread script is
 * one more line here). A module imported with import() (the TUI, the Kubernetes client) is an entry
 * of its own only to keep a stable file name: esbuild's import() of it loads that file.
 */
const ENTRIES = [
  // the executable: `--version` and the top-level help, else dist/main.js
  { name: 'cli', entry: 'src/bin.ts' },
  // every command
  { name: 'main', entry: 'src/cli.ts' },
  // the terminal UI (ink, React, yoga): only `explore` (src/commands/explore.ts)
  { name: 'tui', entry: 'src/tui/index.ts' },
  { name: 'engine/worker', entry: 'src/engine/worker.ts' },
  // custom policies, each within its time budget (src/engine/budget.ts starts it)
  { name: 'engine/policy-worker', entry: 'src/engine/policy-worker.ts' },
  // @kubernetes/client-node's KubeConfig: only a kubernetes target read live with a kubeconfig
  { name: 'kubeconfig-client', entry: 'src/collectors/kubernetes/live/kubeconfig-client.ts' },
];

/**
 * CommonJS packages a synchronous reader requires on first use (src/util/lazy-require.ts), each
 * bundled into dist/lazy/<name>.cjs: js-hcl-parser (Vault and OpenBao HCL, 2 MB of GopherJS).
 */
const LAZY_REQUIRES = ['js-hcl-parser'];

/** The top-level help of the real program (src/cli-help.ts), from tsc's build of it. */
async function recordedHelp() {
  const tsc = (m) => pathToFileURL(path.join(root, 'build', 'tsc', m)).href;
  const { fullProgram } = await import(tsc('cli.js'));
  const { helpShape } = await import(tsc('cli-help.js'));
  return helpShape(fullProgram());
}

rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const result = await build({
  ...common,
  entryPoints: Object.fromEntries(ENTRIES.map((e) => [e.name, e.entry])),
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  define: { AUDITREADY_HELP: JSON.stringify(await recordedHelp()) },
  plugins: [inkDevtoolsExternal],
  jsx: 'automatic',
});
const lazy = await build({
  ...common,
  format: 'cjs',
  banner: {},
  entryPoints: Object.fromEntries(LAZY_REQUIRES.map((name) => [name, name])),
  outdir: path.join('dist', 'lazy'),
  outExtension: { '.js': '.cjs' },
});

// The bundles redistribute their dependencies: each bundled package's licence file, in one text.
const packages = new Map();
for (const input of [...Object.keys(result.metafile.inputs), ...Object.keys(lazy.metafile.inputs)]) {
  const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.set(m[1], JSON.parse(readFileSync(path.join(root, m[1], 'package.json'), 'utf8')));
}
const texts = [...packages]
  .sort(([, a], [, b]) => (a.name < b.name ? -1 : 1))
  .map(([dir, pkg]) => {
    const file = readdirSync(path.join(root, dir)).find((f) => /^licen[cs]e/i.test(f));
    const text = file ? readFileSync(path.join(root, dir, file), 'utf8').trim() : `(no licence file; package.json says: ${pkg.license ?? 'nothing'})`;
    return `${pkg.name} ${pkg.version} (${pkg.license ?? 'unknown'})\n\n${text}\n`;
  });
writeFileSync(
  path.join(root, 'dist', 'THIRD-PARTY-LICENSES.txt'),
  `Packages bundled into the files of dist/, with their licences.\n\n${texts.join(`\n${'-'.repeat(78)}\n\n`)}`,
);
