/**
 * Kubernetes inputs (kube-apiserver flags, audit policy, webhook kubeconfig, authentication
 * config, RBAC) → the normalized facts, with the evidence of each and the documented defaults
 * that stood in for absent flags. Files mode and live mode both end here, so the same cluster
 * read either way gives the same model.
 */
import path from 'node:path';
import type { AuditRotation, Destination, FactSource, Facts, Gap, GapReason, Principal } from '../../model/types.js';
import { webhookOrigin } from '../kit/url.js';
import { providerName } from '../kit/identity.js';
import { STORE_FACTS } from '../kit/facts.js';
import { analyzePolicy, CLASSES, describeRequest, type PolicyAnalysis } from './audit-policy.js';
import { atLeast, type Flags, parseBool, parseCount, parseFlags } from './flags.js';
import { type ApiserverInput, type KubeInputs, type PolicyInput, uniqueEvidence } from './inputs.js';
import {
  analyzeRbac,
  BROAD_GROUPS,
  describeRule,
  type Grant,
  isAdminGrant,
  isAnonymousPrincipal,
  maxAccess,
  type RbacAnalysis,
  wildcardGrants,
} from './rbac.js';
import { FACT_PATHS, type FactPath, FactRecorder, factsOf } from './record.js';

export type ManagedProvider = 'eks' | 'gke' | 'aks';

export interface NormalizeOptions {
  /** Snapshot id (type/name) of the log store the audit webhook delivers to. */
  readonly auditStore?: string;
  /** Live mode: why no kube-apiserver Pod could be read. */
  readonly noApiserver?: { readonly reason: GapReason; readonly detail: string; readonly permission?: string; readonly provider?: ManagedProvider };
  /** Live mode: the status of GET /version sent without credentials. */
  readonly anonymousProbe?: { readonly status: number; readonly at: FactSource };
  /** Live mode: RBAC that could not be listed (fact gaps name the permission). */
  readonly rbacGap?: { readonly reason: GapReason; readonly detail: string; readonly permission?: string };
}

export interface NormalizedKube {
  /** The staged facts, for the kit's builder (record.ts toBuilder). */
  readonly recorder: FactRecorder;
  readonly facts: Facts;
  readonly gaps: Gap[];
  /** Where each fact was read. */
  readonly evidence: Record<string, readonly FactSource[]>;
  /** The documented default each defaulted fact took. */
  readonly defaults: Record<string, string>;
  readonly details: Record<string, unknown>;
}

/** Where each managed control plane keeps what a static Pod manifest would show. */
const MANAGED_HINTS: Record<ManagedProvider, { readonly name: string; readonly audit: string; readonly auth: string }> = {
  eks: {
    name: 'Amazon EKS',
    audit:
      'EKS keeps kube-apiserver audit settings in AWS: turn on the "audit" control-plane log type (aws eks describe-cluster --query cluster.logging) and read its retention on the CloudWatch Logs group /aws/eks/<cluster>/cluster',
    auth: 'EKS authenticates with IAM (access entries, aws-auth) and optional OIDC identity provider configs (aws eks list-identity-provider-configs)',
  },
  gke: {
    name: 'Google GKE',
    audit:
      "GKE writes kube-apiserver audit events to Cloud Audit Logs (Admin Activity always on; Data Access logs per project in IAM > Audit Logs); retention is the Cloud Logging bucket's",
    auth: 'GKE authenticates with Google identities (and optional Identity Service for GKE); read the IAM and identity settings of the project',
  },
  aks: {
    name: 'Azure AKS',
    audit:
      "AKS sends kube-apiserver audit events (kube-audit, kube-audit-admin) only where a diagnostic setting of the cluster points them (az monitor diagnostic-settings list --resource <cluster id>); retention is the destination's",
    auth: 'AKS authenticates with Microsoft Entra ID when AKS-managed Entra integration is on (az aks show --query aadProfile); local accounts unless --disable-local-accounts',
  },
};

const SERVER_PATHS = FACT_PATHS.filter((p) => p.startsWith('identity.') || p.startsWith('audit_log.'));
const HEALTH_PATH = /^\/(healthz|livez|readyz)$/;

/** A file given for a flag: the one with the flag's base name, or the only one of its kind. */
function matchFile<T extends { readonly file: string }>(flagValue: string, candidates: readonly T[]): T | undefined {
  const byName = candidates.filter((c) => path.basename(c.file) === path.basename(flagValue));
  if (byName.length === 1) return byName[0];
  if (byName.length === 0 && candidates.length === 1) return candidates[0];
  return undefined;
}

interface ServerContext {
  readonly s: ApiserverInput;
  readonly flags: Flags;
  readonly r: FactRecorder;
  readonly notes: Record<string, unknown>;
  /** FactSource of a flag, or of the argument list when it is absent. */
  at(name: string): FactSource;
  val(name: string): string | undefined;
}

