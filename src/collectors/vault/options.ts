import { AUDIT_STORE_OPTION_PROPERTIES, type AuditStoreOptions } from '../kit/audit-store.js';
import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

/** `options:` of a vault or openbao target. */
export interface VaultOptions extends LiveOptions, AuditStoreOptions {
  readonly namespace?: string;
  readonly max_token_lookups?: number;
  readonly max_items?: number;
  readonly list_page_size?: number;
}

export const VAULT_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...LIVE_OPTION_PROPERTIES,
    ...AUDIT_STORE_OPTION_PROPERTIES,
    namespace: { type: 'string', minLength: 1, description: 'Vault Enterprise / OpenBao namespace to read (sent as X-Vault-Namespace)' },
    max_token_lookups: {
      type: 'integer',
      minimum: 0,
      maximum: 100_000,
      description: 'most token accessors looked up for root tokens, one request each (default 2000); more makes root tokens unknown',
    },
    max_items: {
      type: 'integer',
      minimum: 1,
      maximum: 100_000,
      description: 'most identity groups, entities, users or roles read per list (default 5000); more makes the principals unknown',
    },
    list_page_size: {
      type: 'integer',
      minimum: 0,
      maximum: 10_000,
      description: 'LIST page size (after/limit) for OpenBao; 0 asks for everything at once, as Vault needs (default: openbao 500, vault 0)',
    },
  },
} as const;
