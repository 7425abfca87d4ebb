#!/usr/bin/env node
// Puts the benchmark suite's output into the README's "Latest table", unedited, between the
// markers bench:start and bench:end: `npm run bench -- --out table.md`, then
// `node scripts/bench-readme.mjs table.md`. Refuses a file that is not a whole run of the suite
// (its first line names a clean commit; every size, the large estates, the targets and the GitHub
// collection are there).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node scripts/bench-readme.mjs <the suite output, npm run bench -- --out FILE>\n');
  process.exit(2);
}
const table = readFileSync(file, 'utf8').trimEnd();
const problems = [
  !/^Commit [0-9a-f]{12}\. /.test(table) && 'its first line does not name a commit ("Commit <12 hex digits>. ...")',
  / \(with uncommitted changes\)/.test(table.split('\n')[0]) && 'it was measured on uncommitted changes',
  !table.includes('Targets (issue 14), from this run:') && 'it has no targets table',
  !/^\| 10,000 \|/m.test(table) && 'it has no row for 10,000 tools (--quick or --sizes?)',
  !table.includes('Large estates, one run each:') && 'it has no large estates (--large none?)',
  !table.includes('GitHub collection and evaluation (`bench/github-collect.ts`: 100,000 repositories') &&
    'it has no GitHub collection of 100,000 repositories (--quick?)',
].filter(Boolean);
if (problems.length) {
  process.stderr.write(`bench-readme: ${file} is not a full run of the suite: ${problems.join('; ')}\n`);
  process.exit(2);
}
const readme = path.join(root, 'README.md');
const text = readFileSync(readme, 'utf8');
const re = /(<!-- bench:start[^\n]*-->\n)[\s\S]*?(<!-- bench:end -->)/;
if (!re.test(text)) {
  process.stderr.write('bench-readme: README.md has no bench:start/bench:end markers\n');
  process.exit(2);
}
writeFileSync(
  readme,
  text.replace(re, (_, start, end) => `${start}\n${table}\n\n${end}`),
);
process.stdout.write(`README.md: the Latest table is now ${table.split('\n')[0].split('.')[0]}\n`);