function identityFacts(c: ServerContext, inputs: KubeInputs, opts: NormalizeOptions): void {
  const { r, s, at, val } = c;
  const authnFlag = val('authentication-config');
  const authn = authnFlag ? matchFile(authnFlag, inputs.authn) : undefined;
  const authnMissing = authnFlag !== undefined && authn === undefined;
  const missingAuthnDetail = `--authentication-config ${authnFlag} names a structured authentication file that was not given; add it to files: to read its JWT issuers and anonymous settings`;
  const issuers: { url: string; at: FactSource }[] = [];
  const oidc = val('oidc-issuer-url');
  if (oidc) issuers.push({ url: oidc, at: at('oidc-issuer-url') });
  if (authn) issuers.push(...authn.issuers);
  const tokenWebhook = val('authentication-token-webhook-config-file');
  const bypass: { name: string; at: FactSource }[] = [];
  if (val('client-ca-file')) bypass.push({ name: 'client certificates (--client-ca-file)', at: at('client-ca-file') });
  if (val('token-auth-file')) bypass.push({ name: 'static tokens (--token-auth-file)', at: at('token-auth-file') });
  if (authn) c.notes.authentication_config = authn.file;

  if (issuers.length > 0) {
    r.set(
      'identity.sso_provider',
      providerName(issuers[0]!.url),
      issuers.map((i) => i.at),
    );
  } else if (authnMissing) {
    r.gap('identity.sso_provider', 'not_collected', missingAuthnDetail, [at('authentication-config')]);
  } else if (tokenWebhook) {
    r.gap(
      'identity.sso_provider',
      'not_collected',
      `people may sign in through the token webhook (--authentication-token-webhook-config-file ${tokenWebhook}); which identity provider stands behind it is not in the kube-apiserver configuration`,
      [at('authentication-token-webhook-config-file')],
    );
  } else {
    r.gap(
      'identity.sso_provider',
      'not_applicable',
      'no OIDC issuer (--oidc-issuer-url) and no structured authentication config (--authentication-config): people sign in with client certificates or tokens',
      [s.argsAt],
    );
  }

  if (bypass.length > 0)
    r.set(
      'identity.sso_enforced',
      false,
      bypass.map((b) => b.at),
    );
  else if (issuers.length > 0)
    r.set(
      'identity.sso_enforced',
      true,
      issuers.map((i) => i.at),
    );
  else if (authnMissing) r.gap('identity.sso_enforced', 'not_collected', missingAuthnDetail, [at('authentication-config')]);
  else if (tokenWebhook)
    r.gap('identity.sso_enforced', 'not_collected', 'sign-in goes through a token webhook whose identity provider is not in the kube-apiserver configuration', [
      at('authentication-token-webhook-config-file'),
    ]);
  else r.set('identity.sso_enforced', false, [s.argsAt]);

  if (issuers.length > 0 || authnMissing || tokenWebhook) {
    const who = issuers.length > 0 ? `the identity provider (${issuers.map((i) => i.url).join(', ')})` : 'the identity provider behind the authenticator';
    r.gap(
      'identity.mfa_required',
      'not_collected',
      `a second factor is enforced (or not) by ${who}; Kubernetes only verifies the token it issues`,
      issuers.map((i) => i.at),
    );
  } else {
    r.set('identity.mfa_required', false, [s.argsAt]);
  }
  r.set(
    'identity.mfa_exempt',
    bypass.map((b) => b.name),
    bypass.length > 0 ? bypass.map((b) => b.at) : [s.argsAt],
  );

  const tokenFile = val('token-auth-file');
  if (tokenFile) {
    r.gap(
      'identity.local_accounts',
      'not_collected',
      `the users of --token-auth-file ${tokenFile} sign in without the identity provider; auditready does not read that file because it holds their tokens in clear`,
      [at('token-auth-file')],
    );
  } else if (val('client-ca-file')) {
    r.gap(
      'identity.local_accounts',
      'not_supported',
      `any client certificate signed by the cluster CA (--client-ca-file) signs in as the user its subject names, and Kubernetes keeps no list of the certificates it issued${s.kubeadm ? '; kubeadm issued admin.conf (kubernetes-admin) and, from Kubernetes 1.29, super-admin.conf (kubernetes-super-admin, group system:masters)' : ''}`,
      [at('client-ca-file')],
    );
  } else {
    r.set('identity.local_accounts', [], [s.argsAt]);
  }

  const anonFlag = c.flags.get('anonymous-auth');
  if (authn?.anonymous) {
    const a = authn.anonymous;
    const healthOnly = a.paths.length > 0 && a.paths.every((p) => HEALTH_PATH.test(p));
    r.set('identity.anonymous_access', a.enabled && !healthOnly, [a.at]);
    if (a.enabled && healthOnly) c.notes.anonymous = `anonymous requests are accepted only on ${a.paths.join(', ')} (health checks)`;
  } else if (authnMissing && !anonFlag) {
    r.gap('identity.anonymous_access', 'not_collected', missingAuthnDetail, [at('authentication-config')]);
  } else if (anonFlag) {
    const b = parseBool(anonFlag.value);
    if (b === undefined)
      r.gap('identity.anonymous_access', 'error', `--anonymous-auth=${anonFlag.value} is not a boolean; kube-apiserver refuses to start with it`, [
        at('anonymous-auth'),
      ]);
    else r.set('identity.anonymous_access', b, [at('anonymous-auth')]);
  } else {
    r.set('identity.anonymous_access', true, [s.argsAt], '--anonymous-auth absent: kube-apiserver accepts anonymous requests by default (true)');
  }
  if (opts.anonymousProbe) c.notes.anonymous_probe = `GET /version without credentials answered HTTP ${opts.anonymousProbe.status}`;
}

