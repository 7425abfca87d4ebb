/**
 * Audit-event streaming destinations, from GitLab's GraphQL API. GitLab 18.10 deprecates the
 * per-type fields for one `externalAuditEventStreamingDestinations` (group) and
 * `auditEventsInstanceStreamingDestinations` (instance) field; servers in use have one, the
 * other or both, and destinations made the old way stay in the old fields. Every field is asked
 * for on its own, so a field a server does not know is a gap for that field, not a failed query.
 */
import type { Doc, Got } from './documents.js';
import { missing } from './documents.js';

export type StreamScope = 'group' | 'instance';

export interface StreamField {
  readonly field: string;
  readonly scope: StreamScope;
  /** Which generation of the API: the unified field or one of the per-type fields. */
  readonly api: 'unified' | 'legacy';
  /** The node fields asked for (never tokens, headers or keys). */
  readonly select: string;
  /** Destination type for the legacy per-type fields. */
  readonly type?: string;
}

/**
 * Each kind of destination, with its field on a group and on the instance (documented in
 * docs.gitlab.com/api/graphql/audit_event_streaming_groups and _instances).
 */
const DESTINATION_KINDS: readonly (Omit<StreamField, 'field' | 'scope'> & Record<StreamScope, string>)[] = [
  {
    group: 'externalAuditEventStreamingDestinations',
    instance: 'auditEventsInstanceStreamingDestinations',
    api: 'unified',
    select: 'id name category config active',
  },
  {
    group: 'externalAuditEventDestinations',
    instance: 'instanceExternalAuditEventDestinations',
    api: 'legacy',
    select: 'id name destinationUrl active',
    type: 'http',
  },
  {
    group: 'googleCloudLoggingConfigurations',
    instance: 'instanceGoogleCloudLoggingConfigurations',
    api: 'legacy',
    select: 'id name googleProjectIdName logIdName active',
    type: 'google-cloud-logging',
  },
  {
    group: 'amazonS3Configurations',
    instance: 'auditEventsInstanceAmazonS3Configurations',
    api: 'legacy',
    select: 'id name bucketName awsRegion active',
    type: 'amazon-s3',
  },
];

/** Every field asked for: the group's, then the instance's. */
export const STREAM_FIELDS: readonly StreamField[] = (['group', 'instance'] as const).flatMap((scope) =>
  DESTINATION_KINDS.map(({ group, instance, ...kind }) => ({ field: scope === 'group' ? group : instance, scope, ...kind })),
);

/** The query for one field; `withActive: false` for servers whose types predate the active flag. */
export function streamQuery(f: StreamField, withActive = true): string {
  const select = withActive ? f.select : f.select.replace(/\s*\bactive\b/, '');
  const body = `${f.field} { nodes { ${select} } }`;
  return f.scope === 'group' ? `query($fullPath: ID!) { group(fullPath: $fullPath) { ${body} } }` : `query { ${body} }`;
}

export interface Destination {
  readonly name: string;
  readonly type: string;
  readonly active: boolean;
  /** Where events go, cut to what identifies the receiver (an https origin, a bucket, a log). */
  readonly endpoint?: string;
  /** How this destination was found. */
  readonly field: string;
  readonly pointer: string;
  /** The server's type has no active flag (older GitLab): such destinations cannot be paused. */
  readonly activeAssumed?: boolean;
}

