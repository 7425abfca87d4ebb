/**
 * Argo CD's settings, however they were read (ConfigMaps in files mode, the API in live mode), and
 * their pure mapping to the model. Both modes fill the same ArgoSettings, so the same installation
 * gives the same facts whichever way it is read; only the sources differ.
 */
import type { FactSource } from '../../model/types.js';
import { type BuiltFacts, type FactsBuilder, STORE_FACTS } from '../kit/facts.js';
import { providerName } from '../kit/identity.js';
import type { Outcome } from '../kit/result.js';
import type { Setting } from '../kit/setting.js';
import { analyzeRbac, type PolicyLine } from './rbac.js';

export interface LocalAccount {
  readonly name: string;
  readonly enabled: boolean;
  readonly capabilities: readonly string[];
  readonly source: FactSource;
}

export interface ArgoSettings {
  /** The built-in admin user: on unless admin.enabled is "false". */
  readonly admin: Outcome<Setting<boolean>>;
  /** Accounts from accounts.<name> (without admin). */
  readonly accounts: Outcome<readonly LocalAccount[]>;
  /** Anonymous access: users.anonymous.enabled "true", or authentication disabled (server.disable.auth). */
  readonly anonymous: Outcome<Setting<boolean>>;
  /** Dex connectors (id, name, type) and whether `url` is set (Dex needs it). */
  readonly dex: Setting<{ readonly connectors: readonly { type: string; id: string; name: string }[]; readonly urlSet: boolean }> | undefined;
  readonly oidc: Setting<{ readonly name: string; readonly issuer: string }> | undefined;
  readonly rbac: Outcome<{
    readonly lines: readonly PolicyLine[];
    readonly defaultRole: Setting<string>;
    readonly sources: readonly FactSource[];
  }>;
}

/** The Kubernetes Events Argo CD records, by reason (util/argo/audit_logger.go). */
const EVENT_CLASSES = ['applications', 'applicationsets', 'projects', 'sync', 'resource-actions'];
/** Documented behaviour with no setting in argocd-cm: the source is the default alone. */
const EVENTS_DEFAULT: FactSource = {
  default:
    'Argo CD records Application, ApplicationSet and AppProject changes and sync operations as Kubernetes Events unless started with --enable-k8s-event=none (ARGOCD_ENABLE_K8S_EVENT, default "all"); the user is in the event annotations',
};
const NODE_CLOCKS = "Argo CD runs on the cluster's nodes: their clocks belong to the cluster's time-sync targets (chrony, ntpsec, timesyncd)";
const EVENT_STORE =
  "Argo CD's events live in the cluster's event store for the kube-apiserver's --event-ttl (1 hour by default) unless an event exporter ships them; read that on the kubernetes target or the log store";

const enabledAccounts = (s: ArgoSettings): LocalAccount[] => (s.accounts.ok ? s.accounts.value.filter((a) => a.enabled && a.capabilities.length > 0) : []);

