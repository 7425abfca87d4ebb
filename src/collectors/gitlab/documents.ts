/**
 * The GitLab API documents the collector reads, however they arrived: fetched live, or saved
 * with `curl`/`glab api` as JSON files. A saved file is recognized by its content (an
 * application-settings object, a member list, a GraphQL response...), never by its name, except
 * that an empty list can only be told apart by its name. `glab api --paginate` output (several
 * JSON arrays one after the other) is read as one list.
 */
import { ToolInputError } from '../../errors.js';
import type { GapReason } from '../../model/types.js';
import { parseSource, type SourceDocument } from '../../util/yaml-source.js';
import type { FactSource } from '../../model/types.js';

export type DocKind = 'settings' | 'statistics' | 'version' | 'group' | 'members' | 'users' | 'projects' | 'audit_events' | 'saml_identities' | 'graphql';

/** What each kind is, for messages and the README. */
export const DOC_ENDPOINTS: Record<DocKind, string> = {
  settings: 'GET /api/v4/application/settings',
  statistics: 'GET /api/v4/application/statistics',
  version: 'GET /api/v4/version',
  group: 'GET /api/v4/groups/:id',
  members: 'GET /api/v4/groups/:id/members/all',
  users: 'GET /api/v4/users?admins=true',
  projects: 'GET /api/v4/groups/:id/projects?visibility=public&include_subgroups=true',
  audit_events: 'GET /api/v4/audit_events or /groups/:id/audit_events',
  saml_identities: 'GET /api/v4/groups/:id/saml/identities',
  graphql: 'POST /api/graphql (audit-event streaming destinations)',
};

/** A document that was read, with a way to point at any value inside it. */
export interface Doc<T = unknown> {
  readonly ok: true;
  readonly value: T;
  /** FactSource for a JSON pointer inside the document. */
  at(pointer: string): FactSource;
}

/** A document that could not be read, and why (the same shape as a gap). */
export interface Missing {
  readonly ok: false;
  readonly reason: GapReason;
  readonly detail: string;
  readonly permission?: string;
}

export type Got<T = unknown> = Doc<T> | Missing;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const every = (v: unknown[], keys: string[]) => v.length > 0 && v.every((x) => isRecord(x) && keys.every((k) => k in x));

/** The members of a GraphQL response (the GraphQL specification's response format). */
const GRAPHQL_KEYS = new Set(['data', 'errors', 'extensions']);

/** The kind of a parsed JSON document, or undefined when it is none of the API responses the collector reads. */
export function recognizeGitlabJson(value: unknown, fileName = ''): DocKind | undefined {
  if (isRecord(value)) {
    if ('signup_enabled' in value && 'require_two_factor_authentication' in value) return 'settings';
    if ('active_users' in value && 'projects' in value && 'groups' in value) return 'statistics';
    if ('version' in value && 'revision' in value && Object.keys(value).length <= 6) return 'version';
    if ('full_path' in value && 'visibility' in value && 'parent_id' in value && !('path_with_namespace' in value)) return 'group';
    // A GraphQL response has data, errors and extensions only; another API's JSON with a data
    // member (Vault's `vault read -format=json`: request_id, lease_id, data) is not one.
    if (Object.keys(value).every((k) => GRAPHQL_KEYS.has(k)) && ('data' in value || Array.isArray(value.errors))) return 'graphql';
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  if (every(value, ['access_level', 'username'])) return 'members';
  if (every(value, ['username', 'state']) && value.every((x) => !('access_level' in (x as object)))) return 'users';
  if (every(value, ['path_with_namespace', 'visibility'])) return 'projects';
  if (every(value, ['entity_type', 'author_id'])) return 'audit_events';
  if (every(value, ['extern_uid', 'user_id'])) return 'saml_identities';
  if (value.length === 0) {
    // An empty list carries no shape: its name has to say what it is.
    const name = fileName.toLowerCase();
    if (/member/.test(name)) return 'members';
    if (/audit/.test(name)) return 'audit_events';
    if (/saml|identit/.test(name)) return 'saml_identities';
    if (/project/.test(name)) return 'projects';
    if (/admin|user/.test(name)) return 'users';
  }
  return undefined;
}

/** Top-level JSON values one after the other (glab api --paginate prints one array per page). */
function splitJsonValues(text: string): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      if (depth === 0 && start < 0) start = i;
    } else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        parts.push({ start, end: i + 1 });
        start = -1;
      }
    }
  }
  return parts;
}

