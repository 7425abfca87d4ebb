import { describe, expect, it } from 'vitest';
import {
  analyzeRbac,
  type BindingObject,
  escalationVerbs,
  isAdminGrant,
  type RbacRule,
  type RoleObject,
  readsSecrets,
  ruleAccess,
  wildcardGrants,
} from '../../../src/collectors/kubernetes/rbac.js';

const origin = { file: 'rbac.yaml', pointer: '' };
const clusterRole = (name: string, rules: RbacRule[], extra: Partial<RoleObject> = {}): RoleObject => ({
  kind: 'ClusterRole',
  name,
  labels: {},
  rules,
  origin,
  ...extra,
});
const crb = (name: string, role: string, subjects: BindingObject['subjects']): BindingObject => ({
  kind: 'ClusterRoleBinding',
  name,
  roleRef: { kind: 'ClusterRole', name: role },
  subjects,
  origin,
});
const rb = (ns: string, name: string, role: string, subjects: BindingObject['subjects'], kind = 'ClusterRole'): BindingObject => ({
  kind: 'RoleBinding',
  name,
  namespace: ns,
  roleRef: { kind, name: role },
  subjects,
  origin,
});
const group = (name: string) => ({ kind: 'Group', name });
const user = (name: string) => ({ kind: 'User', name });
const sa = (namespace: string, name: string) => ({ kind: 'ServiceAccount', name, namespace });

