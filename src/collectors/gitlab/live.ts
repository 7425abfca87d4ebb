/**
 * Live mode: the GitLab REST API v4 and GraphQL, with plain fetch through the kit's HTTP layer.
 *
 * Why not @gitbeaker/rest: the collector needs ten read-only endpoints and eight GraphQL fields;
 * gitbeaker covers REST only (GraphQL would still be hand-written), brings its own retry and
 * pagination that would have to be reconciled with the kit's timeouts, Retry-After waits, size
 * caps, cancellation and redaction, and its errors hide the status and endpoint we report as gaps.
 * The endpoints, pagination headers (x-next-page, Link) and status codes used here are the
 * documented ones (docs.gitlab.com/api/rest).
 */
import { ToolInputError } from '../../errors.js';
import type { GapReason } from '../../model/types.js';
import type { HttpClient } from '../kit/http.js';
import { type Doc, fromEndpoint, type Got, type Missing, missing } from './documents.js';
import type { Deployment, GitlabInput } from './normalize.js';
import { type FieldResult, readStreamResponse, STREAM_FIELDS, type StreamField, streamQuery } from './streams.js';

export interface LiveSettings {
  readonly baseUrl: string;
  readonly deployment: Deployment;
  readonly group?: string;
  /** Upper bound on pages per list (100 items a page). */
  readonly maxPages: number;
}

export interface LiveResult {
  readonly input: GitlabInput;
  readonly details: Record<string, unknown>;
  /** Every response body read, by endpoint, for the raw capture. */
  readonly raw: Record<string, unknown>;
}

/** A response: status, headers and body text (the kit's client has read the body already). */
interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

const EXPECTED = 'the GitLab URL as endpoint (API at /api/v4) and a valid access token with read_api in token_env';

const ADMIN = 'administrator token with read_api (and the admin_mode scope when Admin Mode is on)';

function json(r: HttpResult): unknown {
  try {
    return JSON.parse(r.text);
  } catch {
    return undefined;
  }
}

/** Why a response is not the document: the status as a gap. */
function statusGap(r: HttpResult, what: string, permission: string, adminModeHint: boolean): Missing {
  const msg = (() => {
    const body = json(r);
    return body && typeof body === 'object' && 'message' in body ? String((body as { message: unknown }).message) : '';
  })();
  if (r.status === 401) return missing('permission_missing', `${what}: 401 Unauthorized`, permission);
  if (r.status === 403) {
    return missing(
      'permission_missing',
      `${what}: 403 Forbidden${msg ? ` (${msg})` : ''}${adminModeHint ? '; the token lacks the admin_mode scope and Admin Mode is on' : ''}`,
      adminModeHint ? 'admin_mode scope' : permission,
    );
  }
  if (r.status === 404) return missing('not_supported', `${what}: 404 Not Found${msg ? ` (${msg})` : ''}: not available on this GitLab or tier`);
  return missing('error', `${what}: HTTP ${r.status}`);
}

