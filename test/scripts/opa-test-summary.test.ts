import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run.js';

const script = path.join(ROOT, 'scripts', 'opa-test-summary.mjs');

/** Runs the summary over the two outputs `opa test` gave, as scripts/test.sh does. */
function summarize(results: string, coverage: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-opa-summary-'));
  writeFileSync(path.join(dir, 'results.json'), results);
  writeFileSync(path.join(dir, 'coverage.json'), coverage);
  return spawnSync(process.execPath, [script, path.join(dir, 'results.json'), path.join(dir, 'coverage.json'), '90'], { encoding: 'utf8' });
}

const failing = JSON.stringify([
  { location: { file: 'p/a_test.rego', row: 3, col: 1 }, package: 'data.x', name: 'test_a', fail: true },
  { location: { file: 'p/a_test.rego', row: 5, col: 1 }, package: 'data.x', name: 'test_b' },
]);

describe('scripts/opa-test-summary.mjs', () => {
  it('names a failing Rego test (opa prints coverage as text then, not JSON) and exits 1 without a stack trace', () => {
    const run = summarize(failing, 'p/a_test.rego:3:\n  data.x.test_a: FAIL (0.5ms)\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('FAIL p/a_test.rego:3 data.x.test_a');
    expect(run.stderr).toContain('rego tests: 1 passed, 1 failed, 0 skipped');
    expect(run.stderr).toContain('rego coverage: not computed');
    expect(run.stderr).not.toMatch(/SyntaxError|at JSON\.parse/);
    expect(run.stdout).toBe('1 1 0 0.0\n');
  });

  it('says opa could not load the policies when it printed no results (a Rego parse error)', () => {
    const run = summarize('', '');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('opa test printed no results');
    expect(run.stderr).not.toMatch(/SyntaxError/);
  });

  it('passes with every test passing and coverage over the threshold, and fails under it', () => {
    const passing = JSON.stringify([{ location: { file: 'p/a_test.rego', row: 3, col: 1 }, package: 'data.x', name: 'test_a' }]);
    const ok = summarize(passing, JSON.stringify({ coverage: 95.5, files: { 'p/a.rego': { coverage: 95.5 } } }));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('1 0 0 95.5\n');
    expect(ok.stderr).toContain('p/a.rego: 95.5%');
    const low = summarize(passing, JSON.stringify({ coverage: 80 }));
    expect(low.status).toBe(1);
    expect(low.stderr).toContain('below the 90% threshold');
  });
});
