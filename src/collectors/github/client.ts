/**
 * One GitHub connection for a collection: GraphQL through @octokit/graphql and the few REST
 * calls, over the shared retrying transport (http.ts). It adds up the GraphQL cost, waits when
 * the point budget runs low, keeps every GraphQL error for the report, and turns transport
 * failures into GithubFatal. No decisions about facts here.
 */
import { GraphqlResponseError, graphql } from '@octokit/graphql';
import { jsonBody, type Progress, safeUrl } from '../kit/http.js';
import type { Credential } from './app-auth.js';
import { type Missing, missing, type Outcome, ok } from '../kit/result.js';
import { fatalIn, GithubFatal, type GraphqlErrorItem, inCauses } from './errors.js';
import { createTransport, GithubHttpError, type HttpStats } from './http.js';
import { credentialName, type GithubSettings } from './options.js';
import type { RateLimitResponse } from './responses.js';

/** Page size of every connection and REST list (GitHub's maximum). */
export const PAGE = 100;

/** A GraphQL answer: the data GitHub sent (also with errors: partial responses keep it) and its errors. */
interface GraphqlResult<T> {
  readonly data: T | undefined;
  readonly errors: readonly GraphqlErrorItem[];
}

export interface RestResult {
  readonly status: number;
  readonly json: unknown;
  readonly link: string | null;
  /** X-Accepted-GitHub-Permissions: what a fine-grained token or App needs for this endpoint (e.g. "members=read"). */
  readonly acceptedPermissions?: string | null;
}

