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
import { acceptedPermission } from '../../../src/collectors/github/client.js';
import { InputError } from '../../../src/errors.js';
import { collectFrom, TOKEN } from '../../helpers/github-collect.js';
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
