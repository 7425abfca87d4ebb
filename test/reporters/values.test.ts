import { describe, expect, it } from 'vitest';
import { reporters } from '../../src/reporters/index.js';
import { evidenceLines } from '../../src/reporters/common.js';
import type { Finding } from '../../src/report/types.js';
import { detailLines } from '../../src/tui/screens/detail-lines.js';
import { findingToText } from '../../src/tui/view-model/export.js';
import { demoReport } from '../helpers/reports.js';

// Expected values are the policy's text ("true", ">= 365 (retention_days_min)", "\"none\"" for a
// string value): every output writes them as the policy wrote them, never JSON-quoted again.
describe('observed and expected values are shown as such', () => {
  it('expected true, not expected "true", in every reporter and the terminal UI', async () => {
    const report = await demoReport();
    const f = report.findings.find((x) => x.policy_id === 'AR-IDN-001' && x.status === 'fail')!;
    expect(f.expected['identity.sso_enforced']).toBe('true');
    expect(f.observed['identity.sso_enforced']).toBe(false);
    const access = report.findings.find((x) => x.policy_id === 'AR-ACC-001' && x.status === 'fail')!;
    expect(access.observed['access.admin_count']).toBe(7);

    expect(evidenceLines(f)).toContain('  identity.sso_enforced: observed false, expected true');
    expect(evidenceLines(access)).toContain('  access.admin_count: observed 7, expected <= 5 (max_admins)');
    const texts: Record<string, string> = {};
    for (const name of ['junit', 'markdown', 'sarif', 'html'] as const) texts[name] = reporters[name].render(report, { color: false });
    expect(texts.junit).toContain('identity.sso_enforced: observed false, expected true');
    expect(texts.markdown).toContain('identity.sso_enforced: observed false, expected true');
    expect(texts.sarif).toContain('identity.sso_enforced observed false, expected true');
    expect(texts.html).toContain('<td class="mono">identity.sso_enforced</td><td class="mono">false</td><td class="mono">true</td>');
    for (const [name, text] of Object.entries(texts)) {
      expect(text, name).not.toMatch(/expected \\?"(true|false|\d+)\\?"/);
      expect(text, name).not.toContain('<td class="mono">&quot;true&quot;</td>');
    }
    // a string value stays a string: quoted once, by the policy
    const deny = report.findings.find((x) => x.policy_id === 'AR-ACC-005' && x.status === 'fail')!;
    expect(evidenceLines(deny)).toContain('  access.default_permission: observed "read", expected "none"');

    expect(findingToText(report, f)).toContain('identity.sso_enforced: observed false, expected true');
    const detail = detailLines(report, f, 100).map((l) => l.text);
    expect(detail).toContain('    observed  false');
    expect(detail).toContain('    expected  true');
    // observed strings are JSON in the terminal UI too, as in the messages: "read" is not read
    expect(findingToText(report, deny)).toContain('observed "read", expected "none"');
  });

  it('a custom policy that returns raw values: booleans and numbers unquoted, strings quoted, absent as —', async () => {
    const report = await demoReport();
    const f: Finding = { ...report.findings[0]!, observed: { a: true, b: 3, c: 'x' }, expected: { a: true, b: 5, d: ['y'] } };
    expect(evidenceLines(f)).toEqual(
      expect.arrayContaining([
        '  a: observed true, expected true',
        '  b: observed 3, expected 5',
        '  c: observed "x", expected —',
        '  d: observed —, expected ["y"]',
      ]),
    );
  });
});
