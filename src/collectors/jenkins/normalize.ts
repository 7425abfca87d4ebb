/**
 * Jenkins configuration (the merged JCasC documents) to the normalized model, fact by fact with
 * where each was read. Pure: the same documents always give the same facts, whether they came
 * from a file in Git or from the live export.
 */
import type { FactSource, Gap, Grant as ModelGrant, Principal, Resource, ResourceFactValue } from '../../model/types.js';
import { type BuiltFacts, type FactsBuilder, STORE_FACTS } from '../kit/facts.js';
import { destinationOf, eventClasses, patternCoverage, readAuditTrail, recordsLoginErrors, rotationOf } from './audit.js';
import { ADMIN_PERMISSIONS, type Authorization, AUTHENTICATED, ANONYMOUS, type Grant, isEveryone, levelOf, maxLevel, readAuthorization } from './authz.js';
import type { CascDoc, Located } from './casc.js';
import { bool, child, describable, findSetting, type Found } from './lookup.js';
import { type Realm, readRealm } from './realm.js';

export interface NormalizedJenkins {
  readonly facts: BuiltFacts;
  readonly resources: Resource[];
  /** Provenance beyond the facts (the controller resource's sources) and limits, for source.details. */
  readonly details: Record<string, unknown>;
}

const HOST_CLOCK = "the controller host's clock is not part of Jenkins' configuration; add the host as a chrony, ntpsec or timesyncd target";

export function normalizeJenkins(docs: readonly CascDoc[], name: string, f: FactsBuilder): NormalizedJenkins {
  const realmFound = findSetting(docs, ['jenkins', 'securityRealm']);
  const authzFound = findSetting(docs, ['jenkins', 'authorizationStrategy']);
  const realm = realmFound ? readRealm(describable(realmFound, 'securityRealm')) : undefined;
  const authz = authzFound ? readAuthorization(describable(authzFound, 'authorizationStrategy')) : undefined;
  const limits: string[] = [];

  identity(f, realm, authz);
  access(f, realm, authz, limits);
  const audit = auditLog(f, docs, realm);
  time(f, audit);

  const controller = controllerResource(docs, name, realm, authz, audit);
  if (authz?.kind === 'projectMatrix' || authz?.kind === 'roleBased') {
    limits.push('grants on folders and jobs (project matrix properties, item roles matched at run time) are read from the global configuration only');
  }
  return {
    facts: f.build(),
    resources: [controller.resource],
    details: {
      security_realm: realm ? `${realm.symbol} (${realm.label})` : 'not set in this configuration',
      authorization_strategy: authz?.symbol ?? 'not set in this configuration',
      jcasc_documents: docs.map((d) => d.label),
      ...(limits.length ? { limits } : {}),
      resource_provenance: controller.provenance,
    },
  };
}

// --- identity -----------------------------------------------------------------------------------

