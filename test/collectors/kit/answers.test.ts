/**
 * The kit's rule that a live collection which read nothing is an unreadable tool (answers.ts):
 * the HTTP client records each request's outcome, and nothingRead names the most telling failure.
 * A loopback server answers each path as the test says.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnswerLog } from '../../../src/collectors/kit/answers.js';
import type { CommandRun } from '../../../src/collectors/kit/command.js';
import { createHttpClient, DEFAULT_HTTP_TUNING, HttpError } from '../../../src/collectors/kit/http.js';
import { nothingRead } from '../../../src/collectors/kit/run.js';
import { listenLoopback } from '../../helpers/loopback.js';

let server: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  server = await listenLoopback(
    http.createServer((req, res) => {
      const status = Number(/\/(\d{3})/.exec(req.url ?? '')?.[1] ?? 200);
      if (req.url?.startsWith('/cut')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"a": [');
      else if (req.url?.startsWith('/html')) res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
      else res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok": true}');
    }),
  );
});
afterAll(() => server.close());

function client(answers: AnswerLog, isAnswer?: (res: Response) => boolean) {
  const tuning = { ...DEFAULT_HTTP_TUNING, retries: 0, timeoutMs: 2000 };
  return createHttpClient({ label: 't', baseUrl: server.url, tuning, progress: () => {}, answers, ...(isAnswer ? { isAnswer } : {}) });
}

/** Ask each path, ignoring failures as a collector that gaps them would. */
async function ask(answers: AnswerLog, paths: string[], how: 'getJson' | 'fetch' = 'getJson', isAnswer?: (res: Response) => boolean) {
  const c = client(answers, isAnswer);
  for (const p of paths) await (how === 'getJson' ? c.getJson(p) : c.fetch(p)).catch(() => undefined);
  return answers;
}

