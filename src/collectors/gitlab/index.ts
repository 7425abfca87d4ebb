/**
 * GitLab, self-managed or GitLab.com, on the collector kit:
 *
 *  - files mode: gitlab.rb (Ruby, read without executing it) and the API responses saved as
 *    JSON, recognized by content (documents.ts, files.ts);
 *  - live mode: the REST API v4 and GraphQL (live.ts), plus gitlab.rb from `files:` for what the
 *    API does not show (SSO, LDAP, log rotation);
 *  - normalize.ts maps both to the model through the facts builder.
 */
import { ToolInputError } from '../../errors.js';
import type { DocumentSpec } from '../kit/files.js';
import type { Collector } from '../types.js';
import { gitlabSecrets } from './documents.js';
import { gitlabFromFiles, looksLikeGitlabJson, looksLikeGitlabRb } from './files.js';
import { fetchGitlab } from './live.js';
import { type Deployment, normalizeGitlab } from './normalize.js';
import { GITLAB_OPTIONS_SCHEMA, type GitlabOptions } from './options.js';
import { readGitlabRb } from './ruby.js';
import { readSso } from './sso.js';

export type GitlabKind = 'gitlab-rb' | 'api-json';

/** A saved response as JSON (pages of a paginated list joined), or undefined when it is not JSON. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(`[${text.replace(/\]\s*\[/g, '],[')}]`);
    } catch {
      return undefined;
    }
  }
}

/** Both kinds are text kinds: gitlab.rb is Ruby, and `glab api --paginate` output is several JSON arrays in a row. */
const GITLAB_DOCUMENTS: DocumentSpec<GitlabKind> = {
  expected:
    'gitlab.rb, or the JSON of a GitLab API response (application settings, users, group, members, projects, audit events, GraphQL streaming destinations)',
  kinds: {
    'gitlab-rb': { describe: 'gitlab.rb', text: looksLikeGitlabRb, once: true },
    'api-json': { describe: 'a saved GitLab API response', text: looksLikeGitlabJson },
  },
  textSecrets: (t) => gitlabSecrets(safeJson(t)),
};

function deploymentOf(endpoint: string | undefined, option: GitlabOptions['deployment']): Deployment {
  if (option) return option;
  return endpoint && /^https:\/\/gitlab\.com(?:\/|$)/.test(endpoint) ? 'saas' : 'self-managed';
}

export const gitlabCollector: Collector<GitlabOptions, GitlabKind> = {
  name: 'gitlab',
  types: ['gitlab'],
  options: GITLAB_OPTIONS_SCHEMA,
  documents: GITLAB_DOCUMENTS,
  files: {
    collect(ctx) {
      const files = [...ctx.documents.byKind['gitlab-rb'], ...ctx.documents.byKind['api-json']].map((o) => ({ file: o.file, text: o.text }));
      const deployment = deploymentOf(undefined, ctx.options.deployment);
      const { input, read } = gitlabFromFiles(files, { deployment, ...(ctx.options.group ? { group: ctx.options.group } : {}) });
      if (deployment === 'saas' && !input.group) {
        throw new ToolInputError(
          { file: files[0]?.file ?? 'files' },
          'GitLab.com needs a group: set options.group or give the group document (GET /groups/:id)',
          {
            expected: 'options.group, or a saved group response',
          },
        );
      }
      const n = normalizeGitlab(input, ctx.facts());
      return { facts: n.facts, integrations: n.integrations, resources: n.resources, details: { files: read, ...n.details } };
    },
  },
  live: {
    token: 'required',
    files: ['gitlab-rb'],
    check: (target, endpoint) =>
      deploymentOf(endpoint.href, target.options?.deployment as GitlabOptions['deployment']) === 'saas' && typeof target.options?.group !== 'string'
        ? { at: '/options', problem: 'on GitLab.com, options.group must name the top-level group to read' }
        : undefined,
    async collect(ctx) {
      const deployment = deploymentOf(ctx.endpoint, ctx.options.deployment);
      const http = ctx.http({ headers: { authorization: `Bearer ${ctx.token ?? ''}` } });
      ctx.progress(`${ctx.id}: reading ${ctx.options.group ? `group ${ctx.options.group} on ` : ''}${ctx.endpoint}`);
      const live = await fetchGitlab(
        http,
        { baseUrl: ctx.endpoint, deployment, ...(ctx.options.group ? { group: ctx.options.group } : {}), maxPages: ctx.options.max_pages ?? 1000 },
        ctx.target.token_env,
      );
      for (const s of gitlabSecrets(live.raw)) ctx.secret(s);
      ctx.capture('gitlab-api.json', live.raw);
      const rb = ctx.documents.one('gitlab-rb');
      const input = rb ? { ...live.input, sso: readSso(readGitlabRb(rb.text), rb.file) } : live.input;
      const n = normalizeGitlab(input, ctx.facts());
      return {
        facts: n.facts,
        integrations: n.integrations,
        resources: n.resources,
        details: { ...live.details, ...(rb ? { gitlab_rb: rb.file } : {}), ...n.details },
      };
    },
  },
};
