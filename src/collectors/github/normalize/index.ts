/**
 * Pure mapping from what was read (RawGithub) to the normalized model, one function per pillar.
 * Every fact is a value or null plus a gap; nothing unread is guessed.
 */
import type { Facts, Gap, IntegrationFacts, PipelineFacts, Resource } from '../../../model/types.js';
import type { GithubSettings } from '../options.js';
import type { RawGithub, RawRepo } from '../raw.js';
import { unreadableRepo } from '../repositories.js';
import { accessFacts } from './access.js';
import { accountModel } from './accounts.js';
import { auditLogFacts } from './audit-log.js';
import { identityFacts } from './identity.js';
import { integrationFacts, pipelineFacts } from './pipeline.js';
import { organizationResource } from './organization.js';
import { repositoryResource } from './resources.js';
import { timeFacts } from './time.js';

export interface NormalizedGithub extends Facts {
  pipeline: PipelineFacts;
  integrations: IntegrationFacts;
  resources: Resource[];
  gaps: Gap[];
}

/**
 * The repositories read; when the list itself could not be read, one placeholder that carries
 * why, so that per-repository policies are unknown rather than "no repositories".
 */
function repositories(raw: RawGithub, settings: GithubSettings): RawRepo[] {
  return raw.repos.ok ? raw.repos.value : [unreadableRepo(`${settings.org}/(repositories not read)`, raw.repos)];
}

export function normalizeGithub(raw: RawGithub, settings: GithubSettings): NormalizedGithub {
  const identity = identityFacts(raw, settings);
  const access = accessFacts(raw, settings);
  const auditLog = auditLogFacts(raw, settings);
  const time = timeFacts(settings);
  const pipeline = pipelineFacts(raw);
  const integrations = integrationFacts(raw);
  return {
    identity: identity.facts,
    access: access.facts,
    audit_log: auditLog.facts,
    time: time.facts,
    pipeline: pipeline.facts,
    integrations: integrations.facts,
    resources: [
      ...repositories(raw, settings).map((r) => repositoryResource(r, raw.rulesets, raw.outsideCollaborators)),
      organizationResource(raw, accountModel(raw, settings)),
    ],
    gaps: [identity, access, auditLog, time, pipeline, integrations].flatMap((p) => p.gaps),
  };
}
