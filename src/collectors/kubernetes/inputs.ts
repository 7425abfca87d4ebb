/**
 * Recognize Kubernetes documents by their content (never by file name) and turn them into the
 * typed inputs the normalizer reads: the kube-apiserver static Pod (or a flags file), the audit
 * policy, kubeconfig files (the audit webhook's), the structured AuthenticationConfiguration and
 * RBAC objects, alone, in multi-document YAML, or inside `kubectl get -o json` Lists.
 */
import path from 'node:path';
import type { FactSource } from '../../model/types.js';
import { type AuditPolicy, readAuditPolicy } from './audit-policy.js';
import { type KubeVersion, splitCommandLine, versionFromImage } from './flags.js';
import type { BindingObject, LabelSelector, RbacRule, RoleObject, Subject } from './rbac.js';

/** Where a value was read: a file (with line and column) or an endpoint, and the JSON pointer in it. */
export type Evidence = FactSource;

/** Evidence without repeats (same location and pointer), in first-seen order. */
export function uniqueEvidence(list: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = `${e.file ?? e.endpoint ?? ''}#${e.pointer ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A parsed object and how to point into it: a recognized file object, or an API response item. */
export interface DocumentRef {
  readonly value: unknown;
  /** The file (display path) or the endpoint it was read from. */
  readonly location: string;
  /** Where the value at a pointer relative to this object was read. */
  at(pointer: string): FactSource;
  /** Where a text occurs inside a string document (a flags file). */
  find?(needle: string): FactSource;
}

export interface ApiserverInput {
  /** Pod name, or the file for a flags file. */
  readonly id: string;
  readonly args: readonly string[];
  /** Evidence for argument i of args. */
  argAt(i: number): Evidence;
  /** Evidence for the whole argument list (where an absent flag would go). */
  readonly argsAt: Evidence;
  readonly version?: KubeVersion;
  readonly versionAt?: Evidence;
  /** Written by kubeadm (its annotation is on the Pod). */
  readonly kubeadm: boolean;
}

export interface PolicyInput {
  readonly file: string;
  readonly policy: AuditPolicy;
  at(pointer: string): Evidence;
}

interface KubeconfigInput {
  readonly file: string;
  /** server URL of the current context's cluster (or the only cluster). */
  readonly server?: string;
  readonly serverAt?: Evidence;
  readonly at: (pointer: string) => Evidence;
}

interface AuthnConfigInput {
  readonly file: string;
  readonly issuers: readonly { readonly url: string; readonly at: Evidence }[];
  readonly anonymous?: { readonly enabled: boolean; readonly paths: readonly string[]; readonly at: Evidence };
  readonly at: (pointer: string) => Evidence;
}

export interface KubeInputs {
  readonly apiservers: ApiserverInput[];
  readonly policies: PolicyInput[];
  readonly kubeconfigs: KubeconfigInput[];
  readonly authn: AuthnConfigInput[];
  readonly roles: RoleObject[];
  readonly bindings: BindingObject[];
}

export const emptyInputs = (): KubeInputs => ({ apiservers: [], policies: [], kubeconfigs: [], authn: [], roles: [], bindings: [] });

/** A document auditready does not read, or one that is broken; message says what was expected. */
export class UnrecognizedDocument extends Error {
  override readonly name = 'UnrecognizedDocument';
  constructor(
    readonly at: Evidence,
    message: string,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const child = (doc: DocumentRef, key: string | number, value: unknown): DocumentRef => {
  const seg = `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return { value, location: doc.location, at: (p) => doc.at(`${seg}${p}`) };
};

const RBAC_KINDS = new Set(['ClusterRole', 'Role', 'ClusterRoleBinding', 'RoleBinding']);

export const EXPECTED =
  'a kube-apiserver static Pod manifest, a kube-apiserver flags file, an audit.k8s.io/v1 Policy, a kubeconfig (the audit webhook configuration), an AuthenticationConfiguration, RBAC objects (ClusterRole, Role, ClusterRoleBinding, RoleBinding) or a kubectl List of them';

/** What kind of document this is, or undefined when it is none auditready reads. */
export function kindOf(v: unknown): 'list' | 'apiserver' | 'flags' | 'policy' | 'kubeconfig' | 'authn' | 'rbac' | 'ignored' | undefined {
  if (typeof v === 'string') return looksLikeFlags(v) ? 'flags' : undefined;
  if (!isObject(v)) return undefined;
  const kind = str(v.kind);
  const api = str(v.apiVersion) ?? '';
  if (Array.isArray(v.items) && (kind === 'List' || kind?.endsWith('List'))) return 'list';
  if (kind === 'Pod' && isApiserverPod(v)) return 'apiserver';
  if (kind === 'Policy' && api.startsWith('audit.k8s.io/')) return 'policy';
  if (kind === 'Config' && Array.isArray(v.clusters)) return 'kubeconfig';
  if (kind === 'AuthenticationConfiguration' && api.startsWith('apiserver.config.k8s.io/')) return 'authn';
  if (kind && RBAC_KINDS.has(kind) && api.startsWith('rbac.authorization.k8s.io/')) return 'rbac';
  return undefined;
}

