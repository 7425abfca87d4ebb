/**
 * GET requests to the Kubernetes API over node:https, because the credentials a kubeconfig gives
 * (a cluster CA, client certificates) are TLS options that the global fetch cannot take on
 * Node 20. Every request has a timeout and a response size cap; 5xx, 429 and network errors are
 * retried with backoff (429 after its Retry-After). The bearer token goes only into the
 * Authorization header; no message built here contains it.
 */
import http from 'node:http';
import https from 'node:https';

interface TlsCredentials {
  readonly ca?: string | Buffer;
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** false only when the kubeconfig says insecure-skip-tls-verify: true. */
  readonly rejectUnauthorized: boolean;
  readonly servername?: string;
}

export interface Credentials extends TlsCredentials {
  /** Headers that authenticate (Authorization: Bearer ...), never logged. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface HttpTuning {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  /** Longest Retry-After honoured, milliseconds. */
  readonly maxWaitMs: number;
  readonly maxBytes: number;
}

export interface Response {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** The Retry-After header, when there is one. */
  readonly retryAfter?: string;
}

export interface HttpStats {
  requests: number;
  retries: number;
}

/** The request failed for good (network, timeout, size, or still 5xx after retries). */
export class KubeHttpError extends Error {
  override readonly name = 'KubeHttpError';
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A wait that ends early, rejecting, when the run is cancelled. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new KubeHttpError('cancelled: the run ended'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(t);
      reject(new KubeHttpError('cancelled: the run ended'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function once(url: URL, creds: Credentials, tuning: HttpTuning, signal?: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new KubeHttpError('cancelled: the run ended'));
    const lib = url.protocol === 'http:' ? http : https;
    const req = lib.request(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'auditready', ...creds.headers },
        ...(url.protocol === 'https:'
          ? {
              ...(creds.ca ? { ca: creds.ca } : {}),
              ...(creds.cert ? { cert: creds.cert } : {}),
              ...(creds.key ? { key: creds.key } : {}),
              ...(creds.servername ? { servername: creds.servername } : {}),
              rejectUnauthorized: creds.rejectUnauthorized,
            }
          : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > tuning.maxBytes) {
            req.destroy(new KubeHttpError(`response larger than ${tuning.maxBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          const ra = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            ...(typeof ra === 'string' ? { retryAfter: ra } : {}),
          });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(tuning.timeoutMs, () => req.destroy(new KubeHttpError(`timed out after ${tuning.timeoutMs} ms`)));
    const onAbort = () => req.destroy(new KubeHttpError('cancelled: the run ended'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('close', () => signal?.removeEventListener('abort', onAbort));
    req.on('error', reject);
    req.end();
  });
}

/** GET with retries; messages name the method and path, never the query or a header. */
export async function get(
  url: URL,
  creds: Credentials,
  tuning: HttpTuning,
  stats: HttpStats,
  signal?: AbortSignal,
  notice?: (message: string) => void,
): Promise<Response> {
  const what = `GET ${url.pathname}`;
  let backoff = tuning.backoffMs;
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= tuning.retries;
    let res: Response;
    try {
      stats.requests++;
      res = await once(url, creds, tuning, signal);
    } catch (e) {
      const why = e instanceof KubeHttpError ? e.message : `network error (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
      const final = e instanceof KubeHttpError && (why.startsWith('response larger') || why.startsWith('cancelled'));
      if (last || final) throw new KubeHttpError(`${what}: ${why}`, undefined, { cause: e });
      stats.retries++;
      await sleep(backoff, signal);
      backoff *= 2;
      continue;
    }
    if (res.status === 429 || res.status >= 500) {
      if (last) throw new KubeHttpError(`${what}: HTTP ${res.status} after ${tuning.retries} retries`, res.status);
      stats.retries++;
      const wait = res.status === 429 ? retryAfter(res, tuning, backoff) : backoff;
      if (res.status === 429) notice?.(`${what}: rate limited (HTTP 429), waiting ${Math.ceil(wait / 1000)} s`);
      await sleep(wait, signal);
      backoff *= 2;
      continue;
    }
    return res;
  }
}

function retryAfter(res: Response, tuning: HttpTuning, fallback: number): number {
  if (res.retryAfter && /^\d+$/.test(res.retryAfter)) return Math.min(Number(res.retryAfter) * 1000, tuning.maxWaitMs);
  // the body of a 429 from kube-apiserver is a Status with details.retryAfterSeconds
  try {
    const s = JSON.parse(res.body) as { details?: { retryAfterSeconds?: number } };
    const secs = s.details?.retryAfterSeconds;
    if (typeof secs === 'number' && secs >= 0) return Math.min(secs * 1000, tuning.maxWaitMs);
  } catch {
    // not JSON: use the backoff
  }
  return fallback;
}
