/**
 * Live mode against the real registry: Debian's docker-registry 2.8 started on 127.0.0.1 by the
 * test with an open (no auth), a silly and an htpasswd config.yml (storage in the temp dir), and
 * stopped by it. The probe's verdicts, the cancelled upload, and the same model from files mode
 * and live mode for one installation. Probe faults (5xx, timeouts) use a loopback server shaped
 * like the registry's HTTP API v2.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConfig, FAST_HTTP, writeTree } from '../../helpers/collect.js';
import { REGISTRY_MISSING, type RunningRegistry, registryBinary, startRegistry } from '../../helpers/docker-registry.js';
import { listenLoopback } from '../../helpers/loopback.js';
import { fixture } from '../../helpers/run.js';

const STORAGE = 'storage:\n  filesystem:\n    rootdirectory: {{DIR}}/data\n  delete:\n    enabled: true\n';
const OPEN = `version: 0.1\nlog:\n  level: warn\n${STORAGE}http:\n  addr: {{ADDR}}\nnotifications:\n  endpoints:\n    - name: siem\n      url: https://siem.example/registry\n      timeout: 1s\n      threshold: 3\n      backoff: 1s\n`;
const SILLY = `version: 0.1\nlog:\n  level: warn\n${STORAGE}http:\n  addr: {{ADDR}}\nauth:\n  silly:\n    realm: silly-realm\n    service: silly-service\n`;
const HTPASSWD = `version: 0.1\nlog:\n  level: warn\n${STORAGE}http:\n  addr: {{ADDR}}\nauth:\n  htpasswd:\n    realm: basic-realm\n    path: {{DIR}}/htpasswd\n`;

const present = registryBinary() !== undefined;
// In CI the binary is installed by .ci/run: a missing one is a failure there, not a skip.
if (!present && process.env.CI) throw new Error(REGISTRY_MISSING);

/** Collect one target in live mode (and optionally files mode) against a running registry. */
async function live(reg: RunningRegistry, files: string[] = [], options: Record<string, unknown> = {}) {
  const config = writeTree({});
  const target = { type: 'distribution', name: 'r', endpoint: reg.url, ...(files.length ? { files: files.map((f) => path.join(reg.dir, f)) } : {}), options };
  writeFileSync(config, `targets:\n  - ${JSON.stringify(target)}\n`);
  const [t] = (await collectConfig(config)).tools;
  return t!;
}

describe.skipIf(!present)(`the real registry (${present ? 'docker-registry' : REGISTRY_MISSING})`, () => {
  const running: Record<string, RunningRegistry> = {};
  beforeAll(async () => {
    const htpasswd = readFileSync(fixture('distribution', 'htpasswd', 'htpasswd'), 'utf8');
    const [open, silly, basic] = await Promise.all([startRegistry(OPEN), startRegistry(SILLY), startRegistry(HTPASSWD, { htpasswd })]);
    Object.assign(running, { open, silly, basic });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(Object.values(running).map((r) => r.stop()));
  });

  it('no auth: anonymous pull and push are accepted, and the upload the probe started is cancelled', async () => {
    const t = await live(running.open!);
    expect(t.error).toBeUndefined();
    const s = t.snapshot;
    expect(s.identity.anonymous_access).toBe(true);
    const steps = s.source.details!.probe as { request: string; sent: string; status: number; outcome: string; note?: string }[];
    const upload = steps.find((x) => x.request.startsWith('POST') && x.sent === 'no Authorization header')!;
    expect(upload).toMatchObject({ status: 202, outcome: 'accepted', note: 'the upload was cancelled at once (DELETE)' });
    expect(steps.find((x) => x.request.includes('/manifests/') && x.sent === 'no Authorization header')).toMatchObject({ status: 404, outcome: 'accepted' });
    // the uploads are gone: no data and no start time left (the registry keeps only hash states until upload purging)
    const uploads = path.join(running.open!.dir, 'data/docker/registry/v2/repositories/auditready-probe/anonymous/_uploads');
    const left = (existsSync(uploads) ? readdirSync(uploads) : []).flatMap((id) => readdirSync(path.join(uploads, id)));
    expect(left.filter((f) => f !== 'hashstates')).toEqual([]);
    // without the config, only the probe's fact is known
    expect(s.gaps.find((g) => g.fact === 'identity.sso_enforced')!.detail).toMatch(/config\.yml was not given/);
  }, 60_000);

  it('silly: a request without credentials is challenged (401), but a made-up bearer token is accepted: anonymous', async () => {
    const t = await live(running.silly!);
    const steps = t.snapshot.source.details!.probe as { request: string; sent: string; status: number }[];
    expect(steps.filter((x) => x.sent === 'no Authorization header').map((x) => x.status)).toEqual([401, 401, 401, 401]);
    expect(t.snapshot.identity.anonymous_access).toBe(true);
    expect(t.snapshot.provenance!['identity.anonymous_access']![0]!.endpoint).toMatch(/a made-up bearer token: HTTP 200/);
  }, 60_000);

  it('htpasswd: every probe is refused (401) while a real user is let in; files and live mode give the same model', async () => {
    const reg = running.basic!;
    const auth = `Basic ${Buffer.from('alice:probe-password-1').toString('base64')}`;
    const ok = await fetch(`${reg.url}/v2/_catalog`, { headers: { authorization: auth } });
    expect(ok.status).toBe(200);
    const t = await live(reg, ['config.yml', 'htpasswd']);
    expect(t.error).toBeUndefined();
    const steps = t.snapshot.source.details!.probe as { status: number; outcome: string }[];
    expect(steps.every((x) => x.status === 401 && x.outcome === 'refused')).toBe(true);
    expect(t.snapshot.identity).toMatchObject({ anonymous_access: false, local_accounts: ['alice', 'ci-push'] });

    const filesOnly = writeTree({});
    writeFileSync(filesOnly, `targets:\n  - ${JSON.stringify({ type: 'distribution', name: 'r', files: [reg.configPath, path.join(reg.dir, 'htpasswd')] })}\n`);
    const [f] = (await collectConfig(filesOnly)).tools;
    const facts = (s: typeof t.snapshot) => ({ identity: s.identity, access: s.access, audit_log: s.audit_log, time: s.time, gaps: s.gaps });
    expect(facts(t.snapshot)).toEqual(facts(f!.snapshot));
  }, 60_000);

  it('a letsencrypt block without cachefile: the registry serves plain HTTP, and the collector says so', async () => {
    // the registry starts its ACME client only with a cachefile; without one it listens in clear
    const letsencrypt = HTPASSWD.replace(
      'http:\n  addr: {{ADDR}}\n',
      'http:\n  addr: {{ADDR}}\n  tls:\n    letsencrypt:\n      email: ops@example.com\n      hosts: [registry.example.com]\n',
    );
    const reg = await startRegistry(letsencrypt, { htpasswd: readFileSync(fixture('distribution', 'htpasswd', 'htpasswd'), 'utf8') });
    try {
      expect((await fetch(`${reg.url}/v2/`)).status).toBe(401); // answered over plain HTTP (http://)
      const t = await live(reg, ['config.yml', 'htpasswd']);
      expect(t.error).toBeUndefined();
      expect(t.snapshot.source.details).toMatchObject({ tls: false, warnings: expect.arrayContaining([expect.stringMatching(/^htpasswd without http\.tls/)]) });
    } finally {
      await reg.stop();
    }
  }, 60_000);
});