/** Local audit log rotation from the --audit-log-max* flags and the version's defaults. */
function rotationOf(c: ServerContext): { value: AuditRotation; evidence: FactSource[]; defaults: string[] } | { gap: Gap; evidence: FactSource[] } {
  const v = c.s.version;
  const names = ['audit-log-maxsize', 'audit-log-maxbackup', 'audit-log-maxage'] as const;
  const evidence = names.map((n) => c.at(n));
  const given: Partial<Record<(typeof names)[number], number>> = {};
  for (const n of names) {
    const raw = c.val(n);
    if (raw === undefined) continue;
    const num = parseCount(raw);
    if (num === undefined)
      return {
        gap: { fact: 'audit_log.rotation', reason: 'error', detail: `--${n}=${raw} is not a non-negative integer; kube-apiserver refuses to start with it` },
        evidence: [c.at(n)],
      };
    given[n] = num;
  }
  const absent = names.filter((n) => given[n] === undefined);
  if (absent.length > 0 && !v) {
    return {
      gap: {
        fact: 'audit_log.rotation',
        reason: 'not_collected',
        detail: `${absent.map((n) => `--${n}`).join(', ')} absent and their defaults depend on the Kubernetes version (0 = unlimited before 1.36; 100 MB, 100 files, 366 days from 1.36), which the kube-apiserver image tag does not give`,
      },
      evidence,
    };
  }
  const modern = v !== undefined && atLeast(v, 1, 36);
  const defaultsFor = modern
    ? { 'audit-log-maxsize': 100, 'audit-log-maxbackup': 100, 'audit-log-maxage': 366 }
    : { 'audit-log-maxsize': 0, 'audit-log-maxbackup': 0, 'audit-log-maxage': 0 };
  const meaning: Record<(typeof names)[number], string> = modern
    ? { 'audit-log-maxsize': ' MB', 'audit-log-maxbackup': ' files', 'audit-log-maxage': ' days' }
    : {
        'audit-log-maxsize': ", so rotated at lumberjack's 100 MB default",
        'audit-log-maxbackup': ', no limit on files kept',
        'audit-log-maxage': ', no limit on age',
      };
  const defaults = absent.map(
    (n) => `--${n} absent: ${defaultsFor[n]}${meaning[n]} (the kube-apiserver default ${modern ? 'from 1.36' : 'before 1.36'}; version ${v!.text})`,
  );
  const size = given['audit-log-maxsize'] ?? defaultsFor['audit-log-maxsize'];
  const backups = given['audit-log-maxbackup'] ?? defaultsFor['audit-log-maxbackup'];
  const age = given['audit-log-maxage'] ?? defaultsFor['audit-log-maxage'];
  if (absent.length > 0 && c.s.versionAt) evidence.push(c.s.versionAt);
  // From 1.36 a size of 0 writes one file that is never rotated; before, lumberjack rotates at its 100 MB default.
  if (size === 0 && modern) return { value: { max_size_mb: 0, max_files: -1, max_age_days: -1 }, evidence, defaults };
  return { value: { max_size_mb: size === 0 ? 100 : size, max_files: backups === 0 ? -1 : backups, max_age_days: age === 0 ? -1 : age }, evidence, defaults };
}

