/**
 * Harbor's settings mapped to the model. Harbor keeps its audit records in its database (2.13+:
 * the event types of src/pkg/auditext/model; before: create/delete/pull of artifacts), can forward
 * them to a syslog endpoint, and purges them only on a schedule. Records carry the user, the
 * operation, the resource, the result and the time, but no client IP address.
 */
import type { Destination, FactSource, Grant, Principal, Resource } from '../../model/types.js';
import type { BuiltFacts, FactsBuilder } from '../kit/facts.js';
import { providerName } from '../kit/identity.js';
import type { Missing } from '../kit/result.js';
import type { Setting } from '../kit/setting.js';
import { type HarborState, NO_SCHEDULE } from './read.js';

/** Audit event types of Harbor 2.13+ (src/pkg/auditext/model/model.go EventTypes). */
const EVENT_TYPES = [
  'create_artifact',
  'delete_artifact',
  'pull_artifact',
  'create_project',
  'delete_project',
  'delete_repository',
  'login_user',
  'logout_user',
  'create_user',
  'delete_user',
  'update_user',
  'create_robot',
  'delete_robot',
  'update_configure',
];
const LEGACY_EVENTS = ['create', 'delete', 'pull'];

const RECORDS: FactSource = {
  default:
    'Harbor audit records (GET /api/v2.0/audit-log-exts): username, operation, resource and resource_type, is_successful, op_time (RFC 3339, UTC); no client IP',
};
const HOST_CLOCK = "Harbor stamps records with its hosts' clocks: read them on the hosts' time targets (chrony, ntpsec, timesyncd)";

const gapOf = (f: FactsBuilder, paths: readonly Parameters<FactsBuilder['gap']>[0][], m: Missing) =>
  f.gapEach(paths, m.reason, m.detail, m.permission ? { permission: m.permission } : undefined);

const text = (s: Setting<unknown> | undefined) => (s && typeof s.value === 'string' ? s.value : '');
const flag = (s: Setting<unknown> | undefined) => s !== undefined && (s.value === true || s.value === 'true');

function identity(f: FactsBuilder, s: HarborState): void {
  const ID = ['identity.sso_provider', 'identity.sso_enforced', 'identity.mfa_required', 'identity.mfa_exempt', 'identity.local_accounts'] as const;
  if (!s.config.ok) gapOf(f, ID, s.config);
  else {
    const c = s.config.value;
    const mode = c.get('auth_mode');
    const m = text(mode);
    const src = mode?.source ?? { default: 'auth_mode absent' };
    if (m === 'oidc_auth') {
      const endpoint = c.get('oidc_endpoint');
      f.set('identity.sso_provider', providerName(text(endpoint)) ?? 'oidc', src, ...(endpoint ? [endpoint.source] : []));
      f.set('identity.sso_enforced', true, {
        ...src,
        default: 'in oidc_auth mode people sign in through the OIDC provider; only the built-in admin keeps a local password',
      });
      f.gap('identity.mfa_required', 'not_collected', 'a second factor at sign-in is the OIDC provider’s, which this collector does not read', {
        sources: [src],
      });
      f.set('identity.mfa_exempt', ['CLI secrets of OIDC users (docker login without the provider)', 'admin (local password)'], {
        ...src,
        default:
          'OIDC users log in to the registry API with a CLI secret, and the built-in admin with its local password: neither passes the provider’s second factor',
      });
      f.set('identity.local_accounts', ['admin'], { ...src, default: 'the built-in admin (user id 1) keeps its local password in every auth mode' });
    } else if (m === 'http_auth') {
      const ep = c.get('http_authproxy_endpoint');
      const why = `auth_mode http_auth: sign-in is delegated to the HTTP auth proxy ${text(ep) || '(endpoint not set)'}, whose identity provider is not read`;
      f.gapEach(['identity.sso_provider', 'identity.sso_enforced', 'identity.mfa_required', 'identity.mfa_exempt'], 'not_collected', why, { sources: [src] });
      f.set('identity.local_accounts', ['admin'], { ...src, default: 'the built-in admin keeps its local password in every auth mode' });
    } else if (m === 'db_auth' || m === 'ldap_auth' || m === 'uaa_auth') {
      const why =
        m === 'db_auth'
          ? 'local passwords in Harbor’s database'
          : m === 'ldap_auth'
            ? 'passwords checked against the LDAP directory'
            : 'passwords checked by Cloud Foundry UAA';
      f.gap('identity.sso_provider', 'not_applicable', `auth_mode ${m}: ${why}, no identity provider`, { sources: [src] });
      f.set('identity.sso_enforced', false, src);
      f.set('identity.mfa_required', false, { ...src, default: `auth_mode ${m}: ${why}; Harbor has no second factor` });
      f.gap('identity.mfa_exempt', 'not_applicable', 'Harbor has no second factor at all (see identity.mfa_required)');
      if (m !== 'db_auth') f.set('identity.local_accounts', ['admin'], { ...src, default: 'the built-in admin keeps its local password in every auth mode' });
      else if (s.users.ok)
        f.set(
          'identity.local_accounts',
          s.users.value.users.map((u) => u.username),
          src,
          s.users.value.source,
        );
      else gapOf(f, ['identity.local_accounts'], s.users);
    } else {
      f.gapEach(
        ID,
        'error',
        `auth_mode is ${JSON.stringify(mode?.value ?? null)}, not one Harbor documents (db_auth, ldap_auth, uaa_auth, http_auth, oidc_auth)`,
        { sources: [src] },
      );
    }
  }
  if (s.publicProjects.ok) f.set('identity.anonymous_access', s.publicProjects.value.names.length > 0, s.publicProjects.value.source);
  else gapOf(f, ['identity.anonymous_access'], s.publicProjects);
}

