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

/**
 * The model from what was read. Everything that reads the repositories as a whole comes first;
 * then each repository becomes its resource in turn, and `done` (the collector's) is told, so it
 * can write that repository's part of the raw capture and let go of it.
 */
export function normalizeGithub(raw: RawGithub, settings: GithubSettings, done?: (repo: RawRepo, index: number) => void): NormalizedGithub {
  const identity = identityFacts(raw, settings);
  const access = accessFacts(raw, settings);
  const auditLog = auditLogFacts(raw, settings);
  const time = timeFacts(settings);
  const pipeline = pipelineFacts(raw);
  const integrations = integrationFacts(raw);
  const organization = organizationResource(raw, accountModel(raw, settings));
  const resources: Resource[] = [];
  repositories(raw, settings).forEach((r, i) => {
    resources.push(repositoryResource(r, raw.rulesets, raw.outsideCollaborators));
    if (raw.repos.ok) done?.(r, i);
  });
  resources.push(organization);
  return {
    identity: identity.facts,
    access: access.facts,
    audit_log: auditLog.facts,
    time: time.facts,
    pipeline: pipeline.facts,
    integrations: integrations.facts,
    resources,
    gaps: [identity, access, auditLog, time, pipeline, integrations].flatMap((p) => p.gaps),
  };
}
