/**
 * GitHub App authentication (options.app) against the loopback GitHub, whose App endpoints
 * (GET /orgs/{org}/installation, POST /app/installations/{id}/access_tokens) check the JWT's RS256
 * signature, issuer and expiry as documented; and fine-grained tokens' permission-shaped 403s.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renewingCache } from '../../../src/collectors/github/app-auth.js';
import { acceptedPermission, renewingFetch, requestFailure } from '../../../src/collectors/github/client.js';
import { GithubFatal } from '../../../src/collectors/github/errors.js';
import { GithubHttpError } from '../../../src/collectors/github/http.js';
import { toolError } from '../../../src/collectors/github/index.js';
import type { GithubSettings } from '../../../src/collectors/github/options.js';
import { InputError } from '../../../src/errors.js';
import { collectFrom, FAST, TOKEN } from '../../helpers/github-collect.js';
import { type FakeGithub, generateOrg, startFakeGithub } from '../../helpers/github-server.js';

const APP_ID = 424242;
const INSTALLATION = 77;
/** GitHub issues App keys as PKCS#1 PEM ("BEGIN RSA PRIVATE KEY"). */
const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});
const other = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});

let server: FakeGithub | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

async function start(): Promise<FakeGithub> {
  server = await startFakeGithub({
    orgs: [generateOrg()],
    token: TOKEN,
    scopes: null, // App installation tokens send no X-OAuth-Scopes
    owner: true,
    app: { id: APP_ID, publicKey: keys.publicKey, installationId: INSTALLATION },
  });
  return server;
}

function keyFile(pem: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ar-gh-app-')), 'app.pem');
  writeFileSync(file, pem);
  return file;
}

const appTarget = (app: Record<string, unknown>) => ({ token_env: undefined, options: { org: 'acme', app: { id: APP_ID, ...app } } });
const noEnv = { env: {} };

describe('github collector: GitHub App authentication', () => {
  it('finds the installation, exchanges a JWT for an installation token, and collects; neither key nor token is printed', async () => {
    const s = await start();
    const { collected, progress } = await collectFrom(s, appTarget({ private_key_file: keyFile(keys.privateKey) }), noEnv);
    expect(collected.snapshot.access.member_count).toBe(12);
    const paths = s.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.slice(0, 2)).toEqual(['GET /orgs/acme/installation', `POST /app/installations/${INSTALLATION}/access_tokens`]);
    expect(progress).toContain(`github/acme: authenticating as GitHub App ${APP_ID}`);
    const everything = JSON.stringify(collected) + progress.join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('PRIVATE KEY');
  });

  it('with installation_id it skips the lookup; the key can come from an environment variable', async () => {
    const s = await start();
    vi.stubEnv('AR_TEST_APP_KEY', keys.privateKey);
    await collectFrom(s, appTarget({ private_key_env: 'AR_TEST_APP_KEY', installation_id: INSTALLATION }), noEnv);
    expect(s.requests.filter((r) => r.path === '/orgs/acme/installation')).toHaveLength(0);
    expect(s.requests[0]).toMatchObject({ method: 'POST', path: `/app/installations/${INSTALLATION}/access_tokens`, status: 201 });
  });

  it("a key that is not the app's is a tool error naming the app and the endpoint, never the key", async () => {
    const s = await start();
    const err = await collectFrom(s, appTarget({ private_key_file: keyFile(other.privateKey) }), noEnv).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      new RegExp(`GitHub App ${APP_ID}: GET /orgs/acme/installation: GitHub rejected the JWT: wrong app id, wrong private key.*\\(HTTP 401\\)`),
    );
    expect((err as Error).message).not.toContain('PRIVATE KEY');
  });

  it("an installation id that is not the app's, or text that is no key, is a clear tool error", async () => {
    const s = await start();
    const wrong = await collectFrom(s, appTarget({ private_key_file: keyFile(keys.privateKey), installation_id: 999 }), noEnv).catch((e: Error) => e);
    expect((wrong as Error).message).toContain('POST /app/installations/999/access_tokens: installation 999 does not exist or is not this app');
    const garbage = await collectFrom(s, appTarget({ private_key_file: keyFile('not a key') }), noEnv).catch((e: Error) => e);
    expect((garbage as Error).message).toContain(`GitHub App ${APP_ID}: the private key in `);
    expect((garbage as Error).message).toContain('could not sign a JWT');
  });

  it('config errors stop the run before anything is collected: both or neither credential, no key, a missing key file or variable', async () => {
    const s = await start();
    const file = keyFile(keys.privateKey);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ options: { org: 'acme', app: { id: APP_ID, private_key_file: file } } }, /either token_env or options.app/],
      [{ token_env: undefined }, /token_env must name the environment variable.*or use options.app/],
      [appTarget({}), /exactly one of private_key_file and private_key_env/],
      [appTarget({ private_key_file: file, private_key_env: 'X' }), /exactly one of private_key_file and private_key_env/],
      [appTarget({ private_key_file: 'missing.pem' }), /missing.pem: no such file/],
      [appTarget({ private_key_env: 'AR_TEST_NO_SUCH_KEY' }), /AR_TEST_NO_SUCH_KEY \(the app's private key\) is not set/],
      [appTarget({ id: 'abc', private_key_file: file }), /integer/],
    ];
    for (const [target, message] of cases) {
      const err = await collectFrom(s, target).catch((e: Error) => e);
      expect(err, JSON.stringify(target)).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
    }
    expect(s.requests).toHaveLength(0);
  });
});

