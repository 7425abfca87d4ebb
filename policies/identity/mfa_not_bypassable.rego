# METADATA
# title: MFA cannot be bypassed
# description: |
#   No account, group or authentication method signs in without the second factor (API tokens,
#   an auth method outside the MFA enforcement, outside collaborators without 2FA, recovery codes),
#   beyond max_mfa_exempt. The finding lists the exemptions; a documented, management-approved,
#   time-limited exception belongs in a waiver, not in a raised limit.
# custom:
#   id: AR-IDN-005
#   severity: high
#   pillar: identity
#   applies_to: ["*"]
#   facts: [identity.mfa_exempt]
#   params: [max_mfa_exempt]
#   remediation: |
#     Close every path that signs in without the second factor, or record a waiver with an approver
#     and an expiry date for each one that must stay.
#     GitHub: require two-factor authentication for the organization (members and outside
#     collaborators without it are removed); with an enterprise, require it there as well.
#     Jenkins: user API tokens authenticate REST and CLI calls without the SSO's second factor;
#     disable legacy tokens, set jenkins.security.ApiTokenProperty.adminCanGenerateNewTokens=false,
#     revoke user tokens and use short-lived credentials for automation.
#     Vault/OpenBao: attach every human auth method (userpass, ldap, oidc) to a
#     sys/mfa/login-enforcement; keep break-glass userpass under the enforcement or waived.
#     Kubernetes: remove static tokens and client certificates for humans; sign in through an OIDC
#     provider that enforces MFA.
#     Argo CD: set admin.enabled: "false" so only SSO (with MFA) signs in.
#   frameworks:
#     soc2:
#       CC6.1: No account, group or method signs in to the tool without the second factor (beyond max_mfa_exempt).
#     iso27001:
#       A.8.5: Multi-factor authentication cannot be bypassed on the tool.
#     pci-dss:
#       "8.5.1":
#         proves: MFA cannot be bypassed by any user or method; exceptions are waivers with an approver and expiry.
#         requires: {max_mfa_exempt: {max: 0}}
#     nist-800-53:
#       "IA-2(1)": No privileged sign-in path skips the second factor.
#       "IA-2(2)": No sign-in path skips the second factor.
#     hipaa:
#       "164.312(d)": Authentication cannot skip the second factor.
#     cis-sscs:
#       "1.3.5": No member of the source-control organization is exempt from MFA.
package auditready.policies.identity.mfa_not_bypassable

import data.auditready.lib

findings contains lib.finding(
	tool,
	[lib.count_at_most(tool, ["identity", "mfa_exempt"], "max_mfa_exempt")],
	{
		"pass": "MFA cannot be bypassed",
		"fail": "MFA can be bypassed",
		"unknown": "MFA exemptions could not be determined",
		"not_applicable": "MFA exemptions do not apply",
		"error": "MFA exemptions could not be evaluated",
	},
) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