function identity(f: FactsBuilder, realm: Realm | undefined, authz: Authorization | undefined): void {
  if (!realm) {
    const why =
      'the configuration does not set jenkins.securityRealm, so Jenkins keeps whatever realm its config.xml holds; read the live export (POST /manage/configuration-as-code/export) or add the realm to the JCasC';
    for (const p of ['identity.sso_provider', 'identity.sso_enforced', 'identity.mfa_required', 'identity.mfa_exempt', 'identity.local_accounts'] as const) {
      f.gap(p, 'not_collected', why);
    }
  } else if (realm.kind === 'unknown') {
    const why = `securityRealm "${realm.symbol}" is not one auditready reads (local, ldap, activeDirectory, pam, saml, oic, github, gitlab, googleOAuth2, azure, keycloak)`;
    for (const p of ['identity.sso_provider', 'identity.sso_enforced', 'identity.mfa_required', 'identity.mfa_exempt', 'identity.local_accounts'] as const) {
      f.gap(p, 'not_supported', why, { sources: [realm.at] });
    }
  } else {
    const fallbackNames = realm.fallback.flatMap((x) => x.names);
    const fallbackAt = realm.fallback.map((x) => x.at);
    // --- provider and enforcement
    if (realm.kind === 'local') {
      f.gap('identity.sso_provider', 'not_applicable', "Jenkins' own user database: no identity provider", { sources: [realm.at] });
      f.set('identity.sso_enforced', false, realm.at);
    } else if (realm.provider) {
      f.set('identity.sso_provider', realm.provider.name, realm.provider.at);
      f.set('identity.sso_enforced', fallbackNames.length === 0, ...fallbackAt, realm.at); // the escape hatch first: it is what a reader must change
    } else if (realm.symbol === 'pam') {
      f.gap('identity.sso_provider', 'not_applicable', 'PAM: the Unix accounts of the controller host, no identity provider', { sources: [realm.at] });
      f.set('identity.sso_enforced', false, realm.at);
    } else {
      f.gap('identity.sso_provider', 'error', `${realm.label} realm without a server, metadata or issuer URL: the provider cannot be named`, {
        sources: [realm.at],
      });
      f.set('identity.sso_enforced', fallbackNames.length === 0, ...fallbackAt, realm.at);
    }
    // --- MFA: Jenkins has none of its own
    const tokens = realm.oidc?.tokensWithoutSession.value ? 'API tokens (also without an OIDC session)' : 'API tokens';
    const tokenAt = realm.oidc?.tokensWithoutSession.at;
    if (realm.kind === 'sso') {
      f.gap(
        'identity.mfa_required',
        'not_collected',
        `Jenkins has no second factor of its own; with ${realm.label} the identity provider${realm.provider ? ` (${realm.provider.name})` : ''} decides MFA, and its policy is not in Jenkins' configuration`,
        { sources: [realm.at] },
      );
      f.set('identity.mfa_exempt', [tokens, ...fallbackNames.map((n) => `escape hatch account ${n}`)], realm.at, tokenAt, ...fallbackAt);
    } else {
      const how = realm.kind === 'local' ? "password sign-in (Jenkins' own user database)" : `password sign-in (${realm.label})`;
      f.set('identity.mfa_required', false, realm.at);
      f.set('identity.mfa_exempt', [how, tokens, ...fallbackNames.map((n) => `local fallback account ${n}`)], realm.at, ...fallbackAt);
    }
    // --- local accounts
    if (realm.kind === 'local') {
      if (realm.signup?.value) {
        f.gap(
          'identity.local_accounts',
          'not_collected',
          `self-signup is on (allowsSignup: true): anyone can create a local account, so the ${realm.users?.ids.length ?? 0} account(s) in the configuration are not all of them`,
          { sources: [realm.signup.at] },
        );
      } else {
        f.set('identity.local_accounts', [...(realm.users?.ids ?? [])].sort(), realm.users?.at ?? realm.at, realm.signup?.at);
      }
    } else if (realm.symbol === 'pam') {
      f.gap('identity.local_accounts', 'not_collected', 'PAM signs in the Unix accounts of the controller host, which are not in the configuration', {
        sources: [realm.at],
      });
    } else {
      f.set('identity.local_accounts', [...fallbackNames].sort(), realm.at, ...fallbackAt);
    }
  }
  // --- anonymous: any grant to anonymous, or an open signup (anyone can make themselves an account)
  if (!authz || authz.kind === 'unknown') {
    if (realm?.signup?.value) f.set('identity.anonymous_access', true, realm.signup.at);
    else f.gap('identity.anonymous_access', authz ? 'not_supported' : 'not_collected', authzGapDetail(authz), { sources: [authz?.at] });
  } else {
    const anon = authz.grants.filter((g) => g.sid === ANONYMOUS);
    const signup = realm?.signup?.value ? realm.signup.at : undefined;
    f.set('identity.anonymous_access', anon.length > 0 || signup !== undefined, ...anon.map((g) => g.at), signup, authz.anonymousRead?.at ?? authz.at);
  }
}

