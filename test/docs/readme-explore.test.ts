import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyTableMarkdown } from '../../src/tui/keys.js';
import { ROOT } from '../helpers/run.js';

describe('README documents explore', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('has the key reference that ? shows, exactly', () => {
    const m = /<!-- explore-keys:start[^>]*-->\n([\s\S]*?)\n<!-- explore-keys:end -->/.exec(readme);
    expect(m, 'README has the explore-keys markers').not.toBeNull();
    expect(m![1]).toBe(keyTableMarkdown());
  });

  it('shows how to open a report, a bundle and a config', () => {
    for (const s of ['explore report.json', 'explore evidence/', 'explore -c auditready.yaml', '--out-dir']) expect(readme).toContain(s);
  });
});
