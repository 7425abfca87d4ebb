import { AUDIT_STORE_OPTION_PROPERTIES, type AuditStoreOptions } from '../kit/audit-store.js';
import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

/** `options:` of a harbor target. */
export interface HarborOptions extends LiveOptions, AuditStoreOptions {
  readonly username?: string;
  readonly page_size?: number;
  readonly max_items?: number;
}

export const HARBOR_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...LIVE_OPTION_PROPERTIES,
    ...AUDIT_STORE_OPTION_PROPERTIES,
    username: {
      type: 'string',
      minLength: 1,
      description: 'live mode: the Harbor user or robot account (robot$name) whose password or secret is in token_env (basic auth)',
    },
    page_size: { type: 'integer', minimum: 1, maximum: 100, description: 'items per page for users and projects, 1-100 (default 100)' },
    max_items: { type: 'integer', minimum: 1, maximum: 1_000_000, description: 'most users or projects read (default 100000); more makes the facts unknown' },
  },
} as const;