function access(f: FactsBuilder, s: HarborState): void {
  if (!s.users.ok) gapOf(f, ['access.principals', 'access.admin_count', 'access.admin_names', 'access.member_count'], s.users);
  else if (!s.config.ok) {
    // Without the configuration an identity-provider admin group (oidc_admin_group) is unknown: the admins would be undercounted.
    f.set('access.member_count', s.users.value.users.length, s.users.value.source);
    gapOf(f, ['access.principals', 'access.admin_count', 'access.admin_names'], s.config);
  } else {
    const { users, source } = s.users.value;
    const adminGroup = s.config.ok ? text(s.config.value.get('oidc_admin_group')) || text(s.config.value.get('ldap_group_admin_dn')) : '';
    const principals: Principal[] = users.map((u) => ({ name: u.username, kind: 'user', roles: u.admin ? ['sysadmin'] : [], admin: u.admin }));
    if (adminGroup) principals.push({ name: `${adminGroup} (identity provider group)`, kind: 'group', roles: ['sysadmin'], admin: true });
    const admins = principals.filter((p) => p.admin).map((p) => p.name);
    f.set('access.principals', principals, source);
    f.set('access.admin_count', admins.length, source);
    f.set('access.admin_names', admins, source);
    f.set('access.member_count', users.length, source);
  }
  if (!s.publicProjects.ok) gapOf(f, ['access.default_permission', 'access.wildcard_grants'], s.publicProjects);
  else {
    const { names, source } = s.publicProjects.value;
    f.set('access.default_permission', names.length ? 'read' : 'none', source);
    const grants: Grant[] = names.map((n) => ({ principal: 'anonymous', permission: 'pull', scope: `project ${n}` }));
    f.set('access.wildcard_grants', grants, source);
  }
}

