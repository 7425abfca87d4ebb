/**
 * Argo CD RBAC (argocd-rbac-cm), pure: the Casbin CSV of `policy.csv` and every `policy.<name>.csv`
 * overlay, the built-in policy (assets/builtin-policy.csv: role:readonly, role:admin and
 * `g, admin, role:admin`), and `policy.default`. Who is an administrator: a subject that reaches
 * role:admin through `g` lines, or that is allowed everything (`p, X, *, *, *, allow`).
 */
import type { FactSource, Grant, Principal } from '../../model/types.js';

export interface PolicyLine {
  readonly type: 'p' | 'g';
  /** p: subject, resource, action, object, effect; g: subject, role. */
  readonly fields: readonly string[];
  /** The CSV key (policy.csv, policy.overlay.csv) and where the line is. */
  readonly key: string;
  readonly source?: FactSource;
}

export interface RbacPolicy {
  readonly lines: readonly PolicyLine[];
  /** policy.default ('' when absent or empty). */
  readonly defaultRole: string;
  /** Local account names (for principal kinds). */
  readonly localAccounts: readonly string[];
}

/** Built-in roles (Argo CD assets/builtin-policy.csv): role:readonly reads everything; role:admin is an administrator by definition and inherits role:readonly. */
const READONLY_RESOURCES = [
  'applications',
  'applicationsets',
  'certificates',
  'clusters',
  'repositories',
  'write-repositories',
  'projects',
  'accounts',
  'gpgkeys',
  'logs',
];
const BUILTIN: PolicyLine[] = [
  ...READONLY_RESOURCES.map((r): PolicyLine => ({ type: 'p', fields: ['role:readonly', r, 'get', '*', 'allow'], key: 'builtin-policy.csv' })),
  { type: 'g', fields: ['role:admin', 'role:readonly'], key: 'builtin-policy.csv' },
];
const BUILTIN_ADMIN_USER: PolicyLine = { type: 'g', fields: ['admin', 'role:admin'], key: 'builtin-policy.csv' };

/** Keys of argocd-rbac-cm that hold policy CSV: policy.csv first, then the overlays by name. */
export function policyKeys(data: Readonly<Record<string, unknown>>): string[] {
  const overlays = Object.keys(data)
    .filter((k) => /^policy\..+\.csv$/.test(k) && k !== 'policy.csv')
    .sort();
  return [...(Object.hasOwn(data, 'policy.csv') ? ['policy.csv'] : []), ...overlays];
}

/** The p/g lines of one CSV text (comments and blank lines skipped); `where` locates a line. */
export function parsePolicyCsv(text: string, key: string, where?: (line: string) => FactSource): PolicyLine[] {
  const out: PolicyLine[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split(',').map((s) => s.trim());
    const type = parts[0];
    if (type !== 'p' && type !== 'g') continue;
    const fields = parts.slice(1);
    if (type === 'p' && fields.length === 4) fields.push('allow'); // Casbin's default effect
    out.push({ type, fields, key, ...(where ? { source: where(raw.trim()) } : {}) });
  }
  return out;
}

const isRole = (s: string) => s.startsWith('role:');

export interface RbacAnalysis {
  readonly principals: Principal[];
  readonly adminNames: string[];
  /** Lines that make each admin one (for evidence). */
  readonly adminSources: FactSource[];
  readonly defaultPermission: 'none' | 'read' | 'write' | 'admin';
  readonly wildcardGrants: Grant[];
  readonly wildcardSources: FactSource[];
}

/**
 * Who holds which role, who is an administrator, what `policy.default` grants, and which grants use
 * a wildcard resource or action. `adminEnabled` adds the built-in `g, admin, role:admin`.
 */
export function analyzeRbac(policy: RbacPolicy, adminEnabled: boolean): RbacAnalysis {
  const lines = [...BUILTIN, ...(adminEnabled ? [BUILTIN_ADMIN_USER] : []), ...policy.lines];
  const parents = new Map<string, Set<string>>();
  for (const l of lines) {
    if (l.type !== 'g' || l.fields.length < 2) continue;
    const [subject, role] = l.fields as [string, string];
    if (!parents.has(subject)) parents.set(subject, new Set());
    parents.get(subject)!.add(role);
  }
  /** The subject and every role it reaches through g lines. */
  const closure = (subject: string): Set<string> => {
    const seen = new Set([subject]);
    const todo = [subject];
    while (todo.length > 0) {
      for (const r of parents.get(todo.pop()!) ?? []) {
        if (seen.has(r)) continue;
        seen.add(r);
        todo.push(r);
      }
    }
    return seen;
  };
  const allows = (l: PolicyLine) => l.type === 'p' && (l.fields[4] ?? 'allow') === 'allow';
  const allowAll = (l: PolicyLine) => allows(l) && l.fields[1] === '*' && l.fields[2] === '*' && (l.fields[3] === '*' || l.fields[3] === '*/*');
  const superRoles = new Set(['role:admin', ...lines.filter(allowAll).map((l) => l.fields[0]!)]);
  const isAdmin = (s: string) => [...closure(s)].some((r) => superRoles.has(r));

  const subjects = new Set<string>();
  for (const l of policy.lines) if (l.fields[0]) subjects.add(l.fields[0]);
  for (const a of policy.localAccounts) subjects.add(a);
  if (adminEnabled) subjects.add('admin');

  const principals: Principal[] = [...subjects].sort().map((name) => ({
    name,
    kind: isRole(name) ? 'role' : policy.localAccounts.includes(name) || name === 'admin' || name.includes('@') ? 'user' : 'group',
    roles: [...(parents.get(name) ?? [])].sort(),
    admin: isAdmin(name),
  }));
  const adminNames = principals.filter((p) => p.admin && p.kind !== 'role').map((p) => p.name);
  const adminSources = policy.lines.filter((l) => l.source && ((l.type === 'g' && isAdmin(l.fields[1] ?? '')) || allowAll(l))).map((l) => l.source!);

  const wildcard = policy.lines.filter((l) => allows(l) && (l.fields[1] === '*' || l.fields[2] === '*'));
  return {
    principals,
    adminNames,
    adminSources,
    defaultPermission: permissionOf(policy.defaultRole, closure, lines, isAdmin),
    wildcardGrants: wildcard.map((l) => ({ principal: l.fields[0]!, permission: l.fields[2]!, scope: `${l.fields[1]} ${l.fields[3] ?? '*'}` })),
    wildcardSources: wildcard.filter((l) => l.source).map((l) => l.source!),
  };
}

/** What a role grants: admin, write (any allowed action besides get), read, or none. */
function permissionOf(
  role: string,
  closure: (s: string) => Set<string>,
  lines: readonly PolicyLine[],
  isAdmin: (s: string) => boolean,
): RbacAnalysis['defaultPermission'] {
  if (role === '') return 'none';
  if (isAdmin(role)) return 'admin';
  const roles = closure(role);
  const actions = lines.filter((l) => l.type === 'p' && roles.has(l.fields[0]!) && (l.fields[4] ?? 'allow') === 'allow').map((l) => l.fields[2]);
  if (actions.some((a) => a !== 'get')) return 'write';
  return actions.length > 0 ? 'read' : 'none';
}
