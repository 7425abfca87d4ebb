/** pipeline.* (GitHub Actions' organization defaults) and integrations.* (webhooks, audit-log streams). */
import type { IntegrationFacts, PipelineFacts, Webhook } from '../../../model/types.js';
import { missing } from '../../kit/result.js';
import type { RawGithub, RawHook } from '../raw.js';
import { GapList, type Pillar } from './gaps.js';
import { STREAMS_NOT_READ, streamName, streamType } from './shared.js';

export function pipelineFacts(raw: RawGithub): Pillar<PipelineFacts> {
  const g = new GapList();
  const facts: PipelineFacts = {
    // Anything but "read" is a token that can write.
    default_token_permission: g.from('pipeline.default_token_permission', raw.workflow, (w) =>
      w.default_workflow_permissions === 'read' || w.default_workflow_permissions === 'write' ? w.default_workflow_permissions : 'write',
    ),
    can_approve_changes: g.from('pipeline.can_approve_changes', raw.workflow, (w) => w.can_approve_pull_request_reviews),
  };
  return { facts, gaps: g.gaps };
}

export function integrationFacts(raw: RawGithub): Pillar<IntegrationFacts> {
  const g = new GapList();
  const streams = raw.streams ?? missing('not_collected', STREAMS_NOT_READ.detail, STREAMS_NOT_READ.permission);
  const facts: IntegrationFacts = {
    webhooks: g.from('integrations.webhooks', raw.hooks, (hooks) => hooks.map(toWebhook)),
    log_streams: g.from('integrations.log_streams', streams, (list) =>
      list.map((s) => ({ name: streamName(s), type: streamType(s.stream_type), active: s.enabled && !s.paused_at })),
    ),
  };
  return { facts, gaps: g.gaps };
}

export function toWebhook(h: RawHook): Webhook {
  return {
    name: `hook ${h.id}`,
    url: h.url, // scheme://host[:port] only (rest-settings.ts webhookOrigin): paths and queries may carry credentials
    active: h.active,
    signed: h.secret_set,
    tls_verified: String(h.insecure_ssl ?? '0') === '0' && h.url.startsWith('https://'),
  };
}
