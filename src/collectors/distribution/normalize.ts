/**
 * The Distribution registry's settings (config.yml, the htpasswd file, the live probe) mapped to the
 * model. The registry has no roles: with htpasswd every user can pull, push (and delete, when
 * storage.delete is on) every repository; with token auth the token server decides scopes; with
 * silly or no auth anyone can. Its audit records are the notification events it sends (actor,
 * action, target, request address, time); the access log on stdout has no user name.
 */
import type { Destination, FactSource, Grant, Principal } from '../../model/types.js';
import { type BuiltFacts, type FactsBuilder, STORE_FACTS } from '../kit/facts.js';
import type { Outcome } from '../kit/result.js';
import type { Setting } from '../kit/setting.js';
import { type Htpasswd, type NotificationEndpoint, REGISTRY_ACTIONS, type RegistryConfig } from './config.js';
import type { ProbeResult } from './probe.js';

export interface DistributionInput {
  readonly config: RegistryConfig | undefined;
  readonly htpasswd: Htpasswd | undefined;
  readonly probe: ProbeResult | undefined;
}

const EVENTS: FactSource = {
  default:
    'notification events (docs/content/about/notifications.md) carry actor.name, action, target (repository, digest, tag), request.addr and timestamp; they are sent only for completed actions',
};
const HOST_CLOCK = "the registry stamps events with its host's clock: read it on that host's time target (chrony, ntpsec, timesyncd)";
const STORE =
  'the registry keeps no audit records itself: retention, backup, immutability and read access are those of the store its notification endpoints deliver to';
const NO_CONFIG = "the registry's config.yml was not given (files:) next to the endpoint";

/** The actions an endpoint forwards: every action it does not ignore, unless disabled. */
function forwarded(e: NotificationEndpoint): string[] {
  return e.disabled ? [] : REGISTRY_ACTIONS.filter((a) => !e.ignoredActions.includes(a));
}

/** A central destination for registry events: enabled, https, and not ignoring push or delete. */
function central(e: NotificationEndpoint): boolean {
  const f = forwarded(e);
  return e.https && f.includes('push') && f.includes('delete');
}

export function normalizeDistribution(input: DistributionInput, f: FactsBuilder): BuiltFacts {
  const { config, htpasswd, probe } = input;
  identity(f, config, htpasswd, probe);
  access(f, config, htpasswd);
  auditLog(f, config);
  f.gapEach(['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated'], 'not_collected', HOST_CLOCK);
  f.set('time.timestamp_timezone', 'RFC 3339 with the offset of the host zone', {
    ...EVENTS,
    default: 'notification event timestamps are Go time values marshalled as RFC 3339 with the zone offset',
  });
  return f.build();
}