describe('probe faults (a loopback server shaped like the registry HTTP API v2)', () => {
  let server: { url: string; close: () => Promise<void> };
  let mode: 'error' | 'hang' | 'refuse' | 'proxy' = 'refuse';
  beforeAll(async () => {
    server = await listenLoopback(
      http.createServer((req, res) => {
        if (mode === 'hang') return; // never answers: the client's timeout ends it
        if (mode === 'proxy') {
          // a proxy in front of the registry refusing everything: no registry header, no challenge
          res.writeHead(403, { 'content-type': 'text/html' }).end('<html><body>Forbidden</body></html>');
          return;
        }
        if (mode === 'error') {
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAVAILABLE","message":"service unavailable"}]}');
          return;
        }
        res
          .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="https://auth.example/token",service="registry"' })
          .end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required', detail: req.url }] }));
      }),
    );
  });
  afterAll(() => server.close());

  const target = () => {
    const config = writeTree({});
    return { config, text: `targets:\n  - ${JSON.stringify({ type: 'distribution', name: 'r', endpoint: server.url })}\n` };
  };

  it.each([
    ['error', /\/v2\/: HTTP 503 after 2 retries; no request to the API got an answer \(all 8 failed: HTTP 503 ×8\)/],
    ['hang', /\/v2\/: timed out after 300 ms; no request to the API got an answer/],
    ['proxy', /\/v2\/: HTTP 403; no request to the API got an answer \(all 8 failed: HTTP 403 ×8\)/],
  ] as const)(
    '%s on every probe: the registry is unreadable (a collection error naming the first failure), never refused',
    async (m, why) => {
      mode = m;
      const { config, text } = target();
      writeFileSync(config, text);
      const [t] = (await collectConfig(config, { httpTuning: { ...FAST_HTTP, ...(m === 'hang' ? { timeoutMs: 300, retries: 0 } : {}) } })).tools;
      expect(t!.error?.message).toMatch(why);
      expect(t!.error?.endpoint).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/v2\/$/);
      expect(t!.snapshot.identity.anonymous_access).toBeNull();
      expect(t!.snapshot.source.details?.collection_error).toBe(t!.error?.message);
    },
    30_000,
  );

  it('a token-protected registry that refuses every probe: anonymous access is false, from the probe alone', async () => {
    mode = 'refuse';
    const { config, text } = target();
    writeFileSync(config, text);
    const [t] = (await collectConfig(config)).tools;
    expect(t!.snapshot.identity.anonymous_access).toBe(false);
    expect(t!.snapshot.provenance!['identity.anonymous_access']!.map((s) => s.endpoint).join(' ')).toMatch(
      /POST \/v2\/auditready-probe\/anonymous\/blobs\/uploads\/: HTTP 401/,
    );
  });
});
