/**
 * What every log-store collector reads, in one shape: each store (Loki, Elasticsearch, OpenSearch,
 * S3, CloudWatch Logs, Splunk) turns its configuration or API answers into a StoreReading, and one
 * mapping (normalize.ts) turns every StoreReading into the model's facts. So "retention", "backup"
 * and "immutable" mean the same for every store, and each store only says what it found.
 */
import type { Resource } from '../../model/types.js';
import { type Missing, missing, ok, type Outcome } from '../kit/result.js';
import type { FactSource, Retention } from './retention.js';

export { type Missing, missing, ok, type Outcome } from '../kit/result.js';

/** A fact's value and where it was read (or which documented default it is). */
export interface Setting<T> {
  readonly value: T;
  readonly sources: readonly FactSource[];
  /** One line on why this value, kept in the evidence (e.g. "GOVERNANCE mode can be bypassed"). */
  readonly why?: string;
}

export const setting = <T>(value: T, why: string | undefined, ...sources: FactSource[]): Setting<T> => ({ value, sources, ...(why ? { why } : {}) });

/**
 * Whether reading is limited: not when anonymous clients are let in (`open` says how); otherwise
 * unknown, for who may read is the store's access control, which auditready does not evaluate.
 */
export function readRestriction(anonymous: Outcome<Setting<boolean>>, open: string, notEvaluated: string): Outcome<Setting<boolean>> {
  return anonymous.ok && anonymous.value.value ? ok(setting(false, open, ...anonymous.value.sources)) : missing('not_collected', notEvaluated);
}

/**
 * The store's own record of who read or changed the stored logs (PCI DSS 10.2.1.3: access to audit
 * logs): S3 server access logging, or none (Loki has no audit log of its own).
 */
export interface AccessLog {
  readonly enabled: Outcome<Setting<boolean>>;
  /** Fields each record carries when enabled (actor, action, time, target, source_ip, result). */
  readonly fields?: Setting<Readonly<Record<'actor' | 'action' | 'time' | 'target' | 'source_ip' | 'result', boolean>>>;
  /** Where the records go when enabled (for source.details). */
  readonly destination?: string;
}

export interface StoreReading {
  /** "Loki", "S3 bucket audit-logs", ...: names the store in gap details. */
  readonly label: string;
  /** Where the store's clocks are: a host the customer runs, or the provider's (SaaS). */
  readonly hosting: 'self-hosted' | 'saas';
  /** Total retention: how long records exist in the store before it deletes them. */
  readonly retention: Outcome<Retention>;
  /** Immediately searchable retention (PCI DSS 10.5.1: the latest three months). */
  readonly online: Outcome<Retention>;
  /** Records cannot be changed or deleted before retention ends (WORM, Object Lock COMPLIANCE). */
  readonly immutable: Outcome<Setting<boolean>>;
  /** A second copy exists (snapshots, versioning, replication). */
  readonly backup: Outcome<Setting<boolean>>;
  /** Unauthenticated clients can read or write. */
  readonly anonymous: Outcome<Setting<boolean>>;
  /** Reading the stored logs is limited to named roles. */
  readonly readRestricted: Outcome<Setting<boolean>>;
  readonly accessLog: AccessLog;
  /** Why identity and access facts are not read (the store's accounts live elsewhere, or it has none). */
  readonly identity: Missing;
  readonly access: Missing;
  /** Time zone of the stored timestamps, when the store fixes it (epoch timestamps are UTC). */
  readonly timestampZone: Outcome<Setting<string>>;
  /** How the retention was decided, one line each (shortest wins, overrides, lookback bounds). */
  readonly explain: readonly string[];
  /** What the facts cannot show but an auditor should know (size-based freezing, legacy settings). */
  readonly warnings: readonly string[];
  /** Store-specific evidence for source.details (raw settings, units, policies read). */
  readonly details: Readonly<Record<string, unknown>>;
  /** Per-resource facts a store-specific policy reads (an S3 bucket's Object Lock). */
  readonly resources?: readonly Resource[];
}

/** A value that is the tool's documented behaviour rather than a setting (no file line to point at). */
export const documented = (tool: string, behaviour: string): FactSource => ({ endpoint: `${tool} (documented behaviour)`, default: behaviour });
