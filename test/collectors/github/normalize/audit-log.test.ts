import { describe, expect, it } from 'vitest';
import { ok } from '../../../../src/collectors/kit/result.js';
import { auditLogFacts } from '../../../../src/collectors/github/normalize/audit-log.js';
import { integrationFacts, pipelineFacts, toWebhook } from '../../../../src/collectors/github/normalize/pipeline.js';
import { timeFacts } from '../../../../src/collectors/github/normalize/time.js';
import { CLOUD, forbidden, rawGithub, SERVER } from './raw.js';

const streams = ok([
  { id: 7, stream_type: 'Splunk', stream_details: 'https://http-inputs.acme.example:8088/services/collector?token=abc', enabled: true, paused_at: null },
  { id: 8, stream_type: 'Amazon S3', enabled: true, paused_at: '2026-10-01T00:00:00Z' },
]);

describe('github audit log, time, pipeline and integrations pillars', () => {
  it('github.com keeps audit events 180 days; GHES retention is an appliance setting', () => {
    expect(auditLogFacts(rawGithub(), CLOUD).facts).toMatchObject({ retention_days: 180, retention_online_days: 180 });
    const server = auditLogFacts(rawGithub(), SERVER);
    expect(server.facts.retention_days).toBeNull();
    expect(server.gaps.find((g) => g.fact === 'audit_log.retention_days')?.reason).toBe('not_collected');
    expect(server.gaps.find((g) => g.fact === 'audit_log.rotation')?.reason).toBe('not_collected');
  });

  it('Git events are kept 7 days on github.com, web events 180: retention per class', () => {
    expect(auditLogFacts(rawGithub(), CLOUD).facts.retention_by_class).toEqual({
      web: { retention_days: 180, retention_online_days: 180 },
      git: { retention_days: 7, retention_online_days: 7 },
    });
    const server = auditLogFacts(rawGithub(), SERVER);
    expect(server.facts.retention_by_class).toBeNull();
    expect(server.gaps.find((g) => g.fact === 'audit_log.retention_by_class')?.reason).toBe('not_collected');
  });

  it('a stream keeps where it delivers (a URL cut to its origin) and, mapped by id or type, the store target it feeds', () => {
    expect(auditLogFacts(rawGithub({ streams }), CLOUD).facts.destinations).toEqual([
      { name: 'Splunk stream 7', type: 'splunk', central: true, endpoint: 'https://http-inputs.acme.example:8088' },
    ]);
    const byId = auditLogFacts(rawGithub({ streams }), { ...CLOUD, streamStores: { '7': 'splunk/siem' } }).facts.destinations;
    expect(byId).toMatchObject([{ name: 'Splunk stream 7', store: 'splunk/siem' }]);
    const byType = auditLogFacts(rawGithub({ streams }), { ...CLOUD, streamStores: { Splunk: 'splunk/other', '9': 'x/y' } }).facts.destinations;
    expect(byType).toMatchObject([{ store: 'splunk/other' }]);
    const bucket = ok([{ id: 3, stream_type: 'Amazon S3', stream_details: 'acme-audit-archive', enabled: true, paused_at: null }]);
    expect(auditLogFacts(rawGithub({ streams: bucket }), CLOUD).facts.destinations).toEqual([
      { name: 'Amazon S3 stream 3', type: 'amazon-s3', central: true, endpoint: 'acme-audit-archive' },
    ]);
  });

  it('active streams are central destinations; without options.enterprise they are not read', () => {
    const { facts, gaps } = auditLogFacts(rawGithub(), CLOUD);
    expect(facts.destinations).toBeNull();
    expect(gaps[0]).toMatchObject({ fact: 'audit_log.destinations', reason: 'not_collected', permission: 'admin:enterprise' });
    expect(integrationFacts(rawGithub({ streams })).facts.log_streams).toEqual([
      { name: 'Splunk stream 7', type: 'splunk', active: true },
      { name: 'Amazon S3 stream 8', type: 'amazon-s3', active: false },
    ]);
  });

  it('clocks: the service operates them on github.com, the appliance on GHES', () => {
    expect(timeFacts(CLOUD).gaps.map((g) => g.reason)).toEqual(Array(5).fill('not_applicable'));
    expect(timeFacts(SERVER).gaps.map((g) => g.reason)).toEqual(Array(5).fill('not_collected'));
    expect(timeFacts(CLOUD).facts.timestamp_timezone).toBe('UTC');
  });

  it('Actions: any default token permission but read can write; unreadable settings are gaps', () => {
    expect(pipelineFacts(rawGithub({ workflow: ok({ default_workflow_permissions: 'admin?', can_approve_pull_request_reviews: true }) })).facts).toEqual({
      default_token_permission: 'write',
      can_approve_changes: true,
    });
    expect(pipelineFacts(rawGithub({ workflow: forbidden('admin:org') })).gaps.map((g) => g.permission)).toEqual(['admin:org', 'admin:org']);
  });

  it('a webhook is TLS-verified only over https without insecure_ssl', () => {
    const hook = { id: 1, active: true, url: 'https://ci.example', insecure_ssl: '0', secret_set: true };
    expect(toWebhook(hook).tls_verified).toBe(true);
    expect(toWebhook({ ...hook, insecure_ssl: 1 }).tls_verified).toBe(false);
    expect(toWebhook({ ...hook, url: 'http://ci.example' }).tls_verified).toBe(false);
    expect(toWebhook({ ...hook, insecure_ssl: null }).tls_verified).toBe(true);
  });
});