/** Set every fact of an Argo CD installation on `f`. */
export function normalizeArgo(s: ArgoSettings, f: FactsBuilder, rbacMissing: string): BuiltFacts {
  const adminOn = s.admin.ok ? s.admin.value.value : undefined;
  const accounts = enabledAccounts(s);
  const accountSources = s.accounts.ok ? accounts.map((a) => a.source) : [];
  const adminSource = s.admin.ok ? [s.admin.value.source] : [];

  // --- identity ---------------------------------------------------------------------------
  const oidc = s.oidc?.value;
  const dex = s.dex?.value.urlSet && s.dex.value.connectors.length > 0 ? s.dex : undefined;
  const provider = oidc
    ? (providerName(oidc.issuer) ?? oidc.name.toLowerCase())
    : dex
      ? `dex/${[...new Set(dex.value.connectors.map((c) => c.type))].sort().join(',')}`
      : null;
  const ssoSources = [s.oidc?.source, dex?.source].filter((x): x is FactSource => x !== undefined);
  if (provider) f.set('identity.sso_provider', provider, ...ssoSources);
  else
    f.gap('identity.sso_provider', 'not_applicable', 'no SSO configured: neither oidc.config nor dex.config with connectors and url', { sources: ssoSources });

  const localLogins =
    s.accounts.ok && s.admin.ok ? [...(adminOn ? ['admin'] : []), ...accounts.filter((a) => a.capabilities.includes('login')).map((a) => a.name)] : undefined;
  const apiKeys = accounts.filter((a) => a.capabilities.includes('apiKey')).map((a) => `${a.name} (API key)`);
  const accountsMissing = !s.admin.ok ? s.admin : !s.accounts.ok ? s.accounts : undefined;

  if (!provider) f.set('identity.sso_enforced', false, ...ssoSources);
  else if (localLogins === undefined)
    f.gap('identity.sso_enforced', accountsMissing!.reason, `local logins unknown: ${accountsMissing!.detail}`, {
      ...(accountsMissing!.permission ? { permission: accountsMissing!.permission } : {}),
    });
  else f.set('identity.sso_enforced', localLogins.length === 0, ...ssoSources, ...adminSource, ...accountSources);

  if (localLogins === undefined) {
    f.gapEach(['identity.mfa_required', 'identity.mfa_exempt', 'identity.local_accounts'], accountsMissing!.reason, accountsMissing!.detail, {
      ...(accountsMissing!.permission ? { permission: accountsMissing!.permission } : {}),
    });
  } else {
    // Argo CD's local accounts sign in with a password only: no second factor of their own.
    if (localLogins.length > 0) f.set('identity.mfa_required', false, ...adminSource, ...accountSources);
    else if (provider)
      f.gap('identity.mfa_required', 'not_collected', `MFA is the identity provider's (${provider}); Argo CD has no second factor of its own`, {
        sources: ssoSources,
      });
    else f.gap('identity.mfa_required', 'not_applicable', 'nobody can sign in: no SSO and no enabled local account with login');
    f.set('identity.mfa_exempt', [...localLogins, ...apiKeys], ...adminSource, ...accountSources);
    f.set('identity.local_accounts', [...(adminOn ? ['admin'] : []), ...accounts.map((a) => a.name)], ...adminSource, ...accountSources);
  }
  f.from(
    'identity.anonymous_access',
    s.anonymous.ok ? { ok: true, value: s.anonymous.value.value } : s.anonymous,
    ...(s.anonymous.ok ? [s.anonymous.value.source] : []),
  );

  // --- access -----------------------------------------------------------------------------
  if (!s.rbac.ok || adminOn === undefined || !s.accounts.ok) {
    const why = !s.rbac.ok ? s.rbac : accountsMissing!;
    const detail = !s.rbac.ok ? `${s.rbac.detail}${rbacMissing}` : `local accounts unknown: ${why.detail}`;
    f.gapEach(['access.principals', 'access.admin_count', 'access.admin_names', 'access.wildcard_grants'], why.reason, detail, {
      ...(why.permission ? { permission: why.permission } : {}),
    });
    if (s.rbac.ok)
      setDefault(f, s.rbac.value.defaultRole, analyzeRbac({ lines: s.rbac.value.lines, defaultRole: s.rbac.value.defaultRole.value, localAccounts: [] }, true));
    else
      f.gap('access.default_permission', s.rbac.reason, `${s.rbac.detail}${rbacMissing}`, { ...(s.rbac.permission ? { permission: s.rbac.permission } : {}) });
  } else {
    const r = analyzeRbac({ lines: s.rbac.value.lines, defaultRole: s.rbac.value.defaultRole.value, localAccounts: accounts.map((a) => a.name) }, adminOn);
    const sources = [...s.rbac.value.sources, ...adminSource, ...accountSources];
    f.set('access.principals', r.principals, ...sources);
    f.set('access.admin_count', r.adminNames.length, ...r.adminSources, ...adminSource);
    f.set('access.admin_names', r.adminNames, ...r.adminSources, ...adminSource);
    f.set('access.wildcard_grants', r.wildcardGrants, ...(r.wildcardSources.length ? r.wildcardSources : s.rbac.value.sources));
    setDefault(f, s.rbac.value.defaultRole, r);
  }
  f.gap('access.member_count', 'not_supported', 'Argo CD keeps no user directory: SSO users are counted at the identity provider');

  // --- audit log: Kubernetes Events -------------------------------------------------------
  f.set('audit_log.enabled', true, EVENTS_DEFAULT);
  f.gap('audit_log.level', 'not_supported', 'Argo CD records Kubernetes Events, which have no audit levels');
  f.set('audit_log.event_classes', EVENT_CLASSES, EVENTS_DEFAULT);
  f.gap('audit_log.event_levels', 'not_supported', 'Argo CD records Kubernetes Events, which have no audit levels');
  for (const field of ['actor', 'action', 'time', 'target', 'result'] as const) f.set(`audit_log.fields.${field}`, true, EVENTS_DEFAULT);
  f.gap(
    'audit_log.fields.source_ip',
    'not_supported',
    'Argo CD does not record client IP addresses in its events; take them from the ingress or load balancer in front of argocd-server',
  );
  f.set('audit_log.destinations', [{ name: 'kubernetes-events', type: 'kubernetes-events', central: false }], {
    ...EVENTS_DEFAULT,
    default: `${EVENTS_DEFAULT.default}; they stay in the cluster (not a central store) unless an event exporter ships them`,
  });
  f.gapEach(STORE_FACTS, 'not_collected', EVENT_STORE);
  f.set('audit_log.records_secret_values', false, {
    default: "Argo CD's events name the application, project and operation, never secret values (util/argo/audit_logger.go)",
  });
  f.gap('audit_log.rotation', 'not_applicable', 'Argo CD writes no audit file; its events are Kubernetes Events');
  f.gap('audit_log.failure_alert', 'not_supported', 'Argo CD raises no alert when recording an event fails; alert on the event exporter instead');
  f.gap(
    'audit_log.read_restricted',
    'not_collected',
    "who may read Argo CD's events is the cluster's RBAC (get/list events in the argocd namespace); read it on the kubernetes target",
  );

  // --- time ---------------------------------------------------------------------------------
  f.gapEach(['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated'], 'not_collected', NODE_CLOCKS);
  f.set('time.timestamp_timezone', 'UTC', { ...EVENTS_DEFAULT, default: 'Kubernetes Event timestamps are RFC 3339 in UTC' });
  return f.build();
}

function setDefault(f: FactsBuilder, role: Setting<string>, r: { defaultPermission: 'none' | 'read' | 'write' | 'admin' }): void {
  f.set('access.default_permission', r.defaultPermission, role.source);
}
