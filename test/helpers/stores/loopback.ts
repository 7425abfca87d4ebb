/**
 * A loopback HTTP server for the log-store fakes (on ../loopback.ts's listenLoopback: 127.0.0.1, a
 * random port, open sockets destroyed on close so a hung "timeout" answer cannot keep the test
 * alive) that records every request (method, path, headers, body).
 */
import http from 'node:http';
import { listenLoopback } from '../loopback.js';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Never answer (the client's timeout must fire). */
  readonly hang?: boolean;
}

export interface Loopback {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startLoopback(handle: (req: SeenRequest) => Reply | Promise<Reply>): Promise<Loopback> {
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      Promise.resolve(handle(seen)).then(
        (r) => {
          if (r.hang) return;
          res.writeHead(r.status, r.headers ?? {});
          res.end(r.body ?? '');
        },
        (e: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`fake server error: ${String(e)}`);
        },
      );
    });
  });
  const { url, close } = await listenLoopback(server);
  return { url, requests, close };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