function identity(f: FactsBuilder, config: RegistryConfig | undefined, htpasswd: Htpasswd | undefined, probe: ProbeResult | undefined): void {
  const auth = config?.auth;
  const kind = auth?.value.kind;
  if (!auth) {
    f.gapEach(
      ['identity.sso_provider', 'identity.sso_enforced', 'identity.mfa_required', 'identity.mfa_exempt', 'identity.local_accounts'],
      'not_collected',
      `${NO_CONFIG}: its auth section decides sign-in`,
    );
  } else if (kind === 'token') {
    const server = `the token server at ${auth.value.realm}`;
    f.gap(
      'identity.sso_provider',
      'not_collected',
      `authentication is delegated to ${server}: its identity provider is that tool's (read it on its own target)`,
      { sources: [auth.source] },
    );
    f.gap(
      'identity.sso_enforced',
      'not_collected',
      `authentication is delegated to ${server}: whether it signs humans in only through SSO is that tool's setting`,
      { sources: [auth.source] },
    );
    f.gapEach(['identity.mfa_required', 'identity.mfa_exempt'], 'not_collected', `a second factor is the business of ${server}, not of the registry`, {
      sources: [auth.source],
    });
    f.set('identity.local_accounts', [], { ...auth.source, default: 'with token auth the registry keeps no accounts of its own' });
  } else {
    const why =
      kind === 'htpasswd'
        ? `auth.htpasswd: local passwords in ${auth.value.path}`
        : kind === 'silly'
          ? 'auth.silly: any Authorization header is accepted'
          : 'no auth: nobody signs in';
    f.gap('identity.sso_provider', 'not_applicable', `no identity provider: ${why}`, { sources: [auth.source] });
    f.set('identity.sso_enforced', false, auth.source);
    f.set('identity.mfa_required', false, { ...auth.source, default: `${why}; the registry has no second factor` });
    f.gap('identity.mfa_exempt', 'not_applicable', 'the registry has no second factor at all (see identity.mfa_required)', { sources: [auth.source] });
    if (kind !== 'htpasswd') f.set('identity.local_accounts', [], { ...auth.source, default: `${why}: there are no accounts` });
    else if (htpasswd)
      f.set(
        'identity.local_accounts',
        htpasswd.users.map((u) => u.name),
        htpasswd.source,
      );
    else
      f.gap(
        'identity.local_accounts',
        'not_collected',
        `the users are in ${auth.value.path}: give that htpasswd file with files: (its bcrypt hashes are never stored)`,
        { sources: [auth.source] },
      );
  }
  f.from('identity.anonymous_access', ...anonymous(config, probe));
}

/**
 * Anonymous access from the config and the probe. The config decides what anyone who reaches the
 * registry gets; the probe what the endpoint answers. Either one showing access is access; the
 * probe refusing while the config allows it means something in front (a proxy) refuses, which
 * does not protect the registry from whoever reaches it directly.
 */
function anonymous(config: RegistryConfig | undefined, probe: ProbeResult | undefined): [Outcome<boolean>, ...FactSource[]] {
  const fromConfig = config ? config.auth.value.kind === 'none' || config.auth.value.kind === 'silly' : undefined;
  const probed = probe ? [probe.pull, probe.push] : [];
  const shown = probed.filter((o): o is Extract<Outcome<Setting<boolean>>, { ok: true }> => o.ok && o.value.value);
  if (fromConfig || shown.length > 0) {
    return [{ ok: true, value: true }, ...(fromConfig ? [config!.auth.source] : []), ...shown.map((o) => o.value.source)];
  }
  if (config && fromConfig === false) {
    const refused = probed.flatMap((o) => (o.ok ? [o.value.source] : []));
    return [{ ok: true, value: false }, config.auth.source, ...refused];
  }
  // Live without a config: only a probe that refused both pull and push proves it.
  const missing = probed.find((o) => !o.ok);
  if (missing && !missing.ok) return [missing];
  return [{ ok: true, value: false }, ...probed.flatMap((o) => (o.ok ? [o.value.source] : []))];
}

