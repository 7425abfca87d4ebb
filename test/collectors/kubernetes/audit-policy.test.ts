import { describe, expect, it } from 'vitest';
import { type AuditPolicy, analyzePolicy, decide, type ResourceRequest, readAuditPolicy } from '../../../src/collectors/kubernetes/audit-policy.js';

const person = { name: 'alice', groups: ['system:authenticated'] };
const req = (over: Partial<ResourceRequest> = {}): ResourceRequest => ({
  user: person,
  verb: 'get',
  group: '',
  resource: 'secrets',
  namespace: 'default',
  name: 'x',
  ...over,
});
const policy = (rules: unknown[], extra: Record<string, unknown> = {}): AuditPolicy => {
  const read = readAuditPolicy({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules, ...extra });
  if ('problems' in read) throw new Error(JSON.stringify(read.problems));
  return read.policy;
};

describe('audit policy matching (k8s.io/apiserver checker.go)', () => {
  it('the first matching rule wins, and a request no rule matches is None', () => {
    const p = policy([
      { level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }] },
      { level: 'RequestResponse', resources: [{ group: '', resources: ['secrets'] }] },
      { level: 'Request', resources: [{ group: 'apps' }] },
    ]);
    expect(decide(p, req())).toMatchObject({ level: 'Metadata', rule: 0 });
    expect(decide(p, req({ group: 'apps', resource: 'deployments' }))).toMatchObject({ level: 'Request', rule: 2 });
    expect(decide(p, req({ resource: 'pods' }))).toMatchObject({ level: 'None', rule: -1 });
  });

  it('matches "*", "*/sub", "res/*", resourceNames, group "*" and namespaces as kube-apiserver does', () => {
    const p = policy([
      { level: 'None', resources: [{ group: '', resources: ['configmaps'], resourceNames: ['controller-leader'] }] },
      { level: 'Metadata', resources: [{ group: '', resources: ['*/status'] }] },
      { level: 'Request', resources: [{ group: '', resources: ['pods/*'] }] },
      { level: 'RequestResponse', namespaces: ['kube-system'] },
      { level: 'Metadata', resources: [{ group: '*', resources: ['widgets'] }] },
    ]);
    expect(decide(p, req({ resource: 'configmaps', name: 'controller-leader' })).level).toBe('None');
    expect(decide(p, req({ resource: 'configmaps', name: 'other' })).level).toBe('None'); // default: nothing else matches in "default"
    expect(decide(p, req({ resource: 'nodes', subresource: 'status', namespace: '' })).level).toBe('Metadata');
    expect(decide(p, req({ resource: 'pods', subresource: 'exec' })).level).toBe('Request');
    // checker.go compares only the resource for "pods/*", so it matches pods itself too
    expect(decide(p, req({ resource: 'pods' })).level).toBe('Request');
    expect(decide(p, req({ namespace: 'kube-system' })).level).toBe('RequestResponse');
    expect(decide(p, req({ group: 'example.com', resource: 'widgets' })).level).toBe('Metadata');
  });

  it('narrows by users, userGroups and verbs; a nonResourceURLs rule never matches a resource request', () => {
    const p = policy([
      { level: 'None', users: ['system:kube-proxy'] },
      { level: 'None', userGroups: ['system:nodes'] },
      { level: 'None', verbs: ['watch'] },
      { level: 'None', nonResourceURLs: ['/healthz*'] },
      { level: 'Metadata' },
    ]);
    expect(decide(p, req({ user: { name: 'system:kube-proxy', groups: [] } })).level).toBe('None');
    expect(decide(p, req({ user: { name: 'system:node:n1', groups: ['system:nodes'] } })).level).toBe('None');
    expect(decide(p, req({ verb: 'watch' })).level).toBe('None');
    expect(decide(p, req())).toMatchObject({ level: 'Metadata', rule: 4 });
  });

  it('adds the policy omitStages to every rule', () => {
    const p = policy([{ level: 'Metadata', omitStages: ['ResponseStarted'] }], { omitStages: ['RequestReceived'] });
    expect([...decide(p, req()).omitStages].sort()).toEqual(['RequestReceived', 'ResponseStarted']);
  });
});

describe('audit policy validation', () => {
  it.each([
    [{ apiVersion: 'audit.k8s.io/v1beta1', kind: 'Policy', rules: [{ level: 'Metadata' }] }, '/apiVersion', 'audit.k8s.io/v1'],
    [{ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [] }, '/rules', 'at least one rule'],
    [{ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'Everything' }] }, '/rules/0/level', 'expected one of None'],
    [{ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'None', omitStages: ['Done'] }] }, '/rules/0/omitStages/0', 'unknown stage'],
    [
      { apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ level: 'None', namespaces: ['a'], nonResourceURLs: ['/x'] }] },
      '/rules/0/nonResourceURLs',
      'cannot have both',
    ],
  ])('refuses what kube-apiserver refuses (%#)', (doc, pointer, message) => {
    const read = readAuditPolicy(doc);
    expect('problems' in read).toBe(true);
    const p = (read as { problems: { pointer: string; message: string }[] }).problems[0]!;
    expect(p.pointer).toBe(pointer);
    expect(p.message).toContain(message);
  });
});

