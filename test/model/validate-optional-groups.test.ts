import { describe, expect, it } from 'vitest';
import { gapProblems } from '../../src/model/gaps.js';
import type { ToolSnapshot } from '../../src/model/types.js';
import { assertValidSnapshot } from '../../src/model/validate.js';
const base: ToolSnapshot = {
  id: 'github/acme',
  type: 'github',
  category: 'source-control',
  name: 'acme',
  source: { collector: 'github', method: 'api', location: 'https://api.github.com', collected_at: '2026-01-01T00:00:00Z', sha256: '0'.repeat(64) },
  identity: { sso_provider: 'okta', sso_enforced: true, mfa_required: true, mfa_exempt: [], local_accounts: [], anonymous_access: false },
  access: { principals: [], admin_count: 1, admin_names: ['alice'], member_count: 3, default_permission: 'read', wildcard_grants: [] },
  audit_log: {
    enabled: true,
    level: 'web',
    event_classes: ['web'],
    event_levels: { web: 'full' },
    fields: { actor: true, action: true, time: true, target: true, source_ip: true, result: true },
    destinations: [],
    retention_days: 180,
    retention_online_days: 180,
    backup: false,
    immutable: false,
    records_secret_values: false,
    rotation: { max_size_mb: 100, max_files: 10, max_age_days: 30 },
    failure_alert: true,
    read_restricted: true,
  },
  time: { sync_daemon: 'saas', sources: ['github'], synchronized: true, offset_ms: 0, timestamp_timezone: 'UTC', authenticated: true },
  gaps: [],
};

function extended(): ToolSnapshot {
  return {
    ...structuredClone(base),
    pipeline: { default_token_permission: 'read', can_approve_changes: false },
    integrations: {
      webhooks: [{ name: 'hook 1', url: 'https://ci.example/hook', active: true, signed: true, tls_verified: true }],
      log_streams: [{ name: 'splunk', type: 'splunk', active: true }],
    },
    resources: [
      {
        id: 'repository:acme/api',
        kind: 'repository',
        name: 'acme/api',
        facts: { archived: false, admin_names: ['alice'], branch_protected: null },
        gaps: [{ fact: 'branch_protected', reason: 'permission_missing', detail: 'needs repo admin', permission: 'repo' }],
      },
    ],
  };
}

describe('optional model groups (pipeline, integrations, resources)', () => {
  it('a snapshot without them stays valid', () => {
    expect(() => assertValidSnapshot('x', structuredClone(base))).not.toThrow();
  });

  it('accepts the groups with explicit values and gaps', () => {
    expect(() => assertValidSnapshot('github', extended())).not.toThrow();
  });

  it('a null fact of an optional group needs a gap, and the gap path is allowed', () => {
    const t = extended();
    t.pipeline!.default_token_permission = null;
    expect(gapProblems(t, t.gaps).map((p) => p.message)).toContain(
      'pipeline.default_token_permission is null but no gap says why (add a gap with fact "pipeline.default_token_permission" and a reason)',
    );
    t.gaps.push({ fact: 'pipeline.default_token_permission', reason: 'permission_missing', detail: 'needs admin:org', permission: 'admin:org' });
    expect(() => assertValidSnapshot('github', t)).not.toThrow();
  });

  it('a gap for an optional group that is absent names an unknown fact', () => {
    const t = structuredClone(base);
    t.gaps.push({ fact: 'integrations.webhooks', reason: 'error', detail: 'x' });
    expect(gapProblems(t, t.gaps).map((p) => p.message)).toContain('gap names unknown fact "integrations.webhooks"');
  });

  it('resource facts follow the same rule, with pointers into the resource', () => {
    const t = extended();
    t.resources![0]!.gaps = [];
    t.resources!.push({ ...t.resources![0]!, facts: { archived: true }, gaps: [{ fact: 'archived', reason: 'error', detail: 'x' }] });
    const problems = gapProblems(t, t.gaps);
    expect(problems).toContainEqual({
      pointer: '/resources/0/facts/branch_protected',
      message: expect.stringContaining('branch_protected is null but no gap'),
    });
    expect(problems).toContainEqual({ pointer: '/resources/1/id', message: 'second resource with id "repository:acme/api" (first is resources[0])' });
    expect(problems).toContainEqual({ pointer: '/resources/1/gaps/0/fact', message: expect.stringContaining('gap for "archived" but the fact has a value') });
    expect(() => assertValidSnapshot('github', t)).toThrowError(/resources\.0\.facts\.branch_protected/);
  });

  it('rejects a malformed webhook through the schema', () => {
    const t = extended() as unknown as { integrations: { webhooks: Record<string, unknown>[] } };
    delete t.integrations.webhooks[0]!.signed;
    expect(() => assertValidSnapshot('github', t as never)).toThrowError(/integrations\.webhooks\.0: missing required property "signed"/);
  });
});

describe('facts files may carry the optional groups', () => {
  it('passes them through, and a null in them needs a gap like any fact', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { loadConfig } = await import('../../src/config/load.js');
    const { collectAll } = await import('../../src/pipeline/collect-all.js');
    const { readFileSync } = await import('node:fs');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ar-ext-'));
    const demo = readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', 'demo', 'facts', 'github-acme.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'gh.yaml'), demo);
    writeFileSync(path.join(dir, 'auditready.yaml'), 'version: 1\ntargets:\n  - { type: github, name: acme, facts: gh.yaml }\n');
    const [tool] = await collectAll(loadConfig(path.join(dir, 'auditready.yaml')));
    expect(tool!.snapshot.pipeline).toEqual({ default_token_permission: 'write', can_approve_changes: false });
    expect(tool!.snapshot.integrations!.log_streams).toEqual([{ name: 'splunk-hec', type: 'splunk', active: true }]);
    writeFileSync(path.join(dir, 'gh.yaml'), demo.replace('default_token_permission: write', 'default_token_permission: null'));
    // a broken facts file makes that tool unknown (a collection error), it does not stop the run
    const [broken] = await collectAll(loadConfig(path.join(dir, 'auditready.yaml')));
    expect(broken!.error?.message).toMatch(/gh\.yaml:\d+:\d+: invalid facts: pipeline\.default_token_permission is null but no gap says why/);
    expect(broken!.snapshot.identity.mfa_required).toBeNull();
  });
});
