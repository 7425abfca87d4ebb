import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import type { Report } from '../../src/report/types.js';

describe('auditready facts template', () => {
  it('writes a template that checks as unknown everywhere (nothing passes on it but the freshness of the file)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-template-'));
    const w = cli(['facts', 'template', 'jenkins', '--name', 'ci', '-o', 'facts/jenkins.yaml'], { cwd: dir });
    expect(w.stderr).toBe('');
    expect(w.code).toBe(0);
    const text = readFileSync(path.join(dir, 'facts', 'jenkins.yaml'), 'utf8');
    // the modeline points at the schema shipped in the package, relative to the file's folder
    const ref = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)![1]!;
    expect(JSON.parse(readFileSync(path.resolve(dir, 'facts', ref), 'utf8')).$id).toMatch(/facts\.schema\.json$/);
    writeFileSync(path.join(dir, 'auditready.yaml'), 'targets:\n  - { type: jenkins, name: ci, facts: facts/jenkins.yaml }\n');
    const r = cli(['check', '-c', 'auditready.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const passes = report.findings.filter((f) => f.status === 'pass').map((f) => f.policy_id);
    expect(passes).toEqual(['AR-TIM-002']);
    expect(report.findings.filter((f) => f.status === 'unknown').length).toBeGreaterThan(10);
    expect(report.findings.filter((f) => f.status === 'fail')).toEqual([]);
  });

  it('never overwrites without --force; rejects an unknown type or --not-applicable without an approver (exit 2)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ar-template-'));
    writeFileSync(path.join(dir, 'mine.yaml'), 'keep me\n');
    const kept = cli(['facts', 'template', 'vault', '-o', 'mine.yaml'], { cwd: dir });
    expect(kept.code).toBe(2);
    expect(kept.stderr).toContain('mine.yaml exists; not overwritten (use --force to replace it)');
    expect(readFileSync(path.join(dir, 'mine.yaml'), 'utf8')).toBe('keep me\n');
    expect(cli(['facts', 'template', 'vault', '-o', 'mine.yaml', '--force'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'mine.yaml'), 'utf8')).toContain('model_version: "1"');
    const bad = cli(['facts', 'template', 'jenkinz'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown tool type "jenkinz"');
    const na = cli(['facts', 'template', 'chrony', '--not-applicable', 'identity'], { cwd: dir });
    expect(na.code).toBe(2);
    expect(na.stderr).toContain('--not-applicable needs --justification and --approver');
  });
});
