/**
 * GitLab API documents (and gitlab.rb, when given) to the normalized model. Pure: the same
 * documents give the same facts whether they were fetched live or saved to files. A target is a
 * self-managed instance (optionally narrowed to one group) or a group on GitLab.com.
 */
import type { FactSource, Gap, GapReason, Grant, IntegrationFacts, LogStream, Principal, Resource, ResourceFactValue } from '../../model/types.js';
import type { BuiltFacts, FactPath, FactsBuilder } from '../kit/facts.js';
import type { Doc, Got, Missing } from './documents.js';
import type { GitlabSso } from './sso.js';
import type { Destination, FieldResult } from './streams.js';

export type Deployment = 'saas' | 'self-managed';

export interface GitlabInput {
  readonly deployment: Deployment;
  /** Full path of the group the target is about, if any. */
  readonly group?: string;
  readonly settings: Got<Record<string, unknown>>;
  readonly statistics: Got<Record<string, unknown>>;
  readonly admins: Got<Record<string, unknown>[]>;
  readonly groupDoc?: Got<Record<string, unknown>>;
  readonly members?: Got<Record<string, unknown>[]>;
  readonly publicProjects?: Got<Record<string, unknown>[]>;
  readonly samlIdentities?: Got<Record<string, unknown>[]>;
  /** Probes of the audit-events API (instance and/or group); any success shows the API answers. */
  readonly auditEvents: readonly Got<unknown[]>[];
  /** Streaming fields; `undefined` when no GraphQL response was available at all. */
  readonly streams: readonly FieldResult[] | Missing;
  readonly sso?: GitlabSso;
}

export interface NormalizedGitlab {
  /** The four fact groups, with the integrations' gaps and provenance added. */
  readonly facts: BuiltFacts;
  readonly integrations: IntegrationFacts;
  readonly resources: Resource[];
  readonly details: Record<string, unknown>;
}

/** GitLab access levels (docs: api/members, "Roles and permissions"). */
const ACCESS_LEVELS: Record<number, string> = {
  5: 'minimal_access',
  10: 'guest',
  15: 'planner',
  20: 'reporter',
  30: 'developer',
  40: 'maintainer',
  50: 'owner',
  60: 'admin',
};
const OWNER = 50;

const SAAS = 'GitLab.com is operated by GitLab';
const GITLAB_RB = 'set in gitlab.rb, which the API does not expose: list the gitlab.rb under files:';