/** Parse a saved API response: one JSON value, or several arrays (pages) read as one list; positions stay those of the file. */
export function parseJsonExport(text: string, file: string): { value: unknown; at(pointer: string): FactSource } {
  const parts = splitJsonValues(text);
  if (parts.length <= 1) {
    const src = parseSource(text, file);
    return { value: src.value, at: (pointer) => located(src, file, pointer) };
  }
  const pages: SourceDocument[] = parts.map((p) => {
    // Pad with the text before it turned to blanks, so lines and columns are the file's.
    const pad = text.slice(0, p.start).replace(/[^\n]/g, ' ');
    return parseSource(pad + text.slice(p.start, p.end), file);
  });
  if (!pages.every((p) => Array.isArray(p.value))) {
    const bad = parts[pages.findIndex((p) => !Array.isArray(p.value))]!;
    const line = text.slice(0, bad.start).split('\n').length;
    throw new ToolInputError({ file, line, col: 1 }, 'several JSON values in one file: only lists (pages of one API response) can follow each other');
  }
  const index: { page: SourceDocument; i: number }[] = [];
  for (const page of pages) {
    for (let i = 0; i < (page.value as unknown[]).length; i++) index.push({ page, i });
  }
  return {
    value: pages.flatMap((p) => p.value as unknown[]),
    at(pointer) {
      const m = /^\/(\d+)(\/.*)?$/.exec(pointer);
      const hit = m ? index[Number(m[1])] : undefined;
      if (!hit) return located(pages[0]!, file, '');
      return { ...located(hit.page, file, `/${hit.i}${m![2] ?? ''}`), pointer };
    },
  };
}

function located(src: SourceDocument, file: string, pointer: string): FactSource {
  const { line, col } = src.locate(pointer);
  return { file, line, column: col, pointer };
}

/** A document fetched from an endpoint: evidence names the request and the pointer. */
export function fromEndpoint<T>(value: T, endpoint: string): Doc<T> {
  return { ok: true, value, at: (pointer) => ({ endpoint, pointer }) };
}

export function missing(reason: GapReason, detail: string, permission?: string): Missing {
  return { ok: false, reason, detail, ...(permission ? { permission } : {}) };
}

/**
 * Secret strings inside a GitLab API document that no key name gives away: the path and query of
 * a streaming destination's URL (receivers such as Splunk HEC or chat webhooks carry their token
 * there) and the values of custom HTTP headers sent with each event. Removed from raw captures.
 */
export function gitlabSecrets(value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, key: string, underHeaders: boolean, depth: number): void => {
    if (depth > 64) return;
    if (typeof v === 'string') {
      if (underHeaders && v.length >= 4) out.add(v);
      if (/^(destinationUrl|url)$/i.test(key)) {
        try {
          const u = new URL(v);
          const rest = v.slice(v.indexOf(u.host) + u.host.length);
          // Without its first character ("/", "?" or "#"), so the redacted URL still parses to the
          // same origin (verify derives the destination's endpoint again from the raw capture).
          if (rest.length > 1) out.add(rest.length > 4 ? rest.slice(1) : rest);
          if (u.username || u.password) out.add(v.slice(v.indexOf('//') + 2, v.indexOf('@')));
        } catch {
          // not a URL
        }
      }
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key, underHeaders, depth + 1);
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k, underHeaders || /^headers$/i.test(k), depth + 1);
    }
  };
  walk(value, '', false, 0);
  return [...out];
}
