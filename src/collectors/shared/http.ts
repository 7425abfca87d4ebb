/**
 * A small HTTP client for the live modes of the Jenkins and GitLab collectors, over the retrying
 * transport the GitHub collector uses (timeouts, retries of 5xx and timeouts with backoff,
 * announced 429/retry-after waits, bounded concurrency). It adds a response size cap and never
 * puts credentials in a message. It is the seam where the shared collector kit's HTTP layer goes.
 */
import { createTransport, DEFAULT_TUNING, GithubHttpError, type HttpTuning } from '../github/http.js';

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface HttpStats {
  readonly requests: number;
  readonly retries: number;
  readonly rateLimitWaits: number;
}

export interface Http {
  request(method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: string): Promise<HttpResult>;
  stats(): HttpStats;
}

/** The request failed for good (network, timeout, 5xx after retries, too large); the message is safe to show. */
export class HttpFailure extends Error {
  override readonly name = 'HttpFailure';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Largest response body read (bytes); a bigger one is an error, not memory growth. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

export { DEFAULT_TUNING, type HttpTuning };

export function createHttp(tuning: HttpTuning, progress: (m: string) => void, maxBodyBytes = MAX_BODY_BYTES): Http {
  const t = createTransport(tuning, progress);
  return {
    async request(method, url, headers, body) {
      let res: Response;
      try {
        res = await t.fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
      } catch (e) {
        if (e instanceof GithubHttpError) throw new HttpFailure(e.message, e.status, { cause: e });
        throw new HttpFailure(`${method} ${new URL(url).pathname}: ${e instanceof Error ? e.message : String(e)}`, undefined, { cause: e });
      }
      const text = await res.text();
      if (Buffer.byteLength(text, 'utf8') > maxBodyBytes) {
        throw new HttpFailure(`${method} ${new URL(url).pathname}: response larger than ${Math.round(maxBodyBytes / 1024 / 1024)} MB`);
      }
      return { status: res.status, headers: res.headers, text };
    },
    stats: () => ({ requests: t.stats.requests, retries: t.stats.retries, rateLimitWaits: t.stats.rateLimitWaits }),
  };
}
