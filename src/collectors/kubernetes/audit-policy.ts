/**
 * The kube-apiserver audit policy (audit.k8s.io/v1 Policy) and what it records.
 *
 * Matching follows k8s.io/apiserver/pkg/audit/policy/checker.go: rules are tried in order and the
 * FIRST rule that matches a request decides its level; a request no rule matches is recorded at
 * None. The policy's omitStages are added to every rule's. Instead of trusting a rule's intent,
 * auditready asks the policy about concrete requests ("probes": a person, a workload service
 * account and an anonymous caller, in several namespaces and cluster-wide, with every verb) and
 * reports the lowest level each class of events gets, and whether any request that carries a
 * secret value is recorded with its body. Requests whose credentials fail authentication are
 * audited too (k8s.io/apiserver WithFailedAuthenticationAudit): with no user, so only rules that
 * name no users or userGroups match them, and only at the ResponseStarted stage.
 */

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
type Level = (typeof LEVELS)[number];
const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'] as const;
type Stage = (typeof STAGES)[number];

interface GroupResources {
  readonly group?: string;
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
}

/** Who or what a rule matches (users, groups, verbs, namespaces, URLs); absent matches all. */
type Names = readonly string[];

interface PolicyRule {
  readonly level: Level;
  readonly users?: Names;
  readonly userGroups?: Names;
  readonly verbs?: Names;
  readonly resources?: readonly GroupResources[];
  readonly namespaces?: Names;
  readonly nonResourceURLs?: Names;
  readonly omitStages?: readonly Stage[];
}

export interface AuditPolicy {
  readonly rules: readonly PolicyRule[];
  readonly omitStages?: readonly Stage[];
}

export interface PolicyProblem {
  /** JSON pointer inside the policy document. */
  readonly pointer: string;
  readonly message: string;
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Check a parsed document the way kube-apiserver does before it starts (it refuses to start on
 * any of these). Returns the typed policy, or the problems with their pointers.
 */
export function readAuditPolicy(doc: Record<string, unknown>): { policy: AuditPolicy } | { problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  if (doc.apiVersion !== 'audit.k8s.io/v1') {
    problems.push({ pointer: '/apiVersion', message: `apiVersion ${JSON.stringify(doc.apiVersion)}: kube-apiserver reads only audit.k8s.io/v1 policies` });
  }
  const stagesAt = (v: unknown, at: string) => {
    if (v === undefined) return;
    if (!isStringList(v)) problems.push({ pointer: at, message: 'omitStages must be a list of stage names' });
    else
      v.forEach((s, i) => {
        if (!(STAGES as readonly string[]).includes(s))
          problems.push({ pointer: `${at}/${i}`, message: `unknown stage ${JSON.stringify(s)}; expected one of ${STAGES.join(', ')}` });
      });
  };
  stagesAt(doc.omitStages, '/omitStages');
  const rules = doc.rules;
  if (!Array.isArray(rules) || rules.length === 0) {
    problems.push({ pointer: '/rules', message: 'a policy needs at least one rule (kube-apiserver refuses "a policy with 0 rules")' });
    return { problems };
  }
  rules.forEach((r: unknown, i) => {
    const at = `/rules/${i}`;
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      problems.push({ pointer: at, message: 'a rule must be a mapping' });
      return;
    }
    const rule = r as Record<string, unknown>;
    if (!(LEVELS as readonly unknown[]).includes(rule.level)) {
      problems.push({ pointer: `${at}/level`, message: `level ${JSON.stringify(rule.level)}; expected one of ${LEVELS.join(', ')}` });
    }
    for (const k of ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs'] as const) {
      if (rule[k] !== undefined && !isStringList(rule[k])) problems.push({ pointer: `${at}/${k}`, message: `${k} must be a list of strings` });
    }
    stagesAt(rule.omitStages, `${at}/omitStages`);
    if (rule.resources !== undefined) {
      if (!Array.isArray(rule.resources))
        problems.push({ pointer: `${at}/resources`, message: 'resources must be a list of {group, resources, resourceNames}' });
      else
        rule.resources.forEach((g: unknown, j) => {
          const gr = g as Record<string, unknown> | null;
          if (gr === null || typeof gr !== 'object' || Array.isArray(gr)) {
            problems.push({ pointer: `${at}/resources/${j}`, message: 'a resources entry must be a mapping with group, resources, resourceNames' });
            return;
          }
          if (gr.group !== undefined && typeof gr.group !== 'string')
            problems.push({ pointer: `${at}/resources/${j}/group`, message: 'group must be a string ("" is the core group)' });
          for (const k of ['resources', 'resourceNames'] as const) {
            if (gr[k] !== undefined && !isStringList(gr[k])) problems.push({ pointer: `${at}/resources/${j}/${k}`, message: `${k} must be a list of strings` });
          }
        });
    }
    const hasResource = (Array.isArray(rule.resources) && rule.resources.length > 0) || (Array.isArray(rule.namespaces) && rule.namespaces.length > 0);
    if (hasResource && Array.isArray(rule.nonResourceURLs) && rule.nonResourceURLs.length > 0) {
      problems.push({ pointer: `${at}/nonResourceURLs`, message: 'a rule cannot have both nonResourceURLs and resources or namespaces' });
    }
  });
  return problems.length > 0 ? { problems } : { policy: doc as unknown as AuditPolicy };
}

