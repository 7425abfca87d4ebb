/**
 * Kubernetes: the kube-apiserver's audit and authentication settings and RBAC.
 *
 *  - files mode: the kube-apiserver static Pod manifest (or its flags), the audit policy, the
 *    audit webhook kubeconfig, the AuthenticationConfiguration and RBAC objects (manifests or
 *    kubectl Lists), recognized by content (inputs.ts);
 *  - live mode: RBAC and the kube-apiserver Pods from the Kubernetes API (live/), with the files
 *    that live only on the control-plane nodes given next to the endpoint;
 *  - normalize.ts maps both to the model, so the same cluster read either way gives the same facts.
 */
import { homedir } from 'node:os';
import path from 'node:path';
import { ToolInputError } from '../../errors.js';
import { kindAt } from '../../util/read-file.js';
import type { DocumentSpec, Documents, SourceObject } from '../kit/files.js';
import type { Collector } from '../types.js';
import { addDocument, EXPECTED, emptyInputs, type KubeInputs, kindOf, looksLikeFlags, UnrecognizedDocument } from './inputs.js';
import { CredentialsError, kubeconfigTarget, type LiveTarget, tokenTarget } from './live/credentials.js';
import { LiveAuthError, readLive } from './live/fetch.js';
import { KubeHttpError } from './live/http.js';
import { normalizeKubernetes } from './normalize.js';
import { KUBERNETES_OPTIONS_SCHEMA, type KubernetesOptions } from './options.js';
import { toBuilder } from './record.js';

export type KubeKind = 'apiserver' | 'flags' | 'policy' | 'kubeconfig' | 'authn' | 'rbac';

export const KUBERNETES_DOCUMENTS: DocumentSpec<KubeKind> = {
  expected: EXPECTED,
  kinds: {
    apiserver: { describe: 'a kube-apiserver static Pod manifest', match: (v) => kindOf(v) === 'apiserver' },
    // not YAML: `kube-apiserver --a=b \` lines are read as text (a line continuation, a # or a ': ' in a value would not parse)
    flags: { describe: 'a kube-apiserver flags file', text: looksLikeFlags },
    policy: { describe: 'an audit.k8s.io Policy', match: (v) => kindOf(v) === 'policy' },
    kubeconfig: { describe: 'a kubeconfig (the audit webhook configuration)', match: (v) => kindOf(v) === 'kubeconfig' },
    authn: { describe: 'an AuthenticationConfiguration', match: (v) => kindOf(v) === 'authn' },
    rbac: { describe: 'an RBAC object (ClusterRole, Role, ClusterRoleBinding, RoleBinding)', match: (v) => kindOf(v) === 'rbac' },
  },
  ignore: (v) => ((v as { kind?: unknown } | null)?.kind === 'Secret' ? 'a Secret: its values are never read or stored' : undefined),
};

/**
 * Values of a kubeconfig that are credentials although their keys do not say so: an exec plugin's
 * environment (AWS_SECRET_ACCESS_KEY, ...) and an auth-provider's config. The kit finds the rest
 * (client-key-data, token, password, env entries named like a secret).
 */
function secretsIn(o: SourceObject<KubeKind>): string[] {
  if (o.kind !== 'kubeconfig') return [];
  const strings = (x: unknown): string[] =>
    typeof x === 'string' ? [x] : Array.isArray(x) ? x.flatMap(strings) : x && typeof x === 'object' ? Object.values(x).flatMap(strings) : [];
  const users = (o.value as { users?: unknown }).users;
  return (Array.isArray(users) ? users : []).flatMap((u: unknown) => {
    const user = ((u as { user?: unknown } | null)?.user ?? {}) as { exec?: { env?: unknown }; 'auth-provider'?: { config?: unknown } };
    const env = Array.isArray(user.exec?.env) ? user.exec.env : [];
    return [...env.flatMap((e: unknown) => strings((e as { value?: unknown } | null)?.value)), ...strings(user['auth-provider']?.config)];
  });
}

/** The recognized files as normalizer inputs; a document with an unexpected shape is the tool's broken input. */
export function inputsFromDocuments(documents: Documents<KubeKind>, inputs: KubeInputs = emptyInputs()): KubeInputs {
  for (const objects of Object.values(documents.byKind) as SourceObject<KubeKind>[][]) {
    for (const o of objects) {
      try {
        addDocument(inputs, { value: o.value, location: o.file, at: o.at, find: (needle) => o.within('', needle) });
      } catch (e) {
        if (!(e instanceof UnrecognizedDocument)) throw e;
        throw new ToolInputError(
          { file: e.at.file ?? o.file, ...(e.at.line !== undefined ? { line: e.at.line } : {}), ...(e.at.column !== undefined ? { col: e.at.column } : {}) },
          e.message,
          {
            expected: EXPECTED,
            cause: e,
          },
        );
      }
    }
  }
  return inputs;
}

const expandHome = (p: string) => (p === '~' || p.startsWith('~/') ? path.join(homedir(), p.slice(1)) : p);
const resolvePath = (p: string, dir: string) => path.resolve(dir, expandHome(p));

