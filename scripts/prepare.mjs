#!/usr/bin/env node
// npm's `prepack`: an install from the Git repository (npm install -g git+https://…#v<version>)
// packs the clone after installing its dependencies, and this builds the CLI and policy bundle,
// which the repository does not hold (dist/ and build/ are git-ignored). `prepack`, not `prepare`:
// npm never runs it when installing a tarball, and does not warn about it there. A checkout that
// is already built is left alone (`npm pack` in a working copy; npm run build rebuilds).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = ['dist/cli.js', 'build/policy/policy.wasm'].every((f) => existsSync(path.join(root, f)));
if (!built) {
  // `npm install -g git+…` prepares the clone with the global flag in the environment, where `npm ci`
  // (build.sh installs the build's dependencies with it) refuses to run: build as a local checkout
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|prefix|location)$/i.test(k)));
  const r = spawnSync('bash', [path.join(root, 'scripts', 'build.sh')], { cwd: root, stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}
