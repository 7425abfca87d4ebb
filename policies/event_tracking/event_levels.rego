# METADATA
# title: Audit log records each event class within its required levels
# description: |
#   For each event class that required_event_levels lists for the tool's type, the recording
#   level in audit_log.event_levels is at least the required one, and for each class that
#   max_event_levels lists it is at most the maximum, comparing levels by their position in
#   audit_level_order (lowest first): for example RBAC changes at RequestResponse, and secrets at
#   no more than Metadata (Request or RequestResponse would record secret values). A required class
#   the tool does not record, or a level the order does not know, fails. A tool type neither
#   parameter lists is not applicable.
# custom:
#   id: AR-EVT-004
#   severity: medium
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts: [audit_log.event_levels]
#   params: [required_event_levels, max_event_levels, audit_level_order]
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
#     Other tools: list the levels only where the tool has them; set required_event_levels and
#     max_event_levels for the tool type to check them.
#   frameworks:
#     soc2:
#       CC7.2: Each required event class is recorded with enough detail, and secrets without their values.
#     iso27001:
#       A.8.15: Each required event class is logged at its required level, and no higher where that would log secrets.
#     nist-800-53:
#       AU-2: Each selected event class is logged at its required level of detail.
#       AU-12: Records are generated for each required class at the required level.
#     hipaa:
#       "164.312(b)": Activity of each required class is recorded at the required level of detail.
package auditready.policies.event_tracking.event_levels

import data.auditready.lib

_name := "required_event_levels"

_order_name := "audit_level_order"

_path := ["audit_log", "event_levels"]

_required(tool) := lib.param(_name)[tool.type]

_max_name := "max_event_levels"

_maximum(tool) := lib.param(_max_name)[tool.type]

# minimum and maximum per class for the tool's type; {} for a parameter that does not list it
_mins(tool) := object.get(lib.param(_name), tool.type, {})

_maxs(tool) := object.get(lib.param(_max_name), tool.type, {})

_order := lib.param(_order_name)

# position of a level in the order, lowest first; undefined for an unknown level
_rank(level) := i if {
	some i, l in _order
	l == level
}

_text(v) := v if is_string(v)

else := lib.show(v)

_expected(tool) := concat("; ", array.flatten([
	[concat("", [
		"at least ", concat(", ", sort([concat("", [c, ": ", l]) | some c, l in _mins(tool)])),
		" (", _name, ".", tool.type, ")",
	]) |
		count(_mins(tool)) > 0
	],
	[concat("", [
		"at most ", concat(", ", sort([concat("", [c, ": ", l]) | some c, l in _maxs(tool)])),
		" (", _max_name, ".", tool.type, ")",
	]) |
		count(_maxs(tool)) > 0
	],
	[concat("", ["levels ordered by ", _order_name])],
]))

_param_set if _ := lib.param(_name)

_max_set if _ := lib.param(_max_name)

_order_set if _ := lib.param(_order_name)

_valid_order if {
	lib.has_array_param(_order_name)
	count(_order) > 0
	every l in _order {
		is_string(l)
	}
}

_valid_levels(levels) if {
	is_object(levels)
	every _, l in levels {
		is_string(l)
		_rank(l)
	}
}

# both parameters' entries for the type (when present) map classes to known levels
_valid_required(tool) if {
	_valid_levels(_mins(tool))
	_valid_levels(_maxs(tool))
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

# why one class goes above its maximum; undefined when it is not recorded or at or below it
_over(levels, c, maximum) := concat("", [c, " at ", _text(levels[c]), ", not a level in ", _order_name]) if {
	_recorded(levels, c)
	not _rank(levels[c])
} else := concat("", [c, " at ", levels[c], ", above ", maximum]) if {
	_rank(levels[c]) > _rank(maximum)
}

_problems(tool) := sort(array.concat(
	[p |
		some c, minimum in _mins(tool)
		p := _problem(lib.value(tool, _path), c, minimum)
	],
	[p |
		some c, maximum in _maxs(tool)
		not _mins(tool)[c]
		p := _over(lib.value(tool, _path), c, maximum)
	],
)) if {
	is_object(lib.value(tool, _path))
} else := ["audit_log.event_levels is not an object of class to level"]

# a class with both bounds: the minimum check names an unknown level; the maximum its excess
_problems_both(tool) := [p |
	some c, maximum in _maxs(tool)
	_mins(tool)[c]
	_rank(lib.value(tool, _path)[c])
	p := _over(lib.value(tool, _path), c, maximum)
]

# the error check when a parameter is missing or malformed (undefined when all are valid)
_parameter_error(tool) := lib.missing_param(_path, _name) if {
	not _param_set
} else := lib.missing_param(_path, _max_name) if {
	not _max_set
} else := lib.missing_param(_path, _order_name) if {
	not _order_set
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name]),
	concat("", ["parameter ", _name, " must be an object from tool type to an object of event class to minimum level"]),
) if {
	not lib.has_object_param(_name)
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _max_name]),
	concat("", ["parameter ", _max_name, " must be an object from tool type to an object of event class to maximum level"]),
) if {
	not lib.has_object_param(_max_name)
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _order_name]),
	concat("", ["parameter ", _order_name, " must be a non-empty list of level names, lowest first"]),
) if {
	not _valid_order
}

_check(tool) := c if {
	c := _parameter_error(tool)
} else := lib.not_applicable_because(
	tool, _path, concat("", ["no levels required for tool type ", tool.type, " (", _name, ")"]),
	concat("", [_name, " and ", _max_name, " list no event levels for tool type ", tool.type]),
) if {
	not _required(tool)
	not _maximum(tool)
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name, ".", tool.type, " or ", _max_name, ".", tool.type]),
	concat("", [
		"parameters ", _name, ".", tool.type, " and ", _max_name, ".", tool.type,
		" must map each event class to a level listed in ", _order_name,
	]),
) if {
	not _valid_required(tool)
} else := lib.judged(tool, _path, _expected(tool), count(_all_problems(tool)) == 0) if {
	lib.known(tool, _path)
} else := lib.unknown(tool, _path, _expected(tool))

# names each short class; only reached when the parameters are valid
_all_problems(tool) := sort(array.concat(_problems(tool), _problems_both(tool)))

_fail_message(tool) := concat("", ["Audit log levels are out of range (", concat("; ", _all_problems(tool)), ")"]) if {
	_valid_required(tool)
} else := "Audit log levels are out of range"

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Audit log records every event class within its required levels",
	"fail": _fail_message(tool),
	"unknown": "Audit log event levels could not be determined",
	"not_applicable": "Required event levels do not apply",
	"error": "Required event levels could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
