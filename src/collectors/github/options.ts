import type { Credential } from './app-auth.js';
import path from 'node:path';
import type { LiveContext } from '../types.js';
import type { HttpTuning } from './http.js';
import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

export const DEFAULT_API_URL = 'https://api.github.com';

/** `options:` of a github target, as its schema (below) admits them. */
export interface GithubOptions extends LiveOptions {
  readonly org?: string;
  readonly enterprise?: string;
  readonly deployment?: 'cloud' | 'server';
  readonly authentication?: Authentication;
  readonly stream_stores?: Readonly<Record<string, string>>;
  readonly app?: GithubAppOptions;
  /** Internal, set by expansion (never in a config: the schema refuses it): which enumeration this organization belongs to. */
  readonly enterprise_run?: string;
}

/** options.app: authenticate as a GitHub App installation instead of with a token. */
export interface GithubAppOptions {
  readonly id: number;
  readonly private_key_file?: string;
  readonly private_key_env?: string;
  readonly installation_id?: number;
}

/**
 * Who authenticates people, which decides whose second factor counts: GitHub's own accounts and
 * 2FA (`github`: personal accounts on github.com, built-in accounts on GHES; `ldap`: GHES with
 * LDAP, GitHub's 2FA still applies), or an identity provider GitHub's 2FA does not apply to
 * (`emu`: Enterprise Managed Users; `saml`, `cas`: GHES signing in through the IdP).
 */
export const AUTHENTICATIONS = ['github', 'ldap', 'emu', 'saml', 'cas'] as const;
export type Authentication = (typeof AUTHENTICATIONS)[number];

/** JSON Schema of the options: validated at config load, with file:line:col errors. */
export const GITHUB_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    org: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,38}$',
      description:
        'the organization login (letters, digits, hyphens), e.g. options: {org: acme}; without it, options.enterprise reads every organization of the enterprise',
    },
    enterprise: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', description: 'the enterprise slug, for SSO/2FA policy and audit-log streams' },
    deployment: { enum: ['cloud', 'server'], description: '"cloud" (github.com, GHE.com) or "server" (GHES); default from the endpoint' },
    authentication: {
      enum: AUTHENTICATIONS,
      description:
        'who authenticates people: github (GitHub accounts and 2FA), ldap (GHES), emu (Enterprise Managed Users), saml or cas (GHES through an IdP); default: emu when detected, github on github.com, unknown on GHES',
    },
    stream_stores: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' },
      additionalProperties: { type: 'string', pattern: '^[a-z0-9-]+/[A-Za-z0-9._-]+$' },
      description:
        'audit-log stream (its id, or its type such as Splunk) → the log-store target it delivers to (type/name), e.g. {"7": splunk/siem}; AR-XTL-001 follows it',
    },
    app: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: {
        id: { type: 'integer', minimum: 1, description: "the GitHub App's id (App settings > About > App ID)" },
        private_key_file: { type: 'string', minLength: 1, description: "the app's private key (.pem), relative to the config" },
        private_key_env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$', description: 'the environment variable that holds the PEM private key' },
        installation_id: {
          type: 'integer',
          minimum: 1,
          description: 'the installation on the organization (default: found with GET /orgs/{org}/installation)',
        },
      },
      description:
        'authenticate as a GitHub App instead of token_env: {id, private_key_file or private_key_env, installation_id (optional)}; the installation token is never printed',
    },
    ...LIVE_OPTION_PROPERTIES,
  },
} as const;

/**
 * Config checks the schema cannot express: exactly one of token_env and options.app; exactly one
 * of the app's private_key_file and private_key_env, and that it is there.
 */
