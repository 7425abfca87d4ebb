/** TypeScript view of schemas/model.schema.json (normalized model v1). */

const CATEGORIES = ['source-control', 'ci', 'cd', 'secrets', 'cluster', 'log-store', 'time', 'registry'] as const;
export type Category = (typeof CATEGORIES)[number];

export const PILLARS = ['identity', 'access', 'audit_log', 'time'] as const;

export type GapReason = 'not_collected' | 'permission_missing' | 'not_supported' | 'not_applicable' | 'error' | 'unlinked';

export interface Gap {
  fact: string;
  reason: GapReason;
  detail: string;
  permission?: string;
  /** A declared not_applicable gap (facts file): why it does not apply, and who approved that. */
  justification?: string;
  approver?: string;
}

export interface Source {
  collector: string;
  method: 'facts-file' | 'api' | 'file' | 'command';
  location: string;
  collected_at: string;
  sha256: string;
  /** The account the collector authenticated as (GitHub: viewer.login), when the API says. */
  collected_as?: string;
  details?: Record<string, unknown>;
}

export interface Principal {
  name: string;
  kind: 'user' | 'group' | 'team' | 'service' | 'role';
  roles: string[];
  admin: boolean;
}

export interface Grant {
  principal: string;
  permission: string;
  scope: string;
}

export interface Destination {
  name: string;
  type: string;
  central: boolean;
  endpoint?: string;
  /** Snapshot id (type/name) of the log store it delivers to, when that store is in the estate. */
  store?: string;
}

/** How long one event class is kept (-1: forever). */
export interface ClassRetention {
  retention_days: number;
  retention_online_days: number;
}

/** Local audit log rotation: size per file (0 = never by size), files kept and days kept (-1 = unlimited). */
export interface AuditRotation {
  max_size_mb: number;
  max_files: number;
  max_age_days: number;
}

export interface Facts {
  identity: {
    sso_provider: string | null;
    sso_enforced: boolean | null;
    mfa_required: boolean | null;
    /** Accounts, groups or auth methods that sign in without the second factor; [] when none. */
    mfa_exempt: string[] | null;
    local_accounts: string[] | null;
    anonymous_access: boolean | null;
  };
  access: {
    principals: Principal[] | null;
    admin_count: number | null;
    admin_names: string[] | null;
    member_count: number | null;
    default_permission: 'none' | 'read' | 'write' | 'admin' | null;
    wildcard_grants: Grant[] | null;
  };
  audit_log: {
    enabled: boolean | null;
    level: string | null;
    event_classes: string[] | null;
    /** Recording level per event class (e.g. secrets: Metadata). One fact: a gap names audit_log.event_levels. */
    event_levels: Record<string, string> | null;
    fields: {
      actor: boolean | null;
      action: boolean | null;
      time: boolean | null;
      /** The record names the affected target (resource, component, data or service). */
      target: boolean | null;
      source_ip: boolean | null;
      result: boolean | null;
    };
    destinations: Destination[] | null;
    retention_days: number | null;
    retention_online_days: number | null;
    /**
     * Optional: retention per event class where a class is kept shorter than the log as a whole
     * (GitHub: Git events 7 days, web events 180). Absent: every class as retention_days says.
     */
    retention_by_class?: Record<string, ClassRetention> | null;
    /** A second copy exists (snapshots, versioning, replication); says nothing about immutability. */
    backup: boolean | null;
    /** Records cannot be modified or deleted before retention ends (object lock compliance mode, WORM). */
    immutable: boolean | null;
    /** The log records secret values in clear (Vault log_raw, Kubernetes secrets at Request level). */
    records_secret_values: boolean | null;
    /** Rotation of the tool's local audit log files; one fact. */
    rotation: AuditRotation | null;
    /** An alert or health signal fires when audit logging stops or fails. */
    failure_alert: boolean | null;
    /** Reading the audit log is limited to named roles. */
    read_restricted: boolean | null;
  };
  time: {
    sync_daemon: string | null;
    sources: string[] | null;
    synchronized: boolean | null;
    offset_ms: number | null;
    timestamp_timezone: string | null;
    /** Every time source is authenticated (NTS or symmetric keys). */
    authenticated: boolean | null;
    /** Optional, time daemons only: the host's own clock is the reference (AR-TIM-101). */
    local_reference?: boolean | null;
    /** Optional, time daemons only: the largest error the daemon admits, ms (AR-TIM-102). */
    error_bound_ms?: number | null;
  };
}

/** Optional fact group: the tool's built-in CI/CD (GitHub Actions, GitLab CI, Jenkins pipelines). */
export interface PipelineFacts {
  default_token_permission: 'read' | 'write' | null;
  can_approve_changes: boolean | null;
}

export interface Webhook {
  name: string;
  url: string;
  active: boolean;
  signed: boolean;
  tls_verified: boolean;
}

export interface LogStream {
  name: string;
  type: string;
  active: boolean;
}

/** Optional fact group: outbound integrations (webhooks, audit-log streams). */
export interface IntegrationFacts {
  webhooks: Webhook[] | null;
  log_streams: LogStream[] | null;
}

export type ResourceFactValue = string | number | boolean | null | unknown[];

/** Facts of one resource inside a tool (repository, project, job), with its own gaps. */
export interface Resource {
  id: string;
  kind: string;
  name: string;
  facts: Record<string, ResourceFactValue>;
  gaps: Gap[];
}

/**
 * Where one fact was read: a position in a file (path as shown to the user, 1-based line and
 * column, JSON pointer inside that file's document), an API endpoint, or a command the collector
 * ran (its command line, exit status and the sha256 of its output; `line` is then a line of that
 * output). `default` is set when the setting was absent and the value is the tool's documented
 * default; it says which default. A source with only `default` is documented behaviour that no
 * file, endpoint or command read can show.
 */
export interface FactSource {
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
  endpoint?: string;
  command?: string;
  exit_status?: number;
  sha256?: string;
  default?: string;
}

/** Optional groups: absent means not collected (policies read them as unknown). */
export interface ExtendedFacts {
  pipeline?: PipelineFacts;
  integrations?: IntegrationFacts;
}

export interface ToolSnapshot extends Facts, ExtendedFacts {
  resources?: Resource[];
  /** Where each fact was read (fact path → sources), for evidence that points at the line. Optional. */
  provenance?: Record<string, FactSource[]>;
  id: string;
  type: string;
  category: Category;
  name: string;
  source: Source;
  gaps: Gap[];
}

export interface ModelDocument {
  model_version: '1';
  tools: ToolSnapshot[];
}
