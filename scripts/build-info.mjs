#!/usr/bin/env node
// Writes build/build-info.json: the git commit the build came from (evidence bundles record it).
// Outside a git checkout (an npm package) the commit is null; a build from a changed tree says so.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const git = (...args) => {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
const commit = git('rev-parse', 'HEAD');
const dirty = commit ? git('status', '--porcelain', '--untracked-files=no') !== '' : null;
mkdirSync(path.join(root, 'build'), { recursive: true });
writeFileSync(path.join(root, 'build', 'build-info.json'), `${JSON.stringify({ commit, dirty }, null, 2)}\n`);