describe('what a policy records', () => {
  it('the documented minimum (Metadata for everything) records every class, no secret value, and the result', () => {
    const a = analyzePolicy(policy([{ level: 'Metadata', omitStages: ['RequestReceived'] }]));
    expect(Object.fromEntries(Object.entries(a.classes).map(([k, v]) => [k, v.level]))).toEqual({
      secrets: 'Metadata',
      configmaps: 'Metadata',
      rbac: 'Metadata',
      workloads: 'Metadata',
      exec: 'Metadata',
      auth: 'Metadata',
      authn_failures: 'Metadata',
    });
    expect(a).toMatchObject({ secretExposures: [], resultOmitted: null, recordsAnything: true, catchAll: 0 });
    expect(a.other.level).toBe('Metadata');
  });

  it('a policy of only None records nothing', () => {
    const a = analyzePolicy(policy([{ level: 'None' }]));
    expect(a.recordsAnything).toBe(false);
    expect(a.classes.secrets!.level).toBe('None');
  });

  it('a class gets the lowest level over every caller, verb and namespace', () => {
    // secrets are at Metadata except for anonymous callers and kube-system, which fall to the catch-all None
    const a = analyzePolicy(
      policy([
        { level: 'None', userGroups: ['system:unauthenticated'] },
        { level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }], namespaces: ['default', 'auditready-probe', ''] },
        { level: 'None' },
      ]),
    );
    expect(a.classes.secrets!.level).toBe('None');
  });

  it('only RBAC changes count for the rbac class; reads may be lower', () => {
    const a = analyzePolicy(
      policy([
        { level: 'RequestResponse', verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'], resources: [{ group: 'rbac.authorization.k8s.io' }] },
        { level: 'Metadata' },
      ]),
    );
    expect(a.classes.rbac!.level).toBe('RequestResponse');
  });

  it('secret values are recorded by a write at Request or any request at RequestResponse, not by a read at Request', () => {
    const reads = analyzePolicy(
      policy([{ level: 'Request', verbs: ['get', 'list', 'watch'], resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }]),
    );
    expect(reads.secretExposures).toEqual([]);
    const writes = analyzePolicy(policy([{ level: 'Request', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }]));
    expect(writes.secretExposures.map((e) => [e.request.resource, e.request.verb, e.body])).toEqual([['secrets', 'create', 'request']]);
    const tokenReviews = analyzePolicy(
      policy([{ level: 'Request', resources: [{ group: 'authentication.k8s.io', resources: ['tokenreviews'] }] }, { level: 'Metadata' }]),
    );
    expect(tokenReviews.secretExposures.map((e) => e.request.resource)).toEqual(['tokenreviews']);
    const tokens = analyzePolicy(
      policy([{ level: 'RequestResponse', resources: [{ group: '', resources: ['serviceaccounts/token'] }] }, { level: 'Metadata' }]),
    );
    expect(tokens.secretExposures.map((e) => [e.request.resource, e.request.subresource, e.body])).toEqual([['serviceaccounts', 'token', 'response']]);
  });

  it('failed sign-ins (no user) match only rules that name no users or groups, and are written at ResponseStarted only', () => {
    // everything people and workloads do is recorded, but through rules about authenticated groups
    const byGroup = analyzePolicy(
      policy([
        { level: 'Metadata', userGroups: ['system:authenticated', 'system:unauthenticated'] },
        { level: 'None', users: [''] }, // an empty user name is not "no user"
        { level: 'None' },
      ]),
    );
    expect(byGroup.classes.secrets!.level).toBe('Metadata');
    expect(byGroup.classes.authn_failures).toMatchObject({ level: 'None', rule: 2 });
    expect(byGroup.classes.authn_failures!.request.user).toMatchObject({ name: '', groups: [], unauthenticated: true });
    // a catch-all records them; a resource rule at None before it drops those on that resource
    const catchAll = analyzePolicy(policy([{ level: 'Metadata' }]));
    expect(catchAll.classes.authn_failures!.level).toBe('Metadata');
    const dropsEvents = analyzePolicy(policy([{ level: 'None', resources: [{ group: '', resources: ['configmaps'] }] }, { level: 'Metadata' }]));
    expect(dropsEvents.classes.authn_failures).toMatchObject({ level: 'None', rule: 0 });
    // omitting ResponseStarted, in the rule or the policy, writes nothing for them (other classes keep ResponseComplete)
    for (const p of [
      policy([{ level: 'Metadata', omitStages: ['ResponseStarted'] }]),
      policy([{ level: 'RequestResponse' }], { omitStages: ['RequestReceived', 'ResponseStarted'] }),
    ]) {
      const a = analyzePolicy(p);
      expect(a.classes.authn_failures).toMatchObject({ level: 'None', rule: 0, omitted: 'ResponseStarted' });
      expect(a.classes.secrets!.level).not.toBe('None');
    }
  });

  it('omitting ResponseComplete for a recorded request loses its result', () => {
    const a = analyzePolicy(policy([{ level: 'Metadata' }], { omitStages: ['ResponseComplete'] }));
    expect(a.resultOmitted?.rule).toBe(0);
    const notRecorded = analyzePolicy(policy([{ level: 'None', omitStages: ['ResponseComplete'] }]));
    expect(notRecorded.resultOmitted).toBeNull();
  });
});