// --- evaluation (checker.go) ------------------------------------------------------------------

interface RequestUser {
  readonly name: string;
  readonly groups: readonly string[];
  /** No user at all: the credentials failed authentication (the event's user is empty). */
  readonly unauthenticated?: true;
}

export interface ResourceRequest {
  readonly user: RequestUser;
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  /** "" for cluster-scoped requests (and lists across all namespaces). */
  readonly namespace: string;
  /** "" when the request names no object (list, watch, create, deletecollection). */
  readonly name: string;
}

export interface Decision {
  readonly level: Level;
  /** Rule index that decided, or -1 when no rule matched (the default None). */
  readonly rule: number;
  readonly omitStages: readonly Stage[];
}

const has = (list: readonly string[] | undefined, v: string) => (list ?? []).includes(v);

function ruleMatchesResource(r: PolicyRule, req: ResourceRequest): boolean {
  if ((r.namespaces ?? []).length > 0 && !has(r.namespaces, req.namespace)) return false;
  if ((r.resources ?? []).length === 0) return true;
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  for (const gr of r.resources ?? []) {
    const group = gr.group ?? '';
    if (group !== req.group && group !== '*') continue;
    if ((gr.resources ?? []).length === 0) return true;
    for (const res of gr.resources ?? []) {
      if ((gr.resourceNames ?? []).length > 0 && !has(gr.resourceNames, req.name)) continue;
      if (res === combined || res === '*') return true;
      if (req.subresource && res.startsWith('*/') && req.subresource === res.slice(2)) return true;
      if (res.endsWith('/*') && req.resource === res.slice(0, -2)) return true;
    }
  }
  return false;
}

function ruleMatches(r: PolicyRule, req: ResourceRequest): boolean {
  // checker.go: a rule with users or userGroups never matches a request without a user
  if ((r.users ?? []).length > 0 && (req.user.unauthenticated || !has(r.users, req.user.name))) return false;
  if ((r.userGroups ?? []).length > 0 && (req.user.unauthenticated || !req.user.groups.some((g) => has(r.userGroups, g)))) return false;
  if ((r.verbs ?? []).length > 0 && !has(r.verbs, req.verb)) return false;
  if ((r.namespaces ?? []).length > 0 || (r.resources ?? []).length > 0) return ruleMatchesResource(r, req);
  // a rule with only nonResourceURLs never matches a resource request
  if ((r.nonResourceURLs ?? []).length > 0) return false;
  return true;
}