function authzGapDetail(authz: Authorization | undefined): string {
  return authz
    ? `authorizationStrategy "${authz.symbol}" is not one auditready reads (unsecured, legacy, loggedInUsersCanDoAnything, globalMatrix, projectMatrix, roleBased)`
    : 'the configuration does not set jenkins.authorizationStrategy, so Jenkins keeps whatever its config.xml holds; read the live export or add the strategy to the JCasC';
}

// --- access -------------------------------------------------------------------------------------

function access(f: FactsBuilder, realm: Realm | undefined, authz: Authorization | undefined, limits: string[]): void {
  if (!authz || authz.kind === 'unknown') {
    const reason = authz ? 'not_supported' : 'not_collected';
    for (const p of ['access.principals', 'access.admin_count', 'access.admin_names', 'access.default_permission', 'access.wildcard_grants'] as const) {
      f.gap(p, reason, authzGapDetail(authz), { sources: [authz?.at] });
    }
  } else {
    const global = authz.grants.filter((g) => g.scope === 'global');
    const admins = global.filter((g) => ADMIN_PERMISSIONS.has(g.permission));
    const adminSids = [...new Set(admins.map((g) => g.sid))].sort();
    const adminAt = admins.map((g) => g.at);
    f.set('access.principals', principals(authz), authz.at);
    f.set('access.admin_names', adminSids, authz.at, ...adminAt);
    adminCount(f, realm, authz, admins, adminSids, adminAt);
    const everyone = authz.grants.filter((g) => isEveryone(g.sid));
    f.set('access.default_permission', maxLevel(everyone.map((g) => levelOf(g.permission))), authz.at, ...everyone.map((g) => g.at));
    const wildcard: ModelGrant[] = everyone.map((g) => ({ principal: g.sid, permission: g.permission, scope: g.scope }));
    f.set('access.wildcard_grants', dedupe(wildcard), authz.at, ...everyone.map((g) => g.at));
    if (authz.kind === 'legacy')
      limits.push('legacy authorization: administrators are the members of the servlet container role "admin", which the configuration does not list');
  }
  // How many accounts exist: only Jenkins' own database without signup lists them all.
  if (realm?.kind === 'local' && !realm.signup?.value) {
    f.set('access.member_count', realm.users?.ids.length ?? 0, realm.users?.at ?? realm.at, realm.signup?.at);
  } else if (realm?.kind === 'local') {
    f.gap('access.member_count', 'not_collected', 'self-signup is on: the configuration does not list every account', { sources: [realm.signup?.at] });
  } else {
    f.gap(
      'access.member_count',
      'not_collected',
      realm
        ? `accounts live in ${realm.kind === 'sso' ? `the identity provider (${realm.label})` : `the ${realm.label} directory`}, not in Jenkins' configuration`
        : 'the configuration does not set jenkins.securityRealm',
      { sources: [realm?.at] },
    );
  }
}

