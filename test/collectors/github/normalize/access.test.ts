import { describe, expect, it } from 'vitest';
import { ok } from '../../../../src/collectors/kit/result.js';
import { accessFacts, administrators, grantsToEveryone, principals } from '../../../../src/collectors/github/normalize/access.js';
import { CLOUD, enterprise, forbidden, rawGithub, repo } from './raw.js';

describe('github access pillar', () => {
  it('administrators are the organization owners and the enterprise owners, once each', () => {
    expect(administrators(rawGithub({ enterprise: enterprise({ owners: ok(['ent-owner', 'alice']) }) }))).toEqual(ok(['alice', 'ent-owner']));
  });

  it('unreadable enterprise owners make the administrators unknown, not fewer', () => {
    const a = administrators(rawGithub({ enterprise: enterprise({ owners: forbidden('read:enterprise') }) }));
    expect(a).toMatchObject({
      ok: false,
      reason: 'permission_missing',
      permission: 'read:enterprise',
      detail: 'enterprise owners could not be read: GitHub: forbidden',
    });
  });

  it('a member without a role makes owners and principals unknown', () => {
    const raw = rawGithub({ members: ok([{ login: 'alice', role: null }]) });
    expect(administrators(raw)).toMatchObject({ ok: false, reason: 'error', detail: expect.stringContaining('alice') });
    expect(principals(raw).ok).toBe(false);
    const { facts } = accessFacts(raw, CLOUD);
    expect(facts).toMatchObject({ principals: null, admin_count: null, admin_names: null, member_count: 1 });
  });

  it('principals: members, enterprise owners outside the organization, outside collaborators', () => {
    const p = principals(rawGithub({ enterprise: enterprise(), outsideCollaborators: ok(['contractor']) }));
    expect(p.ok && p.value.map((x) => [x.name, x.roles.join('+'), x.admin])).toEqual([
      ['alice', 'owner', true],
      ['bob', 'member', false],
      ['ent-owner', 'enterprise_owner', true],
      ['contractor', 'outside_collaborator', false],
    ]);
  });

  it('default permission: the REST value, or a gap naming the owner scope when GitHub leaves it out', () => {
    expect(accessFacts(rawGithub(), CLOUD).facts.default_permission).toBe('read');
    const { facts, gaps } = accessFacts(rawGithub({ orgSettings: ok({}) }), CLOUD);
    expect(facts.default_permission).toBeNull();
    expect(gaps).toEqual([
      expect.objectContaining({ fact: 'access.default_permission', reason: 'permission_missing', permission: 'admin:org (organization owner)' }),
    ]);
  });

  it('public repositories are grants to anonymous readers, internal ones to every enterprise member', () => {
    const repos = ok([repo({ visibility: 'PUBLIC', nameWithOwner: 'acme/site' }), repo(), repo({ visibility: 'INTERNAL', nameWithOwner: 'acme/tools' })]);
    expect(grantsToEveryone(rawGithub({ repos }), { ...CLOUD, enterprise: 'acme-corp' })).toEqual(
      ok([
        { principal: 'anonymous', permission: 'read', scope: 'repository:acme/site' },
        { principal: 'enterprise:acme-corp members', permission: 'read', scope: 'repository:acme/tools' },
      ]),
    );
    expect(grantsToEveryone(rawGithub({ repos }), CLOUD)).toMatchObject(ok([{ principal: 'anonymous' }, { principal: 'enterprise members' }]));
  });
});
