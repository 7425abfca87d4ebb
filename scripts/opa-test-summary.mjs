// Summarizes `opa test --format json` (results) and `opa test --coverage --format json`:
// prints counts and coverage to stderr, writes "passed failed skipped coverage" to stdout,
// and exits 1 on a failed test, on output that is not opa's JSON (a parse error in a policy:
// opa printed the reason above), or on coverage under the threshold.
import { readFileSync } from 'node:fs';

const [resultsFile, coverageFile, threshold] = process.argv.slice(2);

/** opa's JSON output, or undefined when opa printed something else (load errors, a failing run's text). */
function readJson(file) {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const results = readJson(resultsFile);
if (!Array.isArray(results)) {
  process.stderr.write('rego tests: opa test printed no results (it could not load the policies; its errors are above)\n');
  process.stdout.write('0 1 0 0.0\n');
  process.exit(1);
}
const failed = results.filter((r) => r.fail || r.error);
const skipped = results.filter((r) => r.skip);
const passed = results.length - failed.length - skipped.length;
for (const r of failed) {
  const where = r.location ? `${r.location.file}:${r.location.row} ` : '';
  process.stderr.write(`FAIL ${where}${r.package ?? ''}.${r.name}${r.error ? ` (${r.error.message ?? 'error'})` : ''}\n`);
}
// With a failing test, `opa test --coverage --format json` prints the failures as text, not coverage.
const coverage = readJson(coverageFile);
const pct = coverage?.coverage ?? 0;
process.stderr.write(`rego tests: ${passed} passed, ${failed.length} failed, ${skipped.length} skipped\n`);
if (coverage === undefined) {
  process.stderr.write('rego coverage: not computed (opa reports coverage only when every test passes)\n');
} else {
  process.stderr.write(`rego coverage: ${pct.toFixed(1)}% (threshold ${threshold}%)\n`);
  for (const [name, f] of Object.entries(coverage.files ?? {})) {
    if (!name.endsWith('_test.rego') && (f.coverage ?? 100) < 100) process.stderr.write(`  ${name}: ${f.coverage.toFixed(1)}%\n`);
  }
}
process.stdout.write(`${passed} ${failed.length} ${skipped.length} ${pct.toFixed(1)}\n`);
if (failed.length > 0 || results.length === 0) process.exit(1);
if (pct < Number(threshold)) {
  process.stderr.write(`rego coverage ${pct.toFixed(1)}% is below the ${threshold}% threshold\n`);
  process.exit(1);
}