function adminCount(f: FactsBuilder, realm: Realm | undefined, authz: Authorization, admins: Grant[], adminSids: string[], adminAt: Located[]): void {
  const everyone = adminSids.filter(isEveryone);
  const localOnly = realm?.kind === 'local' && !realm.signup?.value;
  if (everyone.includes(ANONYMOUS)) {
    f.gap(
      'access.admin_count',
      'not_collected',
      `everyone, anonymous included, holds Overall/Administer (${authz.symbol}): there is no bounded number of administrators`,
      { sources: [...adminAt] },
    );
    return;
  }
  if (everyone.includes(AUTHENTICATED)) {
    if (localOnly) {
      f.set('access.admin_count', realm.users?.ids.length ?? 0, ...adminAt, realm.users?.at);
    } else {
      f.gap(
        'access.admin_count',
        'not_collected',
        `every signed-in user holds Overall/Administer (${authz.symbol}), and ${realm?.kind === 'local' ? 'self-signup makes the number of accounts open-ended' : `how many accounts ${realm ? realm.label : 'the realm'} has is not in the configuration`}`,
        { sources: [...adminAt] },
      );
    }
    return;
  }
  if (authz.kind === 'legacy') {
    f.gap(
      'access.admin_count',
      'not_collected',
      'legacy authorization: administrators are the servlet container role "admin", whose members are not in the configuration',
      { sources: [authz.at] },
    );
    return;
  }
  // A group (or a sid that may be one) holding Administer hides how many people administer.
  const groups = [...new Set(admins.filter((g) => g.kind === 'group' || (g.kind === 'either' && realm?.kind !== 'local')).map((g) => g.sid))].sort();
  if (groups.length) {
    f.gap(
      'access.admin_count',
      'not_collected',
      `${groups.map((g) => `"${g}"`).join(', ')} hold${groups.length === 1 ? 's' : ''} Overall/Administer and ${groups.length === 1 ? 'is a group' : 'are groups'} (or ambiguous user-or-group entries) whose members are in ${realm?.provider?.name ?? 'the identity provider'}`,
      { sources: [...admins.filter((g) => groups.includes(g.sid)).map((g) => g.at)] },
    );
    return;
  }
  f.set('access.admin_count', adminSids.length, authz.at, ...adminAt);
}

function principals(authz: Authorization): Principal[] {
  const bySid = new Map<string, { kind: Grant['kind']; roles: Set<string>; admin: boolean }>();
  for (const g of authz.grants) {
    const p = bySid.get(g.sid) ?? { kind: g.kind, roles: new Set<string>(), admin: false };
    p.roles.add(g.role ? `${g.role}${g.scope === 'global' ? '' : ` (${g.scope})`}` : g.scope === 'global' ? g.permission : `${g.permission} (${g.scope})`);
    if (g.scope === 'global' && ADMIN_PERMISSIONS.has(g.permission)) p.admin = true;
    if (g.kind === 'group') p.kind = 'group';
    bySid.set(g.sid, p);
  }
  return [...bySid.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([sid, p]) => ({ name: sid, kind: p.kind === 'group' || isEveryone(sid) ? 'group' : 'user', roles: [...p.roles].sort(), admin: p.admin }));
}