function auditFacts(c: ServerContext, inputs: KubeInputs, opts: NormalizeOptions): void {
  const { r, s, at, val } = c;
  const policyFlag = val('audit-policy-file');
  const logPath = val('audit-log-path') || undefined;
  const webhookFile = val('audit-webhook-config-file') || undefined;
  const policy: PolicyInput | undefined = policyFlag ? matchFile(policyFlag, inputs.policies) : undefined;
  const analysis: PolicyAnalysis | undefined = policy ? analyzePolicy(policy.policy) : undefined;
  const kubeconfig = webhookFile ? matchFile(webhookFile, inputs.kubeconfigs) : undefined;
  const policyAt = at('audit-policy-file');
  const backendAt = [...(logPath ? [at('audit-log-path')] : []), ...(webhookFile ? [at('audit-webhook-config-file')] : [])];
  const ruleAt = (i: number) => (i >= 0 ? policy!.at(`/rules/${i}`) : policy!.at('/rules'));
  if (policy) c.notes.audit_policy = policy.file;
  if (kubeconfig) c.notes.audit_webhook_config = kubeconfig.file;

  // --- enabled ---------------------------------------------------------------------------------
  let enabled: boolean | null;
  if (!policyFlag) {
    enabled = false;
    r.set('audit_log.enabled', false, [s.argsAt], '--audit-policy-file absent: kube-apiserver records no audit events');
  } else if (!logPath && !webhookFile) {
    enabled = false;
    r.set('audit_log.enabled', false, [policyAt]);
    c.notes.audit_backend = 'no --audit-log-path and no --audit-webhook-config-file: audit events go nowhere';
  } else if (!analysis) {
    enabled = null;
    r.gap(
      'audit_log.enabled',
      'not_collected',
      `--audit-policy-file ${policyFlag} is read on the control-plane node and was not given; add it to files: (it decides what is recorded: a policy of only "level: None" records nothing)`,
      [policyAt],
    );
  } else {
    enabled = analysis.recordsAnything;
    r.set('audit_log.enabled', enabled, [policyAt, ...backendAt, policy!.at('/rules')]);
  }

  const na = (p: FactPath, why: string) => r.gap(p, 'not_applicable', why, [enabled === false ? (policyFlag ? policyAt : s.argsAt) : policyAt]);
  if (enabled === false) {
    const why = policyFlag
      ? logPath || webhookFile
        ? 'the audit policy records no request'
        : 'no audit backend is configured'
      : 'audit logging is off (no --audit-policy-file)';
    r.set('audit_log.level', 'None', [policyFlag ? policyAt : s.argsAt]);
    r.set('audit_log.event_classes', [], [policyFlag ? policyAt : s.argsAt]);
    r.set('audit_log.event_levels', Object.fromEntries(Object.keys(CLASSES).map((k) => [k, 'None'])), [policyFlag ? policyAt : s.argsAt]);
    for (const f of ['actor', 'action', 'time', 'target', 'source_ip', 'result'] as const)
      r.set(`audit_log.fields.${f}`, false, [policyFlag ? policyAt : s.argsAt]);
    r.set('audit_log.destinations', [], [s.argsAt]);
    r.set('audit_log.records_secret_values', false, [policyFlag ? policyAt : s.argsAt]);
    for (const p of [...STORE_FACTS, 'audit_log.rotation', 'audit_log.failure_alert', 'audit_log.read_restricted'] as const) {
      na(p, `${why}: there are no audit records`);
    }
    return;
  }

  // --- what the policy records -----------------------------------------------------------------
  const unknownPolicy = `depends on the audit policy --audit-policy-file ${policyFlag}, which was not given`;
  if (analysis) {
    r.set('audit_log.level', analysis.other.level, [ruleAt(analysis.other.rule)]);
    const classes = Object.keys(CLASSES).filter((k) => analysis.classes[k]!.level !== 'None');
    r.set('audit_log.event_classes', classes, [policy!.at('/rules')]);
    r.set(
      'audit_log.event_levels',
      Object.fromEntries(Object.keys(CLASSES).map((k) => [k, analysis.classes[k]!.level])),
      [...new Set(Object.values(analysis.classes).map((cl) => cl.rule))].sort((a, b) => a - b).map(ruleAt),
    );
    // a list, not a map keyed by class: details are redacted by key name, and "secrets" is one
    c.notes.event_levels = Object.entries(analysis.classes).map(
      ([k, cl]) =>
        `${k} at ${cl.level}: the lowest level of ${CLASSES[k]!.about}, e.g. ${describeRequest(cl.request)} (${cl.rule >= 0 ? `rules[${cl.rule}]` : 'no rule matches: default None'}${cl.omitted ? `, which omits the ${cl.omitted} stage its events are written at` : ''})`,
    );
    c.notes.catch_all_rule = analysis.catchAll >= 0 ? analysis.catchAll : 'none (requests no rule matches are recorded at None)';
    r.set(
      'audit_log.records_secret_values',
      analysis.secretExposures.length > 0,
      analysis.secretExposures.length > 0 ? analysis.secretExposures.map((e) => ruleAt(e.rule)) : [policy!.at('/rules')],
    );
    if (analysis.secretExposures.length > 0) {
      c.notes.secret_values_recorded = analysis.secretExposures.map(
        (e) => `${describeRequest(e.request)} at ${e.level} (rules[${e.rule}]) records the ${e.body} body`,
      );
    }
    if (analysis.resultOmitted) {
      r.set('audit_log.fields.result', false, [ruleAt(analysis.resultOmitted.rule)]);
      c.notes.result_omitted = `${describeRequest(analysis.resultOmitted.request)} is recorded without the ResponseComplete stage (omitStages), so its event carries no response status`;
    } else {
      r.set('audit_log.fields.result', true, [policy!.at('/rules')]);
    }
  } else {
    for (const p of [
      'audit_log.level',
      'audit_log.event_classes',
      'audit_log.event_levels',
      'audit_log.records_secret_values',
      'audit_log.fields.result',
    ] as const) {
      r.gap(p, 'not_collected', unknownPolicy, [policyAt]);
    }
  }
  // Every audit.k8s.io/v1 event carries user, verb and requestURI, objectRef, stageTimestamp and sourceIPs.
  for (const f of ['actor', 'action', 'time', 'target', 'source_ip'] as const) r.set(`audit_log.fields.${f}`, true, [policyAt]);

  // --- where records go ------------------------------------------------------------------------
  const destinations: Destination[] = [];
  if (logPath === '-') destinations.push({ name: 'kube-apiserver stdout', type: 'stdout', central: false });
  else if (logPath) destinations.push({ name: 'audit log file', type: 'local-file', central: false, endpoint: logPath });
  const webhookEndpoint = kubeconfig?.server ? webhookOrigin(kubeconfig.server) : undefined;
  if (webhookFile) {
    destinations.push({
      name: 'audit webhook',
      type: 'webhook',
      central: true,
      ...(webhookEndpoint ? { endpoint: webhookEndpoint } : {}),
      ...(opts.auditStore ? { store: opts.auditStore } : {}),
    });
    if (!kubeconfig) c.notes.audit_webhook = `--audit-webhook-config-file ${webhookFile} was not given; its endpoint is unknown`;
  }
  r.set('audit_log.destinations', destinations, [...backendAt, ...(kubeconfig?.serverAt ? [kubeconfig.serverAt] : [])]);

  const rot = logPath && logPath !== '-' ? rotationOf(c) : undefined;
  if (!logPath) r.gap('audit_log.rotation', 'not_applicable', 'no --audit-log-path: kube-apiserver writes no local audit log file', [s.argsAt]);
  else if (logPath === '-')
    r.gap(
      'audit_log.rotation',
      'not_applicable',
      'audit events go to stdout (--audit-log-path=-); the container runtime rotates them (kubelet containerLogMaxSize, containerLogMaxFiles)',
      [at('audit-log-path')],
    );
  else if (rot && 'gap' in rot) r.put('audit_log.rotation', { value: null, evidence: rot.evidence, gap: rot.gap });
  else if (rot)
    r.put('audit_log.rotation', { value: rot.value, evidence: rot.evidence, ...(rot.defaults.length > 0 ? { default: rot.defaults.join('; ') } : {}) });

  // --- retention -------------------------------------------------------------------------------
  const storeGap = `records are kept by the store behind the audit webhook${webhookEndpoint ? ` (${webhookEndpoint})` : ''}; add that store as a target and set options.audit_store to its id so AR-XTL-001 judges its retention`;
  // With the store named, its retention is judged there (AR-XTL-001), not as the cluster's own.
  const toStore = (p: FactPath) =>
    opts.auditStore
      ? r.gap(
          p,
          'not_applicable',
          `records are kept by the store behind the audit webhook, ${opts.auditStore} (options.audit_store); AR-XTL-001 judges its retention`,
          [at('audit-webhook-config-file')],
        )
      : r.gap(p, 'not_collected', storeGap, [at('audit-webhook-config-file')]);
  const retention = (p: 'audit_log.retention_days' | 'audit_log.retention_online_days') => {
    if (rot && 'value' in rot) {
      const { max_files, max_age_days, max_size_mb } = rot.value;
      const forever = max_size_mb === 0 || (max_files === -1 && max_age_days === -1);
      if (forever) return r.put(p, { value: -1, evidence: rot.evidence, ...(rot.defaults.length > 0 ? { default: rot.defaults.join('; ') } : {}) });
      if (webhookFile) return toStore(p);
      if (max_files === -1)
        return r.put(p, { value: max_age_days, evidence: rot.evidence, ...(rot.defaults.length > 0 ? { default: rot.defaults.join('; ') } : {}) });
      return r.gap(
        p,
        'not_supported',
        `the audit log keeps at most ${max_files} rotated files of ${max_size_mb} MB${max_age_days > 0 ? ` and none older than ${max_age_days} days` : ''}; how many days that covers depends on the request rate, so ship the records to a central store with a known retention`,
        rot.evidence,
      );
    }
    if (webhookFile) return toStore(p);
    if (logPath === '-')
      return r.gap(p, 'not_collected', 'audit events go to stdout: they are kept as long as the kubelet keeps container logs or a node log agent ships them', [
        at('audit-log-path'),
      ]);
    return r.gap(p, 'not_collected', 'no local audit log file and no webhook store to read the retention from', backendAt);
  };
  if (rot && 'gap' in rot && !webhookFile) {
    for (const p of ['audit_log.retention_days', 'audit_log.retention_online_days'] as const)
      r.put(p, { value: null, evidence: rot.evidence, gap: { ...rot.gap, fact: p } });
  } else {
    retention('audit_log.retention_days');
    retention('audit_log.retention_online_days');
  }

  // The audit history lives in the store behind the webhook: its backups and immutability are the
  // store's (a local --audit-log-path file beside it keeps only its rotated window, and node admins
  // can edit it). With the store named, its own AR-RET-002/AR-RET-003 findings judge them.
  const local = logPath ? ` (the local ${logPath === '-' ? 'stdout stream' : 'file'} keeps only a rotated window of them)` : '';
  const storeFact = (p: 'audit_log.backup' | 'audit_log.immutable', what: string, policy: string) =>
    opts.auditStore
      ? r.gap(
          p,
          'not_applicable',
          `the audit history is kept by ${opts.auditStore} (options.audit_store)${local}; ${policy} on that target judges its ${what}`,
          [at('audit-webhook-config-file')],
        )
      : r.gap(
          p,
          'not_collected',
          `the audit history is kept by the store behind the audit webhook${local}; its ${what} is the store's: add it as a target and set options.audit_store`,
          [at('audit-webhook-config-file')],
        );
  if (webhookFile) {
    storeFact('audit_log.backup', 'backup', 'AR-RET-003');
    storeFact('audit_log.immutable', 'immutability', 'AR-RET-002');
  } else {
    r.set('audit_log.backup', false, backendAt);
    r.set('audit_log.immutable', false, backendAt);
  }

  const modes = [
    ...(logPath ? [{ flag: 'audit-log-mode', mode: val('audit-log-mode') ?? 'blocking', default: val('audit-log-mode') === undefined }] : []),
    ...(webhookFile ? [{ flag: 'audit-webhook-mode', mode: val('audit-webhook-mode') ?? 'batch', default: val('audit-webhook-mode') === undefined }] : []),
  ];
  if (modes.length > 0 && modes.every((m) => m.mode === 'blocking-strict')) {
    r.set(
      'audit_log.failure_alert',
      true,
      modes.map((m) => at(m.flag)),
    );
    c.notes.failure_alert = 'every audit backend is blocking-strict: a request fails when its audit event cannot be written';
  } else {
    r.gap(
      'audit_log.failure_alert',
      'not_collected',
      `kube-apiserver counts audit failures in apiserver_audit_error_total and keeps serving (${modes.map((m) => `--${m.flag}=${m.mode}${m.default ? ' by default' : ''}`).join(', ')}); whether an alert fires on it is set in the monitoring stack`,
      modes.map((m) => at(m.flag)),
    );
  }
  const readers =
    logPath === '-'
      ? "anyone allowed to read the kube-apiserver Pod's logs (get pods/log in kube-system) reads the audit records"
      : logPath
        ? 'the audit log file lives on the control-plane node: kube-apiserver creates it with mode 0600 in a 0700 directory, but an existing file or directory keeps its permissions; check them there'
        : 'reading the records is governed by the store behind the audit webhook';
  r.gap('audit_log.read_restricted', 'not_collected', readers, backendAt);
}

