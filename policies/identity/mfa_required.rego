# METADATA
# title: MFA required for every human account
# description: |
#   The tool requires a second factor for every human account, so an action in its
#   audit log is tied to a verified identity.
# custom:
#   id: AR-IDN-002
#   severity: critical
#   pillar: identity
#   applies_to: ["*"]
#   facts: [identity.mfa_required]
#   remediation: |
#     Require two-factor authentication for all members.
#     GitHub: Organization settings > Authentication security > Require two-factor authentication.
#     Jenkins: enforce MFA at the SSO identity provider and disable local password logins.
#     Vault/OpenBao: attach an MFA enforcement (sys/mfa/login-enforcement) to every auth method.
#   frameworks:
#     soc2:
#       CC6.1: The tool requires a second factor for every human account.
#       CC6.6: Access to the tool needs additional authentication (a second factor).
#     iso27001:
#       A.8.5: Sign-in to the tool uses multi-factor authentication.
#     pci-dss:
#       "8.4.1": Administrative access to the tool requires MFA (every human account does).
#       "8.4.2": All human access to the tool requires MFA.
#       "8.4.3": Remote access to the tool, which is remote by nature, requires MFA.
#     nist-800-53:
#       "IA-2(1)": Privileged accounts use MFA (every human account does).
#       "IA-2(2)": Non-privileged accounts use MFA.
#     hipaa:
#       "164.312(d)": Users are authenticated with a second factor.
#     cis-sscs:
#       "1.3.4": Contributors to the source-control organization must use MFA.
#       "1.3.5": The source-control organization requires MFA of its members.
#       "4.2.3": Package registry users must use MFA.
package auditready.policies.identity.mfa_required

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["identity", "mfa_required"], true)], {
	"pass": "MFA is required",
	"fail": "MFA is not required",
	"unknown": "MFA requirement could not be determined",
	"not_applicable": "MFA does not apply",
	"error": "MFA requirement could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
