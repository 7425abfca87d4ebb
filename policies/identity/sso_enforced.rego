# METADATA
# title: SSO enforced for every human sign-in
# description: |
#   Humans can sign in only through the central identity provider, so joiners and leavers
#   are handled in one place and every audited action maps to a managed identity.
# custom:
#   id: AR-IDN-001
#   severity: high
#   pillar: identity
#   applies_to: ["*"]
#   facts: [identity.sso_enforced]
#   params: []
#   remediation: |
#     Route every human login through the identity provider and turn off password logins.
#     GitHub: configure SAML SSO (enterprise or organization) and enforce it; on
#     GitHub Enterprise check samlIdentityProviderSettingOrganizations shows every org ENFORCED.
#     GitLab: set gitlab_rails['omniauth_providers'] (saml/openid_connect), enable
#     omniauth_auto_sign_in_with_provider and set password_authentication_enabled_for_web/_for_git to false.
#     Jenkins: replace the `local` securityRealm with `saml` or `oic` in JCasC.
#     Argo CD: configure dex.config or oidc.config and set admin.enabled: "false".
#     Kubernetes: authenticate humans through OIDC (--oidc-issuer-url) rather than static tokens or client certificates.
#     Vault/OpenBao: enable an oidc or jwt auth method and disable userpass for humans.
#     Harbor: set auth_mode to oidc_auth (or ldap_auth) and self_registration to false.
#   frameworks:
#     soc2: [CC6.1, CC6.2]
#     iso27001: [A.5.16, A.5.17, A.8.5]
#     pci-dss: ["8.2.1", "7.3.1", "7.3.2"]
#     nist-800-53: [IA-2, AC-2, AC-2(1)]
#     hipaa: [164.312(a)(2)(i), 164.312(d)]
#     cis-sscs: ["1.3.6", "4.2.4"]
package auditready.policies.identity.sso_enforced

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["identity", "sso_enforced"], true)], {
	"pass": "SSO is enforced",
	"fail": "SSO is not enforced",
	"unknown": "SSO enforcement could not be determined",
	"not_applicable": "SSO enforcement does not apply",
	"error": "SSO enforcement could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
