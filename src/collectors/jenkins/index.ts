import { InputError } from '../../errors.js';
import { TOOL_TYPES } from '../../model/tool-types.js';
import type { ToolSnapshot } from '../../model/types.js';
import { sha256 } from '../../util/hash.js';
import { readTargetFiles } from '../shared/files.js';
import { createHttp, DEFAULT_TUNING, type HttpTuning } from '../shared/http.js';
import { baseUrl, positionOf, readOptions, tokenFrom } from '../shared/options.js';
import { redactConfigText } from '../shared/redact-config.js';
import type { Collected, CollectContext, Collector, RawCapture } from '../types.js';
import { type CascDoc, type CascFile, readCascFile } from './casc.js';
import { fetchExport, JenkinsFatal } from './live.js';
import { normalizeJenkins } from './normalize.js';

const OPTIONS = {
  user: { type: 'string', pattern: /^[^\s:]+$/, hint: 'the Jenkins user the API token belongs to (no spaces or colons)' },
  timeout_ms: { type: 'int', min: 100, max: 600_000 },
  retries: { type: 'int', min: 0, max: 10 },
} as const;

/**
 * Jenkins controllers from their Configuration-as-Code: JCasC files, Helm values of the jenkins
 * chart or ConfigMaps (files mode), or the live export with a user and an API token.
 * `tuning` shrinks timeouts in tests.
 */
export function createJenkinsCollector(tuning: Partial<HttpTuning> = {}): Collector {
  return {
    name: 'jenkins',
    description: 'Reads a Jenkins controller from JCasC files, Helm values or the live Configuration-as-Code export',
    types: ['jenkins'],
    handles: (target) => target.type === 'jenkins' && target.facts === undefined,
    async collect(ctx: CollectContext): Promise<Collected> {
      const { target } = ctx;
      const opts = readOptions(ctx, OPTIONS);
      const label = `jenkins/${target.name}`;
      if (target.files && target.endpoint)
        throw new InputError(positionOf(ctx, '/endpoint'), `jenkins target ${target.name}: give files (files mode) or endpoint (live mode), not both`);
      if (!target.files && !target.endpoint) {
        throw new InputError(
          positionOf(ctx, ''),
          `jenkins target ${target.name}: give files: (JCasC, Helm values) or endpoint: with token_env and options.user (live export)`,
        );
      }
      const raw: RawCapture[] = [];
      const sources: CascFile[] = [];
      let method: 'file' | 'api';
      let location: string;
      const details: Record<string, unknown> = {};
      if (target.files) {
        method = 'file';
        const files = readTargetFiles(ctx);
        for (const f of files) {
          sources.push(readCascFile(f.text, f.file));
          raw.push({ name: f.file.replace(/[\\/]/g, '_'), mediaType: 'application/yaml', bytes: Buffer.from(redactConfigText(f.text), 'utf8') });
        }
        location = files.map((f) => f.file).join(', ');
        details.files = Object.fromEntries(
          sources.map((s) => [s.file, s.kind === 'helm-values' ? 'Helm values (jenkins chart)' : s.kind === 'configmap' ? 'ConfigMap with JCasC' : 'JCasC']),
        );
      } else {
        method = 'api';
        const base = baseUrl(ctx, 'https://jenkins.example.com');
        const token = tokenFrom(ctx);
        if (!opts.user)
          throw new InputError(positionOf(ctx, '/options'), `jenkins target ${target.name}: options.user must name the Jenkins user the API token belongs to`);
        const http = createHttp(
          {
            ...DEFAULT_TUNING,
            ...(opts.timeout_ms !== undefined ? { timeoutMs: Number(opts.timeout_ms) } : {}),
            ...(opts.retries !== undefined ? { retries: Number(opts.retries) } : {}),
            ...tuning,
          },
          ctx.progress,
        );
        ctx.progress(`${label}: exporting the configuration from ${base}`);
        let exported: { url: string; text: string };
        try {
          exported = await fetchExport(http, base, String(opts.user), token);
        } catch (e) {
          if (e instanceof JenkinsFatal) {
            const at = e.kind === 'auth' ? '/token_env' : e.kind === 'permission' ? '/options/user' : '/endpoint';
            throw new InputError(positionOf(ctx, at), `jenkins target ${target.name}: ${e.message}`, { cause: e });
          }
          throw e;
        }
        sources.push(readCascFile(exported.text, exported.url));
        raw.push({
          name: 'configuration-as-code-export.yaml',
          mediaType: 'application/yaml',
          bytes: Buffer.from(redactConfigText(exported.text, [token]), 'utf8'),
        });
        location = exported.url;
        const st = http.stats();
        Object.assign(details, { export_url: exported.url, user: opts.user, requests: st.requests, retries: st.retries });
      }
      const docs: CascDoc[] = sources.flatMap((s) => s.docs);
      const n = normalizeJenkins(docs, target.name);
      const snapshot: ToolSnapshot = {
        id: `jenkins/${target.name}`,
        type: 'jenkins',
        category: TOOL_TYPES.jenkins,
        name: target.name,
        source: {
          collector: 'jenkins',
          method,
          location,
          collected_at: ctx.now().toISOString(),
          // The hash of what is kept as the raw capture (redacted), so the evidence bundle can be checked against it.
          sha256: sha256(Buffer.concat(raw.map((r) => Buffer.from(r.bytes)))),
          details: { ...details, ...n.details, evidence: n.evidence },
        },
        identity: n.identity,
        access: n.access,
        audit_log: n.audit_log,
        time: n.time,
        resources: n.resources,
        gaps: n.gaps,
      };
      return { snapshot, raw };
    },
  };
}

export const jenkinsCollector = createJenkinsCollector();
