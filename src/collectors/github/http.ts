/**
 * The HTTP layer under both @octokit/graphql and the few REST calls: one `fetch` that bounds
 * concurrency, times out, retries 5xx and timeouts with backoff, honours GitHub's primary
 * (x-ratelimit-reset) and secondary (retry-after) rate limits, and counts what it did.
 * The token is only ever put in the Authorization header; no message built here contains it.
 */

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
  /** Wait used for a secondary rate limit without retry-after (GitHub says: at least a minute). */
  readonly secondaryDefaultWaitMs: number;
  /** Multiplies every rate-limit wait (tests shrink waits; 1 in production). */
  readonly waitScale: number;
}

export const DEFAULT_TUNING: HttpTuning = {
  concurrency: 4,
  timeoutMs: 30_000,
  retries: 4,
  backoffMs: 1_000,
  maxWaitMs: 15 * 60_000,
  secondaryDefaultWaitMs: 60_000,
  waitScale: 1,
};

export interface HttpStats {
  requests: number;
  retries: number;
  rateLimitWaits: number;
  /** Scopes from X-OAuth-Scopes (classic tokens); null when GitHub sent no such header. */
  scopes: string[] | null;
  scopesSeen: boolean;
}

/** The request failed for good (after retries); message is safe to show. */
export class GithubHttpError extends Error {
  override readonly name = 'GithubHttpError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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

/** Where a request went, without query string (never contains the token). */
function where(url: string, method: string): string {
  try {
    const u = new URL(url);
    return `${method} ${u.pathname}`;
  } catch {
    return method;
  }
}

export interface Transport {
  readonly fetch: typeof fetch;
  readonly stats: HttpStats;
  /** Wait (scaled, bounded by maxWaitMs) before spending more of a nearly exhausted budget. */
  pause(ms: number, what: string): Promise<void>;
}

/**
 * A fetch for GitHub. `progress` gets a line when the collector waits on a rate limit.
 */
export function createTransport(tuning: HttpTuning, progress: (m: string) => void, now: () => number = Date.now): Transport {
  const stats: HttpStats = { requests: 0, retries: 0, rateLimitWaits: 0, scopes: null, scopesSeen: false };
  const gate = new Semaphore(Math.max(1, tuning.concurrency));

  async function waitFor(ms: number, what: string, reason = 'rate limited on'): Promise<void> {
    const wait = Math.max(0, ms) * tuning.waitScale;
    if (ms > tuning.maxWaitMs) {
      throw new GithubHttpError(`${what}: rate limited for ${Math.ceil(ms / 1000)} s, more than the ${Math.ceil(tuning.maxWaitMs / 1000)} s allowed`);
    }
    stats.rateLimitWaits++;
    progress(`github: ${reason} ${what}, waiting ${Math.ceil(ms / 1000)} s`);
    await sleep(wait);
  }

  /** How long GitHub asks us to wait, or undefined when the response is not a rate limit. */
  function rateLimitWait(res: Response, body: string): number | undefined {
    const retryAfter = res.headers.get('retry-after');
    const remaining = res.headers.get('x-ratelimit-remaining');
    const reset = res.headers.get('x-ratelimit-reset');
    const limited =
      res.status === 429 ||
      (res.status === 403 && (retryAfter !== null || remaining === '0' || /rate limit/i.test(body))) ||
      (res.status === 200 && /"type"\s*:\s*"RATE_LIMITED"/.test(body));
    if (!limited) return undefined;
    if (retryAfter !== null && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000; // secondary
    if (remaining === '0' && reset !== null && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now()) + 1000; // primary
    return tuning.secondaryDefaultWaitMs;
  }

  const githubFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const label = where(url, method);
    let backoff = tuning.backoffMs;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= tuning.retries;
      let res: Response;
      let body: string;
      try {
        ({ res, body } = await gate.run(async () => {
          stats.requests++;
          const r = await fetch(url, { ...init, signal: AbortSignal.timeout(tuning.timeoutMs) });
          return { res: r, body: await r.text() };
        }));
      } catch (e) {
        const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        const what = timedOut ? `timed out after ${tuning.timeoutMs} ms` : `network error (${e instanceof Error ? e.message : String(e)})`;
        if (last) throw new GithubHttpError(`${label}: ${what}`, undefined, { cause: e });
        stats.retries++;
        await sleep(backoff);
        backoff *= 2;
        continue;
      }
      if (!stats.scopesSeen) {
        stats.scopesSeen = true;
        const h = res.headers.get('x-oauth-scopes');
        stats.scopes =
          h === null
            ? null
            : h
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean);
      }
      const wait = rateLimitWait(res, body);
      if (wait !== undefined) {
        if (last) throw new GithubHttpError(`${label}: still rate limited after ${tuning.retries} retries`, res.status);
        stats.retries++;
        await waitFor(wait, label);
        continue;
      }
      if (res.status >= 500) {
        if (last) throw new GithubHttpError(`${label}: HTTP ${res.status} after ${tuning.retries} retries`, res.status);
        stats.retries++;
        await sleep(backoff);
        backoff *= 2;
        continue;
      }
      const nullBody = res.status === 204 || res.status === 304;
      return new Response(nullBody ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    }
  };
  return { fetch: githubFetch as typeof fetch, stats, pause: (ms, what) => waitFor(ms, what, 'nearly out of') };
}
