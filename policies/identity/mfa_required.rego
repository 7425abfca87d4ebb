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
#     soc2: [CC6.1, CC6.6]
#     iso27001: [A.8.5]
#     pci-dss: ["8.4.1", "8.4.2", "8.4.3", "8.5.1"]
#     nist-800-53: [IA-2(1), IA-2(2)]
#     hipaa: [164.312(d)]
#     cis-sscs: ["1.3.5"]
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
