/**
 * options.audit_store links a tool's central audit destinations to a log-store target, so that
 * AR-XTL-001 can follow them to the store's retention (the estate configs use it end to end).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkAuditStore } from '../../../src/collectors/kit/audit-store.js';
import { factsBuilder } from '../../../src/collectors/kit/facts.js';
import { cli, fixture } from '../../helpers/run.js';

function withDestinations(destinations: { name: string; type: string; central: boolean; store?: string }[]) {
  const f = factsBuilder('demo');
  f.set('audit_log.destinations', destinations, { file: 'vault.hcl', line: 3 });
  for (const p of f.unset()) f.gap(p, 'not_collected', 'not read');
  return f.build();
}

const DESTS = [
  { name: 'file', type: 'local-file', central: false },
  { name: 'siem', type: 'socket', central: true },
  { name: 'archive', type: 'syslog', central: true, store: 's3/archive' },
];

describe('linkAuditStore', () => {
  it('a string links every central destination that names no store yet; local ones stay as they are', () => {
    const linked = linkAuditStore(withDestinations(DESTS), 'splunk/siem');
    expect(linked.facts.audit_log.destinations).toEqual([
      { name: 'file', type: 'local-file', central: false },
      { name: 'siem', type: 'socket', central: true, store: 'splunk/siem' },
      { name: 'archive', type: 'syslog', central: true, store: 's3/archive' },
    ]);
    expect(linked.provenance).toEqual(withDestinations(DESTS).provenance);
  });

  it('a map links destinations by name; an unnamed one stays unlinked (AR-XTL-001 then reports it unknown)', () => {
    const linked = linkAuditStore(withDestinations([...DESTS, { name: 'other', type: 'socket', central: true }]), { siem: 'loki/central' });
    expect(linked.facts.audit_log.destinations).toEqual([
      { name: 'file', type: 'local-file', central: false },
      { name: 'siem', type: 'socket', central: true, store: 'loki/central' },
      { name: 'archive', type: 'syslog', central: true, store: 's3/archive' },
      { name: 'other', type: 'socket', central: true },
    ]);
  });

  it('without the option, or when the destinations are unknown, the facts are unchanged', () => {
    const built = withDestinations(DESTS);
    expect(linkAuditStore(built, undefined)).toBe(built);
    const f = factsBuilder('demo');
    for (const p of f.unset()) f.gap(p, 'not_collected', 'not read');
    const gapped = f.build();
    expect(linkAuditStore(gapped, 'splunk/siem')).toBe(gapped);
  });
});

describe('options.audit_store in a config', () => {
  it('a store id that is not type/name is a config error at its line (exit 2)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'auditready-audit-store-'));
    const config = path.join(dir, 'auditready.yaml');
    writeFileSync(
      config,
      `version: 1\ntargets:\n  - type: vault\n    name: prod\n    files: [${fixture('vault', 'secure', 'vault.hcl')}]\n    options: { audit_store: "the SIEM" }\n`,
    );
    const r = cli(['check', '-c', config, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/auditready\.yaml:6:\d+: .*audit_store/);
  });
});
