/**
 * The HTTP layer every live collector uses: Node's own `fetch` (undici) with a bound on requests
 * in flight, a per-request timeout, retries with exponential backoff for 5xx, timeouts and network
 * errors, rate-limit waits (Retry-After by default; a collector can teach it its own headers, as
 * GitHub does) that are always announced through `progress(..., 'notice')`, a cap on the size of
 * a response, a clear error when a JSON endpoint answers with something else (an HTML login page
 * of a proxy), and cancellation through the run's AbortSignal so nothing lingers after the run.
 *
 * Why no library: ky 2 needs Node 22 and neither it nor got/undici's RetryAgent can announce how
 * long it will wait, honour GitHub's x-ratelimit-reset, or cap response sizes; this file is the
 * small remainder once fetch does the transport. Tokens only ever go into the headers given by
 * the collector; no message built here contains a header or a query string.
 */

import type { AnswerLog } from './answers.js';

export type ProgressLevel = 'info' | 'notice' | 'error' | 'debug';
/**
 * Progress lines (src/log/process.ts progressTo): 'info' is a status (what the collector is doing
 * now), 'notice' (waits) and 'error' always print, 'debug' (each request) only with --verbose.
 */
export type Progress = (message: string, level?: ProgressLevel) => void;

export interface HttpTuning {
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Per-request timeout, milliseconds. */
  readonly timeoutMs: number;
  /** Retries after the first attempt, for 5xx, timeouts, network errors and rate limits. */
  readonly retries: number;
  /** First backoff delay for 5xx/timeouts, milliseconds (doubles each retry). */
  readonly backoffMs: number;
  /** Longest single rate-limit wait before giving up, milliseconds. */
  readonly maxWaitMs: number;
  /** Wait for a rate limit that says nothing about how long (GitHub: at least a minute). */
  readonly defaultRateLimitWaitMs: number;
  /** Multiplies every rate-limit wait (tests shrink waits; 1 in production). */
  readonly waitScale: number;
  /** Largest response body accepted, bytes. */
  readonly maxResponseBytes: number;
}

export const DEFAULT_HTTP_TUNING: HttpTuning = {
  concurrency: 4,
  timeoutMs: 30_000,
  retries: 4,
  backoffMs: 1_000,
  maxWaitMs: 15 * 60_000,
  defaultRateLimitWaitMs: 60_000,
  waitScale: 1,
  maxResponseBytes: 64 * 1024 * 1024,
};

export interface HttpStats {
  requests: number;
  retries: number;
  rateLimitWaits: number;
}

/**
 * A request failed for good (after retries), or was refused by the checks here. The message,
 * "GET /api/v1/settings: HTTP 503 after 4 retries", is safe to show.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly method: string,
    /** The URL without query string or credentials. */
    readonly url: string,
    /** What went wrong, without the request: "HTTP 503 after 4 retries". */
    readonly problem: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`${requestLabel(url, method)}: ${problem}`, options);
  }
}

/** How long a response asks us to wait (ms), or undefined when it is not a rate limit. */
export type RateLimitRule = (res: Response, body: string, now: number) => number | undefined;

