# METADATA
# title: Audit log records the event classes required for the tool
# description: |
#   The audit log records every event class that required_event_classes lists for the tool's
#   type: for example Kubernetes secrets and RBAC changes, Jenkins builds, credentials and script
#   console, Vault/OpenBao auth and secrets requests. A tool type the parameter does not list is
#   not applicable.
# custom:
#   id: AR-EVT-003
#   severity: medium
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts: [audit_log.event_classes]
#   params: [required_event_classes]
#   remediation: |
#     Widen what the audit log records until every class the finding names is covered.
#     Kubernetes: in the --audit-policy-file rules, log secrets and configmaps at Metadata (never
#     Request or RequestResponse, which would record secret values) and rbac.authorization.k8s.io
#     roles and bindings at RequestResponse; never end with a catch-all level None rule that
#     swallows them, and never omit the ResponseComplete stage.
#     Jenkins: keep the audit-trail pattern at its default (builds, configSubmit, doDelete,
#     createItem, ...), and set logCredentialsUsage: true and logScriptUsage: true under
#     unclassified.audit-trail.
#     Vault/OpenBao: enable at least one audit device (file, syslog, socket; OpenBao also http);
#     every request, auth and secrets included, is then recorded; keep two devices so one blocked
#     device does not block requests.
#     GitHub: read or stream the audit log with include=all so Git events (clone, push) are kept
#     next to web events.
#   frameworks:
#     soc2: [CC7.1, CC7.2]
#     iso27001: [A.8.15]
#     pci-dss: ["10.2.1.1", "10.2.1.2", "10.2.1.5"]
#     nist-800-53: [AU-2, AU-12, AC-2(4), AC-6(9)]
#     hipaa: [164.312(b)]
#     cis-sscs: ["1.1.19", "1.2.6", "2.1.3"]
package auditready.policies.event_tracking.required_event_classes

import data.auditready.lib

_name := "required_event_classes"

_path := ["audit_log", "event_classes"]

_required(tool) := lib.param(_name)[tool.type]

_expected(tool) := concat("", ["includes ", json.marshal(sort(_required(tool))), " (", _name, ".", tool.type, ")"])

_missing(tool) := sort([c |
	some c in _required(tool)
	not c in lib.value(tool, _path)
]) if {
	is_array(lib.value(tool, _path))
} else := sort(_required(tool))

_param_set if _ := lib.param(_name)

_valid_list(v) if {
	is_array(v)
	every c in v {
		is_string(c)
	}
}

_check(tool) := lib.missing_param(_path, _name) if {
	not _param_set
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name]),
	concat("", ["parameter ", _name, " must be an object from tool type to a list of event classes"]),
) if {
	not lib.has_object_param(_name)
} else := lib.not_applicable_because(
	tool, _path, concat("", ["no classes required for tool type ", tool.type, " (", _name, ")"]),
	concat("", [_name, " lists no event classes for tool type ", tool.type]),
) if {
	not _required(tool)
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name, ".", tool.type]),
	concat("", ["parameter ", _name, ".", tool.type, " must be a list of event classes"]),
) if {
	not _valid_list(_required(tool))
} else := lib.judged(tool, _path, _expected(tool), count(_missing(tool)) == 0) if {
	lib.known(tool, _path)
} else := lib.unknown(tool, _path, _expected(tool))

# names the missing classes; only reached when the parameter lists classes for the type
_fail_message(tool) := concat("", ["Audit log does not record ", lib.show(_missing(tool))]) if {
	_valid_list(_required(tool))
} else := "Audit log does not record the required event classes"

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Audit log records every required event class",
	"fail": _fail_message(tool),
	"unknown": "Audit log event classes could not be determined",
	"not_applicable": "Required event classes do not apply",
	"error": "Required event classes could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
