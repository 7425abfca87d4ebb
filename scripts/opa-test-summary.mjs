// Summarizes `opa test --format json` (results) and `opa test --coverage --format json`:
// prints counts and coverage to stderr, writes "passed failed skipped coverage" to stdout,
// and exits 1 on a failed test or coverage under the threshold.
import { readFileSync } from 'node:fs';

const [resultsFile, coverageFile, threshold] = process.argv.slice(2);
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
const coverage = JSON.parse(readFileSync(coverageFile, 'utf8'));
const failed = results.filter((r) => r.fail || r.error);
const skipped = results.filter((r) => r.skip);
const passed = results.length - failed.length - skipped.length;
for (const r of failed) {
  process.stderr.write(`FAIL ${r.location.file}:${r.location.row} ${r.name}${r.error ? ` (${r.error.message ?? 'error'})` : ''}\n`);
}
const pct = coverage.coverage ?? 0;
process.stderr.write(`rego tests: ${passed} passed, ${failed.length} failed, ${skipped.length} skipped\n`);
process.stderr.write(`rego coverage: ${pct.toFixed(1)}% (threshold ${threshold}%)\n`);
for (const [name, f] of Object.entries(coverage.files ?? {})) {
  if (!name.endsWith('_test.rego') && (f.coverage ?? 100) < 100) process.stderr.write(`  ${name}: ${f.coverage.toFixed(1)}%\n`);
}
process.stdout.write(`${passed} ${failed.length} ${skipped.length} ${pct.toFixed(1)}\n`);
if (failed.length > 0 || results.length === 0) process.exit(1);
if (pct < Number(threshold)) {
  process.stderr.write(`rego coverage ${pct.toFixed(1)}% is below the ${threshold}% threshold\n`);
  process.exit(1);
}
