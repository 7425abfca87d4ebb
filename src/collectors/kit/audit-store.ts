/**
 * `options.audit_store`: which log-store target (type/name) a tool's central audit destinations
 * deliver to. A tool's own configuration names an endpoint (a syslog host, an HTTP URL), not a
 * target of the estate, so the link is the user's statement in the config; with it,
 * destinations[].store names the store and AR-XTL-001 judges that store's retention. A string
 * links every central destination; a map links destinations by name (the others stay unlinked).
 * The Kubernetes collector links its audit webhook the same way in its normalizer.
 */
import type { BuiltFacts } from './facts.js';

const STORE_ID = '^[a-z][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9._:@-]*$';

/** Spread into a collector's options schema: `properties: { ...AUDIT_STORE_OPTION_PROPERTIES, ... }`. */
export const AUDIT_STORE_OPTION_PROPERTIES = {
  audit_store: {
    oneOf: [
      { type: 'string', pattern: STORE_ID },
      { type: 'object', minProperties: 1, additionalProperties: { type: 'string', pattern: STORE_ID } },
    ],
    description:
      'the log-store target (type/name) the central audit destinations deliver to, or a map from destination name to store, so AR-XTL-001 judges its retention',
  },
} as const;

export interface AuditStoreOptions {
  readonly audit_store?: string | Readonly<Record<string, string>>;
}

type Destination = { name?: string; central?: boolean; store?: string };

/** The facts with destinations[].store set from the option; unchanged without it. */
export function linkAuditStore(facts: BuiltFacts, option: AuditStoreOptions['audit_store']): BuiltFacts {
  const destinations = facts.facts.audit_log.destinations as Destination[] | null;
  if (!option || !Array.isArray(destinations)) return facts;
  const storeOf = (d: Destination) => (typeof option === 'string' ? option : d.name !== undefined ? option[d.name] : undefined);
  const linked = destinations.map((d) => {
    const store = d.central && !d.store ? storeOf(d) : undefined;
    return store ? { ...d, store } : d;
  });
  return { ...facts, facts: { ...facts.facts, audit_log: { ...facts.facts.audit_log, destinations: linked as typeof facts.facts.audit_log.destinations } } };
}
