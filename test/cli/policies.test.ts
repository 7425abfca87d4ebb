import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture } from '../helpers/run.js';

const cache = mkdtempSync(path.join(tmpdir(), 'ar-cache-'));
const env = { AUDITREADY_CACHE_DIR: cache };
let work: string;
let dir: string;
let config: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'ar-custom-'));
  dir = path.join(work, 'policies.d');
  const r = cli(
    ['policies', 'new', 'require_backup', '--pillar', 'retention', '--fact', 'audit_log.backup', '--dir', dir, '--prefix', 'ACME', '--severity', 'high'],
    { env },
  );
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('created ACME-RET-001');
  mkdirSync(path.join(work, 'facts'));
  copyFileSync(path.join(dir, 'fixtures', 'require_backup.facts.yaml'), path.join(work, 'facts', 'ci.yaml'));
  config = path.join(work, 'auditready.yaml');
  writeFileSync(config, 'as_of: "2026-01-01T06:00:00Z"\ntargets:\n  - type: jenkins\n    name: ci\n    facts: facts/ci.yaml\n');
});

describe('custom policies', () => {
  it('policies new scaffolds a rule, its test and a fixture; the scaffold passes policies test', () => {
    expect(readdirSync(path.join(dir, 'retention')).sort()).toEqual(['require_backup.rego', 'require_backup_test.rego']);
    const r = cli(['policies', 'test', dir], { env });
    expect(r.stdout + r.stderr).toMatch(/PASS: \d+\/\d+/);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('check --policy compiles the directory with the built-ins and evaluates it; the fixture fails the new rule', () => {
    const r = cli(['check', '-c', config, '--policy', dir, '--format', 'json'], { env });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    const mine = report.findings.filter((f: { policy_id: string }) => f.policy_id === 'ACME-RET-001');
    expect(mine).toHaveLength(1);
    expect(mine[0].status).toBe('fail');
    expect(mine[0].gating).toBe(true);
    expect(report.findings.some((f: { policy_id: string }) => f.policy_id === 'AR-IDN-002')).toBe(true);
  });

  it('compiles once and reuses the bundle cached by content hash; a change rebuilds', () => {
    cli(['check', '-c', config, '--policy', dir], { env });
    const bundles = () => readdirSync(path.join(cache, 'bundles')).filter((d) => !d.includes('.tmp-'));
    const before = bundles();
    expect(before.length).toBeGreaterThanOrEqual(1);
    cli(['check', '-c', config, '--policy', dir], { env });
    expect(bundles()).toEqual(before);
    const rule = path.join(dir, 'retention', 'require_backup.rego');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace('severity: high', 'severity: low'));
    cli(['check', '-c', config, '--policy', dir], { env });
    expect(bundles().length).toBe(before.length + 1);
  });

  it('config `policies:` works like --policy, relative to the config file', () => {
    const cfg = path.join(work, 'with-policies.yaml');
    writeFileSync(cfg, `${readFileSync(config, 'utf8')}policies:\n  - policies.d\n`);
    const r = cli(['policies', 'list'], { env });
    expect(r.stdout).not.toContain('ACME-RET-001');
    const c = cli(['check', '-c', cfg, '--format', 'json'], { env });
    expect(JSON.parse(c.stdout).findings.some((f: { policy_id: string }) => f.policy_id === 'ACME-RET-001')).toBe(true);
  });

  it('policies list shows built-in and custom policies', () => {
    const r = cli(['policies', 'list', '--policy', dir], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+SEVERITY\s+PILLAR\s+TITLE\s+FRAMEWORKS$/m);
    expect(r.stdout).toMatch(/^ACME-RET-001\s+\w+\s+retention\s+Require backup/m);
    expect(r.stdout).toMatch(/^AR-IDN-002\s+critical\s+identity\s+/m);
    const json = JSON.parse(cli(['policies', 'list', '--format', 'json'], { env }).stdout);
    expect(json.policies.length).toBeGreaterThanOrEqual(10);
  });
});

describe('bad custom policies: exit 2 with file:line', () => {
  function custom(name: string, rego: string): string {
    const d = mkdtempSync(path.join(tmpdir(), `ar-bad-${name}-`));
    mkdirSync(path.join(d, 'identity'));
    writeFileSync(path.join(d, 'identity', `${name}.rego`), rego);
    return d;
  }
  const rule = readFileSync(fixture('..', 'policies', 'identity', 'mfa_required.rego'), 'utf8')
    .replace('package auditready.policies.identity.mfa_required', 'package auditready.policies.identity.acme_rule')
    .replace('id: AR-IDN-002', 'id: ACME-IDN-001');

  it('a Rego syntax error names the file and line', () => {
    const d = custom('acme_rule', rule.replace('findings contains', 'findings contains contains'));
    const r = cli(['check', '-c', fixture('cases', 'compliant', 'auditready.yaml'), '--policy', d], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/acme_rule\.rego:\d+: rego_(parse|compile)_error/);
  });

  it('malformed metadata names the file and line', () => {
    const d = custom('acme_rule', rule.replace('severity: critical', 'severity: huge'));
    const r = cli(['check', '-c', fixture('cases', 'compliant', 'auditready.yaml'), '--policy', d], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/acme_rule\.rego:\d+: invalid policy metadata: severity: must be one of/);
  });

  it('the AR- prefix is reserved for built-in policies', () => {
    const d = custom('acme_rule', rule.replace('id: ACME-IDN-001', 'id: AR-IDN-900'));
    const r = cli(['check', '-c', fixture('cases', 'compliant', 'auditready.yaml'), '--policy', d], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/policy id AR-IDN-900: the AR- prefix is reserved for built-in policies/);
  });

  it('a package outside auditready.policies.<pillar>.<name> would never run: error', () => {
    const d = custom('acme_rule', rule.replace('package auditready.policies.identity.acme_rule', 'package auditready.policies.acme_rule'));
    const r = cli(['check', '-c', fixture('cases', 'compliant', 'auditready.yaml'), '--policy', d], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/package auditready\.policies\.acme_rule is not auditready\.policies\.<pillar>\.<name>/);
  });

  it('a missing policy directory is an error', () => {
    const r = cli(['check', '-c', fixture('cases', 'compliant', 'auditready.yaml'), '--policy', '/nonexistent/dir'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^auditready: --policy \/nonexistent\/dir: policy directory \/nonexistent\/dir does not exist/);
    expect(existsSync('/nonexistent/dir')).toBe(false);
  });
});
