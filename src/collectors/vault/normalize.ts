/**
 * A Vault/OpenBao server (read.ts) mapped to the model, plus resources the tool-specific policies
 * read: one `acl-policy` per policy (what it grants and which people hold it) and one
 * `token-store` (the root tokens that exist).
 */
import type { Destination, FactSource, Gap, Grant, Principal, Resource } from '../../model/types.js';
import { type BuiltFacts, type FactsBuilder, STORE_FACTS } from '../kit/facts.js';
import { providerName } from '../kit/identity.js';
import type { Missing } from '../kit/result.js';
import { defaultPermission } from './policy.js';
import type { AuditDevice, AuthMount, Holder, VaultState } from './read.js';

const SSO = new Set(['oidc', 'jwt', 'saml']);
/** Human sign-in with a password (or a personal token) the server or a directory checks. */
const PASSWORD = new Set(['userpass', 'ldap', 'radius', 'okta', 'github']);

const RECORDS: FactSource = {
  default:
    'every request and response through an audit device (website/content/docs/audit): auth.display_name and entity_id, request.operation and path, request.remote_address, error, time (RFC 3339, UTC); values are HMAC-SHA256 hashed unless log_raw is true',
};
const HOST_CLOCK = "the server stamps audit records with its host's clock: read it on that host's time target (chrony, ntpsec, timesyncd)";
const STORE = 'the server keeps no audit records itself: retention, backup and immutability are those of the file system or store its devices write to';

const gapOf = (f: FactsBuilder, paths: readonly Parameters<FactsBuilder['gap']>[0][], m: Missing) =>
  f.gapEach(paths, m.reason, m.detail, m.permission ? { permission: m.permission } : undefined);

const truthy = (v: string | undefined) => v !== undefined && ['true', '1', 't', 'yes'].includes(v.toLowerCase());

/** What a device writes to, or undefined when it records nothing (file_path=discard). */
function destination(d: AuditDevice): Destination | undefined {
  const o = d.options;
  switch (d.type) {
    case 'file': {
      const p = o.file_path ?? o.path ?? '';
      if (p === 'discard') return undefined;
      if (p === 'stdout' || p === '/dev/stdout') return { name: d.path, type: 'stdout', central: false };
      return { name: d.path, type: 'local-file', central: false, endpoint: p };
    }
    case 'syslog':
      return { name: d.path, type: 'syslog', central: false, endpoint: `local syslog (facility ${o.facility ?? 'AUTH'}, tag ${o.tag ?? 'vault'})` };
    case 'socket':
      return { name: d.path, type: 'socket', central: true, endpoint: `${o.socket_type ?? 'tcp'}://${o.address ?? ''}` };
    case 'http': {
      let origin = o.uri ?? '';
      try {
        const u = new URL(origin);
        origin = `${u.protocol}//${u.host}`;
      } catch {
        // keep what was given
      }
      return { name: d.path, type: 'http', central: true, endpoint: origin };
    }
    default:
      return { name: d.path, type: d.type, central: false };
  }
}

function identity(f: FactsBuilder, s: VaultState): void {
  if (!s.auth.ok) {
    gapOf(f, ['identity.sso_provider', 'identity.sso_enforced', 'identity.mfa_required', 'identity.mfa_exempt'], s.auth);
  } else {
    const mounts = s.auth.value.mounts;
    const sso = mounts.filter((m) => SSO.has(m.type));
    const password = mounts.filter((m) => PASSWORD.has(m.type));
    const name = (m: AuthMount) => `auth/${m.path}/ (${m.type})`;
    const where = [s.auth.value.source, ...sso.map((m) => m.source), ...password.map((m) => m.source)];
    const first = sso[0];
    if (first) f.set('identity.sso_provider', providerName(first.issuer) ?? `${first.type} (auth/${first.path}/)`, first.source);
    else f.gap('identity.sso_provider', 'not_applicable', 'no OIDC, JWT or SAML auth method is enabled', { sources: [s.auth.value.source] });
    f.set('identity.sso_enforced', sso.length > 0 && password.length === 0, ...where);

    const human = [...sso, ...password];
    if (!s.mfa.ok) gapOf(f, ['identity.mfa_required', 'identity.mfa_exempt'], s.mfa);
    else if (human.length === 0) {
      f.set('identity.mfa_required', false, {
        ...s.auth.value.source,
        default: 'no human sign-in method is enabled: people use tokens, which have no second factor',
      });
      f.gap('identity.mfa_exempt', 'not_applicable', 'no human sign-in method is enabled (see identity.mfa_required)');
    } else {
      const enf = s.mfa.value.enforcements;
      const covered = (m: AuthMount) => enf.some((e) => !e.partial && (e.accessors.includes(m.accessor) || e.types.includes(m.type)));
      const open = human.filter((m) => !covered(m));
      const mfaSources = [s.mfa.value.source, ...enf.map((e) => e.source), ...where];
      const openPassword = open.filter((m) => PASSWORD.has(m.type));
      if (open.length === 0) {
        f.set('identity.mfa_required', true, ...mfaSources);
        f.set('identity.mfa_exempt', [], ...mfaSources);
      } else if (openPassword.length > 0) {
        f.set('identity.mfa_required', false, ...mfaSources);
        f.set(
          'identity.mfa_exempt',
          openPassword.map((m) => `${name(m)}: outside every login MFA enforcement`),
          ...mfaSources,
        );
      } else {
        const detail = `no login MFA enforcement covers ${open.map(name).join(', ')}: a second factor there is the identity provider's, which this collector does not read`;
        f.gap('identity.mfa_required', 'not_collected', detail, { sources: mfaSources });
        f.gap('identity.mfa_exempt', 'not_collected', detail, { sources: mfaSources });
      }
    }
  }
  // Local accounts: userpass users and root tokens (both bypass the identity provider).
  if (!s.userpass.ok) gapOf(f, ['identity.local_accounts'], s.userpass);
  else if (!s.rootTokens.ok) gapOf(f, ['identity.local_accounts'], s.rootTokens);
  else {
    f.set(
      'identity.local_accounts',
      [...s.userpass.value.names, ...s.rootTokens.value.tokens.map((t) => t.name)],
      ...s.userpass.value.sources,
      s.rootTokens.value.source,
      ...s.rootTokens.value.tokens.map((t) => t.source),
    );
  }
  f.set('identity.anonymous_access', false, {
    default:
      'the server serves no secret, policy or configuration without a token; only health, seal status, leader and (when a listener allows it) metrics answer unauthenticated',
  });
}

