import type { LiveContext } from '../types.js';
import type { HttpTuning } from './http.js';
import { LIVE_OPTION_PROPERTIES, type LiveOptions } from '../kit/live-options.js';

export const DEFAULT_API_URL = 'https://api.github.com';

/** `options:` of a github target, as its schema (below) admits them. */
export interface GithubOptions extends LiveOptions {
  readonly org: string;
  readonly enterprise?: string;
  readonly deployment?: 'cloud' | 'server';
}

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
    signal: ctx.signal,
  };
}