function access(f: FactsBuilder, config: RegistryConfig | undefined, htpasswd: Htpasswd | undefined): void {
  const ACCESS = ['access.principals', 'access.admin_count', 'access.admin_names', 'access.member_count'] as const;
  if (!config) {
    f.gapEach([...ACCESS, 'access.default_permission', 'access.wildcard_grants'], 'not_collected', `${NO_CONFIG}: its auth section decides who may do what`);
    return;
  }
  const { auth, deleteEnabled } = config;
  const rights = ['pull', 'push', ...(deleteEnabled.value ? ['delete'] : [])];
  const grantText = rights.join(', ');
  if (auth.value.kind === 'token') {
    const why = `the token server at ${auth.value.realm} decides each client's repository scopes; read its grants on that tool's target`;
    f.gapEach([...ACCESS, 'access.default_permission', 'access.wildcard_grants'], 'not_collected', why, { sources: [auth.source] });
    return;
  }
  if (auth.value.kind === 'none' || auth.value.kind === 'silly') {
    const nobody = `${auth.value.kind === 'silly' ? 'auth.silly' : 'no auth'}: the registry identifies nobody, so it has no principals or administrators`;
    f.gapEach(ACCESS, 'not_applicable', nobody, { sources: [auth.source] });
    f.set('access.default_permission', deleteEnabled.value ? 'admin' : 'write', auth.source, deleteEnabled.source);
    const grant: Grant = {
      principal: auth.value.kind === 'silly' ? 'anyone sending an Authorization header' : 'anonymous',
      permission: grantText,
      scope: 'every repository',
    };
    f.set('access.wildcard_grants', [grant], auth.source, deleteEnabled.source);
    return;
  }
  // htpasswd: every user the file holds can do everything.
  f.set(
    'access.default_permission',
    deleteEnabled.value ? 'admin' : 'write',
    { ...auth.source, default: `htpasswd has no roles: every user can ${grantText} every repository` },
    deleteEnabled.source,
  );
  f.set('access.wildcard_grants', [{ principal: 'every htpasswd user', permission: grantText, scope: 'every repository' }], auth.source, deleteEnabled.source);
  if (!htpasswd) {
    f.gapEach(ACCESS, 'not_collected', `the users are in ${auth.value.path}: give that htpasswd file with files:`, { sources: [auth.source] });
    return;
  }
  const names = htpasswd.users.map((u) => u.name);
  const principals: Principal[] = names.map((name) => ({ name, kind: 'user', roles: rights, admin: true }));
  const sources = [auth.source, htpasswd.source];
  f.set('access.principals', principals, ...sources);
  f.set('access.admin_count', names.length, { ...htpasswd.source, default: 'htpasswd has no roles: every user can push and delete, like an administrator' });
  f.set('access.admin_names', names, ...sources);
  f.set('access.member_count', names.length, htpasswd.source);
}

function auditLog(f: FactsBuilder, config: RegistryConfig | undefined): void {
  f.gap('audit_log.level', 'not_supported', 'notification events have no levels (log.level sets the application log only)');
  f.gap('audit_log.event_levels', 'not_supported', 'notification events have no levels');
  f.gapEach([...STORE_FACTS, 'audit_log.read_restricted'], 'not_collected', STORE);
  f.gap('audit_log.rotation', 'not_applicable', 'the registry writes no audit file: events go to HTTP endpoints and the access log to stdout');
  f.set('audit_log.records_secret_values', false, {
    ...EVENTS,
    default: 'events carry the actor name, request address, method, user agent and target digests: no credentials or image contents',
  });
  for (const field of ['actor', 'action', 'time', 'target', 'source_ip'] as const) f.set(`audit_log.fields.${field}`, true, EVENTS);
  f.set('audit_log.fields.result', false, { ...EVENTS, default: 'events are sent only for completed actions: a refused or failed request leaves no event' });
  f.gap(
    'audit_log.failure_alert',
    'not_collected',
    'the registry retries undelivered events in memory (threshold, backoff) and drops them on restart; it raises no alert itself, and whether monitoring alerts on its notification metrics is not readable here',
  );
  if (!config) {
    f.gapEach(
      ['audit_log.enabled', 'audit_log.event_classes', 'audit_log.destinations'],
      'not_collected',
      `${NO_CONFIG}: its notifications section decides where events go`,
    );
    return;
  }
  const { endpoints, accessLog } = config;
  const classes = [...new Set(endpoints.value.flatMap(forwarded))].sort();
  f.set('audit_log.enabled', classes.length > 0, endpoints.source, ...endpoints.value.map((e) => e.source));
  f.set('audit_log.event_classes', classes, endpoints.source, ...endpoints.value.map((e) => e.source));
  const destinations: Destination[] = endpoints.value
    .filter((e) => forwarded(e).length > 0)
    .map((e) => ({ name: e.name, type: 'webhook', central: central(e), endpoint: e.origin }));
  if (accessLog.value) destinations.push({ name: 'access-log', type: 'stdout', central: false });
  f.set('audit_log.destinations', destinations, endpoints.source, ...endpoints.value.map((e) => e.source), accessLog.source);
}
