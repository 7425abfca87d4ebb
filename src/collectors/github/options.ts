import { InputError } from '../../errors.js';
import type { CollectContext } from '../types.js';
import { DEFAULT_TUNING, type HttpTuning } from './http.js';

export const DEFAULT_API_URL = 'https://api.github.com';

/** What the collector needs from one `type: github` target, validated. */
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
}

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const KNOWN_OPTIONS = new Set(['org', 'enterprise', 'deployment', 'concurrency', 'timeout_ms', 'retries']);

/** GraphQL URL for a REST base URL, the way @octokit/graphql derives it. */
export function graphqlUrlFor(apiUrl: string): string {
  return /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, '/api/graphql') : `${apiUrl}/graphql`;
}

export function isCloud(apiUrl: string): boolean {
  const host = new URL(apiUrl).hostname;
  return host === 'api.github.com' || /^api\.[a-z0-9-]+\.ghe\.com$/.test(host);
}

/** Read and check target options; every problem is an InputError at the config line. */
export function githubSettings(ctx: CollectContext, tuningOverride: Partial<HttpTuning> = {}): GithubSettings {
  const { target } = ctx;
  const at = (suffix: string) => {
    const { line, col } = ctx.configSource.locate(`${target.pointer}${suffix}`);
    return { file: ctx.configFile, line, col };
  };
  const options = (target.options ?? {}) as Record<string, unknown>;
  const where = target.options ? '/options' : '';
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw new InputError(at(`/options/${key}`), `github target ${target.name}: unknown option "${key}" (known: ${[...KNOWN_OPTIONS].join(', ')})`);
    }
  }
  const org = options.org;
  if (typeof org !== 'string' || !LOGIN.test(org)) {
    throw new InputError(
      at(org === undefined ? where : '/options/org'),
      `github target ${target.name}: options.org must be the organization login (letters, digits, hyphens), e.g. options: {org: acme}`,
    );
  }
  const enterprise = options.enterprise;
  if (enterprise !== undefined && (typeof enterprise !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(enterprise))) {
    throw new InputError(at('/options/enterprise'), `github target ${target.name}: options.enterprise must be the enterprise slug`);
  }
  const deployment = options.deployment;
  if (deployment !== undefined && deployment !== 'cloud' && deployment !== 'server') {
    throw new InputError(
      at('/options/deployment'),
      `github target ${target.name}: options.deployment must be "cloud" (github.com, GHE.com) or "server" (GHES)`,
    );
  }
  const int = (key: string, min: number, max: number): number | undefined => {
    const v = options[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new InputError(at(`/options/${key}`), `github target ${target.name}: options.${key} must be an integer from ${min} to ${max}`);
    }
    return v;
  };
  const concurrency = int('concurrency', 1, 16);
  const timeoutMs = int('timeout_ms', 100, 600_000);
  const retries = int('retries', 0, 10);

  const raw = (target.endpoint ?? DEFAULT_API_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(raw);
  } catch (e) {
    throw new InputError(at('/endpoint'), `github target ${target.name}: endpoint is not a URL`, { cause: e });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'))) {
    throw new InputError(at('/endpoint'), `github target ${target.name}: endpoint must be https (GHES: https://HOST/api/v3)`);
  }
  if (url.hostname === 'github.com') {
    throw new InputError(at('/endpoint'), `github target ${target.name}: endpoint is the API, https://api.github.com (GHES: https://HOST/api/v3)`);
  }
  if (!target.token_env) {
    throw new InputError(at(''), `github target ${target.name}: token_env must name the environment variable that holds the token`);
  }
  const token = ctx.env[target.token_env];
  if (!token) {
    throw new InputError(at('/token_env'), `github target ${target.name}: environment variable ${target.token_env} is not set or empty`);
  }
  return {
    org,
    enterprise: enterprise as string | undefined,
    apiUrl: raw,
    graphqlUrl: graphqlUrlFor(raw),
    cloud: deployment === undefined ? isCloud(raw) : deployment === 'cloud',
    token,
    tokenEnv: target.token_env,
    tuning: {
      ...DEFAULT_TUNING,
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(retries !== undefined ? { retries } : {}),
      ...tuningOverride,
    },
  };
}
