import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/run.js';

function tempConfig(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-validate-'));
  writeFileSync(path.join(dir, 'facts.yaml'), 'model_version: "1"\n');
  const file = path.join(dir, 'auditready.yaml');
  writeFileSync(file, text);
  return file;
}

describe('auditready config validate', () => {
  it('says a valid config is valid, with its targets and modes, and exits 0 without collecting', () => {
    const r = cli(['config', 'validate', '-c', fixture('kubernetes', 'secure', 'auditready.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/auditready\.yaml: valid\n/);
    expect(r.stdout).toContain('kubernetes/prod (4 files)');
    expect(r.stdout).toContain('loki/central (facts file)');
  });

  it('reports a schema error at file:line:col and exits 2', () => {
    const file = tempConfig('targets:\n  - type: jenkins\n    name: ci\n    facts: facts.yaml\n    colour: blue\n');
    const r = cli(['config', 'validate', '-c', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/auditready\.yaml:\d+:\d+: .*colour/);
    expect(r.stdout).toBe('');
  });

  it('reports semantic errors: unknown type, missing file, a waiver naming an unknown policy or tool', () => {
    const base = 'targets:\n  - type: jenkins\n    name: ci\n    facts: facts.yaml\n';
    const cases: [string, RegExp][] = [
      ['targets:\n  - type: jenkinz\n    name: ci\n    facts: facts.yaml\n', /:2:11: unknown target type "jenkinz"/],
      ['targets:\n  - type: jenkins\n    name: ci\n    facts: nope.yaml\n', /:4:12: facts file .*nope\.yaml: file not found/],
      [
        `${base}waivers:\n  - { policy: AR-NOPE-001, tool: jenkins/ci, justification: compensating control documented, approver: Dana, approved_on: "2026-01-01", expires_on: "2026-02-01" }\n`,
        /:6:\d+: waiver names unknown policy "AR-NOPE-001"/,
      ],
      [
        `${base}waivers:\n  - { policy: AR-IDN-002, tool: jenkins/cd, justification: compensating control documented, approver: Dana, approved_on: "2026-01-01", expires_on: "2026-02-01" }\n`,
        /:6:\d+: waiver names unknown tool "jenkins\/cd"/,
      ],
      [`profile: soc3\n${base}`, /:1:10: unknown profile "soc3"/],
    ];
    for (const [text, message] of cases) {
      const r = cli(['config', 'validate', '-c', tempConfig(text)]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('validates several files given as arguments (pre-commit), reporting each error and exiting 2 if any fails', () => {
    const bad = tempConfig('targets:\n  - type: jenkinz\n    name: ci\n    facts: facts.yaml\n');
    const r = cli(['config', 'validate', fixture('demo', 'auditready.yaml'), bad, fixture('kubernetes', 'secure', 'auditready.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout.match(/: valid$/gm)).toHaveLength(2);
    expect(r.stderr).toMatch(/auditready\.yaml:2:11: unknown target type "jenkinz"/);
  });

  it('validates what hardening added before collection: limits, facts_roots, trusted_keys; prints the limits in force', () => {
    const base = 'targets:\n  - type: jenkins\n    name: ci\n    facts: facts.yaml\n';
    const ok = cli(['config', 'validate', '-c', tempConfig(`limits: { max_file_mb: 2, collector_timeout_s: 30 }\n${base}`)]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/limits: max_file_mb 2, max_bundle_file_mb 512, collector_timeout_s 30, policy_timeout_s 60; 0 trusted keys/);
    const cases: [string, RegExp][] = [
      [`limits: { max_file_mb: -1 }\n${base}`, /auditready\.yaml:1:\d+: .*max_file_mb/],
      [
        'targets:\n  - type: jenkins\n    name: ci\n    facts: ../elsewhere/facts.yaml\n',
        /:4:12: facts file \.\.\/elsewhere\/facts\.yaml is outside the config's folder/,
      ],
      [`trusted_keys:\n  - { name: auditors, public_key: missing.pub.pem }\n${base}`, /:2:\d+: trusted key "auditors" \(missing\.pub\.pem\)/],
    ];
    for (const [text, message] of cases) {
      const file = tempConfig(text);
      mkdirSync(path.join(path.dirname(file), '..', 'elsewhere'), { recursive: true });
      writeFileSync(path.join(path.dirname(file), '..', 'elsewhere', 'facts.yaml'), 'model_version: "1"\n');
      const r = cli(['config', 'validate', '-c', file]);
      expect(r.code, text).toBe(2);
      expect(r.stderr, text).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('--facts-root allows a facts file outside the config folder, as check does', () => {
    const file = tempConfig('targets:\n  - type: jenkins\n    name: ci\n    facts: ../shared/facts.yaml\n');
    const shared = path.join(path.dirname(file), '..', 'shared');
    mkdirSync(shared, { recursive: true });
    writeFileSync(path.join(shared, 'facts.yaml'), 'model_version: "1"\n');
    expect(cli(['config', 'validate', '-c', file]).code).toBe(2);
    const r = cli(['config', 'validate', '-c', file, '--facts-root', shared]);
    expect(r.code, r.stderr).toBe(0);
  });

  it("one file's limits do not carry over to the next file validated", () => {
    // 10.5 KB: room for the baseline profile (7 KB)
    const small = tempConfig('limits: { max_file_mb: 0.01 }\ntargets:\n  - type: jenkins\n    name: ci\n    facts: facts.yaml\n');
    // 20 KB: over the first file's cap, far under the default 64 MB
    const next = tempConfig(`# ${'x'.repeat(20_000)}\ntargets:\n  - type: jenkins\n    name: ci\n    facts: facts.yaml\n`);
    expect(cli(['config', 'validate', next]).code).toBe(0);
    expect(cli(['config', 'validate', small]).code).toBe(0);
    const r = cli(['config', 'validate', small, next]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.match(/: valid$/gm)).toHaveLength(2);
  });

  it('a missing config file is an error, exit 2', () => {
    const r = cli(['config', 'validate', '-c', '/nonexistent/auditready.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/auditready\.yaml/);
  });
});