function serverFacts(s: ApiserverInput, inputs: KubeInputs, opts: NormalizeOptions): { r: FactRecorder; notes: Record<string, unknown>; flags: Flags } {
  const flags = parseFlags(s.args);
  const r = new FactRecorder();
  const notes: Record<string, unknown> = {};
  const c: ServerContext = {
    s,
    flags,
    r,
    notes,
    at: (name) => {
      const f = flags.get(name);
      return f ? s.argAt(f.index) : s.argsAt;
    },
    val: (name) => flags.get(name)?.value,
  };
  identityFacts(c, inputs, opts);
  auditFacts(c, inputs, opts);
  if (s.version) notes.kubernetes_version = s.version.text;
  const modes = c.val('authorization-mode');
  notes.authorization_mode =
    modes ??
    (c.val('authorization-config')
      ? `structured (--authorization-config ${c.val('authorization-config')}, not read)`
      : 'AlwaysAllow (flag absent: the kube-apiserver default)');
  return { r, notes, flags };
}

/** One value when every kube-apiserver agrees; a gap naming the disagreement otherwise. */
function merge(ids: readonly string[], recs: readonly FactRecorder[], out: FactRecorder): void {
  for (const p of SERVER_PATHS) {
    const entries = recs.map((r) => r.entries.get(p)!);
    const gap = entries.find((e) => e.gap);
    if (gap) {
      out.put(p, gap);
      continue;
    }
    const first = entries[0]!;
    if (entries.every((e) => JSON.stringify(e.value) === JSON.stringify(first.value))) {
      out.put(p, { ...first, evidence: uniqueEvidence(entries.flatMap((e) => e.evidence)) });
    } else {
      out.gap(
        p,
        'error',
        `the kube-apiserver instances disagree: ${entries.map((e, i) => `${ids[i]}: ${JSON.stringify(e.value)}`).join('; ')}`,
        entries.flatMap((e) => e.evidence),
      );
    }
  }
}

