/**
 * GitHub App authentication (options.app): the app's private key signs a JWT (@octokit/auth-app),
 * which finds the organization's installation (GET /orgs/{org}/installation) unless
 * options.app.installation_id names it, and is exchanged for an installation token
 * (POST /app/installations/{id}/access_tokens) that the collection then uses like a token. Neither
 * the key nor the token is ever printed: errors name the app, the endpoint and the status only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request } from '@octokit/request';
import { ToolInputError } from '../../errors.js';
import type { Progress } from '../kit/http.js';
import { GithubFatal } from './errors.js';
import { createTransport } from './http.js';
import type { GithubAppOptions, GithubSettings } from './options.js';

/** Where the private key comes from, as the config says it (for messages). */
function keySource(app: GithubAppOptions): string {
  return app.private_key_env ? `$${app.private_key_env}` : `${app.private_key_file}`;
}

/** The PEM private key from options.app: the file (relative to the config) or the environment variable. */
export function readPrivateKey(app: GithubAppOptions, configDir: string, env: Readonly<Record<string, string | undefined>>): string {
  if (app.private_key_env) return env[app.private_key_env] ?? '';
  const file = path.resolve(configDir, app.private_key_file ?? '');
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ToolInputError({ file }, `the GitHub App's private key could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
  }
}

/** A status from what @octokit/request threw (RequestError), if any. */
const statusOf = (e: unknown): number | undefined => (e as { status?: number }).status;

/** The installation token for the organization, or a collection-stopping error that names what failed. */
export async function installationToken(settings: GithubSettings, app: GithubAppOptions, privateKey: string, progress: Progress): Promise<string> {
  const transport = createTransport(settings.tuning, progress, Date.now, settings.signal);
  const req = request.defaults({
    baseUrl: settings.apiUrl,
    headers: { 'user-agent': 'auditready', 'x-github-api-version': '2022-11-28' },
    request: { fetch: transport.fetch },
  });
  const who = `GitHub App ${app.id}`;
  // @octokit/auth-app (and its JWT signing) loads only here, for a GitHub App (scripts/bundle.mjs: a file of its own)
  const { createAppAuth } = await import('@octokit/auth-app');
  const auth = createAppAuth({ appId: app.id, privateKey, request: req });
  let installationId = app.installation_id;
  let step = `GET /orgs/${settings.org}/installation`;
  try {
    if (installationId === undefined) {
      const jwt = (await auth({ type: 'app' })).token;
      const res = await req('GET /orgs/{org}/installation', { org: settings.org, headers: { authorization: `bearer ${jwt}` } });
      installationId = (res.data as { id: number }).id;
    }
    step = `POST /app/installations/${installationId}/access_tokens`;
    const { token } = await auth({ type: 'installation', installationId });
    return token;
  } catch (e) {
    const status = statusOf(e);
    if (status === undefined) {
      // Not an HTTP answer: the key could not sign (its text is never repeated here), or the transport failed.
      const transportError = e instanceof Error && /ECONNREFUSED|timed out|fetch failed|aborted/i.test(e.message);
      throw new GithubFatal(
        transportError
          ? `${who}: ${step} failed (${(e as Error).message})`
          : `${who}: the private key in ${keySource(app)} could not sign a JWT (expected a PEM RSA private key, as GitHub issues it)`,
        transportError ? 'http' : 'auth',
        { cause: e },
      );
    }
    const why =
      status === 401
        ? 'GitHub rejected the JWT: wrong app id, wrong private key, or a clock more than a minute off'
        : status === 404 && installationId === undefined
          ? `the app is not installed on organization ${settings.org}`
          : status === 404
            ? `installation ${installationId} does not exist or is not this app's`
            : `GitHub answered HTTP ${status}`;
    throw new GithubFatal(`${who}: ${step}: ${why} (HTTP ${status})`, 'auth', { cause: e });
  }
}
