/**
 * Jenkins controllers from their Configuration-as-Code, on the collector kit:
 *
 *  - files mode: JCasC files, Helm values of the jenkins chart (controller.JCasC.configScripts)
 *    or ConfigMaps holding JCasC, recognized by content (casc.ts keeps line numbers, also inside
 *    embedded strings);
 *  - live mode: the Configuration-as-Code export of the running controller (live.ts), with a user
 *    and an API token;
 *  - normalize.ts maps the merged JCasC to the model through the facts builder.
 */
import { JENKINS_SECRET } from '../../util/redact.js';
import { redactConfigText, secretValues } from '../kit/redact.js';
import type { DocumentSpec } from '../kit/files.js';
import type { Collector } from '../types.js';
import type { FactSource } from '../../model/types.js';
import { type CascDoc, readCascFile, recognizeCasc } from './casc.js';
import { fetchExport } from './live.js';
import { normalizeJenkins } from './normalize.js';
import { JENKINS_OPTIONS_SCHEMA, type JenkinsOptions } from './options.js';

export type JenkinsKind = 'jcasc' | 'helm-values' | 'configmap';

const JENKINS_DOCUMENTS: DocumentSpec<JenkinsKind> = {
  expected:
    'Jenkins Configuration-as-Code: a JCasC file (jenkins:, unclassified:, security: ...), Helm values of the jenkins chart (controller.JCasC) or a ConfigMap holding JCasC',
  kinds: {
    jcasc: { describe: 'a JCasC document', match: (v) => recognizeCasc(v) === 'jcasc' },
    'helm-values': { describe: 'Helm values of the jenkins chart', match: (v) => recognizeCasc(v) === 'helm-values' },
    configmap: { describe: 'a ConfigMap holding JCasC', match: (v) => recognizeCasc(v) === 'configmap' },
  },
};

/** Secret values in JCasC text: values of secret-named keys (also in embedded strings) and {AQAAAB...} values. */
function cascSecrets(docs: readonly CascDoc[], text: string): string[] {
  return [...new Set([...docs.flatMap((d) => secretValues(d.value)), ...(text.match(JENKINS_SECRET) ?? [])])];
}

export const jenkinsCollector: Collector<JenkinsOptions, JenkinsKind> = {
  name: 'jenkins',
  types: ['jenkins'],
  options: JENKINS_OPTIONS_SCHEMA,
  documents: JENKINS_DOCUMENTS,
  files: {
    collect(ctx) {
      // Each file once (a multi-document file yields one object per document): casc.ts reads it whole.
      const files = new Map<string, string>();
      for (const objects of Object.values(ctx.documents.byKind)) for (const o of objects) files.set(o.file, o.text);
      const read = [...files].map(([file, text]) => readCascFile(text, file));
      const docs = read.flatMap((r) => r.docs);
      for (const [file, text] of files) for (const s of cascSecrets(read.find((r) => r.file === file)!.docs, text)) ctx.secret(s);
      const n = normalizeJenkins(docs, ctx.target.name, ctx.facts());
      return {
        facts: n.facts,
        resources: n.resources,
        details: {
          files: Object.fromEntries(
            read.map((r) => [r.file, r.kind === 'helm-values' ? 'Helm values (jenkins chart)' : r.kind === 'configmap' ? 'ConfigMap with JCasC' : 'JCasC']),
          ),
          ...n.details,
        },
      };
    },
  },
  live: {
    token: 'required',
    check: (target) =>
      typeof target.options?.user === 'string'
        ? undefined
        : { at: '/options', problem: 'live mode needs options.user: the Jenkins user the API token belongs to' },
    async collect(ctx) {
      const user = ctx.options.user!;
      const http = ctx.http({ headers: { authorization: `Basic ${Buffer.from(`${user}:${ctx.token ?? ''}`, 'utf8').toString('base64')}` } });
      ctx.progress(`${ctx.id}: exporting the configuration from ${ctx.endpoint}`);
      const exported = await fetchExport(http, user, ctx.target.token_env);
      const cf = readCascFile(exported.text, exported.url);
      const secrets = cascSecrets(cf.docs, exported.text);
      for (const s of secrets) ctx.secret(s);
      const n = normalizeJenkins(cf.docs, ctx.target.name, ctx.facts());
      // Lines of the export: the sources name the endpoint, not a file.
      const endpoint = (s: FactSource): FactSource =>
        s.file === exported.url ? { ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'file')), endpoint: `POST ${exported.url}` } : s;
      const provenance = Object.fromEntries(Object.entries(n.facts.provenance).map(([k, v]) => [k, v.map(endpoint)]));
      return {
        facts: { ...n.facts, provenance },
        resources: n.resources,
        details: { export_url: exported.url, user, requests: http.stats.requests, retries: http.stats.retries, ...n.details },
        captures: [
          {
            name: 'configuration-as-code-export.yaml',
            mediaType: 'application/yaml',
            bytes: Buffer.from(redactConfigText(exported.text, secrets), 'utf8'),
            original: Buffer.from(exported.text, 'utf8'),
          },
        ],
        location: exported.url,
      };
    },
  },
};
