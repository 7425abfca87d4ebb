/**
 * GitHub's use of the kit's HTTP layer (../kit/http.ts): the same retrying, rate-limit-aware
 * fetch under both @octokit/graphql and the few REST calls, with GitHub's own rate-limit rules
 * (primary: x-ratelimit-remaining 0 and x-ratelimit-reset; secondary: retry-after; a GraphQL
 * RATE_LIMITED error in a 200) and the token's scopes read from X-OAuth-Scopes.
 */
import { createHttpClient, HttpError, type HttpStats as KitStats, type HttpTuning as KitTuning, type Progress } from '../kit/http.js';

export type HttpTuning = KitTuning;

export interface HttpStats extends KitStats {
  /** Scopes from X-OAuth-Scopes (classic tokens); null when GitHub sent no such header. */
  scopes: string[] | null;
  scopesSeen: boolean;
}

/** The request failed for good (after retries); message is safe to show. */
export { HttpError as GithubHttpError };

export interface Transport {
  readonly fetch: typeof fetch;
  readonly stats: HttpStats;
  /** Wait (scaled, bounded by maxWaitMs) before spending more of a nearly exhausted budget. */
  pause(ms: number, what: string): Promise<void>;
}

/** How long GitHub asks us to wait, or undefined when the response is not a rate limit. */
function githubRateLimit(defaultWaitMs: number) {
  return (res: Response, body: string, now: number): number | undefined => {
    const retryAfter = res.headers.get('retry-after');
    const remaining = res.headers.get('x-ratelimit-remaining');
    const reset = res.headers.get('x-ratelimit-reset');
    const limited =
      res.status === 429 ||
      (res.status === 403 && (retryAfter !== null || remaining === '0' || /rate limit/i.test(body))) ||
      (res.status === 200 && /"type"\s*:\s*"RATE_LIMITED"/.test(body));
    if (!limited) return undefined;
    if (retryAfter !== null && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000; // secondary
    if (remaining === '0' && reset !== null && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now) + 1000; // primary
    return defaultWaitMs;
  };
}

/**
 * A fetch for GitHub. `progress` gets a line when the collector waits on a rate limit; `authorize`
 * gives each attempt its Authorization header when it is sent (not when it was queued).
 */
export function createTransport(
  tuning: HttpTuning,
  progress: Progress,
  now: () => number = Date.now,
  signal?: AbortSignal,
  authorize?: () => Promise<Readonly<Record<string, string>>>,
): Transport {
  const stats: HttpStats = { requests: 0, retries: 0, rateLimitWaits: 0, scopes: null, scopesSeen: false };
  const client = createHttpClient({
    label: 'github',
    tuning,
    progress,
    now,
    signal,
    stats,
    rateLimit: githubRateLimit(tuning.defaultRateLimitWaitMs),
    ...(authorize ? { authorize } : {}),
    onResponse: (res) => {
      if (stats.scopesSeen) return;
      stats.scopesSeen = true;
      const h = res.headers.get('x-oauth-scopes');
      stats.scopes =
        h === null
          ? null
          : h
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean);
    },
  });
  return { fetch: client.fetch, stats, pause: client.pause };
}
