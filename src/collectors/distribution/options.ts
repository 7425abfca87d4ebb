import { AUDIT_STORE_OPTION_PROPERTIES, type AuditStoreOptions } from '../kit/audit-store.js';
import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

/** `options:` of a distribution target (live mode: the probe). */
export interface DistributionOptions extends LiveOptions, AuditStoreOptions {
  readonly probe_repository?: string;
}

export const DEFAULT_PROBE_REPOSITORY = 'auditready-probe/anonymous';

export const DISTRIBUTION_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...LIVE_OPTION_PROPERTIES,
    ...AUDIT_STORE_OPTION_PROPERTIES,
    probe_repository: {
      type: 'string',
      // The registry's repository name grammar (distribution/reference).
      pattern: '^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$',
      description: `repository the live probe tries to pull from and start an upload to without credentials (default ${DEFAULT_PROBE_REPOSITORY}); an upload the registry accepts is cancelled at once`,
    },
  },
} as const;