function auditLog(f: FactsBuilder, s: HarborState): void {
  f.gap('audit_log.level', 'not_supported', 'Harbor audit records have no levels');
  f.gap('audit_log.event_levels', 'not_supported', 'Harbor audit records have no levels');
  f.gap('audit_log.rotation', 'not_applicable', 'Harbor keeps audit records in its database, not in files');
  for (const field of ['actor', 'action', 'time', 'target', 'result'] as const) f.set(`audit_log.fields.${field}`, true, RECORDS);
  f.gap('audit_log.fields.source_ip', 'not_supported', 'Harbor records no client IP address: take it from the load balancer or ingress in front of Harbor');
  f.gap(
    'audit_log.records_secret_values',
    'not_collected',
    'Harbor documents no secret values in its records, but the payload of configuration changes (update_configure, 2.13+) was not inspected',
  );
  f.gap(
    'audit_log.failure_alert',
    'not_collected',
    'Harbor raises no alert when forwarding or recording audit records fails (the core logs the error); alerting is the monitoring system’s',
  );
  f.gap(
    'audit_log.read_restricted',
    'not_collected',
    'who may read audit records follows Harbor’s project roles and system admin, which this collector does not evaluate',
  );
  f.gap('audit_log.backup', 'not_collected', 'a copy of the records is the database backup’s or the forwarding target’s, neither read here');
  f.gap(
    'audit_log.immutable',
    'not_collected',
    'records in Harbor’s database can be purged by a system administrator; a forwarded copy’s immutability is the store’s',
  );
  if (!s.config.ok) {
    gapOf(f, ['audit_log.enabled', 'audit_log.event_classes', 'audit_log.destinations'], s.config);
  } else {
    const c = s.config.value;
    const forward = c.get('audit_log_forward_endpoint');
    const skip = c.get('skip_audit_log_database');
    const disabled = c.get('disabled_audit_log_event_types');
    const endpoint = text(forward);
    const skipDb = flag(skip) && endpoint !== '';
    const where = [forward?.source, skip?.source, disabled?.source].filter((x): x is FactSource => x !== undefined);
    const off = text(disabled)
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    const classes = disabled === undefined ? LEGACY_EVENTS : EVENT_TYPES.filter((e) => !off.includes(e));
    f.set('audit_log.enabled', classes.length > 0, ...(where.length ? where : [RECORDS]));
    f.set(
      'audit_log.event_classes',
      classes,
      disabled?.source ?? { ...RECORDS, default: 'no disabled_audit_log_event_types: a Harbor before 2.13, which records create, delete and pull' },
    );
    const destinations: Destination[] = [];
    if (!skipDb) destinations.push({ name: 'database', type: 'database', central: false });
    if (endpoint) destinations.push({ name: 'audit_log_forward_endpoint', type: 'syslog', central: true, endpoint: `tcp://${endpoint}` });
    f.set('audit_log.destinations', destinations, ...(where.length ? where : [RECORDS]));
    if (skipDb) {
      f.gapEach(
        ['audit_log.retention_days', 'audit_log.retention_online_days'],
        'not_collected',
        `skip_audit_log_database: records go only to ${endpoint}, whose retention is that store's`,
        { sources: where },
      );
      return;
    }
  }
  if (!s.purge.ok) {
    gapOf(f, ['audit_log.retention_days', 'audit_log.retention_online_days'], s.purge);
    return;
  }
  const p = s.purge.value;
  if (p.value.type === 'None' || p.value.retentionHours === undefined || p.value.dryRun) {
    const why = p.value.dryRun
      ? { ...p.source, default: 'the purge job runs as a dry run: nothing is deleted, records are kept forever' }
      : { ...p.source, ...NO_SCHEDULE };
    f.set('audit_log.retention_days', -1, why);
    f.set('audit_log.retention_online_days', -1, why);
  } else {
    const days = Math.floor(p.value.retentionHours / 24);
    const src = { ...p.source, default: `audit_retention_hour ${p.value.retentionHours} (${p.value.type} purge) = ${days} days` };
    f.set('audit_log.retention_days', days, src);
    f.set('audit_log.retention_online_days', days, src);
  }
}

export function normalizeHarbor(s: HarborState, f: FactsBuilder): { facts: BuiltFacts; resources: Resource[] } {
  identity(f, s);
  access(f, s);
  auditLog(f, s);
  f.gapEach(['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated'], 'not_collected', HOST_CLOCK);
  f.set('time.timestamp_timezone', 'UTC', { ...RECORDS, default: 'op_time is RFC 3339 in UTC' });
  const resources: Resource[] = [];
  if (s.config.ok) {
    const c = s.config.value;
    const reg = c.get('self_registration');
    resources.push({
      id: 'system-settings',
      kind: 'system-settings',
      name: 'system settings',
      facts: {
        auth_mode: text(c.get('auth_mode')) || null,
        // self-registration exists only for database users: in other modes it has no effect
        self_registration: text(c.get('auth_mode')) === 'db_auth' ? flag(reg) : false,
        oidc_verify_cert: text(c.get('auth_mode')) === 'oidc_auth' ? flag(c.get('oidc_verify_cert')) || c.get('oidc_verify_cert') === undefined : null,
      },
      gaps: text(c.get('auth_mode')) === 'oidc_auth' ? [] : [{ fact: 'oidc_verify_cert', reason: 'not_applicable', detail: 'not in oidc_auth mode' }],
    });
    if (!text(c.get('auth_mode'))) resources[0]!.gaps.push({ fact: 'auth_mode', reason: 'error', detail: 'auth_mode missing from the configurations' });
  }
  return { facts: f.build(), resources };
}