export function decide(policy: AuditPolicy, req: ResourceRequest): Decision {
  const global = policy.omitStages ?? [];
  for (let i = 0; i < policy.rules.length; i++) {
    const r = policy.rules[i]!;
    if (ruleMatches(r, req)) return { level: r.level, rule: i, omitStages: [...new Set([...global, ...(r.omitStages ?? [])])] };
  }
  return { level: 'None', rule: -1, omitStages: global };
}

const rank = (l: Level) => LEVELS.indexOf(l);

// --- probes ------------------------------------------------------------------------------------

const PROBE_NAMESPACE = 'auditready-probe';
/** The callers every class is asked about: a person, a workload's service account, anonymous. */
const PROBE_USERS: readonly RequestUser[] = [
  { name: 'auditready:probe-user', groups: ['system:authenticated'] },
  {
    name: `system:serviceaccount:${PROBE_NAMESPACE}:default`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${PROBE_NAMESPACE}`, 'system:authenticated'],
  },
  { name: 'system:anonymous', groups: ['system:unauthenticated'] },
];

/**
 * A caller whose credentials failed authentication (a wrong or expired token or certificate): its
 * audit event has no user and no groups, so a rule naming users or userGroups never matches it.
 */
const FAILED_AUTHN_CALLER: RequestUser = { name: '', groups: [], unauthenticated: true };

const READS = ['get', 'list', 'watch'] as const;
const WRITES = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;
const ALL_VERBS = [...READS, ...WRITES];
/** Verbs that address one object by name; the others address the collection. */
const NAMED_VERBS = new Set(['get', 'update', 'patch', 'delete']);

interface Target {
  readonly group: string;
  readonly resource: string;
  readonly subresource?: string;
  readonly namespaced: boolean;
}

interface EventClass {
  readonly targets: readonly Target[];
  readonly verbs: readonly string[];
  readonly about: string;
  /** The callers probed (default PROBE_USERS). */
  readonly users?: readonly RequestUser[];
  /** The only stage its events are written at: omitting it records nothing. */
  readonly stage?: Stage;
}

/**
 * Event classes of authenticated requests and the requests that make them up. rbac, workloads
 * and exec are about changes and commands (PCI DSS 10.2.1.2, 10.2.1.5); secrets and configmaps
 * include reads (access to sensitive data, 10.2.1.1).
 */
/** Resources of one API group, all namespaced or all cluster-wide. */
const inGroup = (group: string, namespaced: boolean, ...resources: string[]) => resources.map((resource) => ({ group, resource, namespaced }));

const REQUEST_CLASSES: Readonly<Record<string, EventClass>> = {
  secrets: { targets: [{ group: '', resource: 'secrets', namespaced: true }], verbs: ALL_VERBS, about: 'every verb on secrets' },
  configmaps: { targets: [{ group: '', resource: 'configmaps', namespaced: true }], verbs: ALL_VERBS, about: 'every verb on configmaps' },
  rbac: {
    targets: [
      ...inGroup('rbac.authorization.k8s.io', true, 'roles', 'rolebindings'),
      ...inGroup('rbac.authorization.k8s.io', false, 'clusterroles', 'clusterrolebindings'),
    ],
    verbs: WRITES,
    about: 'changes to roles, rolebindings, clusterroles and clusterrolebindings',
  },
  workloads: {
    targets: [
      ...inGroup('', true, 'pods'),
      ...inGroup('apps', true, 'deployments', 'daemonsets', 'statefulsets'),
      ...inGroup('batch', true, 'jobs', 'cronjobs'),
    ],
    verbs: WRITES,
    about: 'changes to pods, deployments, daemonsets, statefulsets, jobs and cronjobs',
  },
  exec: {
    targets: ['exec', 'attach', 'portforward'].map((subresource) => ({ group: '', resource: 'pods', subresource, namespaced: true })),
    verbs: ['create', 'get'],
    about: 'kubectl exec, attach and port-forward (create, and get for WebSocket clients)',
  },
  auth: {
    targets: [
      { group: '', resource: 'serviceaccounts', subresource: 'token', namespaced: true },
      { group: 'authentication.k8s.io', resource: 'tokenreviews', namespaced: false },
      { group: 'certificates.k8s.io', resource: 'certificatesigningrequests', namespaced: false },
      { group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval', namespaced: false },
    ],
    verbs: ['create', 'update'],
    about: 'token requests, token reviews and certificate signing requests',
  },
};

/** A resource the policy cannot name in advance: what the catch-all (or the default None) gives. */
const OTHER: { readonly targets: readonly Target[]; readonly verbs: readonly string[] } = {
  targets: [{ group: 'auditready.example.com', resource: 'widgets', namespaced: true }],
  verbs: ALL_VERBS,
};

/**
 * Every event class: the request classes, and authn_failures, failed sign-ins (PCI DSS 10.2.1.4):
 * any request, on any resource the other classes probe or one no rule names, whose credentials
 * failed authentication. kube-apiserver writes that event at ResponseStarted (code 401) only.
 */
export const CLASSES: Readonly<Record<string, EventClass>> = {
  ...REQUEST_CLASSES,
  authn_failures: {
    targets: [...Object.values(REQUEST_CLASSES).flatMap((c) => c.targets), ...OTHER.targets],
    verbs: ALL_VERBS,
    users: [FAILED_AUTHN_CALLER],
    stage: 'ResponseStarted',
    about: 'requests whose credentials failed authentication (no user; written at ResponseStarted with code 401)',
  },
};

/** Requests whose body carries a secret value: the request (at Request and above) or the response (at RequestResponse). */
const SENSITIVE: readonly { readonly target: Target; readonly requestBody: readonly string[]; readonly responseBody: readonly string[] }[] = [
  { target: { group: '', resource: 'secrets', namespaced: true }, requestBody: ['create', 'update', 'patch'], responseBody: ALL_VERBS },
  { target: { group: '', resource: 'configmaps', namespaced: true }, requestBody: ['create', 'update', 'patch'], responseBody: ALL_VERBS },
  // TokenReview carries the bearer token being reviewed in spec.token, and the response echoes it
  { target: { group: 'authentication.k8s.io', resource: 'tokenreviews', namespaced: false }, requestBody: ['create'], responseBody: ['create'] },
  // TokenRequest's response carries the issued token
  { target: { group: '', resource: 'serviceaccounts', subresource: 'token', namespaced: true }, requestBody: [], responseBody: ['create'] },
];

function* requests(target: Target, verbs: readonly string[], users: readonly RequestUser[] = PROBE_USERS): Generator<ResourceRequest> {
  const namespaces = target.namespaced ? ['default', 'kube-system', PROBE_NAMESPACE, ''] : [''];
  for (const user of users) {
    for (const verb of verbs) {
      for (const namespace of namespaces) {
        // a named request needs a namespace for a namespaced resource; lists may span all namespaces
        if (target.namespaced && namespace === '' && (NAMED_VERBS.has(verb) || verb === 'create' || target.subresource)) continue;
        const named = NAMED_VERBS.has(verb) || target.subresource !== undefined;
        yield {
          user,
          verb,
          group: target.group,
          resource: target.resource,
          ...(target.subresource ? { subresource: target.subresource } : {}),
          namespace,
          name: named ? 'auditready-probe' : '',
        };
      }
    }
  }
}

export function describeRequest(r: ResourceRequest): string {
  const res = `${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.group ? `.${r.group}` : ''}`;
  return `${r.user.name || 'a caller with failed credentials'} ${r.verb} ${res}${r.namespace ? ` in ${r.namespace}` : r.name ? '' : ' (all namespaces)'}`;
}

/** The lowest level a class gets, and the request and rule that got it. */
interface ClassLevel {
  readonly level: Level;
  readonly request: ResourceRequest;
  readonly rule: number;
  /** The class's only stage, which the deciding rule (or the policy) omits: nothing is written. */
  readonly omitted?: Stage;
}

function lowest(policy: AuditPolicy, c: Pick<EventClass, 'targets' | 'verbs' | 'users' | 'stage'>): ClassLevel {
  let worst: ClassLevel | undefined;
  for (const t of c.targets) {
    for (const req of requests(t, c.verbs, c.users)) {
      const d = decide(policy, req);
      const omitted = c.stage && d.level !== 'None' && d.omitStages.includes(c.stage) ? c.stage : undefined;
      const level = omitted ? 'None' : d.level;
      if (!worst || rank(level) < rank(worst.level)) worst = { level, request: req, rule: d.rule, ...(omitted ? { omitted } : {}) };
    }
  }
  return worst!;
}

interface SecretExposure {
  readonly request: ResourceRequest;
  readonly level: Level;
  readonly rule: number;
  readonly body: 'request' | 'response';
}

export interface PolicyAnalysis {
  /** Lowest level per event class over every probe. */
  readonly classes: Readonly<Record<string, ClassLevel>>;
  /** Lowest level a resource no rule names gets (the catch-all's, or None). */
  readonly other: ClassLevel;
  /** Requests whose secret-carrying body is recorded, one per sensitive resource. */
  readonly secretExposures: readonly SecretExposure[];
  /** A recorded request whose event never reaches ResponseComplete, so it carries no result. */
  readonly resultOmitted: { readonly request: ResourceRequest; readonly rule: number } | null;
  /** Whether any probe is recorded at all. */
  readonly recordsAnything: boolean;
  /** Index of the first rule that matches every request, if any (rules after it are never reached). */
  readonly catchAll: number;
}

export function analyzePolicy(policy: AuditPolicy): PolicyAnalysis {
  const classes: Record<string, ClassLevel> = {};
  for (const [name, c] of Object.entries(CLASSES)) classes[name] = lowest(policy, c);
  const other = lowest(policy, OTHER);

  const secretExposures: SecretExposure[] = [];
  for (const s of SENSITIVE) {
    let found: SecretExposure | undefined;
    for (const req of requests(s.target, ALL_VERBS)) {
      const d = decide(policy, req);
      if (d.level === 'RequestResponse' && s.responseBody.includes(req.verb)) found = { request: req, level: d.level, rule: d.rule, body: 'response' };
      else if (rank(d.level) >= rank('Request') && s.requestBody.includes(req.verb)) found = { request: req, level: d.level, rule: d.rule, body: 'request' };
      if (found) break;
    }
    if (found) secretExposures.push(found);
  }

  let resultOmitted: PolicyAnalysis['resultOmitted'] = null;
  let recordsAnything = false;
  const allTargets = [
    ...Object.values(REQUEST_CLASSES).flatMap((c) => c.targets.map((t) => ({ t, verbs: c.verbs }))),
    ...OTHER.targets.map((t) => ({ t, verbs: OTHER.verbs })),
  ];
  outer: for (const { t, verbs } of allTargets) {
    for (const req of requests(t, verbs)) {
      const d = decide(policy, req);
      if (d.level === 'None') continue;
      recordsAnything = true;
      if (d.omitStages.includes('ResponseComplete')) {
        resultOmitted = { request: req, rule: d.rule };
        break outer;
      }
    }
  }
  const catchAll = policy.rules.findIndex((r) =>
    [r.users, r.userGroups, r.verbs, r.resources, r.namespaces, r.nonResourceURLs].every((l) => (l ?? []).length === 0),
  );
  return { classes, other, secretExposures, resultOmitted, recordsAnything, catchAll };
}
