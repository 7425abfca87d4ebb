import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, withoutProgress } from '../helpers/run.js';

const HOUR = 3_600_000;

/** A folder with one facts file per collected_at, and a config naming them. */
function estate(times: Record<string, Date>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-stale-'));
  const targets: string[] = [];
  for (const [name, at] of Object.entries(times)) {
    const t = cli(['facts', 'template', 'vault', '-o', `${name}.yaml`], { cwd: dir });
    expect(t.code).toBe(0);
    const file = path.join(dir, `${name}.yaml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^collected_at: "[^"]+"/m, `collected_at: "${at.toISOString()}"`));
    targets.push(`  - { type: vault, name: ${name}, facts: ${name}.yaml }`);
  }
  writeFileSync(path.join(dir, 'auditready.yaml'), `targets:\n${targets.join('\n')}\n`);
  return dir;
}

describe('a stale collected_at in a facts file', () => {
  it('is warned about on stderr and in the report, when read; fresh files are not', () => {
    const now = Date.now();
    const dir = estate({ old: new Date(now - 72 * HOUR), fresh: new Date(now - HOUR), ahead: new Date(now + 5 * HOUR) });
    const r = cli(['check', '-c', 'auditready.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = withoutProgress(r.stderr).split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^auditready: warning: vault\/ahead: facts file ahead\.yaml: collected_at \S+ is [45] hours after the run started: a wrong clock/);
    expect(lines[1]).toMatch(/^auditready: warning: vault\/old: facts file old\.yaml: collected_at \S+ is 3 days before the run \(max_evidence_age_hours 24\)/);
    const report = JSON.parse(r.stdout) as { warnings: { kind: string; message: string }[] };
    const stale = report.warnings.filter((w) => w.kind === 'facts_stale').map((w) => w.message);
    expect(stale.map((m) => `auditready: warning: ${m}`)).toEqual(lines);
    // the table shows it too
    const table = cli(['check', '-c', 'auditready.yaml'], { cwd: dir });
    expect(table.stdout).toMatch(/^warning: vault\/old: facts file old\.yaml: collected_at/m);
  });

  it('uses the max_evidence_age_hours the config sets, and collect warns as well', () => {
    const dir = estate({ old: new Date(Date.now() - 72 * HOUR) });
    writeFileSync(path.join(dir, 'auditready.yaml'), `parameters: { max_evidence_age_hours: 96 }\n${readFileSync(path.join(dir, 'auditready.yaml'), 'utf8')}`);
    expect(withoutProgress(cli(['check', '-c', 'auditready.yaml'], { cwd: dir }).stderr)).toBe('');
    writeFileSync(path.join(dir, 'auditready.yaml'), readFileSync(path.join(dir, 'auditready.yaml'), 'utf8').replace('96', '48'));
    const c = cli(['collect', '-c', 'auditready.yaml'], { cwd: dir });
    expect(c.code).toBe(0);
    expect(withoutProgress(c.stderr)).toMatch(/^auditready: warning: vault\/old: facts file old\.yaml: .* 3 days before the run \(max_evidence_age_hours 48\)/);
  });
});