/** One request through the kit's client (retries, timeouts, size cap); an HttpError escapes after retries. */
async function send(http: HttpClient, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<HttpResult> {
  const res = await http.fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export async function fetchGitlab(http: HttpClient, s: LiveSettings, tokenEnv: string | undefined): Promise<LiveResult> {
  const api = `${s.baseUrl}/api/v4`;
  const headers = { Accept: 'application/json' };
  const raw: Record<string, unknown> = {};
  const get = async (path: string): Promise<HttpResult> => send(http, 'GET', `${api}${path}`, headers);

  // Who we are: a bad token stops here (the tool is unknown); is_admin and the token's scopes explain 403s later.
  const user = await get('/user');
  if (user.status === 401) {
    throw new ToolInputError(
      { endpoint: `GET ${api}/user`, status: 401 },
      `GitLab rejected the token in $${tokenEnv ?? '(token_env)'} (HTTP 401): it is wrong, expired or revoked`,
      {
        expected: EXPECTED,
      },
    );
  }
  if (user.status !== 200)
    throw new ToolInputError({ endpoint: `GET ${api}/user`, status: user.status }, `HTTP ${user.status}: is ${s.baseUrl} a GitLab?`, { expected: EXPECTED });
  const me = (json(user) ?? {}) as Record<string, unknown>;
  const self = await get('/personal_access_tokens/self').catch(() => undefined);
  const scopes = self?.status === 200 ? ((json(self) as { scopes?: string[] })?.scopes ?? null) : null;
  const isAdmin = me.is_admin === true;
  const adminModeHint = isAdmin && scopes !== null && !scopes.includes('admin_mode');
  const details: Record<string, unknown> = {
    api_url: api,
    graphql_url: `${s.baseUrl}/api/graphql`,
    token_user: typeof me.username === 'string' ? me.username : 'unknown',
    token_user_is_admin: isAdmin,
    token_scopes: scopes ?? 'not reported (GET /personal_access_tokens/self unavailable: not a personal access token, or GitLab older than 15.5)',
  };

  /** One document; failures become gaps. */
  const one = async <T>(path: string, what: string, permission: string): Promise<Got<T>> => {
    let r: HttpResult;
    try {
      r = await get(path);
    } catch (e) {
      return missing('error', `${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r.status !== 200) return statusGap(r, what, permission, adminModeHint);
    const body = json(r);
    if (body === undefined) return missing('error', `${what}: the response is not JSON`);
    raw[`GET ${path}`] = body;
    return fromEndpoint(body as T, `GET ${api}${path}`);
  };

  /** A list over every page (x-next-page, or Link rel="next"), bounded by maxPages. */
  const list = async <T>(path: string, what: string, permission: string): Promise<Got<T[]>> => {
    const items: T[] = [];
    let url: string | undefined = `${api}${path}${path.includes('?') ? '&' : '?'}per_page=100`;
    for (let page = 0; url; page++) {
      if (page >= s.maxPages) return missing('error', `${what}: more than ${s.maxPages} pages of 100; raise options.max_pages`);
      let r: HttpResult;
      try {
        r = await send(http, 'GET', url, headers);
      } catch (e) {
        return missing('error', `${what}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (r.status !== 200) return statusGap(r, what, permission, adminModeHint);
      const body = json(r);
      if (!Array.isArray(body)) return missing('error', `${what}: expected a JSON list`);
      items.push(...(body as T[]));
      url = nextPage(r, url);
    }
    raw[`GET ${path}`] = items;
    return fromEndpoint(items, `GET ${api}${path}`);
  };

  const saas = s.deployment === 'saas';
  const notApplicable = (what: string) => missing('not_applicable', `GitLab.com ${what} are GitLab's`);
  const settings = saas ? notApplicable('instance settings') : await one<Record<string, unknown>>('/application/settings', 'GET /application/settings', ADMIN);
  const statistics = saas
    ? notApplicable('instance statistics')
    : await one<Record<string, unknown>>('/application/statistics', 'GET /application/statistics', ADMIN);
  let admins: Got<Record<string, unknown>[]> = saas
    ? notApplicable('administrators')
    : await list<Record<string, unknown>>('/users?admins=true', 'GET /users?admins=true', ADMIN);
  if (admins.ok && admins.value.some((u) => !('is_admin' in u))) {
    // Non-administrators get the public user list without is_admin: who administers is unknown.
    admins = missing('permission_missing', 'GET /users?admins=true returned users without is_admin: only administrators see who administers', ADMIN);
  }

  let groupPart: Partial<GitlabInput> = {};
  const auditEvents: Got<unknown[]>[] = [];
  if (!saas) auditEvents.push(await one<unknown[]>('/audit_events?per_page=1', 'GET /audit_events', `${ADMIN}; Premium or Ultimate`));
  if (s.group) {
    const id = encodeURIComponent(s.group);
    const groupDoc = await one<Record<string, unknown>>(`/groups/${id}`, `GET /groups/${s.group}`, 'read_api');
    if (!groupDoc.ok && /404/.test(groupDoc.detail)) {
      throw new ToolInputError(
        { endpoint: `GET ${api}/groups/${id}`, status: 404 },
        `group ${s.group} was not found or is not visible to the token (HTTP 404)`,
        {
          expected: 'options.group: the full path of a group the token can read',
        },
      );
    }
    groupPart = {
      groupDoc,
      members: await list<Record<string, unknown>>(`/groups/${id}/members/all`, `GET /groups/${s.group}/members/all`, 'read_api'),
      publicProjects: await list<Record<string, unknown>>(
        `/groups/${id}/projects?visibility=public&include_subgroups=true`,
        `GET /groups/${s.group}/projects`,
        'read_api',
      ),
      ...(saas
        ? {
            samlIdentities: await list<Record<string, unknown>>(
              `/groups/${id}/saml/identities`,
              `GET /groups/${s.group}/saml/identities`,
              'Owner role, Premium',
            ),
          }
        : {}),
    };
    auditEvents.push(await one<unknown[]>(`/groups/${id}/audit_events?per_page=1`, `GET /groups/${s.group}/audit_events`, 'Owner role; Premium or Ultimate'));
  }

  const streams = await streamingDestinations(http, s, raw);
  const input: GitlabInput = {
    deployment: s.deployment,
    ...(s.group ? { group: s.group } : {}),
    settings,
    statistics,
    admins,
    ...groupPart,
    auditEvents,
    streams,
  };
  const st = http.stats;
  return { input, details: { ...details, requests: st.requests, retries: st.retries, rate_limit_waits: st.rateLimitWaits }, raw };
}

function nextPage(r: HttpResult, current: string): string | undefined {
  const link = r.headers.get('link');
  const m = link ? /<([^>]+)>;\s*rel="next"/.exec(link) : null;
  if (m) return m[1];
  const next = r.headers.get('x-next-page');
  if (next && /^\d+$/.test(next)) {
    const u = new URL(current);
    u.searchParams.set('page', next);
    return u.href;
  }
  return undefined;
}

const UNKNOWN_ACTIVE = /Field 'active' doesn't exist on type/;

/** One GraphQL request per streaming field of the scopes that apply. */
async function streamingDestinations(http: HttpClient, s: LiveSettings, raw: Record<string, unknown>): Promise<FieldResult[]> {
  const scopes = [...(s.group ? ['group'] : []), ...(s.deployment === 'self-managed' ? ['instance'] : [])];
  const results: FieldResult[] = [];
  for (const f of STREAM_FIELDS.filter((x) => scopes.includes(x.scope))) {
    results.push(await oneField(http, s, f, raw));
  }
  return results;
}

async function oneField(http: HttpClient, s: LiveSettings, f: StreamField, raw: Record<string, unknown>): Promise<FieldResult> {
  const endpoint = `${s.baseUrl}/api/graphql`;
  const ask = async (withActive: boolean): Promise<FieldResult | { retryWithoutActive: true } | Missing> => {
    const body = JSON.stringify({ query: streamQuery(f, withActive), variables: f.scope === 'group' ? { fullPath: s.group } : {} });
    let r: HttpResult;
    try {
      r = await send(http, 'POST', endpoint, { 'Content-Type': 'application/json', Accept: 'application/json' }, body);
    } catch (e) {
      return missing('error', `${f.field}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (r.status !== 200) {
      const reason: GapReason = r.status === 401 || r.status === 403 ? 'permission_missing' : 'error';
      return missing(reason, `${f.field}: POST /api/graphql answered HTTP ${r.status}`, reason === 'permission_missing' ? 'read_api' : undefined);
    }
    const parsed = json(r);
    if (!parsed || typeof parsed !== 'object') return missing('error', `${f.field}: the GraphQL response is not JSON`);
    if (withActive && JSON.stringify((parsed as { errors?: unknown }).errors ?? []).match(UNKNOWN_ACTIVE)) return { retryWithoutActive: true };
    raw[`POST /api/graphql ${f.field}`] = parsed;
    const doc: Doc = fromEndpoint(parsed, `POST ${endpoint} (${f.field})`);
    return readStreamResponse(doc, f.scope).find((x) => x.field.field === f.field) ?? missing('error', `${f.field}: the response does not mention the field`);
  };
  let out = await ask(true);
  if ('retryWithoutActive' in out) out = await ask(false);
  if ('retryWithoutActive' in out) return { field: f, state: 'missing', missing: missing('error', `${f.field}: unexpected GraphQL errors`) };
  if ('ok' in out) return { field: f, state: 'missing', missing: out };
  return out;
}