function noServerFacts(r: FactRecorder, opts: NormalizeOptions, inputs: KubeInputs): void {
  const missing = opts.noApiserver;
  const provider = missing?.provider ? MANAGED_HINTS[missing.provider] : undefined;
  for (const p of SERVER_PATHS) {
    if (provider) {
      const hint = p.startsWith('identity.') ? provider.auth : provider.audit;
      r.gap(p, 'not_collected', `${provider.name} runs kube-apiserver out of sight: ${hint}`);
    } else if (missing) {
      r.gap(p, missing.reason, missing.detail, [], missing.permission);
    } else {
      r.gap(
        p,
        'not_collected',
        'no kube-apiserver static Pod manifest or flags among the files; add /etc/kubernetes/manifests/kube-apiserver.yaml from a control-plane node',
      );
    }
  }
  const probe = opts.anonymousProbe;
  if (probe) {
    // 401: anonymous requests are refused; anything else means they are authenticated as system:anonymous
    r.set('identity.anonymous_access', probe.status !== 401, [probe.at]);
  }
  // files mode without a manifest: a policy alone does not show it is loaded (live mode says why the Pod is missing)
  if (inputs.policies.length > 0 && !missing) {
    r.put('audit_log.enabled', {
      value: null,
      evidence: inputs.policies.map((p) => p.at('')),
      gap: {
        fact: 'audit_log.enabled',
        reason: 'not_collected',
        detail: 'an audit policy was given, but no kube-apiserver manifest shows that it is loaded (--audit-policy-file) or where events go',
      },
    });
  }
}

