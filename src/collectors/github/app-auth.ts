/**
 * GitHub App authentication (options.app): the app's private key signs a JWT (@octokit/auth-app),
 * which finds the organization's installation (GET /orgs/{org}/installation) unless
 * options.app.installation_id names it, and is exchanged for an installation token
 * (POST /app/installations/{id}/access_tokens) that the collection then uses like a token. An
 * installation token lasts an hour: a longer collection gets a new one before it expires (and
 * when GitHub rejects one), through @octokit/auth-app's cache. Neither the key nor a token is ever
 * printed: errors name the app, the endpoint and the status only.
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

/** What a collection authenticates with: the token to send now, and (an App's) a new one when GitHub rejects it. */
export interface Credential {
  /** The token for the next request: a token_env token as is, an App's installation token renewed before it expires. */
  current(): Promise<string>;
  /** Get a new token after GitHub answered 401 to the current one; undefined when the token cannot be renewed (token_env). */
  readonly renew?: () => Promise<void>;
}

/** GitHub documents installation tokens as valid for one hour. */
const TOKEN_LIFETIME_MS = 3600_000;
/** Renew a token when this much of its life is left, or a quarter of its life when that is less. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * @octokit/auth-app's token cache (its `cache` option), forgetting a token when little of its
 * life is left, so that the next auth() call exchanges a new JWT for a new token (auth-app's own
 * cache keeps a token 59 minutes whatever GitHub's expires_at says). The life is measured on this
 * machine's clock from when the token was stored, so a skewed clock does not renew it on every call.
 */
export function renewingCache(now: () => number = Date.now): { get(key: string): string; set(key: string, value: string): void } {
  const entries = new Map<string, { value: string; renewAt: number }>();
  return {
    get(key) {
      // '' is auth-app's "not cached": it exchanges a new JWT for a new token.
      const e = entries.get(key);
      return e && now() < e.renewAt ? e.value : '';
    },
    set(key, value) {
      // auth-app stores "token|createdAt|expiresAt|...": createdAt from this machine, expiresAt from GitHub.
      const [, createdAt, expiresAt] = value.split('|');
      const said = Date.parse(expiresAt ?? '') - Date.parse(createdAt ?? '');
      const lifetime = Number.isFinite(said) && said > 0 ? said : TOKEN_LIFETIME_MS;
      entries.set(key, { value, renewAt: now() + lifetime - Math.min(RENEW_BEFORE_MS, lifetime / 4) });
    },
  };
}

/**
 * The organization's installation as a Credential. The installation is found and the first token
 * obtained here (a failure is a collection-stopping error naming what failed); later tokens come
 * from @octokit/auth-app when the cached one nears its expiry, or when GitHub rejects it. `onToken`
 * gets every token issued (the run redacts each one).
 */
export async function appCredential(
  settings: GithubSettings,
  app: GithubAppOptions,
  privateKey: string,
  run: { readonly progress: Progress; readonly label: string; readonly onToken: (token: string) => void },
): Promise<Credential> {
  const { progress, label, onToken } = run;
  const transport = createTransport(settings.tuning, progress, Date.now, settings.signal);
  const req = request.defaults({
    baseUrl: settings.apiUrl,
    headers: { 'user-agent': 'auditready', 'x-github-api-version': '2022-11-28' },
    request: { fetch: transport.fetch },
  });
  // @octokit/auth-app (and its JWT signing) loads only here, for a GitHub App (scripts/bundle.mjs: a file of its own)
  const { createAppAuth } = await import('@octokit/auth-app');
  const auth = createAppAuth({ appId: app.id, privateKey, request: req, cache: renewingCache() });
  let installationId = app.installation_id;
  try {
    if (installationId === undefined) {
      const jwt = (await auth({ type: 'app' })).token;
      const res = await req('GET /orgs/{org}/installation', { org: settings.org, headers: { authorization: `bearer ${jwt}` } });
      installationId = (res.data as { id: number }).id;
    }
  } catch (e) {
    throw authFailure(e, app, settings, `GET /orgs/${settings.org}/installation`, undefined);
  }
  const id = installationId;
  let last = '';
  let renewing: Promise<string> | undefined;
  const token = async (refresh: boolean): Promise<string> => {
    let issued: string;
    try {
      issued = (await auth({ type: 'installation', installationId: id, ...(refresh ? { refresh: true } : {}) })).token;
    } catch (e) {
      throw authFailure(e, app, settings, `POST /app/installations/${id}/access_tokens`, id);
    }
    if (issued !== last) {
      if (last) progress(`${label}: GitHub App ${app.id}: installation token renewed`);
      last = issued;
      onToken(issued);
    }
    return issued;
  };
  await token(false);
  return {
    current: () => token(false),
    // Requests rejected together share one renewal.
    renew: async () => {
      renewing ??= token(true).finally(() => {
        renewing = undefined;
      });
      await renewing;
    },
  };
}

/** Why a step of App authentication failed, as a collection-stopping error (the key's text is never repeated). */
function authFailure(e: unknown, app: GithubAppOptions, settings: GithubSettings, step: string, installationId: number | undefined): GithubFatal {
  if (e instanceof GithubFatal) return e;
  const who = `GitHub App ${app.id}`;
  const status = statusOf(e);
  const [method, path] = step.split(' ');
  const endpoint = `${method} ${settings.apiUrl}${path}`;
  if (status === undefined) {
    // Not an HTTP answer: the key could not sign, or the transport failed.
    const transportError = e instanceof Error && /ECONNREFUSED|timed out|fetch failed|aborted/i.test(e.message);
    return new GithubFatal(
      transportError
        ? `${who}: ${step} failed (${(e as Error).message})`
        : `${who}: the private key in ${keySource(app)} could not sign a JWT (expected a PEM RSA private key, as GitHub issues it)`,
      transportError ? 'http' : 'auth',
      { cause: e, ...(transportError ? { where: { endpoint } } : {}) },
    );
  }
  const why =
    status === 401
      ? 'GitHub rejected the JWT: wrong app id, wrong private key, or a clock more than a minute off'
      : status === 404 && installationId === undefined
        ? `the app is not installed on organization ${settings.org}`
        : status === 404
          ? `installation ${installationId} does not exist or is not this app's`
          : undefined;
  return new GithubFatal(`${who}: ${step}: ${why ? `${why} (HTTP ${status})` : `GitHub answered HTTP ${status}`}`, 'auth', {
    cause: e,
    where: { endpoint, status },
  });
}
