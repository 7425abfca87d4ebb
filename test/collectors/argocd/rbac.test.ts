/** Argo CD RBAC analysis (pure): admins through role chains and allow-all rules, what policy.default grants, wildcards. */
import { describe, expect, it } from 'vitest';
import { analyzeRbac, parsePolicyCsv, policyKeys } from '../../../src/collectors/argocd/rbac.js';

const lines = (csv: string) => parsePolicyCsv(csv, 'policy.csv');

describe('argocd rbac', () => {
  it('reads policy.csv first, then every policy.<name>.csv overlay; skips comments and other keys', () => {
    expect(policyKeys({ 'policy.z.csv': '', 'policy.default': '', 'policy.csv': '', 'policy.a.csv': '', scopes: '' })).toEqual([
      'policy.csv',
      'policy.a.csv',
      'policy.z.csv',
    ]);
    expect(lines('# c\n\np, role:x, applications, get, */*, allow\ng, team, role:x\nbogus\n').map((l) => l.type)).toEqual(['p', 'g']);
    expect(lines('p, role:x, applications, get, */*').at(0)!.fields.at(-1)).toBe('allow'); // Casbin's default effect
  });

  it('an admin reaches role:admin through g lines, or is allowed everything', () => {
    const r = analyzeRbac(
      {
        lines: lines('g, role:lead, role:admin\ng, team-a, role:lead\np, role:root, *, *, *, allow\ng, team-b, role:root\np, team-c, *, *, */*, deny'),
        defaultRole: '',
        localAccounts: [],
      },
      false,
    );
    expect(r.adminNames).toEqual(['team-a', 'team-b']);
    expect(r.principals.find((p) => p.name === 'role:lead')).toMatchObject({ kind: 'role', admin: true });
  });

  it('the built-in admin counts only while enabled', () => {
    expect(analyzeRbac({ lines: [], defaultRole: '', localAccounts: [] }, true).adminNames).toEqual(['admin']);
    expect(analyzeRbac({ lines: [], defaultRole: '', localAccounts: [] }, false).adminNames).toEqual([]);
  });

  it('policy.default: empty grants nothing, role:readonly reads, a custom role that syncs writes, role:admin is admin', () => {
    const custom = lines('p, role:ci, applications, sync, */*, allow\np, role:viewer, applications, get, */*, allow');
    const perm = (role: string) => analyzeRbac({ lines: custom, defaultRole: role, localAccounts: [] }, false).defaultPermission;
    expect([perm(''), perm('role:readonly'), perm('role:viewer'), perm('role:ci'), perm('role:admin'), perm('role:nothing')]).toEqual([
      'none',
      'read',
      'read',
      'write',
      'admin',
      'none',
    ]);
  });

  it('wildcard grants: a * resource or action that allows; a scoped object pattern is not one', () => {
    const r = analyzeRbac(
      {
        lines: lines('p, role:a, applications, get, */*, allow\np, role:b, applications, *, proj/*, allow\np, role:c, *, get, *, deny'),
        defaultRole: '',
        localAccounts: [],
      },
      false,
    );
    expect(r.wildcardGrants).toEqual([{ principal: 'role:b', permission: '*', scope: 'applications proj/*' }]);
  });
});
