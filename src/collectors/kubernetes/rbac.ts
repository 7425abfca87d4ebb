/**
 * Kubernetes RBAC (rbac.authorization.k8s.io/v1): who is bound to what, resolved down to rules.
 *
 * - Administrators: subjects bound cluster-wide (ClusterRoleBinding) to a role that grants
 *   everything (`*` verbs on `*` resources in `*` groups, as cluster-admin does) or that can
 *   escalate to it: `escalate` or `bind` on (cluster)roles, `impersonate` on users, groups or
 *   service accounts.
 * - Wildcard grants: anything beyond discovery granted to everyone (system:authenticated,
 *   system:unauthenticated, system:anonymous, system:serviceaccounts), and roles with `*` in
 *   verbs, resources or apiGroups bound to anyone except the built-in cluster-admin role bound
 *   cluster-wide (those are the administrators, counted above).
 * - Kubernetes' own components (users and groups in the reserved `system:` namespace, and
 *   kube-system service accounts bound to `system:` roles by the bootstrap policy) are not people
 *   and are left out of both, counted separately.
 * - ClusterRoles with an aggregationRule get the rules of the ClusterRoles their label selectors
 *   match, as the aggregation controller does; when none of them was given and the role has no
 *   rules of its own, its permissions are unknown.
 */

import type { FactSource } from '../../model/types.js';

export interface RbacRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly { readonly key: string; readonly operator: string; readonly values?: readonly string[] }[];
}

