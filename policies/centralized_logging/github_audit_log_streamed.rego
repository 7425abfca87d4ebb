# METADATA
# title: GitHub audit log streamed to a central store
# description: |
#   The enterprise streams its audit log (Splunk, S3, Azure, Google Cloud Storage, Datadog, ...)
#   with at least one stream enabled and not paused, so events outlive GitHub's fixed retention
#   and reach the SIEM.
# custom:
#   id: AR-CLG-101
#   severity: high
#   pillar: centralized_logging
#   applies_to: [github]
#   facts: [integrations.log_streams]
#   params: []
#   remediation: |
#     GitHub Enterprise Cloud: Enterprise settings > Audit log > Log streaming: configure a stream
#     and keep it enabled; resume paused streams. Set options.enterprise in auditready.yaml and give
#     the token admin:enterprise so the streams can be read.
#   frameworks:
#     soc2:
#       CC7.2: The GitHub audit log streams continuously to a central store where it can be monitored.
#     iso27001:
#       A.8.15: GitHub's audit log is kept outside GitHub, in a central store.
#     pci-dss:
#       "10.3.3": GitHub's audit events are copied to a central log server by an active stream.
#     nist-800-53:
#       "AU-4(1)": GitHub audit records are offloaded to another system.
#       "AU-9(2)": GitHub audit records are stored on a system separate from GitHub.
#     cis-sscs:
#       "2.1.3": The audit log of GitHub (and its Actions builds) is streamed to a central store.
package auditready.policies.centralized_logging.github_audit_log_streamed

import data.auditready.lib

_path := ["integrations", "log_streams"]

_expected := "at least one stream enabled and not paused"

_active(tool) if {
	some s in lib.value(tool, _path)
	s.active == true
}

_check(tool) := lib.judged(tool, _path, _expected, true) if _active(tool)

else := lib.judged(tool, _path, _expected, false) if lib.known(tool, _path)

else := lib.unknown(tool, _path, _expected)

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Audit log is streamed to a central store",
	"fail": "No active audit log stream",
	"unknown": "Audit log streams could not be read",
	"not_applicable": "Audit log streaming does not apply",
	"error": "Audit log streams could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
