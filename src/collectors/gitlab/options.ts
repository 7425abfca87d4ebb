import { AUDIT_STORE_OPTION_PROPERTIES, type AuditStoreOptions } from '../kit/audit-store.js';
import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

/** `options:` of a gitlab target. */
export interface GitlabOptions extends LiveOptions, AuditStoreOptions {
  readonly group?: string;
  readonly deployment?: 'self-managed' | 'saas';
  readonly max_pages?: number;
}

export const GITLAB_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...LIVE_OPTION_PROPERTIES,
    ...AUDIT_STORE_OPTION_PROPERTIES,
    group: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$',
      description: 'full path of the group to read (e.g. acme or acme/platform); required on GitLab.com',
    },
    deployment: {
      enum: ['self-managed', 'saas'],
      description: 'self-managed or saas (GitLab.com); default from the endpoint (https://gitlab.com is saas), else self-managed',
    },
    max_pages: { type: 'integer', minimum: 1, maximum: 10_000, description: 'most pages of 100 read per list, 1-10000 (default 1000)' },
  },
} as const;
