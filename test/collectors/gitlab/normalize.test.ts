import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonExport, recognizeGitlabJson } from '../../../src/collectors/gitlab/documents.js';
import { gitlabFromFiles, looksLikeGitlabJson } from '../../../src/collectors/gitlab/files.js';
import { normalizeGitlab } from '../../../src/collectors/gitlab/normalize.js';
import { factsBuilder } from '../../../src/collectors/kit/facts.js';
import { fixture } from '../../helpers/run.js';

function fromFixture(dir: string, deployment: 'saas' | 'self-managed' = 'self-managed', skip: string[] = []) {
  const base = fixture('gitlab', dir);
  const files = [
    ...readdirSync(path.join(base, 'api')).map((f) => ({ file: `fixtures/gitlab/${dir}/api/${f}`, text: readFileSync(path.join(base, 'api', f), 'utf8') })),
    ...['gitlab.rb']
      .filter((f) => !skip.includes(f) && readdirSync(base).includes(f))
      .map((f) => ({ file: `fixtures/gitlab/${dir}/${f}`, text: readFileSync(path.join(base, f), 'utf8') })),
  ];
  const n = normalizeGitlab(gitlabFromFiles(files, { deployment }).input, factsBuilder('gitlab'));
  return { ...n.facts.facts, gaps: n.facts.gaps, evidence: n.facts.provenance, integrations: n.integrations, resources: n.resources, details: n.details };
}