/** The generic rule: 429, or 503 with Retry-After (seconds or an HTTP date). */
function retryAfterRule(defaultWaitMs: number): RateLimitRule {
  return (res, _body, now) => {
    const after = retryAfterMs(res.headers.get('retry-after'), now);
    if (res.status === 429) return after ?? defaultWaitMs;
    if (res.status === 503 && after !== undefined) return after;
    return undefined;
  };
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface HttpClientOptions {
  /** Names the client in progress lines ("github", "argocd/prod"). */
  readonly label: string;
  /** Prefix for relative paths given to getJson/fetch. */
  readonly baseUrl?: string;
  /** Sent with every request (the collector puts its Authorization header here). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Headers asked for at each attempt, once it holds a concurrency slot (so a request that waited
   * in line or for a retry carries a credential that is current then, e.g. a GitHub App's
   * installation token that renews itself).
   */
  readonly authorize?: () => Promise<Readonly<Record<string, string>>>;
  readonly tuning: HttpTuning;
  readonly progress: Progress;
  /** The run's signal: aborting it cancels requests in flight and waits. */
  readonly signal?: AbortSignal;
  /** Tool-specific rate-limit detection; default: retryAfterRule. */
  readonly rateLimit?: RateLimitRule;
  /** Sees every response (e.g. to read X-OAuth-Scopes). */
  readonly onResponse?: (res: Response) => void;
  readonly now?: () => number;
  /** Counters to add to (a collector may extend them with its own fields); default: a new object. */
  readonly stats?: HttpStats;
  /** Where each request's outcome goes (answered or failed), so the kit knows whether anything was read. */
  readonly answers?: AnswerLog;
  /**
   * Which responses count as the tool answering (default: a 2xx; getJson also needs the JSON body).
   * A probe whose refusals are its evidence (Distribution's 401 to an anonymous pull) widens it.
   */
  readonly isAnswer?: (res: Response) => boolean;
}

export interface JsonResponse {
  readonly status: number;
  /** The URL without query string. */
  readonly url: string;
  /** The parsed body; null when the body is empty or (for a non-2xx) not JSON. */
  readonly json: unknown;
  readonly headers: Headers;
}

export interface HttpClient {
  /** fetch with retries, timeouts, waits and the size cap; the Response body is already read. */
  readonly fetch: typeof fetch;
  /**
   * GET (or `init.method`) a JSON endpoint. Any status comes back once retries are spent on
   * 5xx/timeouts/rate limits; a 2xx that is not JSON is an HttpError naming what came instead.
   */
  getJson(path: string, init?: RequestInit): Promise<JsonResponse>;
  /** The absolute URL for a path, without query string (for messages and evidence). */
  where(path: string): string;
  readonly stats: HttpStats;
  /** Wait (scaled, bounded by maxWaitMs, announced) before spending more of a nearly exhausted budget. */
  pause(ms: number, what: string): Promise<void>;
}

class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

/** The URL without query, fragment or user info: safe in messages and evidence. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url.replace(/[?#].*$/, '').replace(/\/\/[^/@]*@/, '//');
  }
}

/** "GET /api/v1/settings": where a request went, for messages. */
function requestLabel(url: string, method: string): string {
  try {
    return `${method} ${new URL(url).pathname}`;
  } catch {
    return method;
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(t);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One signal that fires when the run is cancelled or the request times out. */
function requestSignal(run: AbortSignal | undefined, timeoutMs: number): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const onAbort = () => controller.abort(run!.reason);
  if (run?.aborted) controller.abort(run.reason);
  else run?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      run?.removeEventListener('abort', onAbort);
    },
  };
}

/** What `authorize` threw, carried past the retry loop's transport-error handling. */
class NotSent {
  constructor(readonly error: unknown) {}
}

const HTML_HINT = ' (an HTML page: a login page or proxy in front of the API?)';

/**
 * Why a 2xx body is not the answer asked for: a JSON content type whose body does not parse, or an
 * HTML page (a proxy's login page) to a request that accepts only JSON. `jsonOnly` (a request that
 * must get JSON) also refuses a non-empty body of any other content type.
 */
export function brokenBody(contentType: string, body: string, accept: string, jsonOnly = false): string | undefined {
  const json = /\bjson\b/i.test(contentType);
  if (json && body.trim() !== '') {
    try {
      JSON.parse(body);
    } catch {
      return 'the body is not valid JSON';
    }
  }
  if (json) return undefined;
  const html = /html/i.test(contentType) || /^\s*<(!doctype|html)/i.test(body);
  const onlyJson = /\bjson\b/i.test(accept) && !/html|\*\/\*/i.test(accept);
  if ((html && onlyJson) || (jsonOnly && body.trim() !== ''))
    return `expected JSON, got ${contentType || 'a body without content type'}${html ? HTML_HINT : ''}`;
  return undefined;
}

/**
 * A body that must be JSON: its value (null when empty, or when an error status came with a body
 * that is not JSON: the status says what went wrong), or, for a 2xx, why it is not the JSON asked
 * for (brokenBody's words) with the parse error as cause.
 */
export function jsonBody(contentType: string, body: string, accept: string, ok: boolean): { json: unknown; broken?: string; cause?: unknown } {
  if (body.trim() === '') return { json: null };
  let json: unknown = null;
  let cause: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    cause = e;
  }
  if (!ok || (cause === undefined && /\bjson\b/i.test(contentType))) return { json: cause === undefined ? json : null };
  return { json: null, broken: brokenBody(contentType, body, accept, true) ?? 'the body is not valid JSON', cause };
}

