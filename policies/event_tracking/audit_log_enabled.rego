# METADATA
# title: Audit log enabled
# description: |
#   The tool records an audit trail of user and administrator activity. Without it no
#   action on the tool can be reconstructed or attributed.
# custom:
#   id: AR-EVT-001
#   severity: high
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts: [audit_log.enabled]
#   params: []
#   remediation: |
#     Turn on the tool's audit log and keep it on.
#     GitHub: use GitHub Enterprise Cloud/Server (the org audit log API is GHEC/GHES only) and
#     add an audit log stream that is enabled and not paused.
#     GitLab: Premium or higher for audit events; Ultimate for streaming destinations.
#     Jenkins: install the Audit Trail plugin and configure unclassified.audit-trail with a
#     logFile or syslog logger (not only console), keeping the default pattern.
#     Kubernetes: set --audit-policy-file with at least [{level: Metadata, omitStages: [RequestReceived]}]
#     and --audit-log-path (or --audit-webhook-config-file).
#     Vault/OpenBao: declare an audit device (file, syslog, socket or http) in the server config;
#     GET /v1/sys/audit must not return {}.
#     Argo CD: keep --enable-k8s-event at all and export the Kubernetes Events.
#     Harbor: do not disable audit event types (disabled_audit_log_event_types empty).
#   frameworks:
#     soc2:
#       CC7.2: Each tool records audit events, so activity can be monitored.
#     iso27001:
#       A.8.15: Each tool produces an audit log.
#     pci-dss:
#       "10.2.1": Audit logging is enabled and active on each tool.
#     nist-800-53:
#       AU-12: Each tool generates audit records.
#     hipaa:
#       "164.312(b)": Each tool has a mechanism that records activity.
#     cis-sscs:
#       "1.1.19": The source-control tool's audit log, where branch-protection changes are recorded, is on.
#       "1.2.6": The source-control tool's audit log, where visibility changes are recorded, is on.
#       "2.1.3": The build system's audit log is on.
#       "4.3.3": The package registry's audit log, where its configuration changes are recorded, is on.
#       "5.1.2": The deployment tool's audit log, where its configuration changes are recorded, is on.
package auditready.policies.event_tracking.audit_log_enabled

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["audit_log", "enabled"], true)], {
	"pass": "Audit log is enabled",
	"fail": "Audit log is disabled",
	"unknown": "Audit log state could not be determined",
	"not_applicable": "Audit log does not apply",
	"error": "Audit log state could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