type Value<T> = { value: T; at: FactSource[] } | Missing;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** One field of a document: its value and evidence, or why it is unknown. */
function field<T>(doc: Got<Record<string, unknown>> | undefined, key: string, check: (v: unknown) => v is T, what: string): Value<T> {
  if (!doc) return { ok: false, reason: 'not_collected', detail: `${what} was not read` };
  if (!doc.ok) return doc;
  const v = doc.value[key];
  if (!check(v))
    return {
      ok: false,
      reason: 'error',
      detail: `${what} has no ${key} (${v === undefined ? 'absent' : JSON.stringify(v)}): an older GitLab or a token that does not see it`,
    };
  return { value: v, at: [doc.at(`/${key}`)] };
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isNum = (v: unknown): v is number => typeof v === 'number';
const isStr = (v: unknown): v is string => typeof v === 'string';

function known<T>(v: Value<T>): v is { value: T; at: FactSource[] } {
  return !('ok' in v);
}

/** restricted_visibility_levels as names (older GitLab returned 0/10/20). */
function levels(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.map((x) => (x === 20 ? 'public' : x === 10 ? 'internal' : x === 0 ? 'private' : String(x)));
}

export function normalizeGitlab(input: GitlabInput, f: FactsBuilder): NormalizedGitlab {
  const saas = input.deployment === 'saas';
  const s = input.settings;
  const gap = (path: FactPath, m: Missing, ...ev: (FactSource | undefined)[]) =>
    f.gap(path, m.reason, m.detail, { permission: m.permission, sources: [...ev] });
  const setting = {
    web: field(s, 'password_authentication_enabled_for_web', isBool, 'application settings'),
    git: field(s, 'password_authentication_enabled_for_git', isBool, 'application settings'),
    require2fa: field(s, 'require_two_factor_authentication', isBool, 'application settings'),
    grace: field(s, 'two_factor_grace_period', isNum, 'application settings'),
    signup: field(s, 'signup_enabled', isBool, 'application settings'),
    approval: field(s, 'require_admin_approval_after_user_signup', isBool, 'application settings'),
    restricted: field(s, 'restricted_visibility_levels', Array.isArray as (v: unknown) => v is unknown[], 'application settings'),
  };
  const g = input.groupDoc;
  const group = {
    require2fa: field(g, 'require_two_factor_authentication', isBool, 'the group'),
    grace: field(g, 'two_factor_grace_period', isNum, 'the group'),
    visibility: field(g, 'visibility', isStr, 'the group'),
  };
  const sso = input.sso;
  const signInProviders = sso ? sso.providers.filter((p) => !(p.id.startsWith('ldap:') && sso.preventLdapSignIn.value)) : undefined;

  // --- identity ---------------------------------------------------------------------------------
  if (saas) {
    const linked = samlLinked(input);
    if (linked && linked.count > 0) {
      f.gap(
        'identity.sso_provider',
        'not_supported',
        `group SAML SSO is configured (${linked.count}${linked.of !== undefined ? ` of ${linked.of}` : ''} members have a SAML identity), but GitLab's API does not name the identity provider`,
        { sources: [...linked.at] },
      );
    } else {
      f.gap(
        'identity.sso_provider',
        'not_collected',
        linked
          ? 'no member has a group SAML identity; if group SSO is configured, nobody has linked it yet'
          : 'group SAML identities could not be read (GET /groups/:id/saml/identities needs the Owner role, Premium)',
      );
    }
    f.gap(
      'identity.sso_enforced',
      'not_supported',
      `GitLab.com has no API for the group's "Enforce SSO-only authentication" setting${linked ? ` (proxy: ${linked.count}${linked.of !== undefined ? ` of ${linked.of}` : ''} members have a SAML identity)` : ''}; check it under Settings > SAML SSO`,
    );
  } else {
    if (signInProviders && sso!.unreadable.some((u) => u.key.includes('omniauth_providers') || u.key.includes('ldap'))) {
      const u = sso!.unreadable.find((x) => x.key.includes('omniauth_providers') || x.key.includes('ldap'))!;
      f.gap('identity.sso_provider', 'error', `gitlab.rb line ${u.line}: ${u.key} could not be read (${u.problem})`, {
        sources: [
          {
            file: sso!.file,
            line: u.line,
            column: 1,
            pointer: u.key,
          },
        ],
      });
    } else if (signInProviders?.length) {
      const preferred = signInProviders.find((p) => p.id === sso!.autoSignIn.value) ?? signInProviders[0]!;
      if (preferred.provider) f.set('identity.sso_provider', preferred.provider, preferred.at);
      else
        f.gap('identity.sso_provider', 'error', `gitlab.rb provider ${preferred.id} has no URL or host to name its identity provider`, {
          sources: [preferred.at],
        });
    } else if (signInProviders) {
      f.gap('identity.sso_provider', 'not_applicable', 'gitlab.rb configures no OmniAuth provider and no LDAP server to sign in with', {
        sources: [sso!.omniauthEnabled.at, sso!.ldapEnabled.at],
      });
    } else {
      f.gap('identity.sso_provider', 'not_collected', `OmniAuth and LDAP are ${GITLAB_RB}`);
    }
    // SSO is enforced when no password sign-in is left: neither the web form nor Git over HTTPS.
    if (known(setting.web) && known(setting.git) && (setting.web.value || setting.git.value)) {
      f.set('identity.sso_enforced', false, ...(setting.web.value ? setting.web.at : []), ...(setting.git.value ? setting.git.at : []));
    } else if (known(setting.web) && known(setting.git)) {
      if (signInProviders)
        f.set('identity.sso_enforced', signInProviders.length > 0, ...setting.web.at, ...setting.git.at, ...signInProviders.map((p) => p.at));
      else
        f.gap('identity.sso_enforced', 'not_collected', `password sign-in is off; which identity provider remains is ${GITLAB_RB}`, {
          sources: [...setting.web.at],
        });
    } else {
      gap('identity.sso_enforced', (known(setting.web) ? setting.git : setting.web) as Missing);
    }
  }

  // MFA: the instance's requirement (self-managed) or the group's; either one in force is enough.
  const relevant2fa: Value<boolean>[] = saas ? [group.require2fa] : input.group ? [setting.require2fa, group.require2fa] : [setting.require2fa];
  const on = relevant2fa.find((r) => known(r) && r.value) as { value: boolean; at: FactSource[] } | undefined;
  const notRequired = !on && relevant2fa.every(known);
  if (on) f.set('identity.mfa_required', true, ...on.at);
  else if (notRequired) f.set('identity.mfa_required', false, ...relevant2fa.flatMap((r) => (known(r) ? r.at : [])));
  else gap('identity.mfa_required', relevant2fa.find((r) => !known(r)) as Missing);

  if (on) {
    const exempt: string[] = [];
    const ev: FactSource[] = [...on.at];
    const grace = on === setting.require2fa ? setting.grace : group.grace;
    if (known(grace) && grace.value > 0) {
      exempt.push(`accounts within the ${grace.value}-hour two-factor grace period`);
      ev.push(...grace.at);
    }
    let bypassKnown = true;
    if (!saas) {
      if (!sso) bypassKnown = false;
      else if (sso.bypassTwoFactor.value === 'all') exempt.push('sign-in through any OmniAuth provider (omniauth_allow_bypass_two_factor: true)');
      else exempt.push(...sso.bypassTwoFactor.value.map((p) => `sign-in through ${p} (omniauth_allow_bypass_two_factor)`));
      if (sso) ev.push(sso.bypassTwoFactor.at);
    }
    if (!known(grace)) gap('identity.mfa_exempt', grace);
    else if (!bypassKnown)
      f.gap(
        'identity.mfa_exempt',
        'not_collected',
        `providers allowed to bypass two-factor authentication (omniauth_allow_bypass_two_factor) are ${GITLAB_RB}`,
        { sources: [...ev] },
      );
    else f.set('identity.mfa_exempt', exempt, ...ev);
  } else if (notRequired) {
    f.gap(
      'identity.mfa_exempt',
      'not_collected',
      'two-factor authentication is not required; which accounts lack it (GET /users?two_factor=disabled, administrator) is not read',
    );
  } else {
    f.gap('identity.mfa_exempt', 'not_collected', 'depends on the two-factor requirement, which could not be read (see identity.mfa_required)');
  }

  if (saas) {
    f.gap(
      'identity.local_accounts',
      'not_supported',
      `GitLab.com accounts are ${SAAS}; which members can sign in without the group's identity provider is not in the API`,
    );
  } else if (known(setting.web) && known(setting.git)) {
    if (!setting.web.value && !setting.git.value) f.set('identity.local_accounts', [], ...setting.web.at, ...setting.git.at);
    else
      f.gap(
        'identity.local_accounts',
        'not_collected',
        'password sign-in is on: every account with a GitLab password signs in without the identity provider, and the API does not list which accounts have one',
        { sources: [...(setting.web.value ? setting.web.at : setting.git.at)] },
      );
  } else gap('identity.local_accounts', (known(setting.web) ? setting.git : setting.web) as Missing);

  anonymous(f, input, saas, setting, group.visibility);

  // --- access -----------------------------------------------------------------------------------
  access(f, input, saas, setting.restricted, group.visibility);

  // --- audit log --------------------------------------------------------------------------------
  const streams = auditLog(f, input, saas);

  // --- time -------------------------------------------------------------------------------------
  for (const p of ['time.sync_daemon', 'time.sources', 'time.synchronized', 'time.offset_ms', 'time.authenticated'] as const) {
    if (saas) f.gap(p, 'not_applicable', `SaaS: ${SAAS}, including its clocks`);
    else f.gap(p, 'not_collected', "the GitLab host's clock is not in the API; add the host as a chrony, ntpsec or timesyncd target");
  }
  // API created_at and audit_json.log "time" are ISO 8601 in UTC (Z).
  f.set('time.timestamp_timezone', 'UTC');

  // --- integrations (outside the builder's four groups: their gaps and provenance are added here) --
  const built = f.build();
  const integrationGaps: Gap[] = [{ fact: 'integrations.webhooks', reason: 'not_collected', detail: 'system hooks and group hooks are not read' }];
  if (!streams.logStreams) {
    const m = streams.missing!;
    integrationGaps.push({ fact: 'integrations.log_streams', reason: m.reason, detail: m.detail, ...(m.permission ? { permission: m.permission } : {}) });
  }
  const resources = [...(saas ? [] : instanceResource(input)), ...(input.group ? [groupResource(input)] : [])];
  return {
    facts: {
      facts: built.facts,
      gaps: [...built.gaps, ...integrationGaps],
      provenance: { ...built.provenance, ...(streams.logStreams && streams.at.length ? { 'integrations.log_streams': streams.at } : {}) },
    },
    integrations: { webhooks: null, log_streams: streams.logStreams ?? null },
    resources: resources.map((r) => r.resource),
    details: {
      resource_provenance: Object.assign({}, ...resources.map((r) => r.evidence)),
      deployment: input.deployment,
      ...(input.group ? { group: input.group } : {}),
      ...streams.details,
      ...(sso?.unreadable.length ? { gitlab_rb_unreadable: sso.unreadable.map((u) => `line ${u.line}: ${u.key} (${u.problem})`) } : {}),
      audit_events_api: input.auditEvents.some((a) => a.ok)
        ? 'answered'
        : `not available: ${input.auditEvents.map((a) => (a.ok ? '' : a.detail)).join('; ') || 'not read'} (audit events API needs Premium or Ultimate)`,
    },
  };
}

function samlLinked(input: GitlabInput): { count: number; of?: number; at: FactSource[] } | undefined {
  const m = input.members;
  const fromMembers = m?.ok ? m.value.filter((x) => isRecord(x.group_saml_identity)) : undefined;
  const ids = input.samlIdentities;
  if (ids?.ok) return { count: ids.value.length, ...(m?.ok ? { of: m.value.length } : {}), at: [ids.at('')] };
  if (fromMembers && m?.ok) return { count: fromMembers.length, of: m.value.length, at: [m.at('')] };
  return undefined;
}

function anonymous(
  f: FactsBuilder,
  input: GitlabInput,
  saas: boolean,
  setting: { signup: Value<boolean>; approval: Value<boolean>; restricted: Value<unknown[]> },
  visibility: Value<string>,
): void {
  const reasons: FactSource[] = [];
  const unknowns: Missing[] = [];
  let open = false;
  if (!saas) {
    // Self-registration without an administrator's approval: anyone can make themselves an account.
    if (known(setting.signup) && known(setting.approval)) {
      if (setting.signup.value && !setting.approval.value) {
        open = true;
        reasons.push(...setting.signup.at, ...setting.approval.at);
      }
    } else unknowns.push((known(setting.signup) ? setting.approval : setting.signup) as Missing);
    if (known(setting.restricted)) {
      if (!levels(setting.restricted.value)!.includes('public')) {
        open = true;
        reasons.push(...setting.restricted.at);
      }
    } else unknowns.push(setting.restricted);
  }
  if (input.group) {
    if (known(visibility)) {
      if (visibility.value === 'public') {
        open = true;
        reasons.push(...visibility.at);
      }
    } else unknowns.push(visibility);
    const pp = input.publicProjects;
    if (pp?.ok) {
      const pub = pp.value.filter((p) => p.visibility === 'public');
      if (pub.length) {
        open = true;
        reasons.push(pp.at('/0'));
      }
    } else unknowns.push(pp ?? { ok: false, reason: 'not_collected', detail: 'public projects of the group were not read' });
  }
  if (open) f.set('identity.anonymous_access', true, ...reasons);
  else if (unknowns.length) f.gap('identity.anonymous_access', unknowns[0]!.reason, unknowns[0]!.detail, { permission: unknowns[0]!.permission });
  else if (saas || input.group)
    f.set(
      'identity.anonymous_access',
      false,
      ...(known(visibility) ? visibility.at : []),
      ...(input.publicProjects?.ok ? [input.publicProjects.at('')] : []),
      ...(known(setting.restricted) ? setting.restricted.at : []),
    );
  else
    f.set('identity.anonymous_access', false, ...(known(setting.signup) ? setting.signup.at : []), ...(known(setting.restricted) ? setting.restricted.at : []));
}

function access(f: FactsBuilder, input: GitlabInput, saas: boolean, restricted: Value<unknown[]>, visibility: Value<string>): void {
  const members = input.members;
  const activeMembers = members?.ok ? members.value.filter((m) => m.state === undefined || m.state === 'active') : undefined;
  const admins = input.admins.ok ? input.admins.value.filter((u) => u.is_admin === true && (u.state === undefined || u.state === 'active')) : undefined;
  const adminLogins = admins?.map((u) => String(u.username)).sort();
  // --- principals
  if (input.group) {
    if (members?.ok) {
      const list: Principal[] = activeMembers!.map((m) => ({
        name: String(m.username),
        kind: 'user' as const,
        roles: [ACCESS_LEVELS[Number(m.access_level)] ?? `access_level ${String(m.access_level)}`],
        admin: Number(m.access_level) >= OWNER,
      }));
      if (!saas && adminLogins) {
        for (const a of adminLogins) {
          const p = list.find((x) => x.name === a);
          if (p) {
            p.roles.push('instance_admin');
            p.admin = true;
          } else list.push({ name: a, kind: 'user', roles: ['instance_admin'], admin: true });
        }
      }
      f.set(
        'access.principals',
        list.sort((a, b) => a.name.localeCompare(b.name)),
        members.at(''),
        ...(!saas && input.admins.ok ? [input.admins.at('')] : []),
      );
    } else
      f.gap('access.principals', members?.reason ?? 'not_collected', members?.detail ?? 'group members were not read', { permission: members?.permission });
  } else {
    f.gap(
      'access.principals',
      'not_collected',
      "an instance-wide target lists administrators only; set options.group to read a group's members by access level",
    );
  }
  // --- administrators: group owners, plus instance administrators on self-managed
  const owners = activeMembers?.filter((m) => Number(m.access_level) >= OWNER).map((m) => String(m.username));
  const adminsMissing = !saas && !input.admins.ok ? input.admins : undefined;
  const membersMissing =
    input.group && !members?.ok ? (members ?? { ok: false as const, reason: 'not_collected' as GapReason, detail: 'group members were not read' }) : undefined;
  const missing = membersMissing ?? adminsMissing;
  if (missing) {
    f.gap('access.admin_names', missing.reason, missing.detail, { permission: missing.permission });
    f.gap('access.admin_count', missing.reason, missing.detail, { permission: missing.permission });
  } else {
    const names = [...new Set([...(owners ?? []), ...(!saas ? (adminLogins ?? []) : [])])].sort();
    const ev = [...(members?.ok ? [members.at('')] : []), ...(!saas && input.admins.ok ? [input.admins.at('')] : [])];
    f.set('access.admin_names', names, ...ev);
    f.set('access.admin_count', names.length, ...ev);
  }
  // --- members
  if (input.group) {
    // Instance administrators can act in every group: they count among its members (self-managed).
    if (!members?.ok)
      f.gap('access.member_count', members?.reason ?? 'not_collected', members?.detail ?? 'group members were not read', { permission: members?.permission });
    else if (!saas && !input.admins.ok) {
      f.gap('access.member_count', input.admins.reason, `instance administrators, who act in every group, could not be read: ${input.admins.detail}`, {
        permission: input.admins.permission,
      });
    } else {
      const everyone = new Set([...activeMembers!.map((m) => String(m.username)), ...(saas ? [] : (adminLogins ?? []))]);
      f.set('access.member_count', everyone.size, members.at(''), ...(!saas && input.admins.ok ? [input.admins.at('')] : []));
    }
  } else {
    const st = input.statistics;
    const n = st.ok ? Number(String(st.value.active_users ?? '').replace(/,/g, '')) : Number.NaN;
    if (st.ok && Number.isFinite(n)) f.set('access.member_count', n, st.at('/active_users'));
    else if (st.ok) f.gap('access.member_count', 'error', 'application statistics have no active_users');
    else f.gap('access.member_count', st.reason, st.detail, { permission: st.permission });
  }
  // --- what everyone gets
  const wildcard: Grant[] = [];
  const ev: FactSource[] = [];
  let level: 'none' | 'read' | undefined;
  let unknown: Missing | undefined;
  if (input.group) {
    if (known(visibility)) {
      level = visibility.value === 'private' ? 'none' : 'read';
      ev.push(...visibility.at);
      if (visibility.value === 'internal') wildcard.push({ principal: 'authenticated', permission: 'read', scope: `group:${input.group}` });
      if (visibility.value === 'public') wildcard.push({ principal: 'anonymous', permission: 'read', scope: `group:${input.group}` });
    } else unknown = visibility;
    const pp = input.publicProjects;
    if (pp?.ok) {
      for (const p of pp.value.filter((x) => x.visibility === 'public'))
        wildcard.push({ principal: 'anonymous', permission: 'read', scope: `project:${String(p.path_with_namespace)}` });
      ev.push(pp.at(''));
    } else unknown ??= pp ?? { ok: false, reason: 'not_collected', detail: 'public projects of the group were not read' };
  } else if (known(restricted)) {
    const r = levels(restricted.value)!;
    ev.push(...restricted.at);
    level = r.includes('internal') && r.includes('public') ? 'none' : 'read';
    if (!r.includes('internal')) wildcard.push({ principal: 'authenticated', permission: 'read', scope: 'internal projects' });
    if (!r.includes('public')) wildcard.push({ principal: 'anonymous', permission: 'read', scope: 'public projects' });
  } else unknown = restricted as Missing;
  if (level) f.set('access.default_permission', level, ...ev);
  else f.gap('access.default_permission', unknown!.reason, unknown!.detail, { permission: unknown!.permission });
  if (unknown) f.gap('access.wildcard_grants', unknown.reason, unknown.detail, { permission: unknown.permission });
  else
    f.set(
      'access.wildcard_grants',
      wildcard.sort((a, b) => a.scope.localeCompare(b.scope) || a.principal.localeCompare(b.principal)),
      ...ev,
    );
}

interface StreamSummary {
  logStreams?: LogStream[];
  missing?: Missing;
  at: FactSource[];
  details: Record<string, unknown>;
}

/**
 * GitLab's audit event types for failed sign-ins (docs: user/compliance/audit_event_types; the
 * names GitLab gives them in event_name): saved to the database at instance (or user) scope on
 * Premium and Ultimate; GitLab Free does not record them as audit events.
 */
const FAILED_SIGN_IN_EVENT_TYPES = [
  'login_failed_with_otp_authentication',
  'login_failed_with_standard_authentication',
  'login_failed_with_webauthn_authentication',
  'omniauth_login_failed',
] as const;

/**
 * audit_log.event_classes: GitLab records a fixed catalogue of event types per tier, not a
 * configurable set, so the fact lists the types auditready's policies ask about (failed sign-ins,
 * AR-EVT-006) among those this GitLab records. A self-managed GitLab whose audit-events API answers
 * is Premium or Ultimate and saves them; a GitLab.com group's audit events never hold them (they are
 * GitLab.com's instance or user events, which group Owners cannot read).
 */
function failedSignIns(f: FactsBuilder, input: GitlabInput, saas: boolean, probe: Doc<unknown[]> | undefined): void {
  if (saas) {
    f.set('audit_log.event_classes', [], ...(probe ? [probe.at('')] : []));
    return;
  }
  if (probe) {
    f.set('audit_log.event_classes', [...FAILED_SIGN_IN_EVENT_TYPES], probe.at(''));
    return;
  }
  const failed = input.auditEvents.find((a): a is Missing => !a.ok);
  f.gap(
    'audit_log.event_classes',
    failed?.reason ?? 'not_collected',
    `whether GitLab records failed sign-ins depends on its tier (Premium and Ultimate save them as audit events, Free does not), and the audit-events API that shows the tier did not answer: ${failed?.detail ?? 'not read'}`,
    { permission: failed?.permission ?? 'administrator; Premium or Ultimate' },
  );
}

function auditLog(f: FactsBuilder, input: GitlabInput, saas: boolean): StreamSummary {
  const probe = input.auditEvents.find((a): a is Doc<unknown[]> => a.ok);
  // GitLab records audit events on every tier; Premium and Ultimate add the API, more event types and streaming.
  f.set('audit_log.enabled', true, ...(probe ? [probe.at('')] : []));
  f.gap('audit_log.level', 'not_supported', 'GitLab has no audit level setting');
  failedSignIns(f, input, saas, probe);
  f.gap('audit_log.event_levels', 'not_supported', 'GitLab audit events have no per-class recording level');
  for (const p of ['actor', 'action', 'time', 'target', 'source_ip'] as const) f.set(`audit_log.fields.${p}`, true, ...(probe ? [probe.at('')] : []));
  // An audit event names author, action (custom_message/change), target and ip_address, with created_at; it has no outcome.
  f.set('audit_log.fields.result', false, ...(probe ? [probe.at('')] : []));
  const s = summarizeStreams(input, saas);
  const database = { name: saas ? 'GitLab.com audit events' : 'GitLab database (audit events)', type: 'database', central: false };
  const activeCentral = (s.destinations ?? []).filter((d) => d.active);
  if (s.destinations && (!s.missing || activeCentral.length)) {
    f.set(
      'audit_log.destinations',
      [database, ...activeCentral.map((d) => ({ name: d.name, type: d.type, central: true, ...(d.endpoint ? { endpoint: d.endpoint } : {}) }))],
      ...s.at,
    );
  } else {
    f.gap('audit_log.destinations', s.missing!.reason, `streaming destinations: ${s.missing!.detail}`, { permission: s.missing!.permission });
  }
  const noRetention = 'GitLab has no audit-event retention setting and documents no retention period; stream audit events to a store whose retention you set';
  f.gap('audit_log.retention_days', 'not_supported', noRetention);
  f.gap('audit_log.retention_online_days', 'not_supported', noRetention);
  f.gap(
    'audit_log.backup',
    'not_collected',
    saas ? `${SAAS}, including its database backups` : "backups of GitLab's database are not in the API; check gitlab-backup schedules",
  );
  f.gap(
    'audit_log.immutable',
    'not_collected',
    saas ? `${SAAS}; audit events are not documented as tamper-proof` : 'audit events live in the GitLab database, which administrators of the host can change',
  );
  // Documented event types name what changed (e.g. a CI/CD variable's key), never a secret's value.
  f.set('audit_log.records_secret_values', false);
  const lr = input.sso?.logrotate;
  if (saas) f.gap('audit_log.rotation', 'not_applicable', `${SAAS}: there are no log files of yours to rotate`);
  else if (!lr) f.gap('audit_log.rotation', 'not_collected', `rotation of audit_json.log is ${GITLAB_RB}`);
  else if (!lr.enabled.value) f.set('audit_log.rotation', { max_size_mb: 0, max_files: -1, max_age_days: -1 }, lr.enabled.at);
  else {
    const period = { daily: 1, weekly: 7, monthly: 30, yearly: 365 }[lr.frequency.value as 'daily'] ?? 1;
    f.set(
      'audit_log.rotation',
      {
        max_size_mb: lr.maxsizeBytes.value ? Math.max(1, Math.floor(lr.maxsizeBytes.value / 1024 ** 2)) : 0,
        max_files: lr.rotate.value,
        max_age_days: lr.rotate.value * period,
      },
      lr.frequency.at,
      lr.rotate.at,
      lr.maxsizeBytes.at,
    );
  }
  f.gap('audit_log.failure_alert', 'not_supported', 'the API exposes no alert for failed audit-event streaming; alert on missing data at the destination');
  // Instance audit events: administrators; group and project audit events: Owners (others see only their own actions).
  f.set('audit_log.read_restricted', true);
  return {
    ...(s.destinations ? { logStreams: s.destinations.map((d) => ({ name: d.name, type: d.type, active: d.active })) } : {}),
    ...(s.missing && !s.destinations ? { missing: s.missing } : {}),
    at: s.at,
    details: s.details,
  };
}

/** Streaming destinations across the unified and per-type fields of the scopes that apply. */
function summarizeStreams(
  input: GitlabInput,
  saas: boolean,
): { destinations?: Destination[]; missing?: Missing; at: FactSource[]; details: Record<string, unknown> } {
  if (!Array.isArray(input.streams)) return { missing: input.streams as Missing, at: [], details: {} };
  const results = input.streams as readonly FieldResult[];
  const scopes = [...(input.group ? ['group'] : []), ...(!saas ? ['instance'] : [])];
  const relevant = results.filter((r) => scopes.includes(r.field.scope));
  const read = relevant.filter((r): r is Extract<FieldResult, { state: 'read' }> => r.state === 'read');
  const missingFields = relevant.filter((r): r is Extract<FieldResult, { state: 'missing' }> => r.state === 'missing');
  const unknownFields = relevant.filter((r) => r.state === 'unknown_field').map((r) => r.field.field);
  // Every scope must have answered for at least one generation of the API.
  const unanswered = scopes.filter((sc) => !read.some((r) => r.field.scope === sc));
  const destinations = dedupeDestinations(read.flatMap((r) => r.destinations));
  const at = read.flatMap((r) => (r.destinations.length ? r.destinations.map((d) => r.doc.at(d.pointer)) : [r.doc.at('')]));
  const details: Record<string, unknown> = {
    streaming_fields_read: read.map((r) => r.field.field),
    ...(unknownFields.length ? { streaming_fields_unknown_to_server: unknownFields } : {}),
    ...(missingFields.length ? { streaming_fields_unreadable: missingFields.map((m) => m.missing.detail) } : {}),
    ...(destinations.some((d) => d.activeAssumed)
      ? { streaming_active_assumed: 'this GitLab has no active flag on per-type destinations; they cannot be paused' }
      : {}),
  };
  const firstMissing = missingFields[0]?.missing;
  if (unanswered.length || firstMissing) {
    const m: Missing = firstMissing ?? {
      ok: false,
      reason: 'not_collected',
      detail: `no streaming field answered for the ${unanswered.join(' and ')} scope (${relevant.length ? `unknown to this server: ${unknownFields.join(', ')}` : 'no GraphQL response read'})`,
    };
    return { ...(read.length ? { destinations } : {}), missing: m, at, details };
  }
  return { destinations, at, details };
}

/** A destination created with the per-type API also shows in the unified field: count it once. */
function dedupeDestinations(list: Destination[]): Destination[] {
  const seen = new Map<string, Destination>();
  for (const d of list) {
    const k = `${d.type}\u0000${d.name}\u0000${d.endpoint ?? ''}`;
    const prev = seen.get(k);
    if (!prev || (prev.activeAssumed && !d.activeAssumed)) seen.set(k, d);
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

// --- resources ------------------------------------------------------------------------------------

type ResourceOut = { resource: Resource; evidence: Record<string, FactSource[]> };

function resourceBuilder(id: string) {
  const facts: Record<string, ResourceFactValue> = {};
  const gaps: Gap[] = [];
  const evidence: Record<string, FactSource[]> = {};
  return {
    facts,
    gaps,
    evidence,
    set(k: string, v: ResourceFactValue, ...at: FactSource[]) {
      facts[k] = v;
      if (at.length) evidence[`resources.${id}.${k}`] = at;
    },
    gap(k: string, reason: GapReason, detail: string, permission?: string) {
      facts[k] = null;
      gaps.push({ fact: k, reason, detail, ...(permission ? { permission } : {}) });
    },
    fromDoc(doc: Got<Record<string, unknown>> | undefined, k: string, key: string, ok: (v: unknown) => boolean, what: string, nullMeans?: string) {
      if (!doc) return this.gap(k, 'not_collected', `${what} was not read`);
      if (!doc.ok) return this.gap(k, doc.reason, doc.detail, doc.permission);
      const v = doc.value[key];
      if (v === null && nullMeans) return this.gap(k, 'not_collected', nullMeans);
      if (!ok(v)) return this.gap(k, 'error', `${what} has no ${key}`);
      this.set(k, v as ResourceFactValue, doc.at(`/${key}`));
    },
  };
}

function instanceResource(input: GitlabInput): ResourceOut[] {
  const r = resourceBuilder('instance');
  const s = input.settings;
  const b = (k: string, key = k) => r.fromDoc(s, k, key, isBool, 'application settings');
  b('admin_mode');
  b('require_two_factor_authentication');
  b('require_admin_two_factor_authentication');
  r.fromDoc(s, 'two_factor_grace_period_hours', 'two_factor_grace_period', isNum, 'application settings');
  b('password_authentication_enabled_for_web');
  b('password_authentication_enabled_for_git');
  b('signup_enabled');
  b('require_admin_approval_after_user_signup');
  r.fromDoc(s, 'session_expire_delay_minutes', 'session_expire_delay', isNum, 'application settings');
  r.fromDoc(
    s,
    'max_personal_access_token_lifetime_days',
    'max_personal_access_token_lifetime',
    isNum,
    'application settings',
    'not set: GitLab applies its own maximum lifetime (365 days since GitLab 16.0; unlimited before)',
  );
  const sso = input.sso;
  if (sso) {
    r.set('omniauth_auto_sign_in_with_provider', sso.autoSignIn.value ?? 'none', sso.autoSignIn.at);
    r.set('omniauth_block_auto_created_users', sso.blockAutoCreated.value, sso.blockAutoCreated.at);
  } else {
    r.gap('omniauth_auto_sign_in_with_provider', 'not_collected', `automatic sign-in is ${GITLAB_RB}`);
    r.gap('omniauth_block_auto_created_users', 'not_collected', `blocking of auto-created users is ${GITLAB_RB}`);
  }
  return [{ resource: { id: 'instance', kind: 'instance', name: 'instance', facts: r.facts, gaps: r.gaps }, evidence: r.evidence }];
}

function groupResource(input: GitlabInput): ResourceOut {
  const id = `group:${input.group}`;
  const r = resourceBuilder(id);
  const g = input.groupDoc;
  r.fromDoc(g, 'visibility', 'visibility', isStr, 'the group');
  r.fromDoc(g, 'require_two_factor_authentication', 'require_two_factor_authentication', isBool, 'the group');
  r.fromDoc(g, 'two_factor_grace_period_hours', 'two_factor_grace_period', isNum, 'the group');
  const m = input.members;
  if (m?.ok) {
    const active = m.value.filter((x) => x.state === undefined || x.state === 'active');
    const by = (min: number, max: number) =>
      active
        .filter((x) => Number(x.access_level) >= min && Number(x.access_level) < max)
        .map((x) => String(x.username))
        .sort();
    r.set('owners', by(50, 1000), m.at(''));
    r.set('maintainers', by(40, 50), m.at(''));
  } else {
    r.gap('owners', m?.reason ?? 'not_collected', m?.detail ?? 'group members were not read', m?.permission);
    r.gap('maintainers', m?.reason ?? 'not_collected', m?.detail ?? 'group members were not read', m?.permission);
  }
  return { resource: { id, kind: 'group', name: input.group!, facts: r.facts, gaps: r.gaps }, evidence: r.evidence };
}