export interface GithubClient {
  readonly settings: GithubSettings;
  /** The snapshot id (github/<name>) that prefixes progress lines. */
  readonly label: string;
  /** One GraphQL call; partial responses keep their data and return their errors. */
  query<T extends RateLimitResponse>(doc: string, variables: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** One REST GET (path under the API URL); 401 is fatal, any other status comes back. */
  rest(path: string): Promise<RestResult>;
  /** All pages of a REST list (Link: rel="next"), or why it could not be read; `key` names the array in an object answer ({total_count, installations: [...]}). */
  restList<T>(path: string, permission: string, what: string, key?: string): Promise<Outcome<T[]>>;
  /** A progress line with the requests and cost so far. */
  tell(what: string): void;
  /** A progress line as is. */
  progress(message: string): void;
  /** Every GraphQL error received, in order. */
  readonly graphqlErrors: readonly GraphqlErrorItem[];
  /** GraphQL points spent (rateLimit.cost summed). */
  cost(): number;
  readonly stats: HttpStats;
}

/**
 * The permission a fine-grained token or GitHub App lacks, from X-Accepted-GitHub-Permissions
 * ("members=read; organization_administration=read" are alternatives, each "name=level[,name=level]"):
 * "fine-grained: members read or organization_administration read".
 */
export function acceptedPermission(header: string | null | undefined): string | undefined {
  const options = (header ?? '')
    .split(';')
    .map((o) =>
      o
        .split(',')
        .map((p) => p.trim().replace('=', ' '))
        .filter(Boolean)
        .join(' and '),
    )
    .filter(Boolean);
  return options.length ? `fine-grained: ${options.join(' or ')}` : undefined;
}

/**
 * Why a REST answer is not the value: 403/404 (GitHub answers either when the token may not see
 * it) or another status. A fine-grained token's or App's 403 names the permission GitHub says it
 * accepts (X-Accepted-GitHub-Permissions) rather than the classic scope.
 */
export function restMissing(r: RestResult, permission: string, what: string): Missing {
  const msg = (r.json as { message?: string } | null)?.message;
  const detail = `GitHub answered HTTP ${r.status} for ${what}${msg ? ` (${msg})` : ''}`;
  const accepted = acceptedPermission(r.acceptedPermissions);
  if (r.status === 403 && accepted) return missing('permission_missing', detail, accepted);
  if (r.status === 403 || r.status === 404) return missing('permission_missing', detail, permission);
  return missing('error', detail);
}

/**
 * A fetch (the transport's, which puts the credential's current token in the Authorization header
 * of each attempt) that, when GitHub rejects the token (401) and the credential can be renewed (a
 * GitHub App's), renews it and sends the request once more.
 */
export function renewingFetch(transportFetch: typeof fetch, credential: Credential): typeof fetch {
  return async (input, init) => {
    const res = await transportFetch(input, init);
    if (res.status !== 401 || !credential.renew) return res;
    await credential.renew();
    return transportFetch(input, init);
  };
}

/**
 * What a failed GraphQL or REST request (what fetch or @octokit threw) means for the collection: a
 * GithubFatal found anywhere in the cause chain as is (a GitHub App's refused renewal, kind auth,
 * even under a transport error), a 401 as the rejected credential, else an HTTP failure.
 */
export function requestFailure(e: unknown, rejected: () => string): GithubFatal {
  const fatal = fatalIn(e);
  if (fatal) return fatal;
  const status = (e as { status?: number }).status;
  if (status === 401) return new GithubFatal(rejected(), 'auth', { cause: e });
  // @octokit/request wraps what fetch threw (our GithubHttpError) in a RequestError: unwrap it.
  const http = inCauses(e, (c) => (c instanceof GithubHttpError ? c : undefined));
  if (http) return new GithubFatal(http.message, 'http', { cause: e });
  const msg = e instanceof Error ? e.message : String(e);
  return new GithubFatal(`GraphQL request failed${status ? ` (HTTP ${status})` : ''}: ${msg}`, 'http', { cause: e });
}

export function createClient(settings: GithubSettings, progress: Progress, label: string): GithubClient {
  const credential: Credential = settings.credential ?? { current: async () => settings.token };
  const authorize = async () => ({ authorization: `bearer ${await credential.current()}` });
  const transport = createTransport(settings.tuning, progress, Date.now, settings.signal, authorize);
  const authFetch = renewingFetch(transport.fetch, credential);
  const headers = {
    'user-agent': 'auditready',
    'x-github-api-version': '2022-11-28',
  };
  const gql = graphql.defaults({ baseUrl: settings.apiUrl, headers, request: { fetch: authFetch } });
  const graphqlErrors: GraphqlErrorItem[] = [];
  let cost = 0;
  let maxCost = 1;
  const rejected = () => `${credentialName(settings)} was rejected (HTTP 401 Bad credentials)`;
  const httpFailure = (e: unknown) => requestFailure(e, rejected);

  /** Cost awareness: stop before the budget runs out rather than be refused (and retried) by GitHub. */
  async function account(rate: RateLimitResponse['rateLimit'] | undefined): Promise<void> {
    if (!rate || typeof rate.cost !== 'number') return;
    cost += rate.cost;
    maxCost = Math.max(maxCost, rate.cost);
    if (typeof rate.remaining === 'number' && rate.resetAt && rate.remaining < maxCost * settings.tuning.concurrency) {
      const resetMs = Date.parse(rate.resetAt) - Date.now();
      if (resetMs > 0) await transport.pause(resetMs + 250, `GraphQL points (${rate.remaining} left)`);
    }
  }

  async function query<T extends RateLimitResponse>(doc: string, variables: Record<string, unknown>): Promise<GraphqlResult<T>> {
    let data: T | undefined;
    let errors: GraphqlErrorItem[] = [];
    try {
      data = await gql<T>(doc, variables);
    } catch (e) {
      if (!(e instanceof GraphqlResponseError)) throw httpFailure(e);
      data = (e.data ?? undefined) as T | undefined;
      errors = (e.errors ?? []) as GraphqlErrorItem[];
    }
    // A GraphQL response has data or errors: neither is a body that did not parse (octokit then
    // hands back its text), not an organization that is missing.
    if ((data == null || typeof data !== 'object') && errors.length === 0) {
      throw new GithubFatal('the GraphQL answer is not a JSON object with data or errors (a body cut short, or a proxy in front of the API?)', 'http');
    }
    await account(data?.rateLimit ?? undefined);
    graphqlErrors.push(...errors);
    return { data, errors };
  }

  async function rest(path: string): Promise<RestResult> {
    const accept = 'application/vnd.github+json';
    let res: Response;
    try {
      res = await authFetch(`${settings.apiUrl}${path}`, { headers: { ...headers, accept } });
    } catch (e) {
      throw httpFailure(e);
    }
    if (res.status === 401) throw new GithubFatal(rejected(), 'auth');
    // A 2xx that is not JSON (a body cut short, a proxy's HTML page) is no answer: say what came, not "HTTP 200".
    const body = jsonBody(res.headers.get('content-type') ?? '', await res.text(), accept, res.status >= 200 && res.status < 300);
    if (body.broken !== undefined) {
      const failure = new GithubHttpError('GET', safeUrl(`${settings.apiUrl}${path}`), body.broken, res.status, { cause: body.cause });
      throw httpFailure(failure);
    }
    const json = body.json;
    return { status: res.status, json, link: res.headers.get('link'), acceptedPermissions: res.headers.get('x-accepted-github-permissions') };
  }

  async function restList<T>(path: string, permission: string, what: string, key?: string): Promise<Outcome<T[]>> {
    const out: T[] = [];
    let next: string | null = `${path}${path.includes('?') ? '&' : '?'}per_page=${PAGE}`;
    while (next) {
      const r = await rest(next);
      const items: unknown = key === undefined ? r.json : (r.json as Record<string, unknown> | null)?.[key];
      if (r.status !== 200 || !Array.isArray(items)) return restMissing(r, permission, what);
      out.push(...(items as T[]));
      const m = r.link ? /<([^>]+)>;\s*rel="next"/.exec(r.link) : null;
      next = m ? m[1]!.replace(settings.apiUrl, '') : null;
    }
    return ok(out);
  }

  return {
    settings,
    label,
    query,
    rest,
    restList,
    tell: (what) => progress(`${label}: ${what} (${transport.stats.requests} requests, GraphQL cost ${cost})`),
    progress: (message) => progress(message),
    graphqlErrors,
    cost: () => cost,
    stats: transport.stats,
  };
}
