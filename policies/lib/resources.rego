# Checks and findings on per-resource facts (a repository, project, job of a tool).
package auditready.lib

# Per-resource facts live in tool.resources[i].facts (a repository, project, job), each resource
# with its own gaps. Checks on them name the fact "resources.<name>" and point into the resource.

# resource_value: a fact of the i-th resource of tool, or null when missing.
resource_value(tool, i, name) := object.get(tool, ["resources", i, "facts", name], null)

resource_known(tool, i, name) if resource_value(tool, i, name) != null

_resource_fact(name) := concat(".", ["resources", name])

# The resource fact's pointer; the resource's facts object when the snapshot leaves the fact out
# (a facts file written before it existed), so that evidence never points at nothing.
_resource_pointer(tool, i, name) := concat("/", ["", "resources", format_int(i, 10), "facts", name]) if {
	name in object.keys(object.get(tool, ["resources", i, "facts"], {}))
} else := concat("/", ["", "resources", format_int(i, 10), "facts"])

# The resource's gap for a null fact (fact renamed resources.<name>), else not_collected.
_resource_gap(tool, i, name) := object.union(gaps[0], {"fact": _resource_fact(name)}) if {
	gaps := [g | some g in object.get(tool, ["resources", i, "gaps"], []); g.fact == name]
	count(gaps) > 0
} else := {
	"fact": _resource_fact(name),
	"reason": "not_collected",
	"detail": "no value and no recorded reason",
}

# resource_judged: a check on a known resource fact with an outcome the policy computed.
resource_judged(tool, i, name, expected, ok) := {
	"fact": _resource_fact(name),
	"pointer": _resource_pointer(tool, i, name),
	"observed": resource_value(tool, i, name),
	"expected": expected,
	"state": _outcome[ok],
}

# resource_unknown: the check for a null resource fact (not_applicable when its gap says so).
resource_unknown(tool, i, name, expected) := {
	"fact": _resource_fact(name),
	"pointer": _resource_pointer(tool, i, name),
	"observed": null,
	"expected": expected,
	"state": _gap_state(g.reason),
	"gap": g,
} if {
	g := _resource_gap(tool, i, name)
}

# resource_equals: the resource fact must equal want.
resource_equals(tool, i, name, want) := resource_judged(tool, i, name, json.marshal(want), resource_value(tool, i, name) == want) if {
	resource_known(tool, i, name)
}

resource_equals(tool, i, name, want) := resource_unknown(tool, i, name, json.marshal(want)) if {
	not resource_known(tool, i, name)
}

# resource_finding: like finding, for the i-th resource of tool.
resource_finding(tool, i, checks, messages) := object.union(finding(tool, checks, messages), {
	"resource": tool.resources[i].id,
})

# resource_absent: the check of a per-resource policy on a tool with no resource of its kind (a
# facts file without resources, a server whose resources could not be read): unknown, never
# silence. It points at the snapshot's source, the one place there is to point at; detail says
# which resource is missing and how to provide it.
resource_absent(name, expected, detail) := {
	"fact": _resource_fact(name),
	"pointer": "/source",
	"observed": null,
	"expected": expected,
	"state": "unknown",
	"gap": {"fact": _resource_fact(name), "reason": "not_collected", "detail": detail},
}
