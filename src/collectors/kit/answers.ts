/**
 * Whether a live collection read anything at all. Collectors turn a failed request into a gap
 * (a 403 on one optional endpoint is a missing permission, not an unreadable tool), so a server
 * that fails every request (wrong token, a proxy's 500 or login page, a truncated body) would
 * leave a snapshot of gaps beside the facts that are documented constants of the product, and
 * those would pass on a tool from which nothing was read. The kit keeps one log per target of
 * every request its HTTP clients (and commands) made: when none got an answer, the tool is
 * unreadable (run.ts throws the ToolInputError this builds) and the fail-closed rule
 * (src/report/fail-closed.ts) makes every finding on it unknown. One answer is enough: a partial
 * failure stays the collector's gaps.
 */
import { ToolInputError } from '../../errors.js';

/** One request that got no answer: where it went and what came instead. */
export interface FailedRequest {
  /** "GET http://host/api/v2.0/systeminfo": the URL without query string or credentials. */
  readonly endpoint: string;
  readonly status?: number;
  /** "HTTP 403", "HTTP 500 after 4 retries", "the body is not valid JSON". */
  readonly problem: string;
  /** The error the request ended with, when it threw one: the unreadable tool's error keeps it as cause. */
  readonly cause?: unknown;
}

/** Distinct kinds of failure counted by name; the rest are counted together (the log stays bounded). */
const KINDS = 8;

/** An authentication or authorization refusal says best what to fix. */
const telling = (f: FailedRequest) => f.status === 401 || f.status === 403;

export class AnswerLog {
  private answers = 0;
  /** Only what unreadable() names: the first failure, the first 401/403, and how many of each kind. */
  private failures = 0;
  private first: FailedRequest | undefined;
  private firstRefusal: FailedRequest | undefined;
  private readonly counts = new Map<string, number>();
  private others = 0;

  /** A response the collector could read (by default a 2xx with the body it expected). */
  answer(): void {
    this.answers++;
  }

  /**
   * Whether a request got an answer. Then nothing logged afterwards changes the verdict (one
   * answer makes the tool readable): a client may stop judging and logging.
   */
  get answered(): boolean {
    return this.answers > 0;
  }

  fail(request: FailedRequest): void {
    this.failures++;
    this.first ??= request;
    if (telling(request)) this.firstRefusal ??= request;
    const key = request.status !== undefined && request.status >= 300 ? `HTTP ${request.status}` : request.problem;
    if (this.counts.has(key) || this.counts.size < KINDS) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    else this.others++;
  }

  /** Whether any request was made. */
  get asked(): boolean {
    return this.answers + this.failures > 0;
  }

  /**
   * The error that makes the tool unreadable when requests were made and none was answered,
   * naming the most telling failure (the first 401/403, else the first) and how the others went;
   * undefined when something was read or nothing was asked.
   */
  unreadable(): ToolInputError | undefined {
    if (this.answers > 0 || !this.first) return undefined;
    const named = this.firstRefusal ?? this.first;
    const kinds = [...this.counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k));
    if (this.others > 0) kinds.push(`${this.others} other${this.others > 1 ? 's' : ''}`);
    const n = this.failures;
    return new ToolInputError(
      { endpoint: named.endpoint, ...(named.status !== undefined ? { status: named.status } : {}) },
      `${named.problem}; no request to the API got an answer (${n === 1 ? 'the only request' : `all ${n} failed: ${kinds.join(', ')}`}), so nothing was read from the tool`,
      {
        expected: "an answer from the tool's API to at least one request: check the endpoint, the token and its permissions",
        ...(named.cause !== undefined ? { cause: named.cause } : {}),
      },
    );
  }
}