describe('github collector: GitHub App installation tokens expire', () => {
  it('a collection longer than a token lives renews it before it expires; every token issued is redacted', async () => {
    // tokens that live 400 ms (GitHub: an hour), 40 ms per request: the collection (about 1.2 s)
    // outlives several; renewed at three quarters of their life
    const ttl = 400;
    server = await startFakeGithub({
      orgs: [generateOrg({ repos: 30 })],
      token: TOKEN,
      scopes: null,
      owner: true,
      latencyMs: 40,
      app: { id: APP_ID, publicKey: keys.publicKey, installationId: INSTALLATION, tokenTtlMs: ttl },
    });
    const started = Date.now();
    const { collected, progress } = await collectFrom(server, appTarget({ private_key_file: keyFile(keys.privateKey), installation_id: INSTALLATION }), {
      ...noEnv,
      tuning: { ...FAST, concurrency: 2 },
    });
    const took = Date.now() - started;
    const exchanges = server.requests.filter((r) => r.path === `/app/installations/${INSTALLATION}/access_tokens`).length;
    expect(took, 'the collection outlives two tokens').toBeGreaterThan(2 * ttl);
    expect(exchanges).toBeGreaterThanOrEqual(Math.floor(took / ttl));
    expect(progress.filter((l) => l.includes(`GitHub App ${APP_ID}: installation token renewed`))).toHaveLength(exchanges - 1);
    // everything was read: no fact is unknown for a rejected token
    const snap = collected.snapshot;
    expect(snap.access.member_count).toBe(12);
    expect(snap.resources!.filter((r) => r.kind === 'repository')).toHaveLength(30);
    expect(JSON.stringify(snap)).not.toMatch(/HTTP 401|Bad credentials/);
    // no request with an expired token was left unanswered: a 401 was asked again with a new token
    const rejected = server.requests.filter((r) => r.status === 401).length;
    expect(server.requests.filter((r) => r.status === 200 || r.status === 201).length).toBe(server.requests.length - rejected);
    const everything = JSON.stringify(collected) + progress.join('\n');
    expect(everything).not.toMatch(/ghs_0{20,}\d+/);
  });

  it('a refused renewal stops the collection at once as an App authentication error: asked once, never retried as a network error', async () => {
    // the first token lives 600 ms; the renewal before it expires is refused (a suspended installation)
    server = await startFakeGithub({
      orgs: [generateOrg({ repos: 30 })],
      token: TOKEN,
      scopes: null,
      owner: true,
      latencyMs: 40,
      app: { id: APP_ID, publicKey: keys.publicKey, installationId: INSTALLATION, tokenTtlMs: 600, refuseAfter: 1 },
    });
    const err = await collectFrom(server, appTarget({ private_key_file: keyFile(keys.privateKey), installation_id: INSTALLATION }), {
      ...noEnv,
      tuning: { ...FAST, concurrency: 1 },
    }).catch((e: Error & { collectionError?: { message: string } }) => e);
    const exchanges = server.requests.filter((r) => r.path === `/app/installations/${INSTALLATION}/access_tokens`);
    expect(exchanges.map((r) => r.status)).toEqual([201, 403]);
    expect((err as Error).message).toContain(`GitHub App ${APP_ID}: POST /app/installations/${INSTALLATION}/access_tokens: GitHub answered HTTP 403;`);
    expect((err as Error).message).not.toContain('(HTTP 403)');
    // the evidence names the request that failed and its status, not the GraphQL endpoint
    expect((err as { collectionError?: unknown }).collectionError).toMatchObject({
      endpoint: `POST ${server.url}/app/installations/${INSTALLATION}/access_tokens`,
      status: 403,
    });
    expect((err as Error).message).not.toMatch(/network error|GraphQL request failed/);
    // kind auth: the tool error says what to fix about the App, not an HTTP failure of the API
    expect((err as Error).message).toContain(`expected GitHub App ${APP_ID} installed on acme with a valid private key`);
  });

  it("a GitHub App's refused renewal under an HTTP error is still the auth problem: the request's failure and the tool error say so", () => {
    const refused = new GithubFatal(`GitHub App ${APP_ID}: POST /app/installations/${INSTALLATION}/access_tokens: GitHub answered HTTP 403`, 'auth');
    // as the kit wrapped it before: a network error around the refusal, itself in @octokit's RequestError
    const wrapped = new GithubHttpError('POST', 'http://127.0.0.1/graphql', `network error (${refused.message})`, undefined, { cause: refused });
    const request = Object.assign(new Error('fetch failed', { cause: wrapped }), { status: 500 });
    const failure = requestFailure(request, () => 'rejected');
    expect(failure).toBe(refused);
    expect(failure.kind).toBe('auth');
    const settings = { org: 'acme', graphqlUrl: 'http://127.0.0.1/graphql', app: { id: APP_ID }, tokenEnv: '' } as unknown as GithubSettings;
    const tool = toolError(new GithubFatal(wrapped.message, 'http', { cause: request }), settings);
    expect(tool.problem).toBe(refused.message);
    expect(tool.expected).toBe(`GitHub App ${APP_ID} installed on acme with a valid private key`);
    expect(tool.cause).toBeInstanceOf(GithubFatal);
  });

  it('renews when GitHub rejects the current token, once per request; a token_env token is not renewed', async () => {
    let current = 'stale';
    const seen: string[] = [];
    // the transport sends the credential's current token, as the real one does at each attempt
    const transport = (async () => {
      seen.push(current);
      return new Response('{}', { status: current === 'fresh' ? 200 : 401 });
    }) as typeof fetch;
    let renewals = 0;
    const app = renewingFetch(transport, {
      current: async () => current,
      renew: async () => {
        renewals++;
        current = 'fresh';
      },
    });
    expect((await app('https://api.example/x')).status).toBe(200);
    expect(seen).toEqual(['stale', 'fresh']);
    expect(renewals).toBe(1);
    current = 'revoked';
    seen.length = 0;
    const fixed = renewingFetch(transport, { current: async () => current });
    expect((await fixed('https://api.example/x')).status).toBe(401);
    expect(seen).toEqual(['revoked']);
  });

  it("the token cache forgets a token 5 minutes before GitHub's expiry (a quarter of a shorter life), on this machine's clock", () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const cache = renewingCache(() => now);
    const entry = (created: string, expires: string) => `ghs_x|${created}|${expires}|all|metadata|`;
    cache.set('77', entry('2026-01-01T12:00:00.000Z', '2026-01-01T13:00:00Z'));
    now += 54 * 60_000;
    expect(cache.get('77')).toMatch(/^ghs_x\|/);
    now += 61_000;
    expect(cache.get('77')).toBe('');
    // GitHub's clock an hour and a half ahead: its expires_at is before our createdAt; the documented hour is assumed
    cache.set('78', entry('2026-01-01T12:55:00.000Z', '2026-01-01T12:30:00Z'));
    expect(cache.get('78')).not.toBe('');
    // a 2-second token is renewed after 1.5 s
    cache.set('79', entry('2026-01-01T12:55:00.000Z', '2026-01-01T12:55:02Z'));
    now += 1400;
    expect(cache.get('79')).not.toBe('');
    now += 200;
    expect(cache.get('79')).toBe('');
  });
});

