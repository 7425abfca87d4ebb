import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeInputs } from '../../../src/collectors/kubernetes/inputs.js';
import { type NormalizeOptions, normalizeKubernetes } from '../../../src/collectors/kubernetes/normalize.js';
import { ToolInputError } from '../../../src/errors.js';
import { kubeInputs } from '../../helpers/kube-inputs.js';

const FIX = path.resolve('fixtures/kubernetes');

/** Inputs from files (name → text), as files mode reads them. */
function inputsOf(files: Record<string, string>): KubeInputs {
  const inputs = kubeInputs(files);
  inputsOf.last = inputs;
  return inputs;
}
inputsOf.last = kubeInputs({ 'empty.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: None}]\n' });
/** The Kubernetes files of a fixture case: those its auditready.yaml names. */
const FILES: Record<string, string[]> = {
  secure: ['kube-apiserver.yaml', 'policy.yaml', 'webhook.kubeconfig', 'rbac.json'],
  insecure: ['kube-apiserver.yaml', 'audit-policy.yaml', 'rbac.yaml'],
};
const fixture = (name: string) => Object.fromEntries(FILES[name]!.map((f) => [`${name}/${f}`, readFileSync(path.join(FIX, name, f), 'utf8')]));
const normalize = (files: Record<string, string>, opts: NormalizeOptions = {}) => normalizeKubernetes(inputsOf(files), opts);
const gap = (n: ReturnType<typeof normalize>, fact: string) => n.gaps.find((g) => g.fact === fact);