/** What one field gave: destinations, a field this server does not have, or why it could not be read. */
export type FieldResult =
  | { readonly field: StreamField; readonly state: 'read'; readonly destinations: Destination[]; readonly doc: Doc }
  | { readonly field: StreamField; readonly state: 'unknown_field'; readonly detail: string }
  | { readonly field: StreamField; readonly state: 'missing'; readonly missing: Extract<Got, { ok: false }> };

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The origin of an https URL: paths and queries of webhook receivers often carry tokens. */
function origin(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

const CATEGORY: Record<string, string> = { http: 'http', gcp: 'google-cloud-logging', aws: 'amazon-s3' };

function toDestination(f: StreamField, node: Record<string, unknown>, pointer: string, activeKnown: boolean): Destination {
  const name = typeof node.name === 'string' && node.name ? node.name : String(node.id ?? 'destination');
  const config = isRecord(node.config) ? node.config : {};
  const type = f.api === 'unified' ? (CATEGORY[String(node.category)] ?? String(node.category ?? 'unknown')) : f.type!;
  const endpoint =
    type === 'http'
      ? origin(f.api === 'unified' ? config.url : node.destinationUrl)
      : type === 'amazon-s3'
        ? `s3://${String(f.api === 'unified' ? config.bucketName : node.bucketName)}`
        : type === 'google-cloud-logging'
          ? `gcp-logging://${String(f.api === 'unified' ? config.googleProjectIdName : node.googleProjectIdName)}/${String(f.api === 'unified' ? config.logIdName : node.logIdName)}`
          : undefined;
  return {
    name,
    type,
    active: activeKnown ? node.active === true : true,
    ...(endpoint ? { endpoint } : {}),
    field: f.field,
    pointer,
    ...(activeKnown ? {} : { activeAssumed: true }),
  };
}

/** graphql-ruby's message for a field a type does not have. */
const UNKNOWN_FIELD = /Field '(\w+)' doesn't exist on type '(\w+)'/;

/**
 * Read every known streaming field out of one GraphQL response (a live answer to one field's
 * query, or a saved response that may ask for several). Fields the response does not mention are
 * left out.
 */
export function readStreamResponse(doc: Doc, scope?: StreamScope): FieldResult[] {
  const v = isRecord(doc.value) ? doc.value : {};
  const data = isRecord(v.data) ? v.data : undefined;
  const errors = Array.isArray(v.errors) ? v.errors.filter(isRecord) : [];
  const results: FieldResult[] = [];
  const unknownFields = new Map<string, string>();
  for (const e of errors) {
    const m = UNKNOWN_FIELD.exec(String(e.message ?? ''));
    if (m) unknownFields.set(m[1]!, String(e.message));
  }
  for (const f of STREAM_FIELDS) {
    if (scope && f.scope !== scope) continue;
    if (unknownFields.has(f.field)) {
      results.push({ field: f, state: 'unknown_field', detail: `this GitLab has no ${f.field} (${unknownFields.get(f.field)})` });
      continue;
    }
    const base = f.scope === 'group' ? '/data/group' : '/data';
    const holder = f.scope === 'group' ? (data && isRecord(data.group) ? data.group : undefined) : data;
    const fieldError = errors.find((e) => Array.isArray(e.path) && e.path.includes(f.field));
    if (fieldError) {
      const msg = String(fieldError.message ?? 'error');
      const denied = /permission|not authorized|access|forbidden/i.test(msg);
      results.push({
        field: f,
        state: 'missing',
        missing: missing(
          denied ? 'permission_missing' : 'error',
          `${f.field}: ${msg}`,
          denied ? (f.scope === 'group' ? 'Owner role on the top-level group' : 'administrator') : undefined,
        ),
      });
      continue;
    }
    if (!holder || !(f.field in holder)) {
      if (f.scope === 'group' && data && 'group' in data && data.group === null) {
        results.push({
          field: f,
          state: 'missing',
          missing: missing('permission_missing', 'the group is not visible to this token (GraphQL returned group: null)', 'read_api'),
        });
      } else if (errors.length && !data) {
        // The whole query failed: a saved response of a query this server rejected.
        const msg = errors.map((e) => String(e.message ?? '')).join('; ');
        if (JSON.stringify(errors).includes(f.field)) results.push({ field: f, state: 'missing', missing: missing('error', `${f.field}: ${msg}`) });
      }
      continue;
    }
    const conn = holder[f.field];
    if (conn === null) {
      results.push({
        field: f,
        state: 'missing',
        missing: missing(
          'permission_missing',
          `${f.field} is null: the token cannot read streaming destinations`,
          f.scope === 'group' ? 'Owner role on the top-level group' : 'administrator',
        ),
      });
      continue;
    }
    const nodes = isRecord(conn) && Array.isArray(conn.nodes) ? conn.nodes : [];
    const activeKnown = nodes.every((n) => isRecord(n) && typeof n.active === 'boolean');
    results.push({
      field: f,
      state: 'read',
      destinations: nodes.filter(isRecord).map((n, i) => toDestination(f, n, `${base}/${f.field}/nodes/${i}`, activeKnown)),
      doc,
    });
  }
  return results;
}