function rbacFacts(r: FactRecorder, inputs: KubeInputs, opts: NormalizeOptions, details: Record<string, unknown>): RbacAnalysis | undefined {
  const access = FACT_PATHS.filter((p) => p.startsWith('access.'));
  if (opts.rbacGap) {
    for (const p of access) r.gap(p, opts.rbacGap.reason, opts.rbacGap.detail, [], opts.rbacGap.permission);
    return undefined;
  }
  if (inputs.roles.length === 0 && inputs.bindings.length === 0) {
    for (const p of access) {
      r.gap(
        p,
        'not_collected',
        'no RBAC objects among the inputs; export them with kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o json',
      );
    }
    return undefined;
  }
  const a = analyzeRbac(inputs.roles, inputs.bindings);
  const people = a.grants.filter((g) => !g.component);
  const unresolved = people.filter((g) => g.access === null);
  const at = (gs: readonly Grant[]) => {
    return uniqueEvidence(gs.flatMap((g) => [g.binding.origin, ...(g.resolved.role && !g.resolved.role.builtin ? [g.resolved.role.origin] : [])]));
  };
  r.gap(
    'access.member_count',
    'not_supported',
    'Kubernetes keeps no list of users: people and groups come from the authenticators (certificates, OIDC tokens)',
  );

  const unresolvedDetail = (gs: readonly Grant[]) =>
    `the permissions of ${[...new Set(gs.map((g) => g.resolved.unresolved!))].join('; ')}; export every role with kubectl get clusterroles,roles -A -o json`;
  if (unresolved.length > 0) {
    for (const p of ['access.principals', 'access.admin_count', 'access.admin_names', 'access.wildcard_grants'] as const) {
      r.gap(p, 'not_collected', `unknown: ${unresolvedDetail(unresolved)}`, at(unresolved));
    }
  } else {
    const byPrincipal = new Map<string, { kind: Principal['kind']; grants: Grant[] }>();
    for (const g of people) {
      // everyone's discovery and health-check grants are not a principal's rights
      if (g.access === 'none' && (BROAD_GROUPS.has(g.principal) || isAnonymousPrincipal(g.principal))) continue;
      const e = byPrincipal.get(g.principal) ?? { kind: g.principalKind, grants: [] };
      e.grants.push(g);
      byPrincipal.set(g.principal, e);
    }
    const principals: Principal[] = [...byPrincipal.entries()]
      .map(([name, e]) => ({ name, kind: e.kind, roles: [...new Set(e.grants.map((g) => g.roleLabel))].sort(), admin: e.grants.some(isAdminGrant) }))
      .sort((x, y) => x.name.localeCompare(y.name));
    r.set('access.principals', principals, at(people));
    const admins = principals.filter((p) => p.admin);
    const adminGrants = people.filter(isAdminGrant);
    r.set(
      'access.admin_names',
      admins.map((p) => p.name),
      at(adminGrants),
    );
    const everyoneAdmin = admins.filter((p) => BROAD_GROUPS.has(p.name) || isAnonymousPrincipal(p.name));
    if (everyoneAdmin.length > 0) {
      r.gap(
        'access.admin_count',
        'not_supported',
        `every member of ${everyoneAdmin.map((p) => p.name).join(', ')} is an administrator, and Kubernetes keeps no list of users to count them`,
        at(adminGrants),
      );
    } else {
      r.set('access.admin_count', admins.length, at(adminGrants));
    }
    const wild = wildcardGrants(a);
    r.set(
      'access.wildcard_grants',
      wild.map((w) => ({ principal: w.grant.principal, permission: w.permission, scope: w.grant.scope })),
      at(wild.map((w) => w.grant)),
    );
  }

  const everyone = people.filter((g) => g.principal === 'system:authenticated');
  if (everyone.some((g) => g.access === null)) {
    r.gap('access.default_permission', 'not_collected', `unknown: ${unresolvedDetail(everyone.filter((g) => g.access === null))}`, at(everyone));
  } else {
    const access = everyone.reduce<'none' | 'read' | 'write' | 'admin'>((m, g) => maxAccess(m, g.access!), 'none');
    r.set(
      'access.default_permission',
      access,
      everyone.length > 0 ? at(everyone) : [],
      everyone.length === 0 ? 'no binding to system:authenticated: RBAC denies what no role grants' : undefined,
    );
  }

  // beyond the administrators, who already hold everything
  const others = people.filter((g) => !isAdminGrant(g));
  const escalation = others.filter((g) => g.escalation.length > 0);
  const secretReaders = others.filter((g) => g.readsSecrets);
  details.rbac = {
    roles: inputs.roles.length,
    bindings: inputs.bindings.length,
    component_grants: a.grants.length - people.length,
    ...(a.builtinsUsed.length > 0 ? { builtin_roles_assumed: a.builtinsUsed } : {}),
    ...(a.duplicates.length > 0 ? { duplicates: a.duplicates } : {}),
    escalation: escalation.map((g) => `${g.principal}: ${g.escalation.join(', ')} through ${g.roleLabel} (${g.scope})`),
    secret_readers: secretReaders.map((g) => `${g.principal}: ${g.roleLabel} (${g.scope})`),
    wildcard_rules: others
      .filter((g) => g.wildcardRules.length > 0)
      .map((g) => `${g.principal}: ${g.roleLabel}: ${describeRule(g.wildcardRules[0]!)} (${g.scope})`),
    ...(a.unresolved.length > 0 ? { unresolved: [...new Set(a.unresolved.map((g) => g.resolved.unresolved!))] } : {}),
  };
  return a;
}

