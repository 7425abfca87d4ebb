# METADATA
# title: An alert fires when audit logging stops
# description: |
#   When the tool's audit logging stops or fails (a full disk, a broken stream, a blocked audit
#   device), an alert or health signal fires, so a gap in the trail is noticed instead of discovered
#   at audit time.
# custom:
#   id: AR-CLG-003
#   severity: high
#   pillar: centralized_logging
#   applies_to: ["*"]
#   facts: [audit_log.failure_alert]
#   params: []
#   remediation: |
#     Alert on audit-logging failure where the tool exposes it, and on silence in the log store.
#     Vault/OpenBao: with every audit device failing Vault refuses requests; alert on
#     vault.audit.log_request_failure and vault.audit.log_response_failure metrics.
#     Kubernetes: alert on apiserver_audit_error_total and apiserver_audit_event_total flat-lining.
#     GitHub: watch the audit-log stream's health in the enterprise settings and alert in the SIEM when
#     no GitHub events arrive for an hour.
#     Jenkins, Argo CD and others: alert in the log store when a source sends nothing for a period
#     (Loki ruler absent_over_time, Splunk or Elasticsearch watcher).
#   frameworks:
#     soc2:
#       CC7.2: A stop or failure of audit logging raises an alert.
#     iso27001:
#       A.8.16: Failures of the logging that monitoring depends on are detected.
#     pci-dss:
#       "10.7.2": A failure of audit logging is detected and alerted promptly.
#     nist-800-53:
#       AU-5: Personnel are alerted when audit logging fails.
package auditready.policies.centralized_logging.failure_alert

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["audit_log", "failure_alert"], true)], {
	"pass": "An alert fires when audit logging stops",
	"fail": "Nothing alerts when audit logging stops",
	"unknown": "Alerting on audit logging failure could not be determined",
	"not_applicable": "Alerting on audit logging failure does not apply",
	"error": "Alerting on audit logging failure could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
