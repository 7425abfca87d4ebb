# METADATA
# title: The audit log never records secret values
# description: |
#   The audit log records secrets by reference or as hashes, never their values in clear (Vault
#   and OpenBao log_raw, Kubernetes secrets at Request or RequestResponse level would write them),
#   so reading the log discloses no credentials.
# custom:
#   id: AR-EVT-005
#   severity: high
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts: [audit_log.records_secret_values]
#   params: []
#   remediation: |
#     Record secrets by name or hash only.
#     Vault/OpenBao: remove log_raw=true from every audit device (vault audit list -detailed); keep
#     hmac_accessor on.
#     Kubernetes: audit secrets, configmaps and tokenreviews at level Metadata only, never Request or
#     RequestResponse, in the --audit-policy-file.
#     Jenkins: do not log build parameters or environment in Audit Trail; mask credentials.
#     Other tools: disable request-body logging for secret endpoints.
#   frameworks:
#     soc2:
#       CC6.1: "Credentials do not leak through the audit log: secret values are never recorded."
#     iso27001:
#       A.8.15: Logs hold no secret values, so reading them discloses no credentials.
package auditready.policies.event_tracking.no_secret_values

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["audit_log", "records_secret_values"], false)], {
	"pass": "The audit log records no secret values",
	"fail": "The audit log records secret values in clear",
	"unknown": "Whether the audit log records secret values could not be determined",
	"not_applicable": "Recording of secret values does not apply",
	"error": "Recording of secret values could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