describe('rule classification', () => {
  it('grades a rule none < read < write < admin', () => {
    expect(ruleAccess({ nonResourceURLs: ['/healthz', '/version'], verbs: ['get'] })).toBe('none');
    expect(ruleAccess({ apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews'], verbs: ['create'] })).toBe('none');
    expect(ruleAccess({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] })).toBe('read');
    expect(ruleAccess({ nonResourceURLs: ['/metrics'], verbs: ['get'] })).toBe('read');
    expect(ruleAccess({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] })).toBe('write');
    expect(ruleAccess({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] })).toBe('admin');
  });

  it('finds escalate, bind and impersonate, unless limited to named objects', () => {
    expect(escalationVerbs({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['escalate', 'bind'] })).toEqual([
      'escalate',
      'bind',
    ]);
    expect(escalationVerbs({ apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] })).toEqual(['impersonate']);
    expect(escalationVerbs({ apiGroups: ['', 'apps'], resources: ['*'], verbs: ['*'] })).toEqual(['impersonate']);
    expect(escalationVerbs({ apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'], resourceNames: ['builder'] })).toEqual([]);
    expect(ruleAccess({ apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['bind'] })).toBe('admin');
  });

  it('reads secrets only with get/list/watch on all of them', () => {
    expect(readsSecrets({ apiGroups: [''], resources: ['secrets'], verbs: ['list'] })).toBe(true);
    expect(readsSecrets({ apiGroups: ['*'], resources: ['*'], verbs: ['get'] })).toBe(true);
    expect(readsSecrets({ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['tls'] })).toBe(false);
    expect(readsSecrets({ apiGroups: [''], resources: ['secrets'], verbs: ['create'] })).toBe(false);
  });
});

describe('RBAC analysis', () => {
  it('counts subjects bound cluster-wide to cluster-admin as administrators, using the documented role when it was not exported', () => {
    const a = analyzeRbac([], [crb('admins', 'cluster-admin', [group('platform'), user('alice')])]);
    expect(a.builtinsUsed).toEqual(['cluster-admin']);
    expect(a.grants.filter(isAdminGrant).map((g) => g.principal)).toEqual(['platform', 'alice']);
    // the designated administrator grant is not a wildcard grant
    expect(wildcardGrants(a)).toEqual([]);
  });

  it('cluster-admin bound in one namespace is a wildcard grant there, not a cluster administrator', () => {
    const a = analyzeRbac([], [rb('dev', 'dev-admin', 'cluster-admin', [user('bob')])]);
    expect(a.grants.filter(isAdminGrant)).toEqual([]);
    expect(wildcardGrants(a).map((w) => [w.grant.principal, w.grant.scope])).toEqual([['bob', 'namespace dev']]);
  });

  it('a custom role with "*" bound to a person or workload is a wildcard grant', () => {
    const a = analyzeRbac(
      [clusterRole('deploy-all', [{ apiGroups: ['apps'], resources: ['*'], verbs: ['get', 'update'] }])],
      [crb('ci', 'deploy-all', [sa('ci', 'deployer')])],
    );
    expect(wildcardGrants(a).map((w) => [w.grant.principal, w.permission])).toEqual([
      ['system:serviceaccount:ci:deployer', 'ClusterRole deploy-all: verbs [get, update] on resources [*] in apiGroups [apps]'],
    ]);
  });

  it('anything beyond discovery granted to everyone is a wildcard grant; the default discovery bindings are not', () => {
    const a = analyzeRbac(
      [clusterRole('view', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }])],
      [
        crb('system:discovery', 'system:discovery', [group('system:authenticated')]),
        crb('system:public-info-viewer', 'system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
        crb('anon-view', 'view', [group('system:unauthenticated')]),
        rb('shared', 'all-sa', 'view', [group('system:serviceaccounts')]),
      ],
    );
    expect(wildcardGrants(a).map((w) => [w.grant.principal, w.permission, w.grant.scope])).toEqual([
      ['system:unauthenticated', 'ClusterRole view (read)', 'cluster'],
      ['system:serviceaccounts', 'ClusterRole view in shared (read)', 'namespace shared'],
    ]);
  });

  it("leaves Kubernetes' own components out of administrators and wildcard grants", () => {
    const a = analyzeRbac(
      [clusterRole('system:controller:generic-garbage-collector', [{ apiGroups: ['*'], resources: ['*'], verbs: ['delete', 'get'] }])],
      [
        crb('gc', 'system:controller:generic-garbage-collector', [sa('kube-system', 'generic-garbage-collector')]),
        crb('kcm', 'cluster-admin', [user('system:kube-controller-manager')]),
        // a kube-system service account bound to a non-system role is a workload like any other
        crb('tiller', 'cluster-admin', [sa('kube-system', 'tiller')]),
      ],
    );
    expect(a.grants.map((g) => [g.principal, g.component])).toEqual([
      ['system:serviceaccount:kube-system:generic-garbage-collector', true],
      ['system:kube-controller-manager', true],
      ['system:serviceaccount:kube-system:tiller', false],
    ]);
    expect(wildcardGrants(a)).toEqual([]);
  });

  it('resolves an aggregated ClusterRole from the labels of the roles given (matchLabels and matchExpressions)', () => {
    const a = analyzeRbac(
      [
        clusterRole('ops', [], {
          aggregation: [{ matchLabels: { 'acme/ops': 'true' } }, { matchExpressions: [{ key: 'acme/tier', operator: 'In', values: ['admin'] }] }],
        }),
        clusterRole('ops-secrets', [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }], { labels: { 'acme/ops': 'true' } }),
        clusterRole('ops-bind', [{ apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind'] }], {
          labels: { 'acme/tier': 'admin' },
        }),
        clusterRole('unrelated', [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }], { labels: { 'acme/ops': 'false' } }),
      ],
      [crb('ops', 'ops', [group('ops')])],
    );
    const g = a.grants[0]!;
    expect(g.resolved.aggregated.map((r) => r.name)).toEqual(['ops-secrets', 'ops-bind']);
    expect(g.readsSecrets).toBe(true);
    expect(g.escalation).toEqual(['bind']);
    expect(isAdminGrant(g)).toBe(true);
  });

  it('an aggregated role whose parts were not given, and a missing role, are unknown', () => {
    const a = analyzeRbac(
      [clusterRole('ops', [], { aggregation: [{ matchLabels: { 'acme/ops': 'true' } }] })],
      [crb('ops', 'ops', [group('ops')]), rb('dev', 'dev', 'deployer', [user('carol')], 'Role')],
    );
    expect(a.unresolved.map((g) => g.resolved.unresolved)).toEqual([
      'ClusterRole ops aggregates the ClusterRoles selected by [{"matchLabels":{"acme/ops":"true"}}], and none of them was given',
      'Role dev/deployer was not given',
    ]);
    expect(a.grants.map((g) => g.access)).toEqual([null, null]);
    expect(wildcardGrants(a)).toEqual([]);
  });

  it('an aggregated role read from the API keeps the rules the controller filled in', () => {
    const a = analyzeRbac(
      [clusterRole('ops', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], { aggregation: [{ matchLabels: { 'acme/ops': 'true' } }] })],
      [crb('ops', 'ops', [group('ops')])],
    );
    expect(a.unresolved).toEqual([]);
    expect(a.grants[0]!.access).toBe('read');
  });

  it('notes a role given twice with different rules', () => {
    const a = analyzeRbac(
      [
        clusterRole('x', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
        { ...clusterRole('x', []), origin: { file: 'other.json', pointer: '/items/3' } },
      ],
      [],
    );
    expect(a.duplicates).toEqual(['ClusterRole/x differs between rbac.yaml and other.json']);
  });
});
