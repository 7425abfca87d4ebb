/**
 * The options schemas of the log-store collectors (JSON Schema, validated at config load with
 * file:line errors). The live tuning options (concurrency, timeout_ms, retries) are the kit's.
 */

/** concurrency, timeout_ms, retries: one meaning for every live collector. */
const TUNING_PROPERTIES = {
  concurrency: { type: 'integer', minimum: 1, maximum: 16, description: 'requests in flight at once, 1-16 (default 4)' },
  timeout_ms: { type: 'integer', minimum: 100, maximum: 600_000, description: 'per-request timeout in milliseconds, 100-600000 (default 30000)' },
  retries: { type: 'integer', minimum: 0, maximum: 10, description: 'retries for 5xx, timeouts and rate limits, 0-10 (default 4)' },
} as const;

const names = (description: string) => ({ type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 }, description });

const AWS_PROPERTIES = {
  region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$', description: 'AWS region, e.g. eu-west-1 (default: AWS_REGION or AWS_DEFAULT_REGION)' },
  profile: { type: 'string', minLength: 1, description: 'AWS profile for the SDK credential chain (default: AWS_PROFILE)' },
} as const;

export const LOKI_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tenants: names('tenants holding the audit records (X-Scope-OrgID values); default: every tenant'),
    ...TUNING_PROPERTIES,
  },
} as const;

export interface LokiOptions {
  readonly tenants?: readonly string[];
}

export const S3_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['bucket'],
  properties: {
    bucket: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', description: 'the bucket holding the audit records, e.g. acme-audit-logs' },
    prefix: { type: 'string', description: 'key prefix of the audit records, e.g. audit/ (default: the whole bucket)' },
    ...AWS_PROPERTIES,
    path_style: { type: 'boolean', description: 'path-style requests (default: true with endpoint:, as most S3-compatible servers need)' },
    ...TUNING_PROPERTIES,
  },
} as const;

export interface S3Options {
  readonly bucket: string;
  readonly prefix?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly path_style?: boolean;
  readonly timeout_ms?: number;
  readonly retries?: number;
}

export const CLOUDWATCH_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  // Exactly one way to select the log groups.
  description: 'select the log groups with log_groups (names) or prefix, exactly one',
  oneOf: [
    { properties: { log_groups: { description: 'select the log groups with log_groups (names) or prefix, exactly one' } }, required: ['log_groups'] },
    { properties: { prefix: { description: 'select the log groups with log_groups (names) or prefix, exactly one' } }, required: ['prefix'] },
  ],
  properties: {
    log_groups: names('log group names holding the audit records, e.g. [/acme/audit/github]'),
    prefix: { type: 'string', minLength: 1, description: 'log group name prefix, e.g. /acme/audit/ (instead of log_groups)' },
    ...AWS_PROPERTIES,
    ...TUNING_PROPERTIES,
  },
} as const;

export interface CloudWatchOptions {
  readonly log_groups?: readonly string[];
  readonly prefix?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly timeout_ms?: number;
  readonly retries?: number;
}

const ES_WHAT = 'name what holds the audit records: ilm_policies, data_streams (Elasticsearch) or ism_policies (OpenSearch)';

export const ES_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  // At least one thing that holds the audit records.
  description: 'name what holds the audit records: ilm_policies, data_streams (Elasticsearch) or ism_policies (OpenSearch)',
  anyOf: [
    { properties: { ilm_policies: { description: ES_WHAT } }, required: ['ilm_policies'] },
    { properties: { data_streams: { description: ES_WHAT } }, required: ['data_streams'] },
    { properties: { ism_policies: { description: ES_WHAT } }, required: ['ism_policies'] },
  ],
  properties: {
    ilm_policies: names('ILM policies of the audit indices (Elasticsearch), e.g. [audit-logs]'),
    data_streams: names('data streams holding the audit records (Elasticsearch data stream lifecycle)'),
    ism_policies: names('ISM policy ids of the audit indices (OpenSearch), e.g. [audit_logs]'),
    indices: names('index patterns or data streams of the audit records, to match snapshot policies, e.g. [logs-audit-*]'),
    auth: {
      enum: ['apikey', 'basic', 'bearer'],
      description:
        'how token_env is sent: apikey (Authorization: ApiKey, the Elasticsearch default), basic ("user:password", the OpenSearch default) or bearer',
    },
    ...TUNING_PROPERTIES,
  },
} as const;

export interface EsOptions {
  readonly ilm_policies?: readonly string[];
  readonly data_streams?: readonly string[];
  readonly ism_policies?: readonly string[];
  readonly indices?: readonly string[];
  readonly auth?: 'apikey' | 'basic' | 'bearer';
}

export const SPLUNK_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['indexes'],
  properties: {
    indexes: names('indexes holding the audit records, e.g. [pipeline_audit]'),
    auth: { enum: ['bearer', 'basic'], description: 'how token_env is sent: bearer (a Splunk authentication token, default) or basic ("user:password")' },
    ...TUNING_PROPERTIES,
  },
} as const;

export interface SplunkOptions {
  readonly indexes: readonly string[];
  readonly auth?: 'bearer' | 'basic';
}

/** The Authorization header for a token and an auth kind. */
export function authorization(kind: 'apikey' | 'basic' | 'bearer', token: string): string {
  if (kind === 'apikey') return `ApiKey ${token}`;
  if (kind === 'basic') return `Basic ${Buffer.from(token, 'utf8').toString('base64')}`;
  return `Bearer ${token}`;
}