export function credentialProblem(
  target: { readonly token_env?: string; readonly options?: Readonly<Record<string, unknown>> },
  configDir: string,
  env: Readonly<Record<string, string | undefined>>,
  exists: (file: string) => boolean,
): { at: string; problem: string } | undefined {
  if (!target.options?.org && !target.options?.enterprise) {
    return { at: '/options', problem: 'options.org (one organization) or options.enterprise (every organization of the enterprise) is required' };
  }
  const app = target.options?.app as GithubAppOptions | undefined;
  if (app && !target.options?.org) {
    return { at: '/options/app', problem: 'a GitHub App is installed per organization: with options.app, name options.org (one target per organization)' };
  }
  if (!app)
    return target.token_env
      ? undefined
      : { at: '', problem: 'token_env must name the environment variable that holds the token (or use options.app: GitHub App authentication)' };
  if (target.token_env) return { at: '/token_env', problem: 'use either token_env or options.app (GitHub App authentication), not both' };
  if (Boolean(app.private_key_file) === Boolean(app.private_key_env)) {
    return { at: '/options/app', problem: 'options.app needs exactly one of private_key_file and private_key_env' };
  }
  if (app.private_key_env && !env[app.private_key_env]) {
    return { at: '/options/app/private_key_env', problem: `environment variable ${app.private_key_env} (the app's private key) is not set or empty` };
  }
  if (app.private_key_file && !exists(path.resolve(configDir, app.private_key_file))) {
    return { at: '/options/app/private_key_file', problem: `${app.private_key_file}: no such file (the app's private key, relative to the config)` };
  }
  return undefined;
}

/** What the collector needs from one `type: github` target. */
export interface GithubSettings {
  readonly org: string;
  readonly enterprise: string | undefined;
  /** REST base URL without trailing slash: https://api.github.com or https://HOST/api/v3. */
  readonly apiUrl: string;
  /** Where GraphQL is served: https://api.github.com/graphql or https://HOST/api/graphql. */
  readonly graphqlUrl: string;
  /** github.com / GHE.com (fixed audit-log retention, SaaS clocks) rather than GHES. */
  readonly cloud: boolean;
  readonly token: string;
  /** Where the token comes from, for messages: $VAR, or the GitHub App's installation. */
  readonly tokenEnv: string;
  /** options.app when the collector authenticates as a GitHub App. */
  readonly app: GithubAppOptions | undefined;
  /** Where each request's token comes from (a GitHub App's renews itself); default: `token` as is. */
  readonly credential?: Credential;
  readonly tuning: HttpTuning;
  /** options.authentication as given (undefined: detect it). */
  readonly authentication: Authentication | undefined;
  /** options.stream_stores: stream id or type → the store's snapshot id. */
  readonly streamStores: Readonly<Record<string, string>>;
  /** Set on the organizations of one enumerated enterprise: enterprise-level reads are shared among them. */
  readonly enterpriseRun?: string;
  /** The run's signal: cancels requests and waits when the run ends. */
  readonly signal?: AbortSignal;
}

/** What authenticates, for messages: "the token in $VAR" or "the installation token of GitHub App N". */
export function credentialName(settings: Pick<GithubSettings, 'app' | 'tokenEnv'>): string {
  return settings.app ? `the installation token of GitHub App ${settings.app.id}` : `the token in $${settings.tokenEnv}`;
}

/** GraphQL URL for a REST base URL, the way @octokit/graphql derives it. */
function graphqlUrlFor(apiUrl: string): string {
  return /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, '/api/graphql') : `${apiUrl}/graphql`;
}

export function isCloud(apiUrl: string): boolean {
  const host = new URL(apiUrl).hostname;
  return host === 'api.github.com' || /^api\.[a-z0-9-]+\.ghe\.com$/.test(host);
}

/** The settings of a target whose options, endpoint and token the kit has already checked. */
export function githubSettings(
  ctx: Pick<LiveContext<GithubOptions, never>, 'options' | 'endpoint' | 'token' | 'target' | 'tuning' | 'signal'>,
): GithubSettings {
  const { options } = ctx;
  return {
    org: options.org ?? '',
    ...(options.enterprise_run ? { enterpriseRun: options.enterprise_run } : {}),
    enterprise: options.enterprise,
    apiUrl: ctx.endpoint,
    graphqlUrl: graphqlUrlFor(ctx.endpoint),
    cloud: options.deployment === undefined ? isCloud(ctx.endpoint) : options.deployment === 'cloud',
    token: ctx.token ?? '',
    tokenEnv: ctx.target.token_env ?? '',
    app: options.app,
    tuning: ctx.tuning,
    authentication: options.authentication,
    streamStores: options.stream_stores ?? {},
    signal: ctx.signal,
  };
}