/**
 * A kube-apiserver flags file: its command line (`kube-apiserver --a=b \\` lines) or flags alone.
 * The first word decides before the whole text is split (files mode offers every file).
 */
export function looksLikeFlags(text: string): boolean {
  if (!/^\s*(?:--|\S*kube-apiserver\s)/.test(text)) return false;
  const words = splitCommandLine(text);
  return words.length > 0 && (path.basename(words[0]!) === 'kube-apiserver' || words.every((w) => w.startsWith('--'))) && words.some((w) => w.startsWith('--'));
}

function apiserverContainer(pod: Record<string, unknown>): number {
  const containers = isObject(pod.spec) && Array.isArray(pod.spec.containers) ? pod.spec.containers : [];
  return containers.findIndex((c: unknown) => {
    if (!isObject(c)) return false;
    const argv = [...strings(c.command), ...strings(c.args)];
    return c.name === 'kube-apiserver' || argv.some((a) => path.basename(a.split(/\s/)[0] ?? '') === 'kube-apiserver');
  });
}

function isApiserverPod(pod: Record<string, unknown>): boolean {
  return apiserverContainer(pod) >= 0;
}

/**
 * Add one document (and, for Lists, each of its items) to the inputs. Throws
 * UnrecognizedDocument for a document that is none of the kinds read, naming what was expected.
 */
export function addDocument(inputs: KubeInputs, doc: DocumentRef): void {
  const kind = kindOf(doc.value);
  const v = doc.value as Record<string, unknown>;
  switch (kind) {
    case 'list':
      (v.items as unknown[]).forEach((item, i) => {
        const itemsRef = child(doc, 'items', v.items);
        addDocument(inputs, child(itemsRef, i, item));
      });
      return;
    case 'apiserver':
    case 'flags':
      // its static Pod manifest, or its command line as captured
      inputs.apiservers.push(kind === 'apiserver' ? apiserverFromPod(doc) : apiserverFromFlags(doc));
      return;
    case 'policy': {
      const read = readAuditPolicy(v);
      if ('problems' in read) {
        const p = read.problems[0]!;
        throw new UnrecognizedDocument(
          doc.at(p.pointer),
          `invalid audit policy: ${p.message}${read.problems.length > 1 ? ` (and ${read.problems.length - 1} more)` : ''}`,
        );
      }
      inputs.policies.push({ file: doc.location, policy: read.policy, at: doc.at });
      return;
    }
    case 'kubeconfig':
      inputs.kubeconfigs.push(kubeconfigOf(doc));
      return;
    case 'authn':
      inputs.authn.push(authnOf(doc));
      return;
    case 'rbac':
      addRbac(inputs, doc);
      return;
    default: {
      const what = isObject(doc.value)
        ? `${str(v.apiVersion) ?? '(no apiVersion)'} ${str(v.kind) ?? '(no kind)'}`
        : typeof doc.value === 'string'
          ? 'a text that is not kube-apiserver flags'
          : JSON.stringify(doc.value)?.slice(0, 40);
      throw new UnrecognizedDocument(doc.at(''), `not a Kubernetes document auditready reads (found ${what}); expected ${EXPECTED}`);
    }
  }
}

function apiserverFromPod(doc: DocumentRef): ApiserverInput {
  const pod = doc.value as Record<string, unknown>;
  const ci = apiserverContainer(pod);
  const spec = pod.spec as Record<string, unknown>;
  const c = (spec.containers as Record<string, unknown>[])[ci]!;
  const meta = isObject(pod.metadata) ? pod.metadata : {};
  const annotations = isObject(meta.annotations) ? meta.annotations : {};
  let command = strings(c.command);
  const cmdBase = `/spec/containers/${ci}/command`;
  let commandAt = (i: number) => doc.at(`${cmdBase}/${i}`);
  // `sh -c "kube-apiserver --a=b ..."`: the flags are words of one argument
  const shell = command.findIndex((a) => /\bkube-apiserver\b/.test(a) && /\s--/.test(a));
  if (shell >= 0) {
    const at = doc.at(`${cmdBase}/${shell}`);
    command = splitCommandLine(command[shell]!);
    commandAt = () => at;
  }
  const args = strings(c.args);
  const image = str(c.image);
  const version = versionFromImage(image);
  return {
    id: str(meta.name) ?? path.basename(doc.location),
    args: [...command, ...args],
    argAt: (i) => (i < command.length ? commandAt(i) : doc.at(`/spec/containers/${ci}/args/${i - command.length}`)),
    // an absent flag would go where the flags are: args when the Pod has them, else command
    argsAt: doc.at(args.length > 0 ? `/spec/containers/${ci}/args` : cmdBase),
    ...(version ? { version, versionAt: doc.at(`/spec/containers/${ci}/image`) } : {}),
    kubeadm: Object.keys(annotations).some((k) => k.startsWith('kubeadm.kubernetes.io/')),
  };
}

