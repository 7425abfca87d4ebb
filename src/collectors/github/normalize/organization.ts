/**
 * The organization as a resource: GitHub settings that no generic fact of the model holds, each
 * a fact with its own gap (kind "organization", id organization:<login>).
 */
import type { Resource } from '../../../model/types.js';
import { type Outcome, missing, notApplicable, ok } from '../../kit/result.js';
import type { RawGithub } from '../raw.js';
import { type AccountModel, idpAuthenticates } from './accounts.js';
import { withDetail } from './gaps.js';
import { resourceFacts } from './resources.js';
import { enterpriseMissing, enterpriseRead } from './shared.js';

export function organizationResource(raw: RawGithub, model: AccountModel): Resource {
  const { facts, gaps, set } = resourceFacts();
  set('secure_2fa_methods_required', secureTwoFactorMethods(raw, model));
  return { id: `organization:${raw.org.login}`, kind: 'organization', name: raw.org.login, facts, gaps };
}

/**
 * Whether the enterprise refuses insecure 2FA methods such as SMS (twoFactorDisallowedMethodsSetting
 * INSECURE), an enterprise setting; where the IdP authenticates, GitHub's 2FA does not apply.
 */
export function secureTwoFactorMethods(raw: RawGithub, model: AccountModel): Outcome<boolean> {
  if (idpAuthenticates(model)) return notApplicable("the identity provider authenticates; GitHub's 2FA methods do not apply");
  const entMissing = enterpriseMissing(raw);
  if (entMissing) return withDetail(entMissing, `enterprise 2FA methods policy: ${entMissing.detail}`);
  const ent = enterpriseRead(raw);
  if (!ent) {
    return missing(
      'not_collected',
      'which 2FA methods are allowed is an enterprise policy (twoFactorDisallowedMethodsSetting): set options.enterprise',
      'read:enterprise',
    );
  }
  const methods = ent.twoFactorDisallowedMethods;
  return methods.ok ? ok(methods.value === 'INSECURE') : methods;
}
