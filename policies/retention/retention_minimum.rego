# METADATA
# title: Audit log retention meets the minimum
# description: |
#   Audit records are kept at least retention_days_min days in total and at least
#   retention_online_days_min days immediately available. -1 means kept forever.
# custom:
#   id: AR-RET-001
#   severity: high
#   pillar: retention
#   applies_to: ["*"]
#   facts: [audit_log.retention_days, audit_log.retention_online_days]
#   params: [retention_days_min, retention_online_days_min]
#   remediation: |
#     Keep audit records for the required period (PCI DSS 10.5.1: 12 months, the latest 3 online).
#     GitHub: web events are kept about 180 days on GHEC; stream the audit log to a store that keeps them longer.
#     GitLab: there is no audit retention setting; stream events to a store with the required retention.
#     Jenkins: the logFile logger keeps only limit x count; ship to the central store and retain there.
#     Kubernetes: set --audit-log-maxage (CIS: >= 30) and ship records to a store with the full retention.
#     Vault/OpenBao: rotation is external (logrotate + SIGHUP); keep rotated files or ship them.
#     Loki: compactor.retention_enabled: true with delete_request_store, and
#     limits_config.retention_period >= 8760h; check retention_stream and per-tenant overrides do not shorten it.
#     Elasticsearch: set the ILM delete phase min_age (or data stream data_retention) >= the minimum;
#     OpenSearch ISM: min_index_age into the delete state.
#     S3: lifecycle Expiration.Days >= the minimum, plus Object Lock COMPLIANCE default retention.
#     CloudWatch Logs: set retentionInDays to 365 or more (e.g. 400), or leave it unset to keep forever.
#     Splunk: frozenTimePeriodInSecs >= the minimum, with maxTotalDataSizeMB large enough not to freeze early.
#   frameworks:
#     soc2:
#       C1.1: Audit records are kept for at least retention_days_min days.
#     iso27001:
#       A.5.33: Audit records are protected from loss for at least retention_days_min days.
#     pci-dss:
#       "10.5.1":
#         proves: Audit log history is kept at least 12 months, the latest 3 months online.
#         requires: {retention_days_min: {min: 365}, retention_online_days_min: {min: 90}}
#     nist-800-53:
#       AU-11: Audit records are retained for at least retention_days_min days (retention_online_days_min online).
#     hipaa:
#       "164.316(b)(2)(i)":
#         proves: Audit records are kept at least six years.
#         requires: {retention_days_min: {min: 2190}}
package auditready.policies.retention.retention_minimum

import data.auditready.lib

findings contains lib.finding(tool, checks, {
	"pass": "Audit log retention meets the minimum",
	"fail": "Audit log retention is too short",
	"unknown": "Audit log retention could not be determined",
	"not_applicable": "Audit log retention does not apply",
	"error": "Audit log retention could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
	checks := [
		lib.at_least_or_forever(tool, ["audit_log", "retention_days"], "retention_days_min"),
		lib.at_least_or_forever(tool, ["audit_log", "retention_online_days"], "retention_online_days_min"),
	]
}
