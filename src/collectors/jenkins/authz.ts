/**
 * The authorization strategy, turned into grants: who holds which permission where. The three
 * YAML shapes of the matrix-auth plugin (`entries:`, legacy `permissions: ["Perm:sid"]` and
 * `grantedPermissions:`, both with an optional USER:/GROUP: prefix) and role-strategy's `entries`
 * and legacy `assignments` all become the same list. The built-in strategies are spelled out as
 * the grants Jenkins core gives them.
 */
import { ToolInputError } from '../../errors.js';
import type { Located } from './casc.js';
import { bool, child, type Describable, type Found, isRecord, list } from './lookup.js';

type SidKind = 'user' | 'group' | 'either';

export interface Grant {
  readonly sid: string;
  readonly kind: SidKind;
  readonly permission: string;
  /** 'global', or 'items:<pattern>' / 'agents:<pattern>' for role-strategy's pattern roles. */
  readonly scope: string;
  /** Role-strategy role name, when the grant comes through a role. */
  readonly role?: string;
  readonly at: Located;
}

type StrategyKind = 'unsecured' | 'legacy' | 'loggedInUsersCanDoAnything' | 'globalMatrix' | 'projectMatrix' | 'roleBased' | 'unknown';

export interface Authorization {
  readonly symbol: string;
  readonly kind: StrategyKind;
  readonly at: Located;
  readonly grants: readonly Grant[];
  /** loggedInUsersCanDoAnything only: its allowAnonymousRead. */
  readonly anonymousRead?: { readonly value: boolean; readonly at: Located };
}

/** Jenkins' built-in sids: anyone not signed in, and everyone signed in. */
export const ANONYMOUS = 'anonymous';
export const AUTHENTICATED = 'authenticated';

/** Permissions that give full control: Overall/Administer and the ones Jenkins treats as equal to it. */
export const ADMIN_PERMISSIONS = new Set(['Overall/Administer', 'Overall/RunScripts', 'Overall/UploadPlugins', 'Overall/ConfigureUpdateCenter']);

/** Read-only permissions (by name); anything else changes something. */
const READ_ONLY = /\/(Read|SystemRead|ExtendedRead|Discover|View|Workspace|Artifacts|ViewStatus)$/;

export type Level = 'none' | 'read' | 'write' | 'admin';
const LEVELS: readonly Level[] = ['none', 'read', 'write', 'admin'];

export function levelOf(permission: string): Level {
  if (ADMIN_PERMISSIONS.has(permission) || permission === 'Overall/Manage') return 'admin';
  return READ_ONLY.test(permission) ? 'read' : 'write';
}

export function maxLevel(levels: Iterable<Level>): Level {
  let best = 0;
  for (const l of levels) best = Math.max(best, LEVELS.indexOf(l));
  return LEVELS[best]!;
}

/** A legacy matrix entry: "Perm:sid", "USER:Perm:sid" or "GROUP:Perm:sid". */
function parseLegacy(s: string, f: Found): { kind: SidKind; permission: string; sid: string } {
  let rest = s;
  let kind: SidKind = 'either';
  const prefix = /^(USER|GROUP):/.exec(rest);
  if (prefix) {
    kind = prefix[1] === 'USER' ? 'user' : 'group';
    rest = rest.slice(prefix[0].length);
  }
  const i = rest.indexOf(':');
  if (i <= 0 || i === rest.length - 1) {
    throw new ToolInputError(
      { file: f.at.file, line: f.at.line, col: f.at.column },
      `matrix permission entry must be "Permission/Name:sid" (optionally "USER:" or "GROUP:" first), got "${s}"`,
    );
  }
  return { kind, permission: rest.slice(0, i), sid: rest.slice(i + 1) };
}

const ENTRY_KINDS: Record<string, SidKind> = { user: 'user', group: 'group', userOrGroup: 'either' };

function matrixGrants(c: Found): Grant[] {
  const grants: Grant[] = [];
  const entries = list(c, 'entries');
  for (let i = 0; i < (entries?.value.length ?? 0); i++) {
    const e = entries!.value[i];
    const key = isRecord(e) ? Object.keys(e).find((k) => k in ENTRY_KINDS) : undefined;
    const here = child(entries!, i)!;
    if (!key || !isRecord((e as Record<string, unknown>)[key])) {
      throw new ToolInputError(
        { file: here.at.file, line: here.at.line, col: here.at.column },
        'matrix entry must be user:, group: or userOrGroup: with name and permissions',
      );
    }
    const body = (e as Record<string, Record<string, unknown>>)[key]!;
    const sid = typeof body.name === 'string' ? body.name : '';
    const perms = Array.isArray(body.permissions) ? body.permissions : [];
    perms.forEach((p, j) => {
      if (typeof p === 'string') grants.push({ sid, kind: ENTRY_KINDS[key]!, permission: p, scope: 'global', at: child(here, key, 'permissions', j)!.at });
    });
  }
  for (const field of ['permissions', 'grantedPermissions']) {
    const l = list(c, field);
    l?.value.forEach((p, j) => {
      if (typeof p !== 'string') return;
      const at = child(l, j)!;
      const { kind, permission, sid } = parseLegacy(p, at);
      grants.push({ sid, kind, permission, scope: 'global', at: at.at });
    });
  }
  return grants;
}

