/** audit_log.*: GitHub's fixed audit log, its streams, and what github.com and GHES keep. */
import type { ClassRetention, Destination, Facts } from '../../../model/types.js';
import { type Outcome, missing, notApplicable, notCollected, notSupported, ok } from '../../kit/result.js';
import type { GithubSettings } from '../options.js';
import type { RawGithub } from '../raw.js';
import { GapList, type Pillar } from './gaps.js';
import { STREAMS_NOT_READ, streamEndpoint, streamName, streamStore, streamType } from './shared.js';

/** github.com and GHE.com keep web audit events about 180 days (documented). */
const CLOUD_RETENTION_DAYS = 180;
/** ... and Git events (clone, fetch, push) 7 days (documented): a class kept shorter than the log. */
const CLOUD_GIT_RETENTION_DAYS = 7;

const kept = (days: number): ClassRetention => ({ retention_days: days, retention_online_days: days });

export function auditLogFacts(raw: RawGithub, settings: GithubSettings): Pillar<Facts['audit_log']> {
  const g = new GapList();
  const destinations = g.value('audit_log.destinations', streamDestinations(raw, settings));
  const facts: Facts['audit_log'] = {
    enabled: true, // GitHub always records organization audit events; only access to them varies by plan
    level: g.value('audit_log.level', notSupported('GitHub has no audit level setting')),
    event_classes: g.value(
      'audit_log.event_classes',
      notSupported('GitHub records a fixed set of audit events; which ones (e.g. API requests) depends on enterprise settings the API does not expose'),
    ),
    event_levels: g.value('audit_log.event_levels', notSupported('GitHub records a fixed set of audit events with no per-class recording level')),
    fields: {
      actor: true,
      action: true,
      time: true,
      target: true, // every event names the organization, repository, team or user it acted on (org, repo, user fields)
      source_ip: g.value(
        'audit_log.fields.source_ip',
        notCollected('actor_ip is recorded only when the enterprise shows IP addresses in audit logs; that setting is not in the API'),
      ),
      result: g.value('audit_log.fields.result', notSupported('GitHub audit events carry no success/failure field')),
    },
    destinations,
    retention_days: g.value(
      'audit_log.retention_days',
      settings.cloud
        ? ok(CLOUD_RETENTION_DAYS)
        : notCollected('GitHub Enterprise Server keeps audit events until the appliance settings say otherwise; read them on the appliance'),
    ),
    retention_online_days: g.value(
      'audit_log.retention_online_days',
      settings.cloud ? ok(CLOUD_RETENTION_DAYS) : notCollected('GitHub Enterprise Server audit retention is an appliance setting'),
    ),
    retention_by_class: g.value(
      'audit_log.retention_by_class',
      settings.cloud
        ? ok({ web: kept(CLOUD_RETENTION_DAYS), git: kept(CLOUD_GIT_RETENTION_DAYS) })
        : notCollected('GitHub Enterprise Server keeps web and Git events as the appliance settings say; read them on the appliance'),
    ),
    backup: g.value('audit_log.backup', notCollected('backups are a property of the streaming destination, not of GitHub')),
    immutable: g.value('audit_log.immutable', notCollected('GitHub does not document the audit log as tamper-proof; check the streaming destination')),
    // GitHub's audit events name a secret (e.g. org.update_actions_secret), never its value (documented event schema).
    records_secret_values: false,
    rotation: g.value(
      'audit_log.rotation',
      settings.cloud
        ? notApplicable('GitHub keeps the audit log as a service; there are no local log files to rotate')
        : notCollected('GitHub Enterprise Server log rotation is an appliance setting; read it on the appliance'),
    ),
    failure_alert: g.value(
      'audit_log.failure_alert',
      notSupported('the API exposes no alert for a failing audit-log stream; check the streaming destination for a missing-data alert'),
    ),
    // Only organization owners (and custom roles granted audit-log read) can read the organization audit log (documented).
    read_restricted: true,
  };
  return { facts, gaps: g.gaps };
}

/**
 * Active (enabled, not paused) audit-log streams, each a central destination with where it
 * delivers (stream_details) and, when options.stream_stores maps it by id or type, the log-store
 * target it delivers to, so that AR-XTL-001 follows it to that store's retention.
 */
function streamDestinations(raw: RawGithub, settings: GithubSettings): Outcome<Destination[]> {
  const streams = raw.streams;
  if (streams === undefined) return missing('not_collected', STREAMS_NOT_READ.detail, STREAMS_NOT_READ.permission);
  if (!streams.ok) return streams;
  return ok(
    streams.value
      .filter((s) => s.enabled && !s.paused_at)
      .map((s) => {
        const endpoint = streamEndpoint(s.stream_details);
        const store = streamStore(s, settings);
        return { name: streamName(s), type: streamType(s.stream_type), central: true, ...(endpoint ? { endpoint } : {}), ...(store ? { store } : {}) };
      }),
  );
}
