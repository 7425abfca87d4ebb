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
#     soc2:
#       CC6.1: Humans sign in to the tool only through the identity provider.
#       CC6.2: Accounts are issued and removed through the identity provider.
#     iso27001:
#       A.5.16: Identities for the tool are managed centrally in the identity provider.
#       A.5.17: Authentication information is handled by the identity provider, not the tool.
#       A.8.5: Sign-in goes through the organization's secure authentication.
#     pci-dss:
#       "8.2.1": Each person signs in with their own identity from the identity provider.
#     nist-800-53:
#       IA-2: Users are identified and authenticated by the identity provider.
#       AC-2: Accounts come from the managed identity provider.
#       "AC-2(1)": Account management is automated through the identity provider.
#     hipaa:
#       "164.312(a)(2)(i)": Each user signs in with a unique identity from the identity provider.
#       "164.312(d)": Users are authenticated by the identity provider before access.
#     cis-sscs:
#       "1.3.6": Members of the source-control organization sign in with company identities.
#       "4.2.4": Package registry users are managed in the identity provider, not locally.
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
