// Render every file format for a large report: the demo's findings repeated over N resources.
// Usage: node scripts/bench-reporters.mjs [N=100]   (after npm run build)
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { reporters } = await import(path.join(root, 'build', 'tsc', 'reporters', 'index.js'));
const r0 = spawnSync(
  process.execPath,
  [path.join(root, 'dist', 'cli.js'), 'check', '-c', path.join(root, 'fixtures', 'demo', 'auditready.yaml'), '--format', 'json'],
  {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  },
);
const base = JSON.parse(r0.stdout);
const n = Number(process.argv[2] ?? 100);
const report = structuredClone(base);
report.findings = [];
for (let i = 0; i < n; i++) for (const f of base.findings) report.findings.push({ ...f, resource: `repo-${i}` });
report.summary.total = report.findings.length;
for (const name of ['json', 'sarif', 'junit', 'markdown', 'html', 'oscal']) {
  const t = process.hrtime.bigint();
  const out = reporters[name].render(report, { color: false });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(
    `${name.padEnd(9)} ${report.findings.length} findings: ${ms.toFixed(0)} ms, ${(Buffer.byteLength(out) / 1e6).toFixed(1)} MB, gzip ${(gzipSync(out).length / 1e6).toFixed(2)} MB`,
  );
}
