# METADATA
# title: Audit records cannot be modified or deleted
# description: |
#   The audit store is immutable: records cannot be changed or deleted before their retention
#   ends (object lock in compliance mode, WORM). A backed-up but mutable store does not pass: a copy
#   can be altered too. Backups are AR-RET-003.
# custom:
#   id: AR-RET-002
#   severity: medium
#   pillar: retention
#   applies_to: ["*"]
#   facts: [audit_log.immutable]
#   params: []
#   remediation: |
#     Make the audit store write-once for its retention period.
#     S3: Object Lock in COMPLIANCE mode with a default retention of at least the retention minimum,
#     plus versioning (GetObjectLockConfiguration, GetBucketVersioning); GOVERNANCE mode can be bypassed.
#     Loki: it has no immutability of its own; put its object store on S3 with Object Lock.
#     Elasticsearch/OpenSearch: no WORM of their own; snapshot to a repository on locked object storage.
#     CloudWatch Logs: deletionProtectionEnabled on the log group, or export to S3 with Object Lock.
#     Splunk: archive frozen buckets (coldToFrozenDir) to locked object storage.
#     GitHub/GitLab/Jenkins/Vault/OpenBao/Kubernetes: stream or ship the audit log to one of the
#     stores above; local files (Jenkins logFile, Vault file device, --audit-log-path) are editable by
#     host admins.
#   frameworks:
#     soc2:
#       C1.1: Audit records cannot be destroyed or changed before their retention ends.
#     iso27001:
#       A.5.33: Audit records are protected from falsification and deletion (immutable store).
#     pci-dss:
#       "10.3.2": "Audit log files are protected from modification: the store is immutable."
#     nist-800-53:
#       AU-9: Audit information is protected from modification and deletion.
#     hipaa:
#       "164.312(c)(1)": Audit records cannot be altered or destroyed improperly.
package auditready.policies.retention.deletion_protection

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["audit_log", "immutable"], true)], {
	"pass": "Audit records cannot be modified or deleted",
	"fail": "Audit records can be modified or deleted",
	"unknown": "Immutability of the audit records could not be determined",
	"not_applicable": "Immutability of the audit records does not apply",
	"error": "Immutability of the audit records could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