/** A minimal kube-apiserver static Pod with these flags. */
function pod(flags: string[], opts: { name?: string; image?: string } = {}): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${opts.name ?? 'kube-apiserver-cp-1'}`,
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - name: kube-apiserver',
    `    image: ${opts.image ?? 'registry.k8s.io/kube-apiserver:v1.31.4'}`,
    '    command:',
    '    - kube-apiserver',
    ...flags.map((f) => `    - ${f}`),
    '',
  ].join('\n');
}
const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n  - level: Metadata\n';
const BASE = ['--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--audit-policy-file=/etc/kubernetes/audit/policy.yaml'];

describe('kubernetes normalizer: fixtures', () => {
  it('secure kubeadm control plane', () => {
    const n = normalize(fixture('secure'), { auditStore: 'loki/central' });
    expect(n.facts.identity).toEqual({
      sso_provider: 'okta',
      sso_enforced: false, // client certificates from the cluster CA sign people in without Okta
      mfa_required: null,
      mfa_exempt: ['client certificates (--client-ca-file)'],
      local_accounts: null,
      anonymous_access: false,
    });
    expect(n.facts.access).toMatchObject({
      admin_count: 3,
      admin_names: ['kubeadm:cluster-admins', 'oidc:platform-admins', 'system:masters'],
      member_count: null,
      default_permission: 'none',
      wildcard_grants: [],
    });
    // components and everyone's discovery grants are not principals
    expect(n.facts.access.principals!.map((p) => p.name)).toEqual([
      'kubeadm:cluster-admins',
      'oidc:payments-devs',
      'oidc:platform-admins',
      'oidc:sre',
      'system:masters',
      'system:serviceaccount:ci:deployer',
      'system:serviceaccount:monitoring:prometheus',
    ]);
    expect(n.facts.audit_log).toEqual({
      enabled: true,
      level: 'Metadata',
      event_classes: ['secrets', 'configmaps', 'rbac', 'workloads', 'exec', 'auth', 'authn_failures'],
      event_levels: {
        secrets: 'Metadata',
        configmaps: 'Metadata',
        rbac: 'RequestResponse',
        workloads: 'Request',
        exec: 'Metadata',
        auth: 'Metadata',
        authn_failures: 'Metadata',
      },
      fields: { actor: true, action: true, time: true, target: true, source_ip: true, result: true },
      destinations: [
        { name: 'audit log file', type: 'local-file', central: false, endpoint: '/var/log/kubernetes/audit/audit.log' },
        // scheme, host and port only: the path and query of a webhook URL may carry credentials
        { name: 'audit webhook', type: 'webhook', central: true, endpoint: 'https://audit.logs.acme.internal:8443', store: 'loki/central' },
      ],
      retention_days: null,
      retention_online_days: null,
      backup: null,
      immutable: null,
      records_secret_values: false,
      rotation: { max_size_mb: 100, max_files: 10, max_age_days: 30 },
      failure_alert: null,
      read_restricted: null,
    });
    // the records are kept by the named store, whose retention AR-XTL-001 judges
    expect(gap(n, 'audit_log.retention_days')).toMatchObject({ reason: 'not_applicable' });
    expect(gap(n, 'audit_log.retention_days')!.detail).toContain('loki/central (options.audit_store)');
    // without the store named, the retention is unknown and the gap says how to name it
    const unnamed = normalize(fixture('secure'));
    expect(gap(unnamed, 'audit_log.retention_days')).toMatchObject({ reason: 'not_collected' });
    expect(gap(unnamed, 'audit_log.retention_days')!.detail).toContain('set options.audit_store to its id');
    // backup and immutability are the store's too: the local file keeps only its rotated window
    for (const [f, policy] of [
      ['audit_log.backup', 'AR-RET-003'],
      ['audit_log.immutable', 'AR-RET-002'],
    ] as const) {
      expect(gap(n, f), f).toMatchObject({ reason: 'not_applicable' });
      expect(gap(n, f)!.detail).toMatch(
        new RegExp(`kept by loki/central \\(options.audit_store\\) \\(the local file keeps only a rotated window of them\\); ${policy} on that target`),
      );
      expect(gap(unnamed, f), f).toMatchObject({ reason: 'not_collected' });
      expect(gap(unnamed, f)!.detail).toContain('set options.audit_store');
    }
    expect(unnamed.facts.audit_log.destinations![1]).toEqual({
      name: 'audit webhook',
      type: 'webhook',
      central: true,
      endpoint: 'https://audit.logs.acme.internal:8443',
    });
    expect(n.facts.time.timestamp_timezone).toBe('UTC');
    expect(gap(n, 'time.synchronized')?.reason).toBe('not_collected');
  });

  it('insecure hand-built control plane', () => {
    const n = normalize(fixture('insecure'));
    expect(n.facts.identity).toEqual({
      sso_provider: null,
      sso_enforced: false,
      mfa_required: false,
      mfa_exempt: ['client certificates (--client-ca-file)', 'static tokens (--token-auth-file)'],
      local_accounts: null,
      anonymous_access: true,
    });
    expect(gap(n, 'identity.sso_provider')?.reason).toBe('not_applicable');
    expect(n.defaults['identity.anonymous_access']).toContain('--anonymous-auth absent');
    expect(n.facts.access).toMatchObject({
      admin_count: null,
      admin_names: ['jenkins', 'support', 'system:authenticated'],
      default_permission: 'admin',
      wildcard_grants: [
        { principal: 'system:authenticated', permission: 'ClusterRole cluster-admin (admin)', scope: 'cluster' },
        { principal: 'system:unauthenticated', permission: 'ClusterRole view (read)', scope: 'cluster' },
        { principal: 'jenkins', permission: 'ClusterRole ci-everything: verbs [*] on resources [*] in apiGroups ["", apps, batch]', scope: 'cluster' },
      ],
    });
    expect(gap(n, 'access.admin_count')?.detail).toContain('every member of system:authenticated is an administrator');
    expect(n.facts.audit_log).toMatchObject({
      enabled: true,
      level: 'None',
      event_classes: ['secrets', 'configmaps', 'auth'],
      event_levels: {
        secrets: 'RequestResponse',
        configmaps: 'RequestResponse',
        rbac: 'None',
        workloads: 'None',
        exec: 'None',
        auth: 'Metadata',
        authn_failures: 'None', // a failed sign-in on RBAC objects, or any read no rule names, falls to None
      },
      fields: { result: false },
      destinations: [{ name: 'audit log file', type: 'local-file', central: false, endpoint: '/var/log/kube-audit.log' }],
      retention_days: 7,
      retention_online_days: 7,
      backup: false,
      immutable: false,
      records_secret_values: true,
      // v1.29 defaults: maxsize 0 (lumberjack rotates at 100 MB), maxbackup 0 (no limit)
      rotation: { max_size_mb: 100, max_files: -1, max_age_days: 7 },
    });
    expect(n.defaults['audit_log.rotation']).toContain('--audit-log-maxbackup absent: 0');
    const details = n.details.rbac as Record<string, unknown>;
    expect(details.builtin_roles_assumed).toEqual(['cluster-admin']);
    expect(details.secret_readers).toEqual(['ops: ClusterRole ops (cluster)']);
  });

  it('points evidence at the line of the flag, rule or object it was read from', () => {
    const n = normalize(fixture('secure'));
    const manifest = readFileSync(path.join(FIX, 'secure/kube-apiserver.yaml'), 'utf8').split('\n');
    const [anon] = n.evidence['identity.anonymous_access']!;
    expect(anon).toMatchObject({ file: 'secure/kube-apiserver.yaml', pointer: '/spec/containers/0/command/3' });
    expect(manifest[anon!.line! - 1]).toContain('--anonymous-auth=false');
    const policy = readFileSync(path.join(FIX, 'secure/policy.yaml'), 'utf8').split('\n');
    const rbacRule = n.evidence['audit_log.event_levels']!.find((e) => e.pointer === '/rules/4')!;
    expect(policy[rbacRule.line! - 1]).toContain('level: RequestResponse');
    const admin = n.evidence['access.admin_names']!.map((e) => e.pointer);
    expect(admin).toContain('/items/14');
  });
});

describe('kubernetes normalizer: audit flags', () => {
  it('no --audit-policy-file: audit is off (the documented default) and nothing is recorded', () => {
    const n = normalize({ 'm.yaml': pod(['--authorization-mode=Node,RBAC', '--audit-log-path=/var/log/audit.log']) });
    expect(n.facts.audit_log).toMatchObject({ enabled: false, level: 'None', event_classes: [], destinations: [], records_secret_values: false });
    expect(n.facts.audit_log.event_levels).toEqual({
      secrets: 'None',
      configmaps: 'None',
      rbac: 'None',
      workloads: 'None',
      exec: 'None',
      auth: 'None',
      authn_failures: 'None',
    });
    expect(n.defaults['audit_log.enabled']).toContain('--audit-policy-file absent');
    expect(gap(n, 'audit_log.retention_days')?.reason).toBe('not_applicable');
  });

  it('a policy but no backend records nothing', () => {
    const n = normalize({ 'm.yaml': pod(BASE), 'policy.yaml': POLICY });
    expect(n.facts.audit_log.enabled).toBe(false);
  });

  it('a policy of only "level: None" is audit off', () => {
    const n = normalize({
      'm.yaml': pod([...BASE, '--audit-log-path=/var/log/a.log']),
      'policy.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: None}]\n',
    });
    expect(n.facts.audit_log.enabled).toBe(false);
  });

  it('a policy file named but not given leaves what it decides unknown, never assumed', () => {
    const n = normalize({
      'm.yaml': pod([...BASE, '--audit-log-path=/var/log/a.log', '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100']),
    });
    for (const f of [
      'audit_log.enabled',
      'audit_log.level',
      'audit_log.event_classes',
      'audit_log.event_levels',
      'audit_log.records_secret_values',
      'audit_log.fields.result',
    ]) {
      expect(gap(n, f), f).toMatchObject({ reason: 'not_collected' });
    }
    expect(gap(n, 'audit_log.enabled')!.detail).toContain('--audit-policy-file /etc/kubernetes/audit/policy.yaml');
    // what the flags alone say is still reported
    expect(n.facts.audit_log.rotation).toEqual({ max_size_mb: 100, max_files: 10, max_age_days: 30 });
    expect(n.facts.audit_log.fields.actor).toBe(true);
  });

  it.each([
    ['v1.35.2', [], { max_size_mb: 100, max_files: -1, max_age_days: -1 }, -1],
    ['v1.36.0', [], { max_size_mb: 100, max_files: 100, max_age_days: 366 }, null],
    ['v1.36.0', ['--audit-log-maxsize=0'], { max_size_mb: 0, max_files: -1, max_age_days: -1 }, -1],
    ['v1.30.1', ['--audit-log-maxsize=0', '--audit-log-maxage=90'], { max_size_mb: 100, max_files: -1, max_age_days: 90 }, 90],
  ])('rotation defaults of kube-apiserver %s with %j', (version, flags, rotation, retention) => {
    const n = normalize({
      'm.yaml': pod([...BASE, '--audit-log-path=/var/log/a.log', ...flags], { image: `registry.k8s.io/kube-apiserver:${version}` }),
      'policy.yaml': POLICY,
    });
    expect(n.facts.audit_log.rotation).toEqual(rotation);
    expect(n.facts.audit_log.retention_days).toBe(retention);
    if (retention === null) expect(gap(n, 'audit_log.retention_days')).toMatchObject({ reason: 'not_supported' });
  });

  it('without a version in the image, absent rotation flags are unknown (their default changed in 1.36)', () => {
    const n = normalize({
      'm.yaml': pod([...BASE, '--audit-log-path=/var/log/a.log'], { image: 'registry.k8s.io/kube-apiserver@sha256:0f3c' }),
      'policy.yaml': POLICY,
    });
    expect(gap(n, 'audit_log.rotation')).toMatchObject({ reason: 'not_collected' });
    expect(gap(n, 'audit_log.retention_days')).toMatchObject({ reason: 'not_collected' });
  });

  it('a negative or non-numeric rotation flag is an error gap (kube-apiserver would not start)', () => {
    const n = normalize({ 'm.yaml': pod([...BASE, '--audit-log-path=/var/log/a.log', '--audit-log-maxage=-3']), 'policy.yaml': POLICY });
    expect(gap(n, 'audit_log.rotation')).toMatchObject({ reason: 'error' });
  });

  it("webhook only: central, rotation not applicable, retention, backup and immutability are the store's", () => {
    const n = normalize({
      'm.yaml': pod([...BASE, '--audit-webhook-config-file=/etc/kubernetes/audit/webhook.kubeconfig', '--audit-webhook-mode=blocking-strict']),
      'policy.yaml': POLICY,
    });
    expect(n.facts.audit_log.destinations).toEqual([{ name: 'audit webhook', type: 'webhook', central: true }]);
    expect(gap(n, 'audit_log.rotation')?.reason).toBe('not_applicable');
    for (const f of ['audit_log.retention_days', 'audit_log.backup', 'audit_log.immutable']) expect(gap(n, f)?.reason, f).toBe('not_collected');
    expect(n.facts.audit_log.failure_alert).toBe(true);
    expect((n.details.apiservers as Record<string, unknown>[])[0]!.audit_webhook).toContain('was not given');
  });

  it('stdout: not central, not a rotated file, kept as long as container logs', () => {
    const n = normalize({ 'm.yaml': pod([...BASE, '--audit-log-path=-']), 'policy.yaml': POLICY });
    expect(n.facts.audit_log.destinations).toEqual([{ name: 'kube-apiserver stdout', type: 'stdout', central: false }]);
    expect(gap(n, 'audit_log.rotation')?.detail).toContain('containerLogMaxSize');
    expect(gap(n, 'audit_log.retention_days')?.reason).toBe('not_collected');
    expect(gap(n, 'audit_log.read_restricted')?.detail).toContain('pods/log');
  });
});

describe('kubernetes normalizer: authentication', () => {
  const AUTHN = [
    'apiVersion: apiserver.config.k8s.io/v1beta1',
    'kind: AuthenticationConfiguration',
    'jwt:',
    '  - issuer:',
    '      url: https://login.microsoftonline.com/4f1c/v2.0',
    '      audiences: [kubernetes]',
    '    claimMappings:',
    '      username: { claim: email, prefix: "" }',
    'anonymous:',
    '  enabled: true',
    '  conditions:',
    '    - path: /livez',
    '    - path: /readyz',
    '',
  ].join('\n');

  it('structured authentication: JWT issuers are the SSO provider; anonymous only on health paths is not anonymous access', () => {
    const n = normalize({ 'm.yaml': pod(['--authorization-mode=Node,RBAC', '--authentication-config=/etc/kubernetes/authn.yaml']), 'authn.yaml': AUTHN });
    expect(n.facts.identity).toMatchObject({ sso_provider: 'entra-id', sso_enforced: true, anonymous_access: false, mfa_exempt: [], local_accounts: [] });
    expect(gap(n, 'identity.mfa_required')?.detail).toContain('login.microsoftonline.com');
  });

  it('anonymous enabled on other paths is anonymous access', () => {
    const n = normalize({ 'm.yaml': pod(['--authentication-config=/etc/kubernetes/authn.yaml']), 'authn.yaml': AUTHN.replace('/readyz', '/api') });
    expect(n.facts.identity.anonymous_access).toBe(true);
  });

  it('a structured authentication file named but not given leaves SSO and anonymous access unknown', () => {
    const n = normalize({ 'm.yaml': pod(['--authentication-config=/etc/kubernetes/authn.yaml']) });
    for (const f of ['identity.sso_provider', 'identity.sso_enforced', 'identity.mfa_required', 'identity.anonymous_access']) {
      expect(gap(n, f), f).toMatchObject({ reason: 'not_collected' });
    }
  });

  it('--anonymous-auth that is not a boolean is an error gap', () => {
    const n = normalize({ 'm.yaml': pod(['--anonymous-auth=maybe']) });
    expect(gap(n, 'identity.anonymous_access')).toMatchObject({ reason: 'error' });
  });
});

describe('kubernetes normalizer: authorization and several kube-apiservers', () => {
  const RBAC =
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: admins}\nroleRef: {kind: ClusterRole, name: cluster-admin}\nsubjects: [{kind: Group, name: platform}]\n';

  it.each([[['--authorization-mode=Node,AlwaysAllow']], [[]]])('AlwaysAllow (%j) makes every user an administrator whatever RBAC says', (flags) => {
    const n = normalize({ 'm.yaml': pod(flags), 'rbac.yaml': RBAC });
    expect(n.facts.access.default_permission).toBe('admin');
    expect(n.facts.access.wildcard_grants).toEqual([
      { principal: 'system:authenticated', permission: 'authorization mode AlwaysAllow: every request is allowed whatever RBAC says', scope: 'cluster' },
    ]);
    expect(gap(n, 'access.admin_count')?.reason).toBe('not_supported');
  });

  it('agreeing kube-apiservers give one value; disagreeing ones an error gap naming each', () => {
    const same = normalize({
      'a.yaml': pod(['--anonymous-auth=false'], { name: 'kube-apiserver-cp-1' }),
      'b.yaml': pod(['--anonymous-auth=false'], { name: 'kube-apiserver-cp-2' }),
    });
    expect(same.facts.identity.anonymous_access).toBe(false);
    expect(same.evidence['identity.anonymous_access']!.map((e) => e.file)).toEqual(['a.yaml', 'b.yaml']);
    const differ = normalize({
      'a.yaml': pod(['--anonymous-auth=false'], { name: 'kube-apiserver-cp-1' }),
      'b.yaml': pod([], { name: 'kube-apiserver-cp-2' }),
    });
    expect(gap(differ, 'identity.anonymous_access')).toEqual({
      fact: 'identity.anonymous_access',
      reason: 'error',
      detail: 'the kube-apiserver instances disagree: kube-apiserver-cp-1: false; kube-apiserver-cp-2: true',
    });
  });

  it('RBAC alone: access is judged, the kube-apiserver facts are unknown and say which file to add', () => {
    const n = normalize({ 'rbac.yaml': RBAC });
    expect(n.facts.access.admin_names).toEqual(['platform']);
    expect(gap(n, 'identity.anonymous_access')?.detail).toContain('/etc/kubernetes/manifests/kube-apiserver.yaml');
    expect(gap(n, 'audit_log.enabled')?.reason).toBe('not_collected');
  });

  it('an audit policy without a manifest is not taken as loaded', () => {
    const n = normalize({ 'policy.yaml': POLICY });
    expect(gap(n, 'audit_log.enabled')?.detail).toContain('no kube-apiserver manifest shows that it is loaded');
    expect(gap(n, 'access.principals')?.detail).toContain('kubectl get clusterroles,clusterrolebindings,roles,rolebindings');
  });

  it('a role missing from the export makes the access facts it decides unknown', () => {
    const n = normalize({ 'rbac.yaml': RBAC.replace('cluster-admin', 'platform-admin') });
    for (const f of ['access.principals', 'access.admin_count', 'access.admin_names', 'access.wildcard_grants']) {
      expect(gap(n, f)?.detail, f).toContain('ClusterRole platform-admin was not given');
    }
    // nothing is bound to system:authenticated, so the default permission is still known
    expect(n.facts.access.default_permission).toBe('none');
  });
});

/** The ToolInputError reading these files throws. */
function readError(files: Record<string, string>): ToolInputError {
  try {
    inputsOf(files);
  } catch (e) {
    expect(e).toBeInstanceOf(ToolInputError);
    return e as ToolInputError;
  }
  throw new Error('expected a ToolInputError');
}

describe('kubernetes files', () => {
  it('reads a plain flags file (the kube-apiserver command line)', () => {
    const n = normalize({ 'apiserver.flags': 'kube-apiserver --anonymous-auth=false \\\n  --authorization-mode=Node,RBAC' });
    expect(n.facts.identity.anonymous_access).toBe(false);
    expect(inputsOf.last.apiservers[0]!.id).toBe('apiserver.flags');
  });

  it('reads a flags file as text: each flag after a line continuation, at its own line', () => {
    // As YAML this text is one folded scalar: '\\ ' glued to the next flag, and ': ' in a value does not parse.
    const text = 'kube-apiserver --anonymous-auth=false \\\n  --authorization-mode=Node,RBAC \\\n  --oidc-username-prefix="oidc: "\n';
    const a = inputsOf({ 'apiserver.flags': text }).apiservers[0]!;
    expect(a.args).toEqual(['kube-apiserver', '--anonymous-auth=false', '--authorization-mode=Node,RBAC', '--oidc-username-prefix=oidc: ']);
    expect(a.argAt(2)).toEqual({ file: 'apiserver.flags', line: 2, column: 3 });
    expect(a.argsAt).toEqual({ file: 'apiserver.flags', line: 1, column: 1 });
  });

  it('reads kubectl Lists and multi-document YAML with pointers per document', () => {
    const inputs = inputsOf({
      'two.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: a}\nrules: []\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRole\n    metadata: {name: b}\n    rules: []\n',
    });
    expect(inputs.roles.map((r) => [r.name, r.origin.pointer, r.origin.line])).toEqual([
      ['a', '', 1],
      ['b', '/items/0', 9],
    ]);
  });

  it.each([
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: b}\n', 1, 'unrecognized content (ConfigMap x)'],
    ['apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Everything\n', 4, 'invalid audit policy: level "Everything"'],
    [
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: x}\nroleRef: {kind: User, name: y}\n',
      4,
      'roleRef must name a ClusterRole or Role',
    ],
  ])('an unrecognized or broken document is an error at its line (%#)', (text, line, message) => {
    const err = readError({ 'bad.yaml': text });
    expect(err.where).toMatchObject({ file: 'bad.yaml', line });
    expect(err.message).toContain(message);
  });

  it('invalid YAML (a placeholder line) is an error at its line that does not quote the file', () => {
    const text = 'apiVersion: v1\nkind: Config\nusers:\n  - name: x\n    user:\n      token: AUDITREADY-CANARY-TOKEN-9d1e\n      <your client key here>: [\n';
    const err = readError({ 'webhook.kubeconfig': text });
    expect((err.where as { line: number }).line).toBeGreaterThanOrEqual(7);
    expect(err.message).not.toContain('CANARY');
    expect(err.message).not.toContain('your client key');
  });
});
