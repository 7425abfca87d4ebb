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

describe('README documents the hardening', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('every option of every command is named in the README', async () => {
    const { Command } = await import('commander');
    const { commands } = await import('../../src/commands/index.js');
    const program = new Command('auditready');
    for (const register of commands) register({ program, setExit: () => {} });
    const missing: string[] = [];
    const walk = (c: InstanceType<typeof Command>, prefix: string) => {
      for (const o of c.options) if (o.long && !readme.includes(o.long)) missing.push(`${prefix} ${o.long}`);
      for (const sub of c.commands) walk(sub as InstanceType<typeof Command>, `${prefix} ${sub.name()}`.trim());
    };
    walk(program, '');
    expect(missing).toEqual([]);
  });

  it('the "What auditready survives" table names every fault class the tests are tagged with', async () => {
    const { FAULT_CLASSES } = await import('../helpers/survive.js');
    const m = /<!-- survives:start[^>]*-->\n([\s\S]*?)\n<!-- survives:end -->/.exec(readme);
    expect(m, 'README has the survives markers').not.toBeNull();
    for (const c of FAULT_CLASSES) expect(m![1]).toMatch(new RegExp(`\\(\`${c}\`\\) \\| \\d+ \\|`));
  });
});