function lineOf(dir: string, file: string, needle: string): number {
  return (
    readFileSync(fixture('gitlab', dir, file), 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1
  );
}

describe('GitLab files mode', () => {
  it('points each fact at the line it was read: gitlab.rb for SSO, the saved JSON for settings', () => {
    const n = fromFixture('secure');
    expect(n.evidence['identity.sso_provider']).toEqual([
      {
        file: 'fixtures/gitlab/secure/gitlab.rb',
        line: lineOf('secure', 'gitlab.rb', "gitlab_rails['omniauth_providers'] = ["),
        column: 1,
        pointer: "gitlab_rails['omniauth_providers']",
      },
    ]);
    expect(n.evidence['identity.mfa_required']).toContainEqual(
      expect.objectContaining({
        file: 'fixtures/gitlab/secure/api/application_settings.json',
        line: lineOf('secure', 'api/application_settings.json', '"require_two_factor_authentication"'),
        pointer: '/require_two_factor_authentication',
      }),
    );
  });

  it('self-managed secure: SSO enforced, 2FA without exemptions, owners and instance admins counted once', () => {
    const n = fromFixture('secure');
    expect(n.identity).toEqual({ sso_provider: 'okta', sso_enforced: true, mfa_required: true, mfa_exempt: [], local_accounts: [], anonymous_access: false });
    expect(n.access.admin_names).toEqual(['erin.lead', 'gitlab-ops-1', 'gitlab-ops-2']);
    expect(n.access.principals?.find((p) => p.name === 'mallory.old')).toBeUndefined(); // blocked members do not count
    expect(n.audit_log.rotation).toEqual({ max_size_mb: 0, max_files: 400, max_age_days: 400 });
    expect(n.resources.find((r) => r.id === 'instance')?.facts).toMatchObject({ admin_mode: true, require_admin_two_factor_authentication: true });
  });

  it('self-managed insecure: the grace period and a provider that bypasses 2FA are exemptions; open signup is anonymous access', () => {
    const n = fromFixture('insecure');
    expect(n.identity.mfa_required).toBe(true);
    expect(n.identity.mfa_exempt).toEqual([
      'accounts within the 48-hour two-factor grace period',
      'sign-in through google_oauth2 (omniauth_allow_bypass_two_factor)',
    ]);
    expect(n.identity.anonymous_access).toBe(true);
    expect(n.access.admin_count).toBe(7);
    expect(n.audit_log.rotation).toEqual({ max_size_mb: 0, max_files: -1, max_age_days: -1 });
    // The new streaming field is unknown to this server; the old one answered with no destination.
    expect(n.details.streaming_fields_unknown_to_server).toEqual(['auditEventsInstanceStreamingDestinations']);
    expect(n.audit_log.destinations).toEqual([{ name: 'GitLab database (audit events)', type: 'database', central: false }]);
  });

  it('failed sign-ins: recorded on a self-managed Premium (the audit-events API answers), unknown without it, never in a GitLab.com group', () => {
    const premium = fromFixture('secure');
    expect(premium.audit_log.event_classes).toEqual(
      expect.arrayContaining(['login_failed_with_standard_authentication', 'login_failed_with_otp_authentication']),
    );
    expect(premium.evidence['audit_log.event_classes']).toContainEqual(expect.objectContaining({ file: 'fixtures/gitlab/secure/api/audit_events.json' }));
    // No audit-events response: the tier (Free records no failed sign-ins) is not known, so neither is the fact.
    const unknownTier = fromFixture('insecure');
    expect(unknownTier.audit_log.event_classes).toBeNull();
    expect(unknownTier.gaps.find((g) => g.fact === 'audit_log.event_classes')).toMatchObject({
      reason: 'not_collected',
      detail: expect.stringContaining('Premium'),
    });
    // GitLab.com keeps failed sign-ins at instance or user scope, which a group's Owners cannot read.
    expect(fromFixture('saas-group', 'saas').audit_log.event_classes).toEqual([]);
  });

  it('without gitlab.rb, what only gitlab.rb says is not collected, never assumed', () => {
    const n = fromFixture('secure', 'self-managed', ['gitlab.rb']);
    expect(n.identity.sso_provider).toBeNull();
    expect(n.gaps.find((g) => g.fact === 'identity.sso_provider')).toMatchObject({ reason: 'not_collected', detail: expect.stringContaining('gitlab.rb') });
    expect(n.identity.mfa_exempt).toBeNull();
    expect(n.audit_log.rotation).toBeNull();
  });

  it('GitLab.com group: SSO enforcement has no API (a gap with the SAML proxy), a paused destination is not a destination', () => {
    const n = fromFixture('saas-group', 'saas');
    expect(n.identity.sso_enforced).toBeNull();
    expect(n.gaps.find((g) => g.fact === 'identity.sso_enforced')).toMatchObject({
      reason: 'not_supported',
      detail: expect.stringContaining('3 of 3 members have a SAML identity'),
    });
    expect(n.audit_log.destinations).toEqual([
      { name: 'GitLab.com audit events', type: 'database', central: false },
      { name: 's3-archive', type: 'amazon-s3', central: true, endpoint: 's3://acme-gitlab-audit' },
    ]);
    expect(n.integrations.log_streams).toEqual([
      { name: 'old-webhook', type: 'http', active: false },
      { name: 's3-archive', type: 'amazon-s3', active: true },
    ]);
    expect(n.time.sync_daemon).toBeNull();
    expect(n.gaps.find((g) => g.fact === 'time.sync_daemon')?.reason).toBe('not_applicable');
  });
});

describe('GitLab saved responses', () => {
  it('reads glab api --paginate output (arrays one after the other) as one list, positions kept', () => {
    const text = '[{"id":1,"username":"a","access_level":50}]\n[{"id":2,"username":"b","access_level":30}]\n';
    const doc = parseJsonExport(text, 'members.json');
    expect(recognizeGitlabJson(doc.value)).toBe('members');
    expect((doc.value as unknown[]).length).toBe(2);
    expect(doc.at('/1/access_level')).toMatchObject({ file: 'members.json', line: 2, pointer: '/1/access_level' });
  });

  it('recognizes by content, and only an empty list by its name', () => {
    expect(recognizeGitlabJson({ signup_enabled: true, require_two_factor_authentication: false })).toBe('settings');
    expect(recognizeGitlabJson([], 'exports/members-all.json')).toBe('members');
    expect(recognizeGitlabJson([], 'whatever.json')).toBeUndefined();
    expect(() => gitlabFromFiles([{ file: 'x.json', text: '{"hello": 1}' }], { deployment: 'self-managed' })).toThrow(
      /x\.json:1:1: not a GitLab file this collector reads/,
    );
  });

  it('its text kind claims the API responses it reads (pages and empty lists too), not any JSON', () => {
    const members = '[{"id":1,"username":"a","access_level":50}]\n[{"id":2,"username":"b","access_level":30}]\n';
    for (const t of [readFileSync(fixture('gitlab', 'secure', 'api', 'application_settings.json'), 'utf8'), members, '[]\n']) {
      expect(looksLikeGitlabJson(t)).toBe(true);
    }
    // Vault's `vault read -format=json` answer has a data member too, beside request_id and lease_id: not a GraphQL response
    const vault = readFileSync(fixture('vault', 'secure', 'export', 'policy-admin.json'), 'utf8');
    for (const t of ['{ "name": "web", "version": "1.0.0" }', '{ // a comment\n "compilerOptions": {} }', '[1, 2]', 'a: 1\n', vault]) {
      expect(looksLikeGitlabJson(t), t).toBe(false);
    }
  });

  it('two documents of one kind for one target is an error', () => {
    const s = '{"signup_enabled": false, "require_two_factor_authentication": true}';
    expect(() =>
      gitlabFromFiles(
        [
          { file: 'a.json', text: s },
          { file: 'b.json', text: s },
        ],
        { deployment: 'self-managed' },
      ),
    ).toThrow(/b\.json:1:1: a second GET \/api\/v4\/application\/settings document \(the first is a\.json\)/);
  });
});
