import { describe, expect, it } from 'vitest';
import { loadProfile, resolveParameters } from '../../src/config/profile.js';
import { loadPolicyBundle } from '../../src/engine/policy-bundle.js';
import { Engine } from '../../src/engine/engine.js';
import { assembleFindings, compareFindings, evidenceSources } from '../../src/report/assemble.js';
import type { Catalog } from '../../src/policy/catalog.js';
import { generateEstate } from '../helpers/estate.js';

const catalog: Catalog = {
  catalog_version: '1',
  policies: [
    {
      key: 'identity.mfa_required',
      package: 'auditready.policies.identity.mfa_required',
      file: 'p.rego',
      line: 1,
      id: 'AR-IDN-002',
      title: 'MFA',
      description: 'd',
      severity: 'critical',
      pillar: 'identity',
      applies_to: ['*'],
      facts: ['identity.mfa_required'],
      remediation: 'r',
      frameworks: { soc2: ['CC6.1'] },
    },
    {
      key: 'time.clock_synchronized',
      package: 'auditready.policies.time.clock_synchronized',
      file: 'q.rego',
      line: 1,
      id: 'AR-TIM-001',
      title: 'Clock',
      description: 'd',
      severity: 'high',
      pillar: 'time',
      applies_to: ['time'],
      facts: ['time.synchronized'],
      remediation: 'r',
      frameworks: { soc2: ['CC7.2'] },
    },
  ],
};
const gate = { failOn: 'high' as const, failOnUnknown: true };

describe('assembling findings', () => {
  it('a policy that applies to a tool but returned nothing yields an error finding that gates', () => {
    const tools = generateEstate(2, 3);
    const findings = assembleFindings(catalog, tools, {}, gate);
    const mfa = findings.filter((f) => f.policy_id === 'AR-IDN-002');
    expect(mfa).toHaveLength(2);
    for (const f of mfa) {
      expect(f.status).toBe('error');
      expect(f.gating).toBe(true);
      expect(f.message).toMatch(/no verdict/);
    }
    // applies_to ["time"] only covers time-category tools
    const timeTools = tools.filter((t) => t.category === 'time').length;
    expect(findings.filter((f) => f.policy_id === 'AR-TIM-001')).toHaveLength(timeTools);
  });

  it('findings for a policy the catalog does not know are an engine error', () => {
    expect(() => assembleFindings(catalog, [], { 'x.y': [] }, gate)).toThrowError(/does not list/);
  });
});

describe('evidence sources', () => {
  it('a pointer into another snapshot (type/name#/...) takes its file:line from that snapshot and names the tool', () => {
    const [ci, store] = generateEstate(2, 1).map((t, i) => ({ ...t, id: i === 0 ? 'jenkins/ci' : 'loki/central' }));
    const own = { file: 'jenkins.yaml', line: 7, pointer: '/unclassified/audit' };
    const theirs = { file: 'loki/config.yaml', line: 31, pointer: '/limits_config/retention_period' };
    const tool = { ...ci!, provenance: { 'audit_log.destinations': [own] } };
    const other = { ...store!, provenance: { 'audit_log.retention_days': [theirs] } };
    const byId = new Map([tool, other].map((t) => [t.id, t]));
    const sources = evidenceSources(tool, ['/audit_log/destinations', 'loki/central#/audit_log/retention_days'], byId);
    expect(sources).toEqual([
      { fact: 'audit_log.destinations', ...own },
      { fact: 'audit_log.retention_days', tool: 'loki/central', ...theirs },
    ]);
    // a snapshot the report does not hold gives no source, never a wrong one
    expect(evidenceSources(tool, ['vault/x#/audit_log/retention_days'], byId)).toEqual([]);
  });
});

describe('assembling findings: order', () => {
  it('orders findings by pillar, policy, tool and resource (compareFindings), a policy at a time', async () => {
    const bundle = loadPolicyBundle();
    const tools = generateEstate(120, 5);
    const raw = (await Engine.create(bundle, resolveParameters(loadProfile('baseline')))).evaluate({ as_of: '2026-11-20T12:00:00Z', tools });
    // the catalog in another order, and the raw findings reversed: the output order does not depend on them
    const shuffled = { ...bundle.catalog, policies: [...bundle.catalog.policies].reverse() };
    const reversed = Object.fromEntries(Object.entries(raw).map(([k, fs]) => [k, [...fs].reverse()]));
    const out = assembleFindings(shuffled, tools, reversed, { failOn: 'high', failOnUnknown: true });
    expect(out.length).toBeGreaterThan(1000);
    expect(out).toEqual([...out].sort(compareFindings));
    expect(assembleFindings(bundle.catalog, tools, raw, { failOn: 'high', failOnUnknown: true })).toEqual(out);
  });
});