function dedupe(grants: ModelGrant[]): ModelGrant[] {
  const seen = new Set<string>();
  return grants
    .filter((g) => {
      const k = `${g.principal}\u0000${g.permission}\u0000${g.scope}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.principal.localeCompare(b.principal) || a.permission.localeCompare(b.permission) || a.scope.localeCompare(b.scope));
}

// --- audit log ----------------------------------------------------------------------------------

interface AuditSummary {
  readonly zoned: boolean | undefined;
  readonly loggersAt: Located | undefined;
  readonly bypassable: string[];
  readonly patternAt: Located | undefined;
}

function auditLog(f: FactsBuilder, docs: readonly CascDoc[], realm: Realm | undefined): AuditSummary {
  const found = findSetting(docs, ['unclassified', 'audit-trail']);
  f.gap('audit_log.level', 'not_supported', 'the Audit Trail plugin has a URL pattern and switches, not levels', { sources: [found?.at] });
  f.gap('audit_log.event_levels', 'not_supported', 'the Audit Trail plugin has no per-class recording level', { sources: [found?.at] });
  const na = (detail: string) => {
    for (const p of [...STORE_FACTS, 'audit_log.rotation', 'audit_log.read_restricted'] as const) {
      f.gap(p, 'not_applicable', detail, { sources: [found?.at] });
    }
  };
  if (!found) {
    const ev: FactSource = { file: docs[0]?.file ?? 'configuration', line: 1, column: 1, pointer: '/unclassified/audit-trail' };
    f.set('audit_log.enabled', false, ev);
    f.gap('audit_log.event_classes', 'not_applicable', 'no Audit Trail configuration (unclassified.audit-trail): nothing is recorded');
    for (const p of ['actor', 'action', 'time', 'target', 'source_ip', 'result'] as const) {
      f.gap(`audit_log.fields.${p}`, 'not_applicable', 'no Audit Trail configuration: no audit records are written');
    }
    f.set('audit_log.destinations', [], ev);
    na('no Audit Trail configuration (unclassified.audit-trail): no audit log is written');
    f.set('audit_log.records_secret_values', false, ev);
    f.gap('audit_log.failure_alert', 'not_applicable', 'no Audit Trail configuration: there is no audit logging that could fail');
    return { zoned: undefined, loggersAt: undefined, bypassable: [], patternAt: undefined };
  }
  const a = readAuditTrail(found);
  const dests = a.loggers.map(destinationOf);
  const loggersAt = child(found, 'loggers')?.at ?? found.at;
  const coverage = patternCoverage(a.pattern.value);
  f.set('audit_log.enabled', a.loggers.length > 0, loggersAt);
  if (a.loggers.length === 0) {
    f.gap('audit_log.event_classes', 'not_applicable', 'the Audit Trail plugin has no logger: nothing is written', { sources: [loggersAt] });
    for (const p of ['actor', 'action', 'time', 'target', 'source_ip', 'result'] as const) {
      f.gap(`audit_log.fields.${p}`, 'not_applicable', 'the Audit Trail plugin has no logger: no records are written', { sources: [loggersAt] });
    }
    f.set('audit_log.destinations', [], loggersAt);
    na('the Audit Trail plugin has no logger: no audit log is written');
    f.set('audit_log.records_secret_values', false, loggersAt);
    f.gap('audit_log.failure_alert', 'not_applicable', 'the Audit Trail plugin has no logger', { sources: [loggersAt] });
    return { zoned: undefined, loggersAt, bypassable: coverage.bypassable, patternAt: a.pattern.at };
  }
  if (!coverage.valid) {
    f.gap('audit_log.event_classes', 'error', `the Audit Trail pattern is not a valid regular expression: ${a.pattern.value}`, { sources: [a.pattern.at] });
  } else {
    // A pattern recording /loginError records failed sign-ins only if people sign in through the form: the realm decides.
    const formSignIn = realm?.kind === 'local' || realm?.kind === 'directory';
    f.set(
      'audit_log.event_classes',
      eventClasses(a, coverage, formSignIn),
      a.pattern.at,
      a.logBuildCause.at,
      a.logCredentialsUsage.at,
      a.logScriptUsage.at,
      recordsLoginErrors(a.pattern.value) ? realm?.at : undefined,
    );
  }
  // Audit Trail records "<uri> by <user> from <ip>" with the logger's timestamp; build records name the job.
  f.set('audit_log.fields.actor', true, loggersAt);
  f.set('audit_log.fields.action', true, loggersAt);
  f.set('audit_log.fields.time', true, loggersAt);
  f.set('audit_log.fields.target', true, loggersAt);
  // ServletRequest.getRemoteAddr(): behind a reverse proxy this is the proxy unless X-Forwarded-For is honoured (plugin README).
  f.set('audit_log.fields.source_ip', true, loggersAt);
  // A request record has no outcome; only a build's completion record carries its result.
  f.set('audit_log.fields.result', false, loggersAt);
  f.set(
    'audit_log.destinations',
    dests.map((d) => ({ name: d.name, type: d.type, central: d.central, ...(d.endpoint ? { endpoint: d.endpoint } : {}) })),
    ...dests.map((d) => d.at),
  );
  const central = dests.filter((d) => d.central);
  const fileLoggers = a.loggers.filter((l) => rotationOf(l) !== undefined);
  const daily = a.loggers.find((l) => l.type === 'logFileDailyRotation');
  if (central.length) {
    const where = central.map((d) => d.endpoint ?? d.name).join(', ');
    f.gap('audit_log.retention_days', 'not_collected', `records are kept by the central store (${where}); its retention is not in Jenkins' configuration`, {
      sources: [central[0]!.at],
    });
    f.gap(
      'audit_log.retention_online_days',
      'not_collected',
      `records are kept by the central store (${where}); its retention is not in Jenkins' configuration`,
      { sources: [central[0]!.at] },
    );
    f.gap('audit_log.backup', 'not_collected', `a second copy is the central store's business (${where})`, { sources: [central[0]!.at] });
    f.gap('audit_log.immutable', 'not_collected', `immutability is the central store's business (${where})`, { sources: [central[0]!.at] });
  } else if (daily) {
    const r = rotationOf(daily)!;
    f.set('audit_log.retention_days', r.max_age_days, daily.at);
    f.set('audit_log.retention_online_days', r.max_age_days, daily.at);
    f.gap('audit_log.backup', 'not_collected', 'local files on the controller: whether they are backed up is not in the configuration', {
      sources: [daily.at],
    });
    f.set('audit_log.immutable', false, daily.at);
  } else {
    const detail = fileLoggers.length
      ? 'size-based rotation only: how many days the kept files hold depends on activity'
      : 'no file or central logger: records go to the console only';
    f.gap('audit_log.retention_days', 'not_collected', detail, { sources: [(fileLoggers[0] ?? a.loggers[0])!.at] });
    f.gap('audit_log.retention_online_days', 'not_collected', detail, { sources: [(fileLoggers[0] ?? a.loggers[0])!.at] });
    f.gap('audit_log.backup', 'not_collected', 'local files on the controller: whether they are backed up is not in the configuration', {
      sources: [(fileLoggers[0] ?? a.loggers[0])!.at],
    });
    // Files the Jenkins process writes can be changed or deleted by it and by anyone who controls it.
    f.set('audit_log.immutable', false, (fileLoggers[0] ?? a.loggers[0])!.at);
  }
  // Credentials are logged by id; a script is logged as its text when logScriptUsage is on (the plugin logs the script);
  // build records list parameters with sensitive ones (password parameters) masked (AuditTrailRunListener).
  f.set('audit_log.records_secret_values', false, a.logCredentialsUsage.at, a.logScriptUsage.at, a.logBuildCause.at);
  const firstFile = fileLoggers[0];
  if (firstFile) f.set('audit_log.rotation', rotationOf(firstFile)!, firstFile.at);
  else f.gap('audit_log.rotation', 'not_applicable', 'no file logger: the plugin writes no local audit file', { sources: [loggersAt] });
  f.gap(
    'audit_log.failure_alert',
    'not_supported',
    'the Audit Trail plugin raises no alert when a logger fails (a failed send is a warning in the Jenkins log only); alert on missing data at the central store',
    { sources: [loggersAt] },
  );
  f.gap(
    'audit_log.read_restricted',
    'not_collected',
    central.length
      ? "who can read the records is set in the central store, not in Jenkins' configuration"
      : 'file permissions on the controller are not in the configuration',
    { sources: [loggersAt] },
  );
  return { zoned: dests.every((d) => d.zoned), loggersAt, bypassable: coverage.bypassable, patternAt: a.pattern.at };
}

