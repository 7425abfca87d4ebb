import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { cli, fixture } from '../helpers/run.js';
import { reportValidator } from '../helpers/reports.js';
import type { Report } from '../../src/report/types.js';

const DEMO = fixture('demo', 'auditready.yaml');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'ar-fmt-'));

describe('several formats in one run', () => {
  it('--format sarif,junit,html,markdown,oscal,json --out DIR writes auditready.<ext> for each', () => {
    const dir = path.join(tmp(), 'reports');
    const r = cli(['check', '-c', DEMO, '--format', 'sarif,junit,html,markdown,oscal,json', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^auditready: wrote sarif, junit, html, markdown, oscal, json to .*reports \(fail, \d+ gating\)$/m);
    expect(readdirSync(dir).sort()).toEqual([
      'auditready.html',
      'auditready.json',
      'auditready.md',
      'auditready.oscal.json',
      'auditready.sarif',
      'auditready.xml',
    ]);
    const json = JSON.parse(readFileSync(path.join(dir, 'auditready.json'), 'utf8'));
    expect(reportValidator()(json)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'auditready.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(XMLValidator.validate(readFileSync(path.join(dir, 'auditready.xml'), 'utf8'))).toBe(true);
    expect(readFileSync(path.join(dir, 'auditready.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(path.join(dir, 'auditready.md'), 'utf8')).toMatch(/^## auditready: ❌ FAIL/);
    expect(JSON.parse(readFileSync(path.join(dir, 'auditready.oscal.json'), 'utf8'))['assessment-results'].results).toHaveLength(1);
  });

  it('two runs on the same inputs differ only in run times', () => {
    const [a, b] = [tmp(), tmp()];
    const formats = 'sarif,junit,html,markdown,oscal,json';
    cli(['check', '-c', DEMO, '--format', formats, '--out', a]);
    cli(['check', '-c', DEMO, '--format', formats, '--out', b]);
    const times = (dir: string) => {
      const run = JSON.parse(readFileSync(path.join(dir, 'auditready.json'), 'utf8')).run;
      return [run.started_at, run.collected_by, run.finished_at] as string[];
    };
    const [ta, tb] = [times(a), times(b)];
    for (const f of readdirSync(a)) {
      let x = readFileSync(path.join(a, f), 'utf8');
      let y = readFileSync(path.join(b, f), 'utf8');
      if (f === 'auditready.oscal.json') {
        // ids derive from the run (start time), so compare with them blanked
        x = x.replace(/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'U');
        y = y.replace(/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'U');
      }
      for (const [i, t] of ta.entries()) x = x.split(t).join(`T${i}`);
      for (const [i, t] of tb.entries()) y = y.split(t).join(`T${i}`);
      expect(x, f).toBe(y);
    }
  });

  it('a single format into an existing folder writes auditready.<ext> there', () => {
    const dir = tmp();
    expect(cli(['check', '-c', DEMO, '--format', 'sarif', '--out', dir]).code).toBe(1);
    expect(readdirSync(dir)).toEqual(['auditready.sarif']);
  });

  it('unknown format lists the valid ones; several formats need --out', () => {
    const bad = cli(['check', '-c', DEMO, '--format', 'sarif,pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(
      "auditready: option '-f, --format <formats>' argument 'sarif,pdf' is invalid. unknown format \"pdf\"; expected one or more of: table, json, sarif, junit, markdown, oscal, html, github, codequality, csv (comma-separated)",
    );
    const noOut = cli(['check', '-c', DEMO, '--format', 'sarif,junit']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toBe('auditready: several formats (sarif, junit) need --out <folder>\n');
  });
});

/** The demo, copied, with vault's MFA switched off (new failure) and jenkins' switched on (fixed). */
function changedDemo(): string {
  const dir = tmp();
  cpSync(path.dirname(DEMO), dir, { recursive: true });
  const edit = (name: string, from: string, to: string) => {
    const f = path.join(dir, 'facts', name);
    const text = readFileSync(f, 'utf8');
    expect(text).toContain(from);
    writeFileSync(f, text.replace(from, to));
  };
  edit('vault-prod.yaml', 'mfa_required: true', 'mfa_required: false');
  edit('jenkins-ci-prod.yaml', 'mfa_required: false', 'mfa_required: true');
  edit('loki-central.yaml', 'collected_at:', '# re-read\ncollected_at:');
  return path.join(dir, 'auditready.yaml');
}

describe('diff and baseline', () => {
  const base = tmp();
  const oldReport = path.join(base, 'old.json');
  const newReport = path.join(base, 'new.json');
  const newConfig = changedDemo();

  it('diff names new failures, fixed, still failing and changed evidence, deterministically', () => {
    expect(cli(['check', '-c', DEMO, '--format', 'json', '--out', oldReport]).code).toBe(1);
    expect(cli(['check', '-c', newConfig, '--format', 'json', '--out', newReport]).code).toBe(1);
    const r = cli(['diff', oldReport, newReport, '--format', 'json']);
    expect(r.code).toBe(1); // something got worse
    const d = JSON.parse(r.stdout);
    expect(d.new_failures.map((e: { key: string }) => e.key)).toEqual(['AR-IDN-002 vault/prod']);
    expect(d.new_failures[0]).toMatchObject({ before: 'pass', after: 'fail', severity: 'critical' });
    expect(d.fixed.map((e: { key: string }) => e.key)).toEqual(['AR-IDN-002 jenkins/ci-prod']);
    expect(d.still_failing.length).toBeGreaterThan(0);
    expect(d.still_failing.map((e: { key: string }) => e.key)).toContain('AR-IDN-001 jenkins/ci-prod');
    const changed = d.changed_evidence.map((e: { key: string }) => e.key);
    expect(changed.some((k: string) => k.endsWith(' loki/central'))).toBe(true);
    expect(changed.every((k: string) => / (loki\/central|vault\/prod|jenkins\/ci-prod)$/.test(k))).toBe(true);
    // same inputs → same output
    expect(cli(['diff', oldReport, newReport, '--format', 'json']).stdout).toBe(r.stdout);
    const text = cli(['diff', oldReport, newReport]).stdout;
    expect(text).toMatch(/^New failures \(1\)\n {2}AR-IDN-002 vault\/prod {2}critical {2}pass → fail/m);
    expect(text).toMatch(/^1 new failures, 1 fixed, \d+ still failing, \d+ changed evidence, \d+ unchanged$/m);
    const md = cli(['diff', oldReport, newReport, '--format', 'markdown']).stdout;
    expect(md).toMatch(/^## auditready diff: ❌ 1 new failure\n/);
    expect(md).toMatch(
      /^### New failures \(1\)\n\n\| Policy and tool \| Severity \| Status \| Message \|\n\|---\|---\|---\|---\|\n\| AR-IDN-002 vault\/prod \| critical \| pass → fail \| /m,
    );
    expect(md).toContain('<summary>Fixed (1)</summary>');
    expect(md.match(/<details>/g)!.length).toBe(md.match(/<\/details>/g)!.length);
    // nothing worse → exit 0
    expect(cli(['diff', newReport, newReport]).code).toBe(0);
    expect(cli(['diff', newReport, newReport, '--format', 'markdown']).stdout).toMatch(/^## auditready diff: ✅ nothing got worse/);
  });

  it('diff reads evidence bundles too', () => {
    const a = path.join(base, 'bundle-a');
    expect(cli(['check', '-c', DEMO, '--evidence', a]).code).toBe(1);
    const r = cli(['diff', a, newReport, '--format', 'json']);
    expect(JSON.parse(r.stdout).new_failures).toHaveLength(1);
    // a bundle that does not verify is not trusted as a baseline or diff side
    writeFileSync(path.join(a, 'findings.json'), '[]\n');
    const t = cli(['diff', a, newReport]);
    expect(t.code).toBe(2);
    expect(t.stderr.trim()).toMatch(/bundle-a: evidence bundle does not verify \(changed findings\.json\); run: auditready verify .*bundle-a$/);
  });

  it('--baseline gates only on what got worse', () => {
    // the same estate as the baseline: everything failing was failing before → exit 0
    // A plain JSON report has no signature: accepted as a baseline only knowingly.
    const same = cli(['check', '-c', DEMO, '--format', 'json', '--baseline', oldReport, '--allow-unsigned']);
    expect(same.code, same.stderr).toBe(0);
    const sameReport = JSON.parse(same.stdout);
    expect(reportValidator()(sameReport)).toBe(true);
    expect(sameReport.summary.gating).toBe(0);
    expect(sameReport.run.baseline).toMatchObject({ report: oldReport, new_failures: 0 });
    expect(sameReport.run.baseline.not_gating).toBeGreaterThan(0);
    expect(same.stderr).toMatch(/baseline .*: 0 worse, \d+ already failing \(not gating\)/);

    // the changed estate: only the new vault failure gates
    const worse = cli(['check', '-c', newConfig, '--format', 'json', '--baseline', oldReport, '--allow-unsigned']);
    expect(worse.code).toBe(1);
    const gating = JSON.parse(worse.stdout).findings.filter((f: { gating: boolean }) => f.gating);
    expect(gating.map((f: { policy_id: string; tool: string }) => `${f.policy_id} ${f.tool}`)).toEqual(['AR-IDN-002 vault/prod']);
  });

  it('a baseline that is not a report is a usage error', () => {
    const junk = path.join(base, 'junk.json');
    writeFileSync(junk, '{"hello":1}');
    const r = cli(['check', '-c', DEMO, '--baseline', junk, '--allow-unsigned']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/junk\.json: invalid report: \(top level\): missing required property "report_version"$/);
  });
});

describe('--fail-on-unknown', () => {
  it('overrides a config that relaxes unknown findings', () => {
    const dir = tmp();
    const text = readFileSync(DEMO, 'utf8')
      .replace('fail_on: high', `fail_on: high\nfail_on_unknown: false\nfacts_roots: [${JSON.stringify(path.join(path.dirname(DEMO), 'facts'))}]`)
      .replace(/facts: facts\//g, `facts: ${path.dirname(DEMO)}/facts/`);
    writeFileSync(path.join(dir, 'a.yaml'), text);
    const relaxed = JSON.parse(cli(['check', '-c', path.join(dir, 'a.yaml'), '--format', 'json']).stdout);
    const strict = JSON.parse(cli(['check', '-c', path.join(dir, 'a.yaml'), '--format', 'json', '--fail-on-unknown']).stdout);
    expect(relaxed.run.fail_on_unknown).toBe(false);
    expect(strict.run.fail_on_unknown).toBe(true);
    const unknownGating = (r: Report) => r.findings.filter((f) => f.status === 'unknown' && f.gating).length;
    expect(unknownGating(relaxed)).toBe(0);
    expect(unknownGating(strict)).toBeGreaterThan(0);
  });
});
