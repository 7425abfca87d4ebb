import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { policyTable } from '../../scripts/policy-table.mjs';
import { ROOT } from '../helpers/run.js';

describe('README stays true', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('the policy table matches the built catalog', () => {
    const catalog = JSON.parse(readFileSync(path.join(ROOT, 'build', 'policy', 'catalog.json'), 'utf8'));
    const m = /<!-- policy-table:start[^>]*-->\n([\s\S]*?)\n<!-- policy-table:end -->/.exec(readme);
    expect(m, 'README has the policy-table markers').not.toBeNull();
    expect(m![1]).toBe((policyTable as (c: unknown) => string)(catalog));
  });

  it('documents the two set-up commands and every CLI command and option', () => {
    expect(readme).toContain('npm run setup');
    expect(readme).toContain('npm test');
    for (const flag of ['--config', '--format', '--out', '--fail-on', '--no-fail-on-unknown', '--as-of', '--profile']) {
      expect(readme).toContain(flag);
    }
    expect(readme).toContain('auditready collect');
  });
});