function access(f: FactsBuilder, s: VaultState): { holders: Holder[] } {
  const ALL = ['access.principals', 'access.admin_count', 'access.admin_names', 'access.default_permission', 'access.wildcard_grants'] as const;
  if (s.entities.ok) f.set('access.member_count', s.entities.value.count, s.entities.value.source);
  else gapOf(f, ['access.member_count'], s.entities);
  const miss = !s.policies.ok ? s.policies : !s.holders.ok ? s.holders : !s.rootTokens.ok ? s.rootTokens : undefined;
  if (!s.policies.ok) {
    gapOf(f, ALL, s.policies);
    return { holders: [] };
  }
  const policies = s.policies.value.byName;
  const def = policies.get('default');
  if (def) f.set('access.default_permission', defaultPermission(def), def.source);
  else f.gap('access.default_permission', 'not_collected', 'the default policy (attached to every token) was not read');
  if (miss) {
    gapOf(f, ['access.principals', 'access.admin_count', 'access.admin_names', 'access.wildcard_grants'], miss);
    return { holders: s.holders.ok ? [...s.holders.value.holders] : [] };
  }
  const holders = s.holders.ok ? [...s.holders.value.holders] : [];
  const roots = s.rootTokens.ok ? s.rootTokens.value.tokens : [];
  const admin = (h: Holder) => h.policies.some((p) => policies.get(p)?.admin === true);
  const principals: Principal[] = holders.map((h) => ({ name: h.name, kind: h.kind, roles: [...h.policies], admin: admin(h) }));
  const adminNames = [...holders.filter(admin).map((h) => h.name), ...roots.map((t) => t.name)];
  const sources = [s.policies.value.source, ...holders.map((h) => h.source)];
  f.set('access.principals', principals, ...sources);
  f.set('access.admin_count', adminNames.length, ...sources, ...roots.map((t) => t.source));
  f.set('access.admin_names', adminNames, ...sources, ...roots.map((t) => t.source));
  const grants: Grant[] = [];
  const grantSources: FactSource[] = [];
  for (const p of policies.values()) {
    if (p.wildcard.length === 0 || p.name === 'root') continue;
    const permission = [...new Set(p.wildcard.flatMap((r) => r.capabilities))].join(', ');
    const scopes = p.wildcard.map((r) => r.path).join(', ');
    const who = p.name === 'default' ? ['every token (default policy)'] : holders.filter((h) => h.policies.includes(p.name)).map((h) => h.name);
    for (const principal of who.length ? who : [`policy ${p.name} (no holder found)`]) grants.push({ principal, permission, scope: scopes });
    grantSources.push(...p.wildcard.map((r) => ({ ...p.source, line: r.line })));
  }
  for (const t of roots) {
    grants.push({ principal: t.name, permission: 'root', scope: '*' });
    grantSources.push(t.source);
  }
  f.set('access.wildcard_grants', grants, ...(grantSources.length ? grantSources : [s.policies.value.source]));
  return { holders };
}