/** AlwaysAllow anywhere in the authorizer chain allows every request the others do not deny (they never deny). */
function authorizationOverride(r: FactRecorder, servers: readonly { s: ApiserverInput; flags: Flags }[]): void {
  const open = servers.filter(({ flags }) => {
    const modes = flags.get('authorization-mode')?.value;
    if (modes === undefined) return flags.get('authorization-config') === undefined;
    return modes
      .split(',')
      .map((m) => m.trim())
      .includes('AlwaysAllow');
  });
  if (open.length === 0) return;
  const evidence = open.map(({ s, flags }) => {
    const f = flags.get('authorization-mode');
    return f ? s.argAt(f.index) : s.argsAt;
  });
  const why = 'authorization mode AlwaysAllow: every request is allowed whatever RBAC says';
  r.set(
    'access.default_permission',
    'admin',
    evidence,
    open.some(({ flags }) => !flags.has('authorization-mode')) ? '--authorization-mode absent: kube-apiserver defaults to AlwaysAllow' : undefined,
  );
  r.set('access.wildcard_grants', [{ principal: 'system:authenticated', permission: why, scope: 'cluster' }], evidence);
  r.gap('access.admin_count', 'not_supported', `${why}, so every user is an administrator and Kubernetes keeps no list of users to count them`, evidence);
}

export function normalizeKubernetes(inputs: KubeInputs, opts: NormalizeOptions = {}): NormalizedKube {
  const r = new FactRecorder();
  const details: Record<string, unknown> = {};
  const servers = inputs.apiservers.map((s) => ({ s, ...serverFacts(s, inputs, opts) }));
  if (servers.length > 0) {
    merge(
      servers.map((x) => x.s.id),
      servers.map((x) => x.r),
      r,
    );
    details.apiservers = servers.map((x) => ({ id: x.s.id, ...x.notes }));
  } else {
    noServerFacts(r, opts, inputs);
  }
  rbacFacts(r, inputs, opts, details);
  if (servers.length > 0) authorizationOverride(r, servers);

  const managed = opts.noApiserver?.provider;
  for (const p of ['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated'] as const) {
    if (managed) r.gap(p, 'not_applicable', `${MANAGED_HINTS[managed].name} runs the control plane and keeps its clocks`);
    else
      r.gap(
        p,
        'not_collected',
        'the clocks of the control-plane nodes are read by a chrony, ntpsec or timesyncd target, not from the Kubernetes API or manifests',
      );
  }
  r.set('time.timestamp_timezone', 'UTC', [], 'audit.k8s.io/v1 events carry RFC 3339 timestamps in UTC (metav1.MicroTime)');

  const referenced = new Set(
    servers.flatMap(({ flags }) =>
      ['audit-policy-file', 'audit-webhook-config-file', 'authentication-config'].flatMap((f) => {
        const v = flags.get(f)?.value;
        return v
          ? [
              f === 'audit-policy-file'
                ? matchFile(v, inputs.policies)?.file
                : f === 'authentication-config'
                  ? matchFile(v, inputs.authn)?.file
                  : matchFile(v, inputs.kubeconfigs)?.file,
            ]
          : [];
      }),
    ),
  );
  const unused = [...inputs.policies, ...inputs.kubeconfigs, ...inputs.authn].map((x) => x.file).filter((f) => !referenced.has(f));
  if (unused.length > 0) details.not_referenced = [...new Set(unused)].map((f) => `${f}: not named by any kube-apiserver flag read, so not used`);

  const missing = FACT_PATHS.filter((p) => !r.entries.has(p));
  if (missing.length > 0) throw new Error(`kubernetes normalizer left facts unset: ${missing.join(', ')}`);
  const evidence: Record<string, readonly FactSource[]> = {};
  const defaults: Record<string, string> = {};
  for (const [p, e] of r.entries) {
    if (e.evidence.length > 0) evidence[p] = e.evidence;
    if (e.default) defaults[p] = e.default;
  }
  return { recorder: r, ...factsOf(r), evidence, defaults, details };
}
