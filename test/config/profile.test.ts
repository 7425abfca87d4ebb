import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile, profileNames, profilePolicyIds, resolveParameters } from '../../src/config/profile.js';
import type { Catalog } from '../../src/policy/catalog.js';
import { cli, fixture, ROOT } from '../helpers/run.js';
import type { Report } from '../../src/report/types.js';

const catalog = JSON.parse(readFileSync(path.join(ROOT, 'build', 'policy', 'catalog.json'), 'utf8')) as Catalog;

describe('profiles', () => {
  it('ships the framework profiles', () => {
    expect(profileNames()).toEqual(expect.arrayContaining(['baseline', 'soc2', 'iso27001', 'pci-dss', 'hipaa', 'fedramp-moderate']));
  });

  it('every profile resolves, every parameter has a value and a source, and all define the same parameters', () => {
    const base = Object.keys(loadProfile('baseline').params).sort();
    for (const name of profileNames()) {
      const p = loadProfile(name);
      expect(Object.keys(p.params).sort(), name).toEqual(base);
      for (const [k, v] of Object.entries(p.params)) expect(v.source.length, `${name}.${k}`).toBeGreaterThan(5);
    }
  });

  it('a child overrides its base and keeps the rest', () => {
    const pci = resolveParameters(loadProfile('pci-dss'));
    const base = resolveParameters(loadProfile('baseline'));
    expect(pci.allowed_default_permissions).toEqual(['none']);
    expect(pci.max_admins).toBe(base.max_admins);
    expect(resolveParameters(loadProfile('hipaa')).retention_days_min).toBe(2190);
    expect(loadProfile('pci-dss').params.retention_days_min!.source).toMatch(/10\.5\.1/);
  });

  it('a framework profile evaluates only the policies mapped to its framework', () => {
    expect(profilePolicyIds(loadProfile('baseline'), catalog)).toBeUndefined();
    const hipaa = profilePolicyIds(loadProfile('hipaa'), catalog)!;
    const mapped = catalog.policies.filter((p) => (p.frameworks.hipaa?.length ?? 0) > 0).map((p) => p.id);
    expect([...hipaa].sort()).toEqual(mapped.sort());
    expect(hipaa.size).toBeLessThan(catalog.policies.length);
  });

  it('--profile changes parameters and the policy subset in a real run', () => {
    const base = JSON.parse(cli(['check', '-c', fixture('demo', 'auditready.yaml'), '--format', 'json']).stdout);
    const pci = JSON.parse(cli(['check', '-c', fixture('demo', 'auditready.yaml'), '--format', 'json', '--profile', 'pci-dss']).stdout);
    const hipaa = JSON.parse(cli(['check', '-c', fixture('demo', 'auditready.yaml'), '--format', 'json', '--profile', 'hipaa']).stdout);
    const status = (r: Report, id: string, tool: string) => r.findings.find((f) => f.policy_id === id && f.tool === tool)?.status;
    // GitHub's default permission "read" passes the baseline but not PCI DSS 7.3.3 deny-all
    expect(status(base, 'AR-ACC-002', 'github/acme')).toBe('pass');
    expect(status(pci, 'AR-ACC-002', 'github/acme')).toBe('fail');
    expect(pci.run.profile).toBe('pci-dss');
    // Vault keeps 400 days: enough for 12 months, not for HIPAA's six years
    expect(status(base, 'AR-RET-001', 'vault/prod')).toBe('pass');
    expect(status(hipaa, 'AR-RET-001', 'vault/prod')).toBe('fail');
    expect(new Set(hipaa.findings.map((f: { policy_id: string }) => f.policy_id)).size).toBeLessThan(
      new Set(base.findings.map((f: { policy_id: string }) => f.policy_id)).size,
    );
  });

  it('an unknown profile in the config is an error at its line', () => {
    const r = cli(['check', '-c', fixture('invalid', 'unknown-profile.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /unknown-profile\.yaml:1:10: unknown profile "soc3"; expected one of: baseline, cis-sscs, fedramp-moderate, hipaa, iso27001, pci-dss, soc2/,
    );
  });
});