function auditLog(f: FactsBuilder, s: VaultState): void {
  f.gapEach([...STORE_FACTS, 'audit_log.read_restricted'], 'not_collected', STORE);
  f.gap('audit_log.event_levels', 'not_supported', 'audit devices record every request and response, with no levels per class');
  for (const field of ['actor', 'action', 'time', 'target', 'source_ip', 'result'] as const) f.set(`audit_log.fields.${field}`, true, RECORDS);
  if (!s.audit.ok) {
    gapOf(
      f,
      [
        'audit_log.enabled',
        'audit_log.level',
        'audit_log.event_classes',
        'audit_log.destinations',
        'audit_log.records_secret_values',
        'audit_log.rotation',
        'audit_log.failure_alert',
      ],
      s.audit,
    );
    return;
  }
  const devices = s.audit.value.devices;
  const where = [s.audit.value.source, ...devices.map((d) => d.source)];
  const recording = devices.filter((d) => destination(d) !== undefined);
  f.set('audit_log.enabled', recording.length > 0, ...where);
  const raw = devices.filter((d) => truthy(d.options.log_raw));
  f.set('audit_log.records_secret_values', raw.length > 0, ...(raw.length ? raw.map((d) => d.source) : where));
  if (recording.length === 0) {
    f.set('audit_log.event_classes', [], ...where);
    f.gap('audit_log.level', 'not_applicable', 'no audit device records anything');
  } else {
    f.set('audit_log.level', raw.length ? `request-response (raw on ${raw.map((d) => d.path).join(', ')})` : 'request-response (hmac)', ...where);
    const unfiltered = recording.filter((d) => !d.options.filter);
    if (unfiltered.length > 0) f.set('audit_log.event_classes', ['auth', 'identity', 'policy', 'secrets', 'sys', 'token'], ...unfiltered.map((d) => d.source));
    else
      f.gap(
        'audit_log.event_classes',
        'not_collected',
        `every device has a filter (${recording.map((d) => `${d.path}: ${d.options.filter}`).join('; ')}), which this collector does not evaluate`,
      );
  }
  f.set(
    'audit_log.destinations',
    recording.map((d) => destination(d)!),
    ...where,
  );
  const files = recording.filter((d) => d.type === 'file' && destination(d)!.type === 'local-file');
  if (files.length === 0) f.gap('audit_log.rotation', 'not_applicable', 'no audit device writes a local file');
  else
    f.gap(
      'audit_log.rotation',
      'not_collected',
      `${files.map((d) => d.options.file_path).join(', ')}: the server reopens its file on SIGHUP and never rotates it; rotation is the host's (logrotate), which was not read`,
    );
  const signal =
    recording.length <= 1
      ? 'with one audit device the server refuses every request that device cannot record (fail closed): a broken device shows as an outage of the whole server, not as an alert'
      : `with ${recording.length} audit devices a request succeeds while one of them records it, so a failed device can stay unnoticed`;
  f.gap(
    'audit_log.failure_alert',
    'not_collected',
    `${signal}; the server raises no alert itself and counts failures in the vault.audit.log_request_failure and log_response_failure metrics, whose alerting lives in the monitoring system, which this collector does not read`,
    { sources: where },
  );
}

/** Resources for the Vault-specific policies: each ACL policy, and the token store. */
function resources(s: VaultState, holders: readonly Holder[]): Resource[] {
  const out: Resource[] = [];
  if (s.policies.ok) {
    const holderGap: Gap[] = [];
    const known = s.holders.ok;
    if (!s.holders.ok)
      holderGap.push({
        fact: 'human_holders',
        reason: s.holders.reason,
        detail: s.holders.detail,
        ...(s.holders.permission ? { permission: s.holders.permission } : {}),
      });
    for (const p of s.policies.value.byName.values()) {
      if (p.name === 'root') continue;
      const humans = holders.filter((h) => h.human && h.policies.includes(p.name)).map((h) => h.name);
      const everyone = p.name === 'default';
      out.push({
        id: `acl-policy:${p.name}`,
        kind: 'acl-policy',
        name: p.name,
        facts: {
          wildcard: p.wildcard.length > 0,
          sudo: p.sudo.length > 0,
          sys_write: p.sysWrite.length > 0,
          privileged_rules: [...new Set([...p.wildcard, ...p.sudo, ...p.sysWrite])].map(
            (r) => `line ${r.line}: path "${r.path}" ${JSON.stringify(r.capabilities)}`,
          ),
          human_holders: everyone ? ['every token (default policy)'] : known ? humans : null,
        },
        gaps: everyone ? [] : holderGap,
      });
    }
  }
  out.push({
    id: 'token-store',
    kind: 'token-store',
    name: 'token store',
    facts: { root_tokens: s.rootTokens.ok ? s.rootTokens.value.tokens.map((t) => t.name) : null },
    gaps: s.rootTokens.ok
      ? []
      : [
          {
            fact: 'root_tokens',
            reason: s.rootTokens.reason,
            detail: s.rootTokens.detail,
            ...(s.rootTokens.permission ? { permission: s.rootTokens.permission } : {}),
          },
        ],
  });
  return out;
}

export function normalizeVault(s: VaultState, f: FactsBuilder): { facts: BuiltFacts; resources: Resource[] } {
  identity(f, s);
  const { holders } = access(f, s);
  auditLog(f, s);
  f.gapEach(['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated'], 'not_collected', HOST_CLOCK);
  f.set('time.timestamp_timezone', 'UTC', { ...RECORDS, default: 'audit records carry time as RFC 3339 in UTC' });
  return { facts: f.build(), resources: resources(s, holders) };
}