export interface Subject {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** Where an object was read: a file (line, column, JSON pointer) or an API endpoint. */
type Origin = FactSource;

export interface RoleObject {
  readonly kind: 'ClusterRole' | 'Role';
  readonly name: string;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly rules: readonly RbacRule[];
  readonly aggregation?: readonly LabelSelector[];
  readonly origin: Origin;
  /** Kubernetes' documented bootstrap definition, used because the input did not include the role. */
  readonly builtin?: true;
}

export interface BindingObject {
  readonly kind: 'ClusterRoleBinding' | 'RoleBinding';
  readonly name: string;
  readonly namespace?: string;
  readonly roleRef: { readonly kind: string; readonly name: string };
  readonly subjects: readonly Subject[];
  readonly origin: Origin;
}

export type Access = 'none' | 'read' | 'write' | 'admin';
const ACCESS_ORDER: readonly Access[] = ['none', 'read', 'write', 'admin'];
export const maxAccess = (a: Access, b: Access): Access => (ACCESS_ORDER.indexOf(a) >= ACCESS_ORDER.indexOf(b) ? a : b);

/**
 * Bootstrap roles from Kubernetes' default RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy),
 * used only when the input lacks them: cluster-admin (what makes an administrator) and the
 * discovery roles every cluster binds to everyone.
 */
const BUILTIN_CLUSTER_ROLES: Readonly<Record<string, readonly RbacRule[]>> = {
  'cluster-admin': [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ],
  'system:discovery': [
    {
      nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'],
      verbs: ['get'],
    },
  ],
  'system:public-info-viewer': [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }],
  'system:basic-user': [
    { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ],
  'system:service-account-issuer-discovery': [
    { nonResourceURLs: ['/.well-known/openid-configuration', '/.well-known/openid-configuration/', '/openid/v1/jwks', '/openid/v1/jwks/'], verbs: ['get'] },
  ],
};

/** Groups that stand for everyone (or every workload): any real grant to them is a wildcard grant. */
export const BROAD_GROUPS = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts']);
const ANONYMOUS = new Set(['system:anonymous', 'system:unauthenticated']);
/** Reserved-prefix groups that are for people, not components. */
const PEOPLE_SYSTEM_GROUPS = new Set(['system:masters']);

/** Non-resource paths every cluster serves to everyone: health, version, API discovery, OIDC discovery. */
const PUBLIC_PATHS = [
  /^\/(healthz|livez|readyz)(\/.*)?$/,
  /^\/version\/?$/,
  /^\/apis?(\/\*?)?$/,
  /^\/openapi(\/.*)?$/,
  /^\/\.well-known\/openid-configuration\/?$/,
  /^\/openid\/v1\/jwks\/?$/,
];
/** Resource requests every user may make about themselves. */
const SELF_REVIEWS = new Set([
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  'authentication.k8s.io/selfsubjectreviews',
]);

const READ_VERBS = new Set(['get', 'list', 'watch']);
const includes = (list: readonly string[] | undefined, v: string) => (list ?? []).includes(v) || (list ?? []).includes('*');

function isResourceRule(r: RbacRule): boolean {
  return (r.nonResourceURLs ?? []).length === 0;
}

/** "*" in verbs, resources or apiGroups of a resource rule. */
function wildcardRule(r: RbacRule): boolean {
  if (!isResourceRule(r)) return (r.nonResourceURLs ?? []).includes('*') && (r.verbs ?? []).includes('*');
  return (r.verbs ?? []).includes('*') || (r.resources ?? []).includes('*') || (r.apiGroups ?? []).includes('*');
}

/** Everything on everything: what cluster-admin grants. */
function fullAccessRule(r: RbacRule): boolean {
  return (
    isResourceRule(r) &&
    (r.verbs ?? []).includes('*') &&
    (r.resources ?? []).includes('*') &&
    (r.apiGroups ?? []).includes('*') &&
    (r.resourceNames ?? []).length === 0
  );
}

/** The verbs of a rule that let its holder raise their own privileges, with what they apply to. */
export function escalationVerbs(r: RbacRule): string[] {
  if (!isResourceRule(r) || (r.resourceNames ?? []).length > 0) return [];
  const out: string[] = [];
  const rbacGroup = includes(r.apiGroups, 'rbac.authorization.k8s.io');
  const roles = includes(r.resources, 'roles') || includes(r.resources, 'clusterroles');
  if (rbacGroup && roles && includes(r.verbs, 'escalate')) out.push('escalate');
  if (rbacGroup && roles && includes(r.verbs, 'bind')) out.push('bind');
  const identities = ['users', 'groups', 'serviceaccounts', 'uids', 'userextras/*'].some((x) => includes(r.resources, x));
  if ((includes(r.apiGroups, '') || includes(r.apiGroups, 'authentication.k8s.io')) && identities && includes(r.verbs, 'impersonate')) out.push('impersonate');
  return out;
}

/** The rule lets its holder read every secret in its scope. */
export function readsSecrets(r: RbacRule): boolean {
  if (!isResourceRule(r) || (r.resourceNames ?? []).length > 0) return false;
  return includes(r.apiGroups, '') && includes(r.resources, 'secrets') && ['get', 'list', 'watch'].some((v) => includes(r.verbs, v));
}

/** What a rule allows, on the none < read < write < admin scale. */
export function ruleAccess(r: RbacRule): Access {
  const verbs = r.verbs ?? [];
  if (verbs.length === 0) return 'none';
  if (fullAccessRule(r) || escalationVerbs(r).length > 0) return 'admin';
  if (!isResourceRule(r)) {
    const paths = r.nonResourceURLs ?? [];
    if (paths.every((p) => PUBLIC_PATHS.some((re) => re.test(p)))) return 'none';
    return verbs.every((v) => v === 'get' || v === 'head') ? 'read' : 'write';
  }
  const groups = r.apiGroups ?? [];
  const resources = r.resources ?? [];
  const selfOnly = groups.length > 0 && resources.length > 0 && groups.every((g) => resources.every((res) => SELF_REVIEWS.has(`${g}/${res}`)));
  if (selfOnly && verbs.every((v) => v === 'create')) return 'none';
  if (resources.length === 0 || groups.length === 0) return 'none';
  return verbs.every((v) => READ_VERBS.has(v)) ? 'read' : 'write';
}

export function describeRule(r: RbacRule): string {
  const list = (l: readonly string[] | undefined) => `[${(l ?? []).map((x) => (x === '' ? '""' : x)).join(', ')}]`;
  if (!isResourceRule(r)) return `verbs ${list(r.verbs)} on nonResourceURLs ${list(r.nonResourceURLs)}`;
  const names = (r.resourceNames ?? []).length > 0 ? ` named ${list(r.resourceNames)}` : '';
  return `verbs ${list(r.verbs)} on resources ${list(r.resources)}${names} in apiGroups ${list(r.apiGroups)}`;
}

function selects(sel: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  const ml = sel.matchLabels ?? {};
  const exprs = sel.matchExpressions ?? [];
  // an empty selector selects nothing in clusterRoleSelectors (the controller skips it)
  if (Object.keys(ml).length === 0 && exprs.length === 0) return false;
  for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  for (const e of exprs) {
    const has = Object.hasOwn(labels, e.key);
    const vals = e.values ?? [];
    if (e.operator === 'In' && !(has && vals.includes(labels[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && vals.includes(labels[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return false;
  }
  return true;
}

interface ResolvedRole {
  readonly role: RoleObject | undefined;
  readonly rules: readonly RbacRule[];
  /** Roles whose rules were folded in through aggregation. */
  readonly aggregated: readonly RoleObject[];
  /** Why the permissions are unknown, when they are. */
  readonly unresolved?: string;
}

export interface Grant {
  readonly subject: Subject;
  /** The principal's name as the authorizer sees it (service accounts as system:serviceaccount:ns:name). */
  readonly principal: string;
  readonly principalKind: 'user' | 'group' | 'service';
  readonly binding: BindingObject;
  /** "cluster" or "namespace NS". */
  readonly scope: string;
  readonly roleLabel: string;
  readonly resolved: ResolvedRole;
  /** A Kubernetes component (not a person or a workload), left out of admins and wildcard grants. */
  readonly component: boolean;
  readonly access: Access | null;
  readonly wildcardRules: readonly RbacRule[];
  readonly escalation: readonly string[];
  readonly readsSecrets: boolean;
}

export interface RbacAnalysis {
  readonly grants: readonly Grant[];
  readonly roles: ReadonlyMap<string, RoleObject>;
  /** Grants whose role could not be resolved (missing role, or aggregation of roles not given). */
  readonly unresolved: readonly Grant[];
  readonly builtinsUsed: readonly string[];
  readonly duplicates: readonly string[];
}

const where = (o: Origin) => `${o.file ?? o.endpoint ?? '?'}${o.line !== undefined ? `:${o.line}` : ''}`;

const roleKey = (kind: string, name: string, namespace?: string) => (kind === 'ClusterRole' ? `ClusterRole/${name}` : `Role/${namespace ?? ''}/${name}`);

function principalOf(s: Subject, bindingNamespace: string | undefined): { name: string; kind: 'user' | 'group' | 'service' } | undefined {
  if (s.kind === 'User') return { name: s.name, kind: 'user' };
  if (s.kind === 'Group') return { name: s.name, kind: 'group' };
  if (s.kind === 'ServiceAccount') return { name: `system:serviceaccount:${s.namespace ?? bindingNamespace ?? 'default'}:${s.name}`, kind: 'service' };
  return undefined;
}

/** Users and groups in Kubernetes' reserved namespace that are components, and bootstrap controller bindings. */
function isComponent(s: Subject, b: BindingObject): boolean {
  if (s.kind === 'User') return s.name.startsWith('system:') && !ANONYMOUS.has(s.name);
  if (s.kind === 'Group')
    return s.name.startsWith('system:') && !PEOPLE_SYSTEM_GROUPS.has(s.name) && !BROAD_GROUPS.has(s.name) && !s.name.startsWith('system:serviceaccounts');
  if (s.kind === 'ServiceAccount') return (s.namespace ?? b.namespace) === 'kube-system' && b.roleRef.name.startsWith('system:');
  return false;
}

export function analyzeRbac(roleList: readonly RoleObject[], bindings: readonly BindingObject[]): RbacAnalysis {
  const roles = new Map<string, RoleObject>();
  const duplicates: string[] = [];
  for (const r of roleList) {
    const key = roleKey(r.kind, r.name, r.namespace);
    const prev = roles.get(key);
    if (prev && JSON.stringify([prev.rules, prev.aggregation ?? null]) !== JSON.stringify([r.rules, r.aggregation ?? null])) {
      duplicates.push(`${key} differs between ${where(prev.origin)} and ${where(r.origin)}`);
    }
    roles.set(key, r);
  }
  const builtinsUsed = new Set<string>();
  const clusterRoles = [...roles.values()].filter((r) => r.kind === 'ClusterRole');

  const resolving = new Set<string>();
  // a role is resolved once, however many bindings name it
  const resolved = new Map<string, ResolvedRole>();
  const resolveCluster = (name: string): ResolvedRole => {
    const key = roleKey('ClusterRole', name);
    const done = resolved.get(key);
    if (done) return done;
    const r = resolveClusterOnce(name, key);
    if (!resolving.size) resolved.set(key, r);
    return r;
  };
  const resolveClusterOnce = (name: string, key: string): ResolvedRole => {
    let role = roles.get(key);
    if (!role && BUILTIN_CLUSTER_ROLES[name]) {
      builtinsUsed.add(name);
      role = {
        kind: 'ClusterRole',
        name,
        labels: {},
        rules: BUILTIN_CLUSTER_ROLES[name]!,
        origin: { default: `ClusterRole ${name} was not given: Kubernetes' bootstrap policy defines it` },
        builtin: true,
      };
    }
    if (!role) return { role: undefined, rules: [], aggregated: [], unresolved: `ClusterRole ${name} was not given` };
    if (!role.aggregation || resolving.has(key)) return { role, rules: role.rules, aggregated: [] };
    resolving.add(key);
    const parts = clusterRoles.filter((c) => c.name !== name && role!.aggregation!.some((sel) => selects(sel, c.labels)));
    const rules = [...role.rules];
    const aggregated: RoleObject[] = [];
    let unresolved: string | undefined;
    for (const p of parts) {
      const r = resolveCluster(p.name);
      rules.push(...r.rules);
      aggregated.push(p, ...r.aggregated);
      unresolved ??= r.unresolved;
    }
    resolving.delete(key);
    if (parts.length === 0 && role.rules.length === 0) {
      unresolved = `ClusterRole ${name} aggregates the ClusterRoles selected by ${JSON.stringify(role.aggregation)}, and none of them was given`;
    }
    return { role, rules, aggregated, ...(unresolved ? { unresolved } : {}) };
  };
  const resolve = (b: BindingObject): ResolvedRole => {
    if (b.roleRef.kind === 'ClusterRole') return resolveCluster(b.roleRef.name);
    const role = roles.get(roleKey('Role', b.roleRef.name, b.namespace));
    if (!role) return { role: undefined, rules: [], aggregated: [], unresolved: `Role ${b.namespace}/${b.roleRef.name} was not given` };
    return { role, rules: role.rules, aggregated: [] };
  };

  // what a role allows is worked out once per role, not once per binding
  const summaries = new Map<ResolvedRole, Pick<Grant, 'access' | 'wildcardRules' | 'escalation' | 'readsSecrets'>>();
  const summary = (r: ResolvedRole) => {
    let sm = summaries.get(r);
    if (!sm) {
      sm = {
        access: r.unresolved === undefined ? r.rules.reduce<Access>((a, rule) => maxAccess(a, ruleAccess(rule)), 'none') : null,
        wildcardRules: r.rules.filter(wildcardRule),
        escalation: [...new Set(r.rules.flatMap(escalationVerbs))],
        readsSecrets: r.rules.some(readsSecrets),
      };
      summaries.set(r, sm);
    }
    return sm;
  };
  const grants: Grant[] = [];
  for (const b of bindings) {
    const resolved = resolve(b);
    const sm = summary(resolved);
    const scope = b.kind === 'ClusterRoleBinding' ? 'cluster' : `namespace ${b.namespace ?? 'default'}`;
    const roleLabel =
      b.roleRef.kind === 'ClusterRole'
        ? `ClusterRole ${b.roleRef.name}${b.kind === 'RoleBinding' ? ` in ${b.namespace}` : ''}`
        : `Role ${b.namespace}/${b.roleRef.name}`;
    for (const s of b.subjects) {
      const p = principalOf(s, b.namespace);
      if (!p) continue;
      grants.push({ subject: s, principal: p.name, principalKind: p.kind, binding: b, scope, roleLabel, resolved, component: isComponent(s, b), ...sm });
    }
  }
  return { grants, roles, unresolved: grants.filter((g) => g.resolved.unresolved !== undefined), builtinsUsed: [...builtinsUsed].sort(), duplicates };
}

/** A grant that makes its holder a cluster administrator. */
export function isAdminGrant(g: Grant): boolean {
  return g.scope === 'cluster' && g.access === 'admin';
}

/** The grant is the designated administrator grant: the built-in cluster-admin role bound cluster-wide. */
function isClusterAdminBinding(g: Grant): boolean {
  return g.binding.kind === 'ClusterRoleBinding' && g.binding.roleRef.kind === 'ClusterRole' && g.binding.roleRef.name === 'cluster-admin';
}

export interface WildcardGrant {
  readonly grant: Grant;
  readonly permission: string;
}

/** Grants to everyone beyond discovery, and wildcard roles bound to anyone but the designated administrators. */
export function wildcardGrants(a: RbacAnalysis): WildcardGrant[] {
  const out: WildcardGrant[] = [];
  for (const g of a.grants) {
    if (g.component || g.access === null) continue;
    const everyone = BROAD_GROUPS.has(g.principal) || ANONYMOUS.has(g.principal);
    if (everyone && g.access !== 'none') {
      out.push({ grant: g, permission: `${g.roleLabel} (${g.access})` });
    } else if (!everyone && g.wildcardRules.length > 0 && !isClusterAdminBinding(g)) {
      out.push({ grant: g, permission: `${g.roleLabel}: ${describeRule(g.wildcardRules[0]!)}` });
    }
  }
  return out;
}

export const isAnonymousPrincipal = (name: string) => ANONYMOUS.has(name);