// --- time -----------------------------------------------------------------------------------------

function time(f: FactsBuilder, audit: AuditSummary): void {
  for (const p of ['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated'] as const)
    f.gap(p, 'not_collected', HOST_CLOCK);
  if (audit.zoned === undefined) f.gap('time.timestamp_timezone', 'not_applicable', 'no Audit Trail logger writes records', { sources: [audit.loggersAt] });
  // File loggers write "MMM d, yyyy h:mm:ss,SSS aa" and syslog RFC 3164 has no zone: such records cannot be placed in time across zones.
  else f.set('time.timestamp_timezone', audit.zoned ? 'offset' : 'none', audit.loggersAt);
}

// --- the controller resource: Jenkins settings the generic model has no place for -----------------

function controllerResource(
  docs: readonly CascDoc[],
  name: string,
  realm: Realm | undefined,
  authz: Authorization | undefined,
  audit: AuditSummary,
): { resource: Resource; provenance: Record<string, FactSource[]> } {
  const facts: Record<string, ResourceFactValue> = {};
  const gaps: Gap[] = [];
  const provenance: Record<string, FactSource[]> = {};
  const set = (k: string, v: ResourceFactValue, ...at: (Located | undefined)[]) => {
    facts[k] = v;
    const ev = at.filter((x): x is Located => x !== undefined);
    if (ev.length) provenance[`resources.controller.${k}`] = ev;
  };
  const gap = (k: string, reason: Gap['reason'], detail: string, at?: Located) => {
    facts[k] = null;
    gaps.push({ fact: k, reason, detail });
    if (at) provenance[`resources.controller.${k}`] = [at];
  };
  if (authz) set('authorization_strategy', authz.symbol, authz.at);
  else gap('authorization_strategy', 'not_collected', authzGapDetail(undefined));
  if (realm) set('security_realm', realm.symbol, realm.at);
  else gap('security_realm', 'not_collected', 'the configuration does not set jenkins.securityRealm');
  if (realm?.kind === 'local') set('signup_allowed', realm.signup!.value, realm.signup!.at);
  else
    gap(
      'signup_allowed',
      realm ? 'not_applicable' : 'not_collected',
      realm ? `only Jenkins' own user database has self-signup (realm: ${realm.symbol})` : 'no security realm in the configuration',
    );
  if (realm?.oidc) {
    set('oidc_tls_verified', realm.oidc.tlsVerified.value, realm.oidc.tlsVerified.at);
    set('oidc_token_verified', realm.oidc.tokenVerified.value, realm.oidc.tokenVerified.at);
  } else {
    gap('oidc_tls_verified', 'not_applicable', 'not an OpenID Connect realm');
    gap('oidc_token_verified', 'not_applicable', 'not an OpenID Connect realm');
  }
  // Agent-to-controller security: always on since Jenkins 2.326 (the switch was removed); older JCasC may still turn it off.
  const remoting = findSetting(docs, ['jenkins', 'remotingSecurity', 'enabled']);
  if (remoting && (remoting.value === false || remoting.value === 'false')) set('agent_to_controller_security', false, remoting.at);
  else if (remoting) set('agent_to_controller_security', true, remoting.at);
  else
    set('agent_to_controller_security', true, {
      ...(docs[0]?.at('/jenkins') ?? { file: 'configuration', line: 1, column: 1, pointer: '/jenkins' }),
      default: 'jenkins.remotingSecurity is absent: agent-to-controller security is always on since Jenkins 2.326',
    });
  const rememberMe = findSetting(docs, ['jenkins', 'disableRememberMe']);
  if (rememberMe) set('remember_me_enabled', !(rememberMe.value === true || rememberMe.value === 'true'), rememberMe.at);
  else
    set('remember_me_enabled', true, {
      ...(docs[0]?.at('/jenkins') ?? { file: 'configuration', line: 1, column: 1, pointer: '/jenkins' }),
      default: 'disableRememberMe is absent: Jenkins offers "remember me" by default',
    });
  const apiToken = findSetting(docs, ['security', 'apiToken']);
  if (apiToken) {
    const legacy = bool(apiToken as Found, 'creationOfLegacyTokenEnabled', false, 'creationOfLegacyTokenEnabled is absent: off by default since Jenkins 2.129');
    set('legacy_api_token_creation', legacy.value, legacy.at);
  } else gap('legacy_api_token_creation', 'not_collected', 'security.apiToken is not in the configuration');
  if (audit.patternAt) set('audit_pattern_bypassable', audit.bypassable, audit.patternAt);
  else gap('audit_pattern_bypassable', 'not_applicable', 'no Audit Trail configuration');
  return { resource: { id: 'controller', kind: 'controller', name, facts, gaps }, provenance };
}
