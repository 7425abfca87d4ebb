# METADATA
# title: Reading the audit log is limited to named roles
# description: |
#   Only named roles can read the tool's audit log, not every member or every authenticated
#   user, so the trail of who did what is not disclosed to the people it records.
# custom:
#   id: AR-RET-004
#   severity: medium
#   pillar: retention
#   applies_to: ["*"]
#   facts: [audit_log.read_restricted]
#   params: []
#   remediation: |
#     Grant read access to the audit log to a named security or audit role only.
#     GitHub: the organization audit log is readable by owners only; streams go to a store you restrict.
#     Jenkins: restrict the Audit Trail log file to the controller's service account (mode 0600) and the
#     log store's index to an audit role.
#     Kubernetes: keep --audit-log-path on the control plane with mode 0600; restrict the log store.
#     Vault/OpenBao: restrict the file device path, or the socket/syslog destination.
#     Loki: give the audit tenant its own X-Scope-OrgID and restrict which users the proxy lets read it.
#     Elasticsearch/OpenSearch: a role with read on the audit index granted to the audit team only.
#   frameworks:
#     soc2:
#       CC6.1: Reading the audit log is limited to named roles.
#     iso27001:
#       A.8.15: Logs are protected from unauthorized reading.
#     pci-dss:
#       "10.3.1": Read access to audit log files is limited to those with a job-related need.
#     nist-800-53:
#       AU-9: Audit information is protected from unauthorized access.
package auditready.policies.retention.read_restricted

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["audit_log", "read_restricted"], true)], {
	"pass": "Reading the audit log is limited to named roles",
	"fail": "Anyone with access to the tool can read its audit log",
	"unknown": "Read access to the audit log could not be determined",
	"not_applicable": "Read access to the audit log does not apply",
	"error": "Read access to the audit log could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
