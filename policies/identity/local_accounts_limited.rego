# METADATA
# title: Local accounts limited and listed
# description: |
#   Accounts that bypass the identity provider (break-glass, built-in admin, local users) number
#   at most max_local_accounts; the finding lists them so each can be justified.
# custom:
#   id: AR-IDN-004
#   severity: medium
#   pillar: identity
#   applies_to: ["*"]
#   facts: [identity.local_accounts]
#   params: [max_local_accounts]
#   remediation: |
#     Keep only documented break-glass accounts outside the identity provider, store their
#     credentials in a vault with checkout logging, and remove or disable every other local user.
#     GitHub: with Enterprise Managed Users only the setup user is local; otherwise remove members
#     without a linked SAML identity (externalIdentities).
#     GitLab: set password_authentication_enabled_for_web and _for_git to false and block users
#     without an omniauth identity.
#     Jenkins: switch securityRealm from local to saml, oic or ldap; the oic escape hatch counts as a
#     local account.
#     Argo CD: set admin.enabled: "false" and remove accounts.<name> entries from argocd-cm.
#     Kubernetes: remove static token and basic-auth files and client-certificate users other than
#     the break-glass kubeconfig.
#     Vault/OpenBao: disable userpass mounts (or keep one break-glass entity) and revoke root tokens.
#     Harbor: use auth_mode oidc_auth or ldap_auth; only the built-in admin remains local.
#   frameworks:
#     soc2:
#       CC6.1: Accounts outside the identity provider are few (max_local_accounts) and listed.
#       CC6.2: Local accounts that bypass central issuing and removal are few and named.
#     iso27001:
#       A.5.16: Identities outside central management are limited and listed.
#     nist-800-53:
#       AC-2: Local account types are limited to max_local_accounts named accounts.
#       "AC-2(1)": Accounts outside automated management are limited and listed.
#     cis-sscs:
#       "4.2.4": Package registry accounts managed locally are limited to a listed few.
package auditready.policies.identity.local_accounts_limited

import data.auditready.lib

findings contains lib.finding(
	tool,
	[lib.count_at_most(tool, ["identity", "local_accounts"], "max_local_accounts")],
	{
		"pass": "Local accounts are within the limit",
		"fail": "Too many local accounts",
		"unknown": "Local accounts could not be determined",
		"not_applicable": "Local accounts do not apply",
		"error": "Local accounts could not be evaluated",
	},
) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
