import { InputError } from '../../errors.js';
import { TOOL_TYPES } from '../../model/tool-types.js';
import type { ToolSnapshot } from '../../model/types.js';
import { sha256 } from '../../util/hash.js';
import { readTargetFiles } from '../shared/files.js';
import { createHttp, DEFAULT_TUNING, type HttpTuning } from '../shared/http.js';
import { baseUrl, positionOf, readOptions, tokenFrom } from '../shared/options.js';
import { redactConfigText } from '../shared/redact-config.js';
import type { Collected, CollectContext, Collector, RawCapture } from '../types.js';
import { gitlabSecrets } from './documents.js';
import { gitlabFromFiles, looksLikeGitlabRb } from './files.js';
import { fatalToInput, fetchGitlab, GitlabFatal } from './live.js';
import { type Deployment, type GitlabInput, normalizeGitlab } from './normalize.js';
import { readGitlabRb } from './ruby.js';
import { readSso } from './sso.js';

const OPTIONS = {
  group: {
    type: 'string',
    pattern: /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/,
    hint: 'the full path of a group, e.g. acme or acme/platform',
  },
  deployment: { type: 'enum', values: ['self-managed', 'saas'] },
  max_pages: { type: 'int', min: 1, max: 10_000 },
  timeout_ms: { type: 'int', min: 100, max: 600_000 },
  retries: { type: 'int', min: 0, max: 10 },
} as const;

function deploymentOf(endpoint: string | undefined, option: string | number | undefined): Deployment {
  if (option === 'saas' || option === 'self-managed') return option;
  if (endpoint && /^https:\/\/gitlab\.com(?:\/|$)/.test(endpoint)) return 'saas';
  return 'self-managed';
}

/**
 * GitLab, self-managed or GitLab.com: the REST API v4 and GraphQL (live), or the same responses
 * saved as JSON plus gitlab.rb (files). With both endpoint and files, the files add what the API
 * does not show (gitlab.rb: SSO, LDAP, log rotation). `tuning` shrinks timeouts in tests.
 */
export function createGitlabCollector(tuning: Partial<HttpTuning> = {}): Collector {
  return {
    name: 'gitlab',
    description: 'Reads GitLab (self-managed or GitLab.com) through its REST and GraphQL APIs, or from saved API responses and gitlab.rb',
    types: ['gitlab'],
    handles: (target) => target.type === 'gitlab' && target.facts === undefined,
    async collect(ctx: CollectContext): Promise<Collected> {
      const { target } = ctx;
      const opts = readOptions(ctx, OPTIONS);
      if (!target.files && !target.endpoint) {
        throw new InputError(
          positionOf(ctx, ''),
          `gitlab target ${target.name}: give endpoint: with token_env (live API), files: (saved API responses, gitlab.rb), or both`,
        );
      }
      const deployment = deploymentOf(target.endpoint, opts.deployment);
      if (deployment === 'saas' && !opts.group) {
        throw new InputError(
          positionOf(ctx, target.options ? '/options' : ''),
          `gitlab target ${target.name}: on GitLab.com, options.group must name the top-level group to read`,
        );
      }
      const raw: RawCapture[] = [];
      const files = target.files ? readTargetFiles(ctx) : [];
      for (const f of files) {
        const ruby = looksLikeGitlabRb(f.text);
        const extra = ruby ? [] : gitlabSecrets(safeJson(f.text));
        raw.push({
          name: f.file.replace(/[\\/]/g, '_'),
          mediaType: ruby ? 'text/x-ruby' : 'application/json',
          bytes: Buffer.from(redactConfigText(f.text, extra), 'utf8'),
        });
      }
      let input: GitlabInput;
      let method: 'file' | 'api';
      let location: string;
      const details: Record<string, unknown> = {};
      if (target.endpoint) {
        method = 'api';
        const base = baseUrl(ctx, 'https://gitlab.example.com');
        location = base;
        const token = tokenFrom(ctx);
        // Files beside a live endpoint may only add gitlab.rb: API documents come from the API.
        const extra = files.filter((f) => !looksLikeGitlabRb(f.text));
        if (extra.length) {
          throw new InputError(
            positionOf(ctx, '/files'),
            `gitlab target ${target.name}: with an endpoint, files: may only list gitlab.rb (${extra[0]!.file} is an API response; the live mode reads those itself)`,
          );
        }
        const http = createHttp(
          {
            ...DEFAULT_TUNING,
            ...(opts.timeout_ms !== undefined ? { timeoutMs: Number(opts.timeout_ms) } : {}),
            ...(opts.retries !== undefined ? { retries: Number(opts.retries) } : {}),
            ...tuning,
          },
          ctx.progress,
        );
        ctx.progress(`gitlab/${target.name}: reading ${opts.group ? `group ${opts.group} on ` : ''}${base}`);
        let live: Awaited<ReturnType<typeof fetchGitlab>>;
        try {
          live = await fetchGitlab(http, {
            baseUrl: base,
            token,
            deployment,
            ...(opts.group ? { group: String(opts.group) } : {}),
            maxPages: Number(opts.max_pages ?? 1000),
          });
        } catch (e) {
          if (e instanceof GitlabFatal) throw fatalToInput(e, (s) => positionOf(ctx, s), target.name);
          throw e;
        }
        const rb = files[0];
        input = rb ? { ...live.input, sso: readSso(readGitlabRb(rb.text), rb.file) } : live.input;
        const rawJson = JSON.stringify(live.raw, null, 2);
        raw.push({
          name: 'gitlab-api.json',
          mediaType: 'application/json',
          bytes: Buffer.from(redactConfigText(rawJson, [token, ...gitlabSecrets(live.raw)]), 'utf8'),
        });
        Object.assign(details, live.details, rb ? { gitlab_rb: rb.file } : {});
      } else {
        method = 'file';
        const r = gitlabFromFiles(files, { deployment, ...(opts.group ? { group: String(opts.group) } : {}) });
        input = r.input;
        location = files.map((f) => f.file).join(', ');
        details.files = r.read;
      }
      const n = normalizeGitlab(input);
      const snapshot: ToolSnapshot = {
        id: `gitlab/${target.name}`,
        type: 'gitlab',
        category: TOOL_TYPES.gitlab,
        name: target.name,
        source: {
          collector: 'gitlab',
          method,
          location,
          collected_at: ctx.now().toISOString(),
          sha256: sha256(Buffer.concat(raw.map((r) => Buffer.from(r.bytes)))),
          details: { ...details, ...n.details, evidence: n.evidence },
        },
        identity: n.identity,
        access: n.access,
        audit_log: n.audit_log,
        time: n.time,
        ...(n.integrations ? { integrations: n.integrations } : {}),
        resources: n.resources,
        gaps: n.gaps,
      };
      return { snapshot, raw };
    },
  };
}

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

export const gitlabCollector = createGitlabCollector();
