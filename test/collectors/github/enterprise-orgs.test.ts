/**
 * options.enterprise without options.org: every organization of the enterprise becomes its own
 * GitHub tool (<target>:<org>), with the enterprise-level reads made once for all of them
 * (the loopback GitHub executes enterprise(slug){organizations} against GitHub's schema).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectAll } from '../../../src/pipeline/collect-all.js';
import { loadConfig } from '../../../src/config/load.js';
import { FAST, TOKEN } from '../../helpers/github-collect.js';
import { type FakeGithub, generateEnterprise, generateOrg, startFakeGithub } from '../../helpers/github-server.js';

let server: FakeGithub | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function config(url: string, options: Record<string, unknown>): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ar-gh-ent-')), 'auditready.yaml');
  const target = { type: 'github', name: 'corp', endpoint: url, token_env: 'AR_TEST_GH_TOKEN', options };
  writeFileSync(file, `version: 1\ntargets:\n  - ${JSON.stringify(target)}\n`);
  return file;
}

const ALL = ['repo', 'admin:org', 'admin:org_hook', 'admin:enterprise', 'read:audit_log'];

describe('github collector: a whole enterprise', () => {
  it('reports each organization as its own tool and reads the enterprise-level facts once', async () => {
    const orgs = [generateOrg({ login: 'acme' }), generateOrg({ login: 'acme-labs', compliant: false, repos: 2 })];
    const enterprise = { ...generateEnterprise('acme'), organizations: ['acme', 'acme-labs'] };
    server = await startFakeGithub({ orgs, enterprise, token: TOKEN, scopes: ALL, owner: true });
    const progress: string[] = [];
    const tools = await collectAll(loadConfig(config(server.url, { enterprise: 'acme-corp', deployment: 'cloud' })), {
      env: { AR_TEST_GH_TOKEN: TOKEN },
      progress: (m) => progress.push(m),
      httpTuning: FAST,
    });
    expect(tools.map((t) => t.snapshot.id)).toEqual(['github/corp:acme', 'github/corp:acme-labs']);
    expect(tools.every((t) => !t.error)).toBe(true);
    expect(progress).toContain('github/corp: enterprise acme-corp has 2 organizations');
    // each organization's own facts; the enterprise's owners are administrators of both
    expect(tools[0]!.snapshot.access.admin_names).toEqual(expect.arrayContaining(['ent-owner1']));
    expect(tools[1]!.snapshot.access.admin_names).toEqual(expect.arrayContaining(['ent-owner1']));
    expect(tools[1]!.snapshot.resources!.filter((r) => r.kind === 'repository')).toHaveLength(2);
    const ops = server.requests.map((r) => r.operation ?? r.path);
    const count = (op: string) => ops.filter((o) => o === op).length;
    expect(count('AuditreadyEnterpriseOrgs')).toBe(1);
    // enterprise-level reads once for the two organizations; the organizations' own reads twice
    expect(count('AuditreadyEnterprise')).toBe(1);
    expect(count('AuditreadyEnterpriseOwners')).toBe(1);
    expect(count('AuditreadyEnterprise2faMethods')).toBe(1);
    expect(count('/enterprises/acme-corp/audit-log/streams')).toBe(1);
    expect(count('AuditreadyOrg')).toBe(2);
  });

  it('an enterprise the token cannot see is that target unknown with the reason, not a crash', async () => {
    server = await startFakeGithub({ orgs: [generateOrg()], token: TOKEN, scopes: ALL, owner: true });
    const tools = await collectAll(loadConfig(config(server.url, { enterprise: 'nope' })), { env: { AR_TEST_GH_TOKEN: TOKEN }, httpTuning: FAST });
    expect(tools).toHaveLength(1);
    expect(tools[0]!.snapshot.id).toBe('github/corp');
    expect(tools[0]!.error?.message).toMatch(/enterprise nope: its organizations could not be listed/);
  });

  it('options.org or options.enterprise is required (config error)', () => {
    expect(() => loadConfig(config('http://127.0.0.1:9', { deployment: 'cloud' }))).toThrow(/options.org \(one organization\) or options.enterprise/);
  });
});
