#!/usr/bin/env node
// Regenerates the "What auditready survives" table of the README: runs every regression test
// tagged [survives:<class>] (vitest, JSON reporter), counts the cases per fault class and prints
// the Markdown table (--update writes it between the README's markers). Needs a build (npm run build).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLASSES = [
  [
    'files',
    'Files a user hands in',
    "config, facts and native collectors' files (files:, a kubeconfig and the files it names, a CA file) that are FIFOs or devices, over the size cap, not UTF-8, YAML alias bombs, absurd nesting; --out onto an input; facts paths outside the config folder",
    'one `file:line:col` line (exit 2, or the tool unknown and gating), never a hang; nothing overwritten',
  ],
  [
    'apis',
    'Live APIs',
    "responses the GitHub normalizer does not expect (property-based; the HTTP faults are the collector kit's)",
    'error gaps (the facts unknown), never a crash',
  ],
  [
    'bundles',
    'Evidence bundles and saved reports',
    'rewritten and re-signed, stripped signatures, edited raw captures, Rego sources or reports with a re-hashed manifest, symbolic links and FIFOs inside, null entries, paths leaving the bundle, oversize files',
    'trust state shown by every reader; a gate refuses anything but a trusted baseline; any mismatch exits 1; malformed input is one clear error',
  ],
  [
    'policies',
    'Custom policies',
    'redefining auditready.lib or other built-in packages, statuses auditready does not know, findings := 5 and other shapes',
    'refused at build (`file:line`) or an `error` finding naming the policy, which gates',
  ],
  [
    'facts',
    'Declared facts and waivers',
    'self-contradicting facts, parameters out of range, every fact declared not applicable, waivers revived by a pinned as_of, blank approvers',
    'an error at the line, or a warning in every report format',
  ],
  [
    'secrets',
    'Secrets',
    "canary tokens in the env var, configs, facts files, native collectors' files and server responses (GitHub, Argo CD, Kubernetes; the error bodies, cut-short JSON and HTML pages of Vault, OpenBao, Harbor, Loki, Elasticsearch, OpenSearch and Splunk) across every fixture, format, the bundle, the commands reading it and the error paths; each redaction gap found in review",
    'no canary in any stdout, stderr or written file',
  ],
  ['resources', 'Time', 'a collector or a custom policy that never finishes', 'the tool fails like a broken input / an `error` finding, within the budget'],
];

const out = mkdtempSync(path.join(tmpdir(), 'ar-survives-'));
const json = path.join(out, 'vitest.json');
const r = spawnSync('npx', ['vitest', 'run', '-t', 'survives:', '--reporter=json', `--outputFile=${json}`], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const results = JSON.parse(readFileSync(json, 'utf8'));
const counts = Object.fromEntries(CLASSES.map(([c]) => [c, { passed: 0, failed: 0 }]));
for (const file of results.testResults) {
  for (const t of file.assertionResults) {
    const m = /\[survives:(\w+)\]/.exec(t.title);
    if (!m || !counts[m[1]]) continue;
    if (t.status === 'passed') counts[m[1]].passed++;
    else if (t.status === 'failed') counts[m[1]].failed++;
  }
}
const rows = CLASSES.map(([c, name, faults, behaviour]) => {
  const n = counts[c];
  return `| ${name} (\`${c}\`) | ${n.passed + n.failed}${n.failed ? ` (${n.failed} FAILING)` : ''} | ${faults} | ${behaviour} |`;
});
const total = Object.values(counts).reduce((a, n) => a + n.passed + n.failed, 0);
const table = ['| Fault class | Cases | What was tried | Behaviour |', '|---|---:|---|---|', ...rows, `| **total** | **${total}** | | |`].join('\n');
process.stdout.write(`${table}\n`);
if (process.argv.includes('--update')) {
  const readme = path.join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const re = /(<!-- survives:start[^>]*-->\n)[\s\S]*?(\n<!-- survives:end -->)/;
  if (!re.test(text)) throw new Error('README.md has no survives:start/end markers');
  writeFileSync(readme, text.replace(re, `$1${table}$2`));
}
process.exitCode = r.status === 0 && Object.values(counts).every((n) => n.failed === 0) ? 0 : 1;
