import { describe, expect, it } from 'vitest';
import { organizationResource, secureTwoFactorMethods } from '../../../../src/collectors/github/normalize/organization.js';
import { ok } from '../../../../src/collectors/kit/result.js';
import { enterprise, forbidden, rawGithub } from './raw.js';

const GITHUB = { authentication: 'github', basis: 'test' } as const;

describe('github organization resource', () => {
  it('secure 2FA methods: the enterprise refuses insecure ones (INSECURE) or has no policy', () => {
    expect(secureTwoFactorMethods(rawGithub({ enterprise: enterprise() }), GITHUB)).toEqual(ok(true));
    expect(secureTwoFactorMethods(rawGithub({ enterprise: enterprise({ twoFactorDisallowedMethods: ok('NO_POLICY') }) }), GITHUB)).toEqual(ok(false));
  });

  it('is unknown without the enterprise, or when GitHub does not know the SDL-only field; not applicable where the IdP authenticates', () => {
    expect(secureTwoFactorMethods(rawGithub(), GITHUB)).toMatchObject({ ok: false, reason: 'not_collected', permission: 'read:enterprise' });
    expect(secureTwoFactorMethods(rawGithub({ enterprise: forbidden('read:enterprise') }), GITHUB)).toMatchObject({ ok: false, permission: 'read:enterprise' });
    const unknownField = enterprise({
      twoFactorDisallowedMethods: { ok: false, reason: 'error', detail: "GitHub: Field 'twoFactorDisallowedMethodsSetting' doesn't exist" },
    });
    expect(secureTwoFactorMethods(rawGithub({ enterprise: unknownField }), GITHUB)).toMatchObject({ ok: false, reason: 'error' });
    expect(secureTwoFactorMethods(rawGithub(), { authentication: 'emu', basis: 'test' })).toMatchObject({ ok: false, reason: 'not_applicable' });
  });

  it('is a resource of kind organization with its own gaps', () => {
    const r = organizationResource(rawGithub(), GITHUB);
    expect(r).toMatchObject({ id: 'organization:acme', kind: 'organization', name: 'acme', facts: { secure_2fa_methods_required: null } });
    expect(r.gaps.map((g) => g.fact)).toEqual(['secure_2fa_methods_required']);
  });
});