export const kubernetesCollector: Collector<KubernetesOptions, KubeKind> = {
  name: 'kubernetes',
  types: ['kubernetes'],
  options: KUBERNETES_OPTIONS_SCHEMA,
  documents: KUBERNETES_DOCUMENTS,
  files: {
    collect(ctx) {
      for (const objects of Object.values(ctx.documents.byKind) as SourceObject<KubeKind>[][])
        for (const o of objects) for (const s of secretsIn(o)) ctx.secret(s);
      const n = normalizeKubernetes(inputsFromDocuments(ctx.documents), ctx.options.audit_store ? { auditStore: ctx.options.audit_store } : {});
      return {
        facts: toBuilder(n.recorder, ctx.facts()),
        details: {
          ...n.details,
          ...(ctx.documents.ignored.length ? { ignored: ctx.documents.ignored.map((i) => `${i.file}:${i.line} ${i.what}: ${i.reason}`) } : {}),
        },
      };
    },
  },
  live: {
    token: 'optional',
    files: ['policy', 'kubeconfig', 'authn'],
    check(target, _endpoint, configDir) {
      const o = (target.options ?? {}) as KubernetesOptions;
      if (o.kubeconfig && target.token_env) return { at: '/token_env', problem: 'give either token_env (a bearer token) or options.kubeconfig, not both' };
      if (!o.kubeconfig && !target.token_env)
        return { at: '', problem: 'live mode needs credentials: token_env (a bearer token, with options.ca_file) or options.kubeconfig' };
      if (o.context && !o.kubeconfig) return { at: '/options/context', problem: 'options.context needs options.kubeconfig' };
      if (o.ca_file && o.kubeconfig)
        return { at: '/options/ca_file', problem: "options.ca_file goes with token_env; a kubeconfig names its cluster's CA itself" };
      for (const key of ['kubeconfig', 'ca_file'] as const) {
        const p = o[key];
        if (!p) continue;
        // Like files: a folder, FIFO or device is the config's error, found without opening it.
        const kind = kindAt(resolvePath(p, configDir));
        if (!kind) return { at: `/options/${key}`, problem: `options.${key} ${p}: file not found` };
        if (kind !== 'regular file')
          return { at: `/options/${key}`, problem: `options.${key} ${p} is a ${kind}, not a regular file (only regular files are read)` };
      }
      return undefined;
    },
    async collect(ctx) {
      const o = ctx.options;
      let target: LiveTarget;
      try {
        target = o.kubeconfig
          ? await kubeconfigTarget(resolvePath(o.kubeconfig, ctx.configDir), o.context, ctx.endpoint)
          : tokenTarget(ctx.endpoint, ctx.token, ctx.target.token_env, o.ca_file ? resolvePath(o.ca_file, ctx.configDir) : undefined);
      } catch (e) {
        if (!(e instanceof CredentialsError)) throw e;
        throw new ToolInputError({ endpoint: ctx.endpoint }, e.message, {
          expected: 'credentials for the API server: a kubeconfig user, or token_env with options.ca_file',
          cause: e,
        });
      }
      ctx.progress(`${ctx.id}: reading RBAC and the kube-apiserver Pods from ${target.server} (${target.via})`);
      let live: Awaited<ReturnType<typeof readLive>>;
      try {
        live = await readLive(target, {
          tuning: {
            timeoutMs: ctx.tuning.timeoutMs,
            retries: ctx.tuning.retries,
            backoffMs: ctx.tuning.backoffMs,
            maxWaitMs: ctx.tuning.maxWaitMs,
            maxBytes: ctx.tuning.maxResponseBytes,
          },
          pageSize: o.page_size ?? 500,
          maxPages: 10_000,
          ...(o.apiserver_pods ? { apiserverPods: o.apiserver_pods } : {}),
          signal: ctx.signal,
          answers: ctx.answers,
          notice: (m) => ctx.progress(`${ctx.id}: ${m}`, 'notice'),
        });
      } catch (e) {
        if (e instanceof LiveAuthError) {
          throw new ToolInputError({ endpoint: `GET ${target.server}/version`, status: 401 }, e.message, {
            expected: `credentials the API server accepts (${target.via})`,
            cause: e,
          });
        }
        if (e instanceof KubeHttpError) {
          // "GET /apis/...: HTTP 503 after 2 retries": the request as the endpoint, the rest as the problem
          const m = /^(GET \S+): ([\s\S]*)$/.exec(e.message);
          const endpoint = m ? `${m[1]!.replace(' ', ` ${target.server}`)}` : target.server;
          throw new ToolInputError({ endpoint, ...(e.status !== undefined ? { status: e.status } : {}) }, m ? m[2]! : e.message, { cause: e });
        }
        throw e;
      }
      for (const [where, value] of Object.entries(live.raw)) ctx.capture(`${where.replace(/^\//, '').replace(/[^A-Za-z0-9._-]+/g, '_') || 'root'}.json`, value);
      const inputs = emptyInputs();
      for (const d of live.documents) addDocument(inputs, d);
      for (const objects of Object.values(ctx.documents.byKind) as SourceObject<KubeKind>[][])
        for (const ob of objects) for (const s of secretsIn(ob)) ctx.secret(s);
      inputsFromDocuments(ctx.documents, inputs);
      const n = normalizeKubernetes(inputs, {
        ...(o.audit_store ? { auditStore: o.audit_store } : {}),
        ...(live.podsMissing ? { noApiserver: { ...live.podsMissing, ...(live.provider ? { provider: live.provider } : {}) } } : {}),
        ...(live.anonymousProbe ? { anonymousProbe: live.anonymousProbe } : {}),
        ...(live.rbacMissing ? { rbacGap: live.rbacMissing } : {}),
      });
      return {
        facts: toBuilder(n.recorder, ctx.facts()),
        details: {
          api_server: target.server,
          // not "credentials": details are redacted by key name
          authenticated_with: target.via,
          ...(live.version ? { server_version: live.version.gitVersion } : {}),
          ...(live.provider ? { managed_control_plane: live.provider } : {}),
          requests: live.stats.requests,
          retries: live.stats.retries,
          ...n.details,
        },
      };
    },
  },
};
