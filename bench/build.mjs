#!/usr/bin/env node
// Compiles the benchmark suite (tsconfig.bench.json) into build/bench/ and points its imports of
// ../src/*.js at the module-by-module build in build/tsc/ (what `npm run build` compiles and then
// bundles into dist/cli.js; the engine's worker threads run the shipped dist/engine/worker.js), so
// the suite measures what the build made (and src/util/paths.ts still finds the package root).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build', 'bench');
rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.bench.json')], {
  stdio: 'inherit',
});
rmSync(path.join(out, 'src'), { recursive: true, force: true });
const dir = path.join(out, 'bench');
for (const f of readdirSync(dir)) {
  if (!f.endsWith('.js')) continue;
  const file = path.join(dir, f);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/(from\s+|import\()(['"])\.\.\/src\//g, '$1$2../../../build/tsc/'));
}
