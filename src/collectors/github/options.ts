import type { LiveContext } from '../types.js';
import type { HttpTuning } from './http.js';
import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

export const DEFAULT_API_URL = 'https://api.github.com';

/** `options:` of a github target, as its schema (below) admits them. */
export interface GithubOptions extends LiveOptions {
  readonly org: string;
  readonly enterprise?: string;
  readonly deployment?: 'cloud' | 'server';
  readonly authentication?: Authentication;
  readonly stream_stores?: Readonly<Record<string, string>>;
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
  required: ['org'],
  properties: {
    org: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,38}$',
      description: 'the organization login (letters, digits, hyphens), e.g. options: {org: acme}',
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
    ...LIVE_OPTION_PROPERTIES,
  },
} as const;

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
  readonly tokenEnv: string;
  readonly tuning: HttpTuning;
  /** options.authentication as given (undefined: detect it). */
  readonly authentication: Authentication | undefined;
  /** options.stream_stores: stream id or type → the store's snapshot id. */
  readonly streamStores: Readonly<Record<string, string>>;
  /** The run's signal: cancels requests and waits when the run ends. */
  readonly signal?: AbortSignal;
}

/** GraphQL URL for a REST base URL, the way @octokit/graphql derives it. */
export function graphqlUrlFor(apiUrl: string): string {
  return /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, '/api/graphql') : `${apiUrl}/graphql`;
}

function isCloud(apiUrl: string): boolean {
  const host = new URL(apiUrl).hostname;
  return host === 'api.github.com' || /^api\.[a-z0-9-]+\.ghe\.com$/.test(host);
}

/** The settings of a target whose options, endpoint and token the kit has already checked. */
export function githubSettings(ctx: LiveContext<GithubOptions, never>): GithubSettings {
  const { options } = ctx;
  return {
    org: options.org,
    enterprise: options.enterprise,
    apiUrl: ctx.endpoint,
    graphqlUrl: graphqlUrlFor(ctx.endpoint),
    cloud: options.deployment === undefined ? isCloud(ctx.endpoint) : options.deployment === 'cloud',
    token: ctx.token ?? '',
    tokenEnv: ctx.target.token_env ?? '',
    tuning: ctx.tuning,
    authentication: options.authentication,
    streamStores: options.stream_stores ?? {},
    signal: ctx.signal,
  };
}
