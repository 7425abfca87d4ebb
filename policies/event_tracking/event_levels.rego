# METADATA
# title: Audit log records each required event class at its minimum level
# description: |
#   For each event class that required_event_levels lists for the tool's type, the recording
#   level in audit_log.event_levels is at least the required one, comparing levels by their
#   position in audit_level_order (lowest first): for example Kubernetes secrets at Metadata (so
#   secret values are never logged) and RBAC changes at RequestResponse. A class the tool does
#   not record, or records at a level the order does not know, fails. A tool type the parameter
#   does not list is not applicable.
# custom:
#   id: AR-EVT-004
#   severity: medium
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts: [audit_log.event_levels]
#   params: [required_event_levels, audit_level_order]
#   remediation: |
#     Raise the recording level of every class the finding names to at least the required level.
#     Kubernetes: in the --audit-policy-file rules, put a rule for group "" resources ["secrets",
#     "configmaps"] at level Metadata (never Request or RequestResponse, which would record secret
#     values) and a rule for group rbac.authorization.k8s.io (roles, rolebindings, clusterroles,
#     clusterrolebindings) at level RequestResponse, both before any catch-all rule; a catch-all
#     level None must come last and never match them; do not omit the ResponseComplete stage.
#     Managed clusters: EKS enables the "audit" control-plane log type with a fixed policy
#     (secrets at Metadata); GKE and AKS record their documented policy; read it and record the
#     levels in the facts file.
#     Other tools: list the levels only where the tool has them; set required_event_levels for
#     the tool type to check them.
#   frameworks:
#     pci-dss: ["10.2.1", "10.2.2"]
#     nist-800-53: [AU-2, AU-12]
#     soc2: [CC7.2]
#     iso27001: [A.8.15]
#     hipaa: [164.312(b)]
package auditready.policies.event_tracking.event_levels

import data.auditready.lib

_name := "required_event_levels"

_order_name := "audit_level_order"

_path := ["audit_log", "event_levels"]

_required(tool) := lib.param(_name)[tool.type]

_order := lib.param(_order_name)

# position of a level in the order, lowest first; undefined for an unknown level
_rank(level) := i if {
	some i, l in _order
	l == level
}

_text(v) := v if is_string(v)

else := lib.show(v)

_expected(tool) := concat("", [
	"at least ",
	concat(", ", sort([concat("", [c, ": ", l]) | some c, l in _required(tool)])),
	" (", _name, ".", tool.type, "; levels ordered by ", _order_name, ")",
])

_param_set if _ := lib.param(_name)

_order_set if _ := lib.param(_order_name)

_valid_order if {
	lib.has_array_param(_order_name)
	count(_order) > 0
	every l in _order {
		is_string(l)
	}
}

_valid_required(tool) if {
	is_object(_required(tool))
	every _, l in _required(tool) {
		is_string(l)
		_rank(l)
	}
}

_recorded(levels, c) if _ := levels[c]

# why one required class falls short; undefined when it is recorded at or above its minimum
_problem(levels, c, minimum) := concat("", [c, " not recorded"]) if {
	not _recorded(levels, c)
} else := concat("", [c, " at ", _text(levels[c]), ", not a level in ", _order_name]) if {
	not _rank(levels[c])
} else := concat("", [c, " at ", levels[c], ", below ", minimum]) if {
	_rank(levels[c]) < _rank(minimum)
}

_problems(tool) := sort([p |
	some c, minimum in _required(tool)
	p := _problem(lib.value(tool, _path), c, minimum)
])

_check(tool) := lib.missing_param(_path, _name) if {
	not _param_set
} else := lib.missing_param(_path, _order_name) if {
	not _order_set
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name]),
	concat("", ["parameter ", _name, " must be an object from tool type to an object of event class to minimum level"]),
) if {
	not lib.has_object_param(_name)
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _order_name]),
	concat("", ["parameter ", _order_name, " must be a non-empty list of level names, lowest first"]),
) if {
	not _valid_order
} else := lib.not_applicable_because(
	tool, _path, concat("", ["no levels required for tool type ", tool.type, " (", _name, ")"]),
	concat("", [_name, " lists no event levels for tool type ", tool.type]),
) if {
	not _required(tool)
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name, ".", tool.type]),
	concat("", [
		"parameter ", _name, ".", tool.type,
		" must map each event class to a level listed in ", _order_name,
	]),
) if {
	not _valid_required(tool)
} else := lib.judged(tool, _path, _expected(tool), count(_problems(tool)) == 0) if {
	lib.known(tool, _path)
} else := lib.unknown(tool, _path, _expected(tool))

# names each short class; only reached when the parameters are valid
_fail_message(tool) := concat("", ["Audit log levels fall short (", concat("; ", _problems(tool)), ")"]) if {
	_valid_required(tool)
} else := "Audit log levels fall short"

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Audit log records every required event class at its minimum level",
	"fail": _fail_message(tool),
	"unknown": "Audit log event levels could not be determined",
	"not_applicable": "Required event levels do not apply",
	"error": "Required event levels could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
