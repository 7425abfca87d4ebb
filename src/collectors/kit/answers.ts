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
}

/** An authentication or authorization refusal says best what to fix. */
const telling = (f: FailedRequest) => f.status === 401 || f.status === 403;

export class AnswerLog {
  private answers = 0;
  private readonly failed: FailedRequest[] = [];

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
    this.failed.push(request);
  }

  /** Whether any request was made. */
  get asked(): boolean {
    return this.answers + this.failed.length > 0;
  }

  /**
   * The error that makes the tool unreadable when requests were made and none was answered,
   * naming the most telling failure (the first 401/403, else the first) and how the others went;
   * undefined when something was read or nothing was asked.
   */
  unreadable(): ToolInputError | undefined {
    if (this.answers > 0 || this.failed.length === 0) return undefined;
    const first = this.failed.find(telling) ?? this.failed[0]!;
    const counts = new Map<string, number>();
    for (const f of this.failed) {
      const key = f.status !== undefined && f.status >= 300 ? `HTTP ${f.status}` : f.problem;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const how = [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
    const n = this.failed.length;
    return new ToolInputError(
      { endpoint: first.endpoint, ...(first.status !== undefined ? { status: first.status } : {}) },
      `${first.problem}; no request to the API got an answer (${n === 1 ? 'the only request' : `all ${n} failed: ${how}`}), so nothing was read from the tool`,
      { expected: "an answer from the tool's API to at least one request: check the endpoint, the token and its permissions" },
    );
  }
}
