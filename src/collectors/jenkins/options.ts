import { AUDIT_STORE_OPTION_PROPERTIES, type AuditStoreOptions } from '../kit/audit-store.js';
import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

/** `options:` of a jenkins target (audit_store in both modes; the others live mode only). */
export interface JenkinsOptions extends LiveOptions, AuditStoreOptions {
  readonly user?: string;
}

export const JENKINS_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...LIVE_OPTION_PROPERTIES,
    ...AUDIT_STORE_OPTION_PROPERTIES,
    user: { type: 'string', pattern: '^[^\\s:]+$', description: 'live mode: the Jenkins user the API token in token_env belongs to (no spaces or colons)' },
  },
} as const;
