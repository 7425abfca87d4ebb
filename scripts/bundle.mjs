#!/usr/bin/env node
// Bundles the CLI with esbuild, after tsc (which type-checks and writes build/tsc/ module by module
// for the benchmarks and the policy build): dist/cli.js holds everything `auditready` runs, so Node
// loads one file instead of some 300 modules; the terminal UI (ink, React, yoga) is its own bundle,
// dist/tui.js, imported only by `explore`; the engine's worker thread is dist/engine/worker.js.
// Third-party licence comments are kept in dist/*.LEGAL.txt, the bundled packages' licences in
// dist/THIRD-PARTY-LICENSES.txt.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** explore's dynamic import of the TUI stays a run-time import of dist/tui.js. */
const tuiExternal = {
  name: 'tui-external',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/tui\/index\.js$/ }, (args) =>
      args.importer.endsWith(path.join('commands', 'explore.ts')) ? { path: './tui.js', external: true } : undefined,
    );
  },
};

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
  sourcemap: 'linked',
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

const results = await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'src/cli.ts', tui: 'src/tui/index.ts' },
    outdir: 'dist',
    plugins: [tuiExternal, inkDevtoolsExternal],
    jsx: 'automatic',
  }),
  build({ ...common, entryPoints: { 'engine/worker': 'src/engine/worker.ts' }, outdir: 'dist' }),
]);

// The bundles redistribute their dependencies: each bundled package's licence file, in one text.
const packages = new Map();
for (const r of results) {
  for (const input of Object.keys(r.metafile.inputs)) {
    const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.set(m[1], JSON.parse(readFileSync(path.join(root, m[1], 'package.json'), 'utf8')));
  }
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
  `Packages bundled into dist/cli.js, dist/tui.js and dist/engine/worker.js, with their licences.\n\n${texts.join(`\n${'-'.repeat(78)}\n\n`)}`,
);
