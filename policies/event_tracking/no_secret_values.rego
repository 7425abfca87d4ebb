# METADATA
# title: Audit log does not record secret values
# description: |
#   The audit log records that a secret was read or changed, never the secret itself, so reading
#   the audit log does not hand out credentials: for example Kubernetes secrets, configmaps, token
#   reviews and token requests at Metadata (a write at Request, or any request at
#   RequestResponse, records the body with the value), Vault/OpenBao audit devices without
#   log_raw (values are HMAC-ed).
# custom:
#   id: AR-EVT-005
#   severity: high
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts: [audit_log.records_secret_values]
#   params: []
#   remediation: |
#     Record secret-bearing requests at a level that keeps only their metadata, and rotate every
#     credential the existing audit records exposed.
#     Kubernetes: in the --audit-policy-file rules, put a rule for group "" resources ["secrets",
#     "configmaps", "serviceaccounts/token"] and group authentication.k8s.io resources
#     ["tokenreviews"] at level Metadata before any rule that would match them at Request or
#     RequestResponse (the first matching rule wins).
#     Vault/OpenBao: disable log_raw on every audit device (vault audit enable ... log_raw=false,
#     the default) and keep hmac_accessor on.
#   frameworks:
#     soc2: [CC6.1]
#     iso27001: [A.5.17]
#     pci-dss: ["8.6.3"]
package auditready.policies.event_tracking.no_secret_values

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["audit_log", "records_secret_values"], false)], {
	"pass": "Audit log records no secret values",
	"fail": "Audit log records secret values",
	"unknown": "Whether the audit log records secret values could not be determined",
	"not_applicable": "Secret values in the audit log do not apply",
	"error": "Secret values in the audit log could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