const ROLE_ENTRY_KINDS: Record<string, SidKind> = { user: 'user', group: 'group', either: 'either' };

function roleGrants(c: Found): Grant[] {
  const grants: Grant[] = [];
  const templates = new Map<string, string[]>();
  list(c, 'permissionTemplates')?.value.forEach((t) => {
    if (isRecord(t) && typeof t.name === 'string' && Array.isArray(t.permissions))
      templates.set(
        t.name,
        t.permissions.filter((p): p is string => typeof p === 'string'),
      );
  });
  const roles = child(c, 'roles');
  if (!roles) return grants;
  for (const type of ['global', 'items', 'agents'] as const) {
    const l = list(roles, type);
    l?.value.forEach((r, i) => {
      if (!isRecord(r)) return;
      const roleAt = child(l, i)!;
      const name = typeof r.name === 'string' ? r.name : `${type}[${i}]`;
      const scope = type === 'global' ? 'global' : `${type}:${typeof r.pattern === 'string' ? r.pattern : '.*'}`;
      const perms = Array.isArray(r.permissions)
        ? r.permissions.filter((p): p is string => typeof p === 'string')
        : typeof r.templateName === 'string'
          ? (templates.get(r.templateName) ?? [])
          : [];
      const sids: { sid: string; kind: SidKind; at: Located }[] = [];
      list(roleAt, 'entries')?.value.forEach((e, j) => {
        if (!isRecord(e)) return;
        const key = Object.keys(e).find((k) => k in ROLE_ENTRY_KINDS);
        if (key && typeof e[key] === 'string') sids.push({ sid: e[key] as string, kind: ROLE_ENTRY_KINDS[key]!, at: child(roleAt, 'entries', j)!.at });
      });
      list(roleAt, 'assignments')?.value.forEach((s, j) => {
        if (typeof s === 'string') sids.push({ sid: s, kind: 'either', at: child(roleAt, 'assignments', j)!.at });
      });
      for (const s of sids) for (const permission of perms) grants.push({ sid: s.sid, kind: s.kind, permission, scope, role: name, at: s.at });
    });
  }
  return grants;
}

export function readAuthorization(d: Describable): Authorization {
  const c = d.config;
  const base = { symbol: d.symbol, at: c.at };
  const builtin = (sid: string, permission: string): Grant => ({ sid, kind: 'group', permission, scope: 'global', at: c.at });
  switch (d.symbol) {
    case 'unsecured':
      // Jenkins core: everyone, anonymous included, has every permission.
      return { ...base, kind: 'unsecured', grants: [builtin(ANONYMOUS, 'Overall/Administer')] };
    case 'legacy':
      // Jenkins core LegacyAuthorizationStrategy: everyone reads; the servlet container's "admin" role administers.
      return { ...base, kind: 'legacy', grants: [builtin(ANONYMOUS, 'Overall/Read'), builtin('admin', 'Overall/Administer')] };
    case 'loggedInUsersCanDoAnything': {
      // FullControlOnceLoggedInAuthorizationStrategy: denyAnonymousReadAccess defaults to false, so anonymous reads unless told otherwise.
      const read = bool(
        c,
        'allowAnonymousRead',
        true,
        'allowAnonymousRead is absent: Jenkins core allows anonymous read by default (FullControlOnceLoggedInAuthorizationStrategy)',
      );
      const grants = [builtin(AUTHENTICATED, 'Overall/Administer')];
      if (read.value) grants.push({ ...builtin(ANONYMOUS, 'Overall/Read'), at: read.at });
      return { ...base, kind: 'loggedInUsersCanDoAnything', grants, anonymousRead: read };
    }
    case 'globalMatrix':
    case 'projectMatrix':
      return { ...base, kind: d.symbol, grants: matrixGrants(c) };
    case 'roleBased':
      return { ...base, kind: 'roleBased', grants: roleGrants(c) };
    default:
      return { ...base, kind: 'unknown', grants: [] };
  }
}

/** Whether a sid stands for everyone (signed in or not). */
export function isEveryone(sid: string): boolean {
  return sid === ANONYMOUS || sid === AUTHENTICATED;
}
