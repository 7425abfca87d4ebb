# Per-resource policies on source-control tools: one finding per active repository, the finding
# when there is no repository to judge, the organization resource, and checks on list- and
# number-valued resource facts against parameters.
package auditready.lib

# has_resources: the tool's resources were collected. A helper, so that `not` applies to it:
# `not is_array(tool.resources)` would be undefined, not true, when resources is missing.
has_resources(tool) if is_array(tool.resources)

# active_repositories: indices of the tool's repository resources that are not archived.
active_repositories(tool) := [i |
	some i, resource in tool.resources
	resource.kind == "repository"
	object.get(resource, ["facts", "archived"], false) != true
]

_resources_fact(name) := concat(".", ["resources", name])

# repositories_absent: the one finding of a per-repository policy when no repository can be
# judged: unknown when the tool's resources were not collected (never silence), not applicable
# when none is active (an empty organization, every repository archived). Undefined otherwise.
repositories_absent(tool, name, expected, messages) := finding(tool, [unknown(tool, ["resources", name], expected)], messages) if {
	not has_resources(tool)
} else := finding(
	tool, [{
		"fact": _resources_fact(name),
		"pointer": "/resources",
		"observed": null,
		"expected": expected,
		"state": "not_applicable",
		"gap": {"fact": _resources_fact(name), "reason": "not_applicable", "detail": "no active repositories"},
	}],
	messages,
) if {
	count(active_repositories(tool)) == 0
}

# organization_index: the index of the tool's organization resource (kind organization).
organization_index(tool) := i if {
	some i, resource in tool.resources
	resource.kind == "organization"
}

# organization_absent: the finding of an organization policy on a tool without that resource
# (a facts file, an older collector): unknown, never silence, citing the resources it looked in.
# Undefined otherwise.
organization_absent(tool, name, expected, messages) := finding(tool, [unknown(tool, ["resources", name], expected)], messages) if {
	not has_resources(tool)
} else := finding(
	tool, [{
		"fact": _resources_fact(name),
		"pointer": "/resources",
		"observed": null,
		"expected": expected,
		"state": "unknown",
		"gap": {"fact": _resources_fact(name), "reason": "not_collected", "detail": "the snapshot has no organization resource"},
	}],
	messages,
) if {
	not organization_index(tool)
}

_none_outside(v, allowed) if {
	is_array(v)
	every x in v {
		x in allowed
	}
} else := false

_within_text(name) := concat("", ["only ", json.marshal(param(name)), " (", name, ")"])

# resource_within: every element of a list-valued resource fact is in the array parameter name.
resource_within(tool, i, fact, name) := missing_param(["resources", fact], name) if {
	not has_array_param(name)
} else := resource_judged(tool, i, fact, _within_text(name), _none_outside(resource_value(tool, i, fact), param(name))) if {
	resource_known(tool, i, fact)
} else := resource_unknown(tool, i, fact, _within_text(name))

_between(v, low, high) if {
	is_number(v)
	v >= low
	v <= high
} else := false

_between_text(low, high) := concat("", [
	">= ", json.marshal(param(low)), " and <= ", json.marshal(param(high)),
	" (", low, ", ", high, ")",
])

# resource_between: a number-valued resource fact is at least the number parameter low and at
# most the number parameter high.
resource_between(tool, i, fact, low, high) := missing_param(["resources", fact], low) if {
	not has_number_param(low)
} else := missing_param(["resources", fact], high) if {
	not has_number_param(high)
} else := resource_judged(tool, i, fact, _between_text(low, high), _between(resource_value(tool, i, fact), param(low), param(high))) if {
	resource_known(tool, i, fact)
} else := resource_unknown(tool, i, fact, _between_text(low, high))

# resource_empty: a list-valued resource fact is empty.
resource_empty(tool, i, fact) := resource_judged(tool, i, fact, "[]", resource_value(tool, i, fact) == []) if {
	resource_known(tool, i, fact)
} else := resource_unknown(tool, i, fact, "[]")
