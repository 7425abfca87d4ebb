/**
 * Vault/OpenBao ACL policies: each `path "..." { capabilities = [...] }` rule (and the legacy
 * `policy = "read" | "write" | "sudo" | "deny"`), read with the same HCL v1 parser the server uses,
 * and what it grants:
 *
 *  - wildcard: a non-deny rule on `*` (or `+/*`, `+/+/*`, ...), which matches every path;
 *  - sudo: the sudo capability anywhere (root-protected paths: sys/audit, sys/raw, token accessors);
 *  - sys write: create/update/delete/patch on the sys/ areas that decide who may do what (policies,
 *    auth methods, audit devices, mounts, ...) or on a glob covering them, which lets the holder
 *    grant themselves anything; sys/leases/renew, sys/wrapping and the like do not count.
 *
 * A policy with any of the three is an administrator's policy.
 */
import { InputError } from '../../errors.js';
import { hclBlocks, parseHclSource } from '../../util/hcl-source.js';

interface PolicyRule {
  readonly path: string;
  readonly capabilities: readonly string[];
  /** 1-based line of the rule in the policy text. */
  readonly line: number;
}

export interface PolicyAnalysis {
  readonly name: string;
  readonly rules: readonly PolicyRule[];
  readonly wildcard: readonly PolicyRule[];
  readonly sudo: readonly PolicyRule[];
  readonly sysWrite: readonly PolicyRule[];
  readonly admin: boolean;
}

const LEGACY: Record<string, string[]> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};
const WRITE = new Set(['create', 'update', 'delete', 'patch', 'sudo']);

/** Paths of the built-in `default` policy (vault/policy.go defaultPolicy): what every token has. */
const DEFAULT_POLICY_PATHS = new Set([
  'auth/token/lookup-self',
  'auth/token/renew-self',
  'auth/token/revoke-self',
  'sys/capabilities-self',
  'identity/entity/id/{{identity.entity.id}}',
  'identity/entity/name/{{identity.entity.name}}',
  'sys/internal/ui/resultant-acl',
  'sys/renew',
  'sys/leases/renew',
  'sys/leases/lookup',
  'cubbyhole/*',
  'sys/wrapping/wrap',
  'sys/wrapping/lookup',
  'sys/wrapping/unwrap',
  'sys/tools/hash',
  'sys/tools/hash/*',
  'sys/control-group/request',
  'identity/mfa/method/totp/generate',
  'identity/mfa/method/totp/admin-generate',
]);

const isWildcard = (p: string) => /^(\+\/)*\*$/.test(p);
/** sys/ areas whose write lets the holder change who may do what, or the audit trail itself. */
const SENSITIVE_SYS = [
  'policy',
  'policies',
  'auth',
  'audit',
  'mounts',
  'remount',
  'raw',
  'generate-root',
  'rekey',
  'rotate',
  'seal',
  'storage',
  'config',
  'plugins',
  'namespaces',
  'replication',
];

/** A glob segment (`*` at the end, `+` for one segment) that can match `name`. */
const segmentCovers = (seg: string, name: string) => seg === '+' || seg === name || (seg.endsWith('*') && name.startsWith(seg.slice(0, -1)));

/** The rule's path can match a privilege-granting path under sys/ (policies, auth methods, audit devices, mounts, ...). */
function coversSys(p: string): boolean {
  const [head, second] = p.split('/');
  if (second === undefined) return head!.endsWith('*') && segmentCovers(head!, 'sys');
  if (!segmentCovers(head!, 'sys') || (head !== 'sys' && head !== '+' && !head!.endsWith('*'))) return false;
  return SENSITIVE_SYS.some((area) => segmentCovers(second, area));
}

/** Parse and classify one policy. A text the server would reject is an InputError at its line. */
export function analyzePolicy(name: string, text: string, where: string): PolicyAnalysis {
  const doc = parseHclSource(text, where);
  const rules: PolicyRule[] = [];
  for (const b of hclBlocks(doc.value, 'path', 1)) {
    const caps = b.body.capabilities;
    const legacy = typeof b.body.policy === 'string' ? LEGACY[b.body.policy] : undefined;
    let capabilities: string[];
    if (Array.isArray(caps) && caps.every((c) => typeof c === 'string')) capabilities = caps.map((c) => c.toLowerCase());
    else if (legacy) capabilities = legacy;
    else {
      const { line, col } = doc.locate(b.pointer);
      throw new InputError({ file: where, line, col }, `path "${b.labels[0]}" has neither capabilities nor a known policy`, {});
    }
    rules.push({ path: b.labels[0]!, capabilities, line: doc.locate(b.pointer).line });
  }
  const granting = rules.filter((r) => !r.capabilities.includes('deny') && r.capabilities.length > 0);
  const wildcard = granting.filter((r) => isWildcard(r.path));
  const sudo = granting.filter((r) => r.capabilities.includes('sudo'));
  const sysWrite = granting.filter((r) => coversSys(r.path) && r.capabilities.some((c) => WRITE.has(c)));
  return { name, rules, wildcard, sudo, sysWrite, admin: name === 'root' || wildcard.length > 0 || sudo.length > 0 || sysWrite.length > 0 };
}

/** The permission the default policy grants beyond its built-in paths. */
export function defaultPermission(p: PolicyAnalysis): 'none' | 'read' | 'write' | 'admin' {
  if (p.admin) return 'admin';
  const extra = p.rules.filter((r) => !DEFAULT_POLICY_PATHS.has(r.path) && !r.capabilities.includes('deny'));
  if (extra.some((r) => r.capabilities.some((c) => WRITE.has(c)))) return 'write';
  if (extra.some((r) => r.capabilities.some((c) => c === 'read' || c === 'list'))) return 'read';
  return 'none';
}
