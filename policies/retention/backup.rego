# METADATA
# title: Audit records are backed up
# description: |
#   A second copy of the audit records exists (snapshots, versioning, replication to another
#   account or system), so losing the primary store does not lose the audit history. Backup says
#   nothing about immutability: AR-RET-002 checks that separately.
# custom:
#   id: AR-RET-003
#   severity: medium
#   pillar: retention
#   applies_to: ["*"]
#   facts: [audit_log.backup]
#   params: []
#   remediation: |
#     Keep a second copy of the audit store in another account or system that the tool's admins
#     cannot delete from.
#     S3: versioning plus Cross-Region (or Same-Region) Replication to a bucket in another account.
#     Loki: its object store's versioning or replication (S3, GCS); the compactor deletes, it does not copy.
#     Elasticsearch/OpenSearch: an SLM or snapshot-management policy to a snapshot repository; check
#     its last success.
#     CloudWatch Logs: a subscription or export to S3 with versioning.
#     Splunk: index replication (cluster) or bucket backups of warm and cold buckets.
#     GitHub/GitLab/Jenkins/Vault/Kubernetes: ship the log to one of the stores above and back that up.
#   frameworks:
#     soc2:
#       A1.2: A second copy of the audit records exists (snapshots, versioning, replication).
#     iso27001:
#       A.8.13: Audit records are backed up.
#     pci-dss:
#       "10.5.1": A backup copy keeps the audit history available if the primary store is lost.
#     hipaa:
#       "164.308(a)(7)(ii)(A)": Audit records have a backup copy.
package auditready.policies.retention.backup

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["audit_log", "backup"], true)], {
	"pass": "Audit records are backed up",
	"fail": "Audit records are not backed up",
	"unknown": "Backup of the audit records could not be determined",
	"not_applicable": "Backup of the audit records does not apply",
	"error": "Backup of the audit records could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
