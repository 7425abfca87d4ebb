# METADATA
# title: Central log store is named
# description: |
#   Every central audit log destination names the store it delivers to (the store's snapshot id,
#   or a non-empty endpoint), so an auditor can follow records to where they are kept. A tool
#   without a central destination is left to AR-CLG-001.
# custom:
#   id: AR-CLG-002
#   severity: low
#   pillar: centralized_logging
#   applies_to: ["*"]
#   facts: [audit_log.destinations]
#   params: []
#   remediation: |
#     Give every central destination its endpoint in the tool's configuration and, in the facts file,
#     the id (type/name) of the log store target it delivers to (destinations[].store).
#     GitHub: an audit log stream's stream_details names its endpoint (Splunk HEC URL, S3 bucket,
#     Datadog site); record it.
#     GitLab: externalAuditEventStreamingDestinations config holds the URL, bucket or log name.
#     Jenkins: set syslogServerHostname and syslogServerPort on the syslog logger.
#     Kubernetes: the --audit-webhook-config-file kubeconfig names the server URL.
#     Vault/OpenBao: socket devices need address, syslog devices a facility and tag shipped by a named
#     forwarder, http devices (OpenBao) a uri.
#     Harbor: audit_log_forward_endpoint. Docker Distribution: notifications.endpoints[].url.
#   frameworks:
#     iso27001:
#       A.8.15: The central store each tool ships its audit log to is named in the evidence.
#     pci-dss:
#       "10.3.3": The central log server a tool ships to is identified.
#     nist-800-53:
#       "AU-4(1)": The system audit records are offloaded to is identified.
#     cis-sscs:
#       "2.1.3": The build system's central log store is identified.
package auditready.policies.centralized_logging.central_store_named

import data.auditready.lib

_path := ["audit_log", "destinations"]

_expected := "every central destination names its store (store, or a non-empty endpoint)"

_central(tool) := [d |
	some d in lib.value(tool, _path)
	d.central == true
]

_named(d) if _non_empty(object.get(d, "store", ""))

_named(d) if _non_empty(object.get(d, "endpoint", ""))

_non_empty(s) if {
	is_string(s)
	trim_space(s) != ""
}

_unnamed(tool) := [object.get(d, "name", "") | some d in _central(tool); not _named(d)]

_check(tool) := lib.unknown(tool, _path, _expected) if {
	not lib.known(tool, _path)
} else := lib.judged(tool, _path, _expected, false) if {
	not is_array(lib.value(tool, _path))
} else := lib.not_applicable_because(
	tool, _path, _expected,
	"no central destination; AR-CLG-001 reports that",
) if {
	count(_central(tool)) == 0
} else := lib.judged(tool, _path, _expected, count(_unnamed(tool)) == 0)

_fail_message(tool) := concat("", ["Central destinations do not name their store: ", lib.show(_unnamed(tool))]) if {
	count(_unnamed(tool)) > 0
} else := "Central destinations do not name their store"

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Every central destination names its store",
	"fail": _fail_message(tool),
	"unknown": "Audit log destinations could not be determined",
	"not_applicable": "Naming the central store does not apply",
	"error": "Central store names could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
