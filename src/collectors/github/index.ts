import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ToolInputError } from '../../errors.js';
import type { Progress } from '../kit/http.js';
import { createClient } from './client.js';
import { listEnterpriseOrgs } from './enterprise.js';
import { appCredential, readPrivateKey } from './app-auth.js';
import { factsFromModel } from '../kit/snapshot.js';
import type { Collector, CollectorOutput, ExpandContext, Expansion, LiveContext } from '../types.js';
import { normalizeAndCapture } from './capture.js';
import { sourceDetails } from './details.js';
import { fatalIn, GithubFatal, inCauses } from './errors.js';
import { fetchGithub } from './fetch.js';
import { GithubHttpError } from './http.js';
import { normalizeGithub } from './normalize/index.js';
import { credentialProblem, DEFAULT_API_URL, GITHUB_OPTIONS_SCHEMA, type GithubOptions, type GithubSettings, githubSettings } from './options.js';
import type { RawGithub } from './raw.js';

/**
 * A collection-stopping GitHub problem as the tool error the report shows (endpoint and status).
 * A GithubFatal deeper in the cause chain (a GitHub App's refused renewal under an HTTP failure)
 * is the problem: it is looked for before any HTTP error.
 */
export function toolError(outer: GithubFatal, settings: GithubSettings): ToolInputError {
  let e = outer;
  for (let inner = fatalIn(e.cause); inner; inner = fatalIn(inner.cause)) e = inner;
  const http = inCauses(e, (c) => (c instanceof GithubHttpError ? c : undefined));
  if (http) {
    return new ToolInputError({ endpoint: `${http.method} ${http.url}`, ...(http.status !== undefined ? { status: http.status } : {}) }, http.problem, {
      cause: outer,
    });
  }
  // the HTTP status @octokit's RequestError carries, if any
  const status =
    e.kind === 'auth'
      ? 401
      : inCauses(e, (c) => {
          const s = (c as { status?: unknown }).status;
          return typeof s === 'number' ? s : undefined;
        });
  return new ToolInputError(e.where ?? { endpoint: `POST ${settings.graphqlUrl}`, ...(status !== undefined ? { status } : {}) }, e.message, {
    cause: outer,
    ...(e.kind === 'auth'
      ? {
          expected: settings.app
            ? `GitHub App ${settings.app.id} installed on ${settings.org} with a valid private key`
            : `a valid token in $${settings.tokenEnv}`,
        }
      : {}),
  });
}

/** Lists the enterprise's organizations, or the reason it cannot as a GithubFatal. */
async function enterpriseOrgs(settings: GithubSettings, progress: Progress, label: string): Promise<string[]> {
  const slug = settings.enterprise ?? '';
  const listed = await listEnterpriseOrgs(createClient(settings, progress, label), slug);
  if (!listed.ok) {
    throw new GithubFatal(
      `enterprise ${slug}: its organizations could not be listed: ${listed.detail}${listed.permission ? ` (needs ${listed.permission})` : ''}`,
      'enterprise',
    );
  }
  return listed.value;
}

/**
 * options.enterprise without options.org: one GitHub tool per organization of the enterprise
 * (named <target>:<org>), sharing the enterprise-level reads (options.enterprise_run).
 */
async function expandEnterprise(ctx: ExpandContext<GithubOptions>): Promise<Expansion<GithubOptions>[] | undefined> {
  if (ctx.options.org || !ctx.options.enterprise) return undefined;
  const settings = githubSettings(ctx);
  const label = `${ctx.target.type}/${ctx.target.name}`;
  try {
    const orgs = await enterpriseOrgs(settings, ctx.progress, label);
    ctx.progress(`${label}: enterprise ${ctx.options.enterprise} has ${orgs.length} organizations`);
    const run = randomUUID();
    return orgs.map((org) => ({ name: org, options: { ...ctx.options, org, enterprise_run: run } }));
  } catch (e) {
    if (e instanceof GithubFatal) return undefined; // collect() reports it as the target's error
    throw e;
  }
}

/** The tool error of an enterprise target whose organizations could not be read. */
async function whyNoOrganizations(settings: GithubSettings, progress: Progress, label: string): Promise<ToolInputError> {
  try {
    const orgs = await enterpriseOrgs(settings, progress, label);
    return new ToolInputError(
      { endpoint: `POST ${settings.graphqlUrl}` },
      `enterprise ${settings.enterprise}: ${orgs.length === 0 ? 'no organization is visible to the token' : 'its organizations were listed, but not expanded'}`,
    );
  } catch (e) {
    if (e instanceof GithubFatal) return toolError(e, settings);
    throw e;
  }
}

/**
 * GitHub organizations (and their enterprise) over GraphQL, with REST only for what GraphQL
 * does not expose.
 */
export const githubCollector: Collector<GithubOptions, never> = {
  name: 'github',
  types: ['github'],
  options: GITHUB_OPTIONS_SCHEMA,
  live: {
    defaultEndpoint: DEFAULT_API_URL,
    // A token (token_env) or a GitHub App (options.app): credentialProblem asks for exactly one.
    token: 'optional',
    check: (target, url, configDir) =>
      url.hostname === 'github.com'
        ? { at: '/endpoint', problem: 'endpoint is the API, https://api.github.com (GHES: https://HOST/api/v3)' }
        : credentialProblem(target, configDir, process.env, existsSync),
    expand: expandEnterprise,
    async collect(ctx: LiveContext<GithubOptions, never>): Promise<CollectorOutput> {
      let settings = githubSettings(ctx);
      // options.enterprise alone whose organizations could not be listed (expand kept the target): say why.
      if (!settings.org) throw await whyNoOrganizations(settings, ctx.progress, ctx.id);
      const label = ctx.id;
      ctx.progress(`${label}: reading organization ${settings.org} from ${settings.apiUrl}`);
      let raw: RawGithub;
      try {
        const app = settings.app;
        if (app) {
          ctx.progress(`${label}: authenticating as GitHub App ${app.id}`);
          const privateKey = readPrivateKey(app, ctx.configDir, process.env);
          ctx.secret(privateKey);
          // Every installation token issued is redacted from every output like a token_env token, should anything ever echo it.
          const credential = await appCredential(settings, app, privateKey, { progress: ctx.progress, label, onToken: ctx.secret });
          settings = { ...settings, token: await credential.current(), credential };
        }
        raw = await fetchGithub(settings, ctx.progress, label);
      } catch (e) {
        if (e instanceof GithubFatal) throw toolError(e, settings);
        throw e;
      }
      const details = sourceDetails(raw, settings);
      // each repository written to the capture and let go of as it becomes its resource (capture.ts)
      const { result: facts, bytes } = normalizeAndCapture(raw, (done) => normalizeGithub(raw, settings, done));
      ctx.progress(`${label}: done, ${raw.stats.requests} requests, GraphQL cost ${raw.cost}`);
      return {
        facts: factsFromModel('github', facts, facts.gaps),
        pipeline: facts.pipeline,
        integrations: facts.integrations,
        resources: facts.resources,
        details,
        location: settings.apiUrl,
        ...(raw.org.viewer ? { collectedAs: raw.org.viewer } : {}),
        captures: [{ name: `github-${settings.org}.json`, mediaType: 'application/json', bytes }],
      };
    },
  },
};
