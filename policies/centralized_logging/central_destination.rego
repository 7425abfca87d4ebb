# METADATA
# title: Audit log shipped to a central store
# description: |
#   At least one audit log destination is a central store outside the tool itself, so
#   records survive the tool's compromise or loss and can be reviewed and correlated.
# custom:
#   id: AR-CLG-001
#   severity: high
#   pillar: centralized_logging
#   applies_to: ["*"]
#   facts: [audit_log.destinations]
#   params: []
#   remediation: |
#     Add a destination that ships every audit record to the central log store (SIEM, Loki,
#     Elasticsearch, S3, CloudWatch).
#     GitHub: configure an enterprise/organization audit log stream (Splunk, S3, Azure, Datadog, ...)
#     and make sure it is enabled and paused_at is null.
#     GitLab: add an externalAuditEventStreamingDestinations entry (http, gcp or aws) and keep it active.
#     Jenkins: add a syslog logger (syslogServerHostname/Port) to unclassified.audit-trail.loggers.
#     Kubernetes: set --audit-webhook-config-file, or ship --audit-log-path with a node log agent.
#     Vault/OpenBao: declare a second audit device that is a network sink (socket, syslog or http);
#     keep at least two devices, since one blocked device blocks every request.
#     Harbor: set audit_log_forward_endpoint. Docker Distribution: add an enabled https notifications endpoint.
#     Argo CD: export Kubernetes Events before --event-ttl expires them.
#   frameworks:
#     soc2:
#       CC7.2: Each tool's audit log is delivered to a central store where it can be monitored.
#     iso27001:
#       A.8.15: Each tool's logs are stored outside the tool, in a central store.
#     pci-dss:
#       "10.3.3": Each tool's audit log is copied to a central log server outside the tool.
#     nist-800-53:
#       "AU-4(1)": Audit records are offloaded to a system other than the one being audited.
#       "AU-9(2)": Audit records are stored on a system separate from the audited tool.
#     cis-sscs:
#       "2.1.3": The build system's audit log is shipped to a central log store.
package auditready.policies.centralized_logging.central_destination

import data.auditready.lib

_path := ["audit_log", "destinations"]

_expected := "at least one central destination"

_has_central(tool) if {
	some d in lib.value(tool, _path)
	d.central == true
}

_check(tool) := lib.judged(tool, _path, _expected, true) if _has_central(tool)

else := lib.judged(tool, _path, _expected, false) if lib.known(tool, _path)

else := lib.unknown(tool, _path, _expected)

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Audit log is shipped to a central store",
	"fail": "Audit log is not shipped to a central store",
	"unknown": "Audit log destinations could not be determined",
	"not_applicable": "Central audit log shipping does not apply",
	"error": "Audit log destinations could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