describe('github collector: fine-grained tokens', () => {
  it('a permission-shaped 403 (X-Accepted-GitHub-Permissions) becomes a gap naming the fine-grained permission, not the classic scope', async () => {
    const org = generateOrg();
    org.fineGrainedDenied = [
      { path: '/installations', permission: 'organization_administration=read' },
      { path: '/actions/runner-groups', permission: 'organization_self_hosted_runners=read; organization_administration=read' },
    ];
    server = await startFakeGithub({ orgs: [org], token: TOKEN, scopes: null, owner: true });
    const snap = (await collectFrom(server)).collected.snapshot;
    const orgResource = snap.resources!.find((r) => r.kind === 'organization')!;
    expect(orgResource.gaps.find((g) => g.fact === 'admin_app_installations')).toMatchObject({
      reason: 'permission_missing',
      permission: 'fine-grained: organization_administration read',
      detail: expect.stringContaining('Resource not accessible by personal access token'),
    });
    expect(orgResource.gaps.find((g) => g.fact === 'open_runner_groups')?.permission).toBe(
      'fine-grained: organization_self_hosted_runners read or organization_administration read',
    );
    // the administrators need the installations: unknown, naming the same permission
    expect(snap.gaps.find((g) => g.fact === 'access.admin_names')?.permission).toBe('fine-grained: organization_administration read');
  });

  it('acceptedPermission reads the documented header: alternatives by ";", joint permissions by ","', () => {
    expect(acceptedPermission('members=read')).toBe('fine-grained: members read');
    expect(acceptedPermission('contents=read,metadata=read; administration=write')).toBe(
      'fine-grained: contents read and metadata read or administration write',
    );
    expect(acceptedPermission('')).toBeUndefined();
    expect(acceptedPermission(null)).toBeUndefined();
  });
});

// The key file is read by the collector, never echoed into a config error either.
it('the example key is PKCS#1, the format GitHub issues', () => {
  expect(readFileSync(keyFile(keys.privateKey), 'utf8')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
});