function apiserverFromFlags(doc: DocumentRef): ApiserverInput {
  const words = splitCommandLine(doc.value as string);
  const at = doc.at('');
  return { id: path.basename(doc.location), args: words, argAt: (i) => (doc.find ? doc.find(words[i]!) : at), argsAt: at, kubeadm: false };
}

function kubeconfigOf(doc: DocumentRef): KubeconfigInput {
  const v = doc.value as Record<string, unknown>;
  const clusters = (v.clusters as unknown[]).filter(isObject);
  const contexts = Array.isArray(v.contexts) ? v.contexts.filter(isObject) : [];
  const current = contexts.find((c) => c.name === v['current-context']);
  const clusterName = isObject(current?.context) ? str(current.context.cluster) : undefined;
  let idx = clusterName !== undefined ? clusters.findIndex((c) => c.name === clusterName) : -1;
  if (idx < 0 && clusters.length === 1) idx = 0;
  const cluster = idx >= 0 && isObject(clusters[idx]!.cluster) ? (clusters[idx]!.cluster as Record<string, unknown>) : undefined;
  const server = str(cluster?.server);
  return {
    file: doc.location,
    ...(server ? { server, serverAt: doc.at(`/clusters/${(v.clusters as unknown[]).indexOf(clusters[idx])}/cluster/server`) } : {}),
    at: doc.at,
  };
}

function authnOf(doc: DocumentRef): AuthnConfigInput {
  const v = doc.value as Record<string, unknown>;
  const jwt = Array.isArray(v.jwt) ? v.jwt : [];
  const issuers = jwt.flatMap((j: unknown, i) => {
    const url = isObject(j) && isObject(j.issuer) ? str(j.issuer.url) : undefined;
    return url ? [{ url, at: doc.at(`/jwt/${i}/issuer/url`) }] : [];
  });
  const anon = isObject(v.anonymous) ? v.anonymous : undefined;
  return {
    file: doc.location,
    issuers,
    ...(anon
      ? {
          anonymous: {
            enabled: anon.enabled === true,
            paths: (Array.isArray(anon.conditions) ? anon.conditions : []).flatMap((c: unknown) => (isObject(c) && typeof c.path === 'string' ? [c.path] : [])),
            at: doc.at('/anonymous'),
          },
        }
      : {}),
    at: doc.at,
  };
}

function rules(v: unknown): RbacRule[] {
  return (Array.isArray(v) ? v : []).filter(isObject).map((r) => ({
    ...(r.apiGroups !== undefined ? { apiGroups: strings(r.apiGroups) } : {}),
    ...(r.resources !== undefined ? { resources: strings(r.resources) } : {}),
    verbs: strings(r.verbs),
    ...(r.resourceNames !== undefined ? { resourceNames: strings(r.resourceNames) } : {}),
    ...(r.nonResourceURLs !== undefined ? { nonResourceURLs: strings(r.nonResourceURLs) } : {}),
  }));
}

function addRbac(inputs: KubeInputs, doc: DocumentRef): void {
  const v = doc.value as Record<string, unknown>;
  const kind = v.kind as string;
  const meta = isObject(v.metadata) ? v.metadata : {};
  const name = str(meta.name);
  if (!name) throw new UnrecognizedDocument(doc.at('/metadata'), `${kind} without metadata.name`);
  const namespace = str(meta.namespace);
  const origin = doc.at('');
  if (kind === 'ClusterRole' || kind === 'Role') {
    const agg =
      isObject(v.aggregationRule) && Array.isArray(v.aggregationRule.clusterRoleSelectors)
        ? (v.aggregationRule.clusterRoleSelectors.filter(isObject) as LabelSelector[])
        : undefined;
    const labels = isObject(meta.labels) ? Object.fromEntries(Object.entries(meta.labels).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
    inputs.roles.push({
      kind,
      name,
      ...(namespace && kind === 'Role' ? { namespace } : {}),
      labels,
      rules: rules(v.rules),
      ...(agg && kind === 'ClusterRole' ? { aggregation: agg } : {}),
      origin,
    });
    return;
  }
  const ref = isObject(v.roleRef) ? v.roleRef : undefined;
  if (!ref || typeof ref.name !== 'string' || (ref.kind !== 'ClusterRole' && ref.kind !== 'Role')) {
    throw new UnrecognizedDocument(doc.at('/roleRef'), `${kind} ${name}: roleRef must name a ClusterRole or Role`);
  }
  const subjects: Subject[] = (Array.isArray(v.subjects) ? v.subjects : [])
    .filter(isObject)
    .flatMap((s) =>
      typeof s.kind === 'string' && typeof s.name === 'string'
        ? [{ kind: s.kind, name: s.name, ...(typeof s.namespace === 'string' ? { namespace: s.namespace } : {}) }]
        : [],
    );
  inputs.bindings.push({
    kind: kind as 'ClusterRoleBinding' | 'RoleBinding',
    name,
    ...(namespace && kind === 'RoleBinding' ? { namespace } : {}),
    roleRef: { kind: ref.kind, name: ref.name },
    subjects,
    origin,
  });
}