describe('the answer log of a live collection', () => {
  it('every request refused or failing: unreadable, naming the first auth refusal and counting the rest', async () => {
    const log = await ask(new AnswerLog(), ['/500/a', '/403/b', '/403/c', '/cut', '/html']);
    const e = nothingRead(log, [], 1000)!;
    expect(e.where).toEqual({ endpoint: `GET ${server.url}/403/b`, status: 403 });
    expect(e.message).toContain('HTTP 403; no request to the API got an answer (all 5 failed: HTTP 500, HTTP 403 ×2, ');
    expect(e.message).toMatch(/HTTP 403 ×2, the body is not valid JSON, expected JSON, got text\/html/);
  });

  it('without an auth refusal the first failure is named; a 2xx with a broken body is no answer', async () => {
    const e = nothingRead(await ask(new AnswerLog(), ['/cut', '/500/x']), [], 1000)!;
    expect(e.where).toEqual({ endpoint: `GET ${server.url}/cut`, status: 200 });
    expect(e.message).toMatch(/^GET .*\/cut: the body is not valid JSON; no request to the API got an answer \(all 2 failed/);
  });

  it('one answer among failures is a partial read: no error (the collector gaps the rest)', async () => {
    expect(nothingRead(await ask(new AnswerLog(), ['/403/a', '/200/b', '/500/c']), [], 1000)).toBeUndefined();
    expect(nothingRead(await ask(new AnswerLog(), ['/404/a', '/204/b'], 'fetch'), [], 1000)).toBeUndefined();
  });

  it('fetch counts a non-2xx as a failure unless the client says it is an answer (a probe whose refusals are its evidence)', async () => {
    expect(nothingRead(await ask(new AnswerLog(), ['/401/a'], 'fetch'), [], 1000)?.message).toMatch(
      /HTTP 401; no request to the API got an answer \(the only request\)/,
    );
    expect(nothingRead(await ask(new AnswerLog(), ['/401/a'], 'fetch', (r) => r.status === 401), [], 1000)).toBeUndefined();
  });

  it('fetch: a 2xx whose JSON body is cut short, or an HTML page to a request for JSON, is no answer', async () => {
    const log = new AnswerLog();
    const c = client(log);
    await c.fetch('/cut');
    await c.fetch('/html', { headers: { accept: 'application/json' } });
    expect(nothingRead(log, [], 1000)?.message).toMatch(
      /\/cut: the body is not valid JSON; .*all 2 failed: the body is not valid JSON, expected JSON, got text\/html/,
    );
    await c.fetch('/html', { headers: { accept: 'text/html' } });
    expect(nothingRead(log, [], 1000)).toBeUndefined();
  });

  it('the unreadable error keeps the error of the failure it names as cause', async () => {
    const e = nothingRead(await ask(new AnswerLog(), ['/500/a', '/cut']), [], 1000)!;
    expect(e.where).toEqual({ endpoint: `GET ${server.url}/500/a`, status: 500 });
    expect(e.cause).toBeInstanceOf(HttpError);
    expect((e.cause as HttpError).status).toBe(500);
  });

  it('the log keeps what it names, not every failure: distinct kinds beyond a few are counted together', () => {
    const log = new AnswerLog();
    for (let i = 0; i < 1000; i++) log.fail({ endpoint: `GET /x/${i}`, problem: `network error (reset ${i})` });
    log.fail({ endpoint: 'GET /y', status: 403, problem: 'HTTP 403' });
    const e = log.unreadable()!;
    expect(e.where).toEqual({ endpoint: 'GET /y', status: 403 });
    expect(e.message).toContain('all 1001 failed: network error (reset 0), ');
    expect(e.message).toMatch(/network error \(reset 7\), 993 others\), so nothing/);
  });

  it('nothing asked is not unreadable (a collector that only read files next to the endpoint)', () => {
    expect(nothingRead(new AnswerLog(), [], 1000)).toBeUndefined();
  });

  const run = (outcome: CommandRun['outcome'], exitCode: number | null): CommandRun => ({
    command: `chronyc -c tracking ${outcome}`,
    outcome,
    exitCode,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    stdout: '',
    stderr: '506 Cannot talk to daemon\n',
    sha256: 'x',
  });

  it('every command of the client failed: unreadable, naming the first; one that ran is a partial read', () => {
    const e = nothingRead(new AnswerLog(), [run('failed', 1), run('timeout', null)], 1000)!;
    expect(e.where).toEqual({ command: 'chronyc -c tracking failed', exitStatus: 1 });
    expect(e.message).toMatch(/exited with status 1: 506 Cannot talk to daemon/);
    expect(nothingRead(new AnswerLog(), [run('failed', 1), run('ok', 0)], 1000)).toBeUndefined();
  });
});

describe('judging 2xx bodies costs a copy and a parse only while the answer log needs it', () => {
  /** How many times a response was copied (the body judged) while `run` ran. */
  async function clones(run: () => Promise<unknown>): Promise<number> {
    const spy = vi.spyOn(Response.prototype, 'clone');
    try {
      await run();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }
  const tuning = { ...DEFAULT_HTTP_TUNING, retries: 0, timeoutMs: 2000 };

  it('without an answer log no body is copied', async () => {
    const c = createHttpClient({ label: 't', baseUrl: server.url, tuning, progress: () => {} });
    expect(await clones(async () => (await c.fetch('/200/a')).json())).toBe(0);
  });

  it('the first answer is judged, the ones after it are not; the log still says the tool was read', async () => {
    const log = new AnswerLog();
    const c = client(log);
    expect(await clones(async () => (await c.fetch('/200/a')).json())).toBe(1);
    expect(log.answered).toBe(true);
    expect(await clones(async () => (await c.fetch('/200/b')).json())).toBe(0);
    expect(await clones(() => c.fetch('/cut'))).toBe(0);
    expect(nothingRead(log, [], 1000)).toBeUndefined();
  });

  it('failures before the first answer are still judged and logged', async () => {
    const log = new AnswerLog();
    const c = client(log);
    expect(await clones(() => c.fetch('/cut'))).toBe(1);
    expect(log.answered).toBe(false);
    expect(nothingRead(log, [], 1000)?.message).toMatch(/the body is not valid JSON/);
  });
});