/** Read a body up to `max` bytes; more is an error (a runaway or hostile endpoint). */
async function readCapped(res: Response, max: number, method: string, url: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    throw new HttpError(method, url, `response of ${declared} bytes is larger than the ${max} allowed`, res.status);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new HttpError(method, url, `response larger than the ${max} bytes allowed`, res.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { tuning, progress, signal } = options;
  const now = options.now ?? Date.now;
  const rateLimit = options.rateLimit ?? retryAfterRule(tuning.defaultRateLimitWaitMs);
  const stats: HttpStats = options.stats ?? { requests: 0, retries: 0, rateLimitWaits: 0 };
  const gate = new Semaphore(Math.max(1, tuning.concurrency));
  const base = options.baseUrl?.replace(/\/+$/, '');
  const absolute = (path: string) => (/^https?:\/\//i.test(path) || !base ? path : `${base}${path.startsWith('/') ? '' : '/'}${path}`);

  const cancelled = (method: string, url: string, cause: unknown) => new HttpError(method, safeUrl(url), 'cancelled: the run ended', undefined, { cause });

  async function waitFor(ms: number, what: string, reason: string, method: string, url: string): Promise<void> {
    if (ms > tuning.maxWaitMs) {
      throw new HttpError(method, safeUrl(url), `rate limited for ${Math.ceil(ms / 1000)} s, more than the ${Math.ceil(tuning.maxWaitMs / 1000)} s allowed`);
    }
    stats.rateLimitWaits++;
    progress(`${options.label}: ${reason} ${what}, waiting ${Math.ceil(ms / 1000)} s`, 'notice');
    await abortableSleep(Math.max(0, ms) * tuning.waitScale, signal);
  }

  // a status, not a notice: backoffs are short, and the last failure is the tool's error
  const retrying = (what: string, ms: number) => progress(`${options.label}: ${what}, retrying in ${+(ms / 1000).toFixed(1)} s`);

  /**
   * The headers `authorize` gives an attempt. Its failure (a GitHub App's token renewal refused)
   * is no transport error: it comes out unchanged, never retried nor wrapped in an HttpError.
   */
  const authorized = async (): Promise<Readonly<Record<string, string>>> => {
    try {
      return await options.authorize!();
    } catch (e) {
      throw new NotSent(e);
    }
  };

  const retryingFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = absolute(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const label = requestLabel(url, method);
    const headers = new Headers(options.headers);
    new Headers(init?.headers).forEach((v, k) => {
      headers.set(k, v);
    });
    let backoff = tuning.backoffMs;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= tuning.retries;
      let res: Response;
      let body: string;
      try {
        ({ res, body } = await gate.run(async () => {
          if (signal?.aborted) throw signal.reason;
          stats.requests++;
          if (options.authorize) for (const [k, v] of Object.entries(await authorized())) headers.set(k, v);
          const rs = requestSignal(signal, tuning.timeoutMs);
          try {
            const r = await fetch(url, { ...init, headers, signal: rs.signal });
            progress(`${options.label}: ${label} ${r.status}`, 'debug');
            options.onResponse?.(r);
            return { res: r, body: await readCapped(r, tuning.maxResponseBytes, method, safeUrl(url)) };
          } finally {
            rs.dispose();
          }
        }));
      } catch (e) {
        if (e instanceof NotSent) throw e.error;
        if (e instanceof HttpError) throw e;
        if (signal?.aborted) throw cancelled(method, url, e);
        const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        const what = timedOut ? `timed out after ${tuning.timeoutMs} ms` : `network error (${e instanceof Error ? e.message : String(e)})`;
        if (last) throw new HttpError(method, safeUrl(url), what, undefined, { cause: e });
        stats.retries++;
        retrying(`${what} on ${label}`, backoff);
        await abortableSleep(backoff, signal).catch((x: unknown) => {
          throw cancelled(method, url, x);
        });
        backoff *= 2;
        continue;
      }
      const wait = rateLimit(res, body, now());
      if (wait !== undefined) {
        if (last) throw new HttpError(method, safeUrl(url), `still rate limited after ${tuning.retries} retries`, res.status);
        stats.retries++;
        await waitFor(wait, label, 'rate limited on', method, url).catch((x: unknown) => {
          throw x instanceof HttpError ? x : cancelled(method, url, x);
        });
        continue;
      }
      if (res.status >= 500) {
        if (last) throw new HttpError(method, safeUrl(url), `HTTP ${res.status} after ${tuning.retries} retries`, res.status);
        stats.retries++;
        retrying(`HTTP ${res.status} on ${label}`, backoff);
        await abortableSleep(backoff, signal).catch((x: unknown) => {
          throw cancelled(method, url, x);
        });
        backoff *= 2;
        continue;
      }
      const nullBody = res.status === 204 || res.status === 304;
      return new Response(nullBody ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
  };

  const isAnswer = options.isAnswer ?? ((res: Response) => res.status >= 200 && res.status < 300);
  /** Why a response is not the tool answering (undefined: it is): its status, or a 2xx body that is not what was asked for. */
  const notAnswer = async (res: Response, accept: string | null): Promise<string | undefined> => {
    if (!isAnswer(res)) return res.status >= 200 && res.status < 300 ? `HTTP ${res.status}, not an answer of the tool's API` : `HTTP ${res.status}`;
    if (!options.isAnswer) return brokenBody(res.headers.get('content-type') ?? '', await res.clone().text(), accept ?? '');
    return undefined;
  };
  /**
   * A request's outcome into the answer log: the response (judged by `problem`), or the HttpError it
   * ended with. Without a log, or once it holds an answer (nothing logged later changes its
   * verdict), the response is not judged: a 2xx body is neither copied nor parsed for nothing.
   */
  const recorded = async <T>(method: string, url: string, request: () => Promise<T>, problem: (r: T) => Promise<[number, string | undefined]>): Promise<T> => {
    const log = options.answers;
    if (!log || log.answered) return request();
    let r: T;
    try {
      r = await request();
    } catch (e) {
      if (e instanceof HttpError && !signal?.aborted)
        log.fail({ endpoint: `${e.method} ${e.url}`, ...(e.status !== undefined ? { status: e.status } : {}), problem: e.problem, cause: e });
      throw e;
    }
    const [status, why] = await problem(r);
    if (why === undefined) log.answer();
    else log.fail({ endpoint: `${method} ${safeUrl(url)}`, status, problem: why });
    return r;
  };

  const answeringFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = absolute(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const accept = new Headers(init?.headers).get('accept') ?? new Headers(options.headers).get('accept');
    return recorded(
      (init?.method ?? 'GET').toUpperCase(),
      url,
      () => retryingFetch(input, init),
      async (res) => [res.status, await notAnswer(res, accept)],
    );
  };

  async function getJson(path: string, init?: RequestInit): Promise<JsonResponse> {
    const url = absolute(path);
    const method = (init?.method ?? 'GET').toUpperCase();
    return recorded(
      method,
      url,
      () => readJson(url, method, init),
      async (r) => [r.response.status, isAnswer(r.response) ? undefined : `HTTP ${r.response.status}`],
    ).then((r) => r.json);
  }

  async function readJson(url: string, method: string, init?: RequestInit): Promise<{ response: Response; json: JsonResponse }> {
    const headers = new Headers({ accept: 'application/json' });
    new Headers(init?.headers).forEach((v, k) => {
      headers.set(k, v);
    });
    const res = await retryingFetch(url, { ...init, headers });
    const body = jsonBody(res.headers.get('content-type') ?? '', await res.text(), headers.get('accept') ?? '', res.status >= 200 && res.status < 300);
    if (body.broken !== undefined)
      throw new HttpError(method, safeUrl(url), body.broken, res.status, body.cause === undefined ? undefined : { cause: body.cause });
    return { response: res, json: { status: res.status, url: safeUrl(url), json: body.json, headers: res.headers } };
  }

  return {
    fetch: answeringFetch as typeof fetch,
    getJson,
    where: (path) => safeUrl(absolute(path)),
    stats,
    pause: (ms, what) =>
      waitFor(ms, what, 'nearly out of', 'POST', base ?? '').catch((x: unknown) => {
        throw x instanceof HttpError ? x : cancelled('POST', base ?? '', x);
      }),
  };
}
