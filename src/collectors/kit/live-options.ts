/**
 * Option properties every live collector may accept, with one meaning everywhere; spread them into
 * a collector's options schema: `properties: { ...LIVE_OPTION_PROPERTIES, org: {...} }`. The kit
 * reads them into the HTTP tuning (ctx.http(), ctx.tuning).
 */
export const LIVE_OPTION_PROPERTIES = {
  concurrency: { type: 'integer', minimum: 1, maximum: 16, description: 'requests in flight at once, 1-16 (default 4)' },
  timeout_ms: { type: 'integer', minimum: 100, maximum: 600_000, description: 'per-request timeout in milliseconds, 100-600000 (default 30000)' },
  retries: { type: 'integer', minimum: 0, maximum: 10, description: 'retries for 5xx, timeouts and rate limits, 0-10 (default 4)' },
} as const;

export interface LiveOptions {
  readonly concurrency?: number;
  readonly timeout_ms?: number;
  readonly retries?: number;
}
