#!/usr/bin/env node
// Bundles the CLI with esbuild, after tsc (which type-checks and writes build/tsc/ module by module
// for the benchmarks and the policy build): dist/cli.js holds everything `auditready` runs, so Node
// loads one file instead of some 300 modules; the terminal UI (ink, React, yoga) is its own bundle,
// dist/tui.js, imported only by `explore`, and so is the Kubernetes client, dist/kubeconfig-client.js,
// imported only to read a kubeconfig; the engine's worker thread is dist/engine/worker.js, the custom-policy worker
// dist/engine/policy-worker.js.
// Third-party licence comments are kept in dist/*.LEGAL.txt, the bundled packages' licences in
// dist/THIRD-PARTY-LICENSES.txt.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * Every bundle, dist/<name>.js from its entry module: one line each (a new worker thread script is
 * one more line here, and its dist/ file in package.json "files"). Each is a self-contained file.
 * `lazy`: the specifier dist/cli.js imports it by (import(), at run time only): that import stays
 * an import of the bundle's own file, so other runs never parse it.
 */
const ENTRIES = [
  { name: 'cli', entry: 'src/cli.ts' },
  // the terminal UI (ink, React, yoga): only `explore` (src/commands/explore.ts)
  { name: 'tui', entry: 'src/tui/index.ts', lazy: '../tui/index.js' },
  { name: 'engine/worker', entry: 'src/engine/worker.ts' },
  // custom policies, each within its time budget (src/engine/budget.ts starts it)
  { name: 'engine/policy-worker', entry: 'src/engine/policy-worker.ts' },
  // @kubernetes/client-node's KubeConfig: only a kubernetes target read live with a kubeconfig
  { name: 'kubeconfig-client', entry: 'src/collectors/kubernetes/live/kubeconfig-client.ts', lazy: './kubeconfig-client.js' },
];

/** The lazy entries' imports stay run-time imports of their bundles (dist/<name>.js, beside dist/cli.js). */
const lazyExternal = {
  name: 'lazy-entries',
  setup(b) {
    for (const e of ENTRIES.filter((x) => x.lazy)) {
      const filter = new RegExp(`^${e.lazy.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      b.onResolve({ filter }, (args) => {
        // only the import of the entry module itself (the same specifier may name another file elsewhere)
        const target = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
        return target === path.join(root, e.entry) ? { path: `./${e.name}.js`, external: true } : undefined;
      });
    }
  },
};

const result = await build({
  ...common,
  entryPoints: Object.fromEntries(ENTRIES.map((e) => [e.name, e.entry])),
  outdir: 'dist',
  plugins: [lazyExternal, inkDevtoolsExternal],
  jsx: 'automatic',
});

// The bundles redistribute their dependencies: each bundled package's licence file, in one text.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
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
  `Packages bundled into ${ENTRIES.map((e) => `dist/${e.name}.js`).join(', ')}, with their licences.\n\n${texts.join(`\n${'-'.repeat(78)}\n\n`)}`,
);
