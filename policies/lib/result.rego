# METADATA
# title: auditready policy library
# description: |
#   Helpers every policy builds its findings with, so the engine reads one shape.
#   A fact is read as a "check": its state is pass, fail, unknown, not_applicable or error.
#   A null fact is never compared: it becomes unknown (or not_applicable when its gap says so).
# custom:
#   library: true
package auditready.lib

# Tools in scope for the calling policy: its package annotation's custom.applies_to
# lists tool types or categories, or "*". Call as lib.in_scope(rego.metadata.chain()).
# An array, not a set: tool ids are unique, and a set hashes every whole tool snapshot on
# insertion and again on each iteration step in the Wasm runtime (about a third of the
# evaluation time, see the Benchmarks section of the README).
in_scope(chain) := [tool |
	scope := _applies_to(chain)
	some tool in input.tools
	_matches(scope, tool)
]

_applies_to(chain) := [s |
	some entry in chain
	entry.annotations.scope == "package"
	s := entry.annotations.custom.applies_to
][0]

_matches(scope, _) if "*" in scope

_matches(scope, tool) if tool.type in scope

_matches(scope, tool) if tool.category in scope

# value of a fact (null when missing or unknown); path is an array like ["identity", "mfa_required"]
value(tool, path) := object.get(tool, path, null)

known(tool, path) if value(tool, path) != null

fact_name(path) := concat(".", path)

pointer(path) := concat("", ["/", concat("/", path)])

# The gap that explains a null fact. A null fact without a recorded gap still fails closed.
gap(tool, path) := gaps[0] if {
	gaps := [g | some g in object.get(tool, "gaps", []); g.fact == fact_name(path)]
	count(gaps) > 0
} else := {
	"fact": fact_name(path),
	"reason": "not_collected",
	"detail": "no value and no recorded reason",
}

# A parameter (threshold) from the profile, or undefined.
param(name) := data.auditready.params[name]

# has_number_param / has_array_param: the parameter is set and has the right type.
# Negate these (`not has_number_param(name)`), never `not is_number(param(name))`: OPA
# evaluates the nested call outside the negation, so a missing parameter would make the
# whole expression undefined instead of true.
has_number_param(name) if is_number(param(name))

has_array_param(name) if is_array(param(name))

has_object_param(name) if is_object(param(name))

has_string_param(name) if is_string(param(name))

# show renders a value as JSON text the same way in OPA's Go evaluator and in Wasm: Wasm's
# json.marshal neither sorts object keys nor escapes <, > and & as Go does. Objects (and
# objects inside arrays) get sorted keys; the three characters are escaped as Go escapes them.
show(v) := _esc(_show_object(v)) if is_object(v)

else := _esc(concat("", ["[", concat(",", [_show_item(x) | some x in v]), "]"])) if is_array(v)

else := _esc(json.marshal(v))

_show_item(x) := _show_object(x) if is_object(x)

else := json.marshal(x)

_show_object(o) := concat("", ["{", concat(",", [concat(":", [json.marshal(k), json.marshal(o[k])]) | some k in sort(object.keys(o))]), "}"])

_esc(s) := replace(replace(replace(s, "<", "\\u003c"), ">", "\\u003e"), "&", "\\u0026")

# --- checks -----------------------------------------------------------------------------

# judged builds a check for a known fact from a boolean outcome the policy computed.
judged(tool, path, expected, ok) := {
	"fact": fact_name(path),
	"pointer": pointer(path),
	"observed": value(tool, path),
	"expected": expected,
	"state": _outcome[ok],
}

_outcome := {true: "pass", false: "fail"}

# unknown builds the check for a null fact: not_applicable when its gap says so, else unknown.
unknown(tool, path, expected) := {
	"fact": fact_name(path),
	"pointer": pointer(path),
	"observed": null,
	"expected": expected,
	"state": _gap_state(g.reason),
	"gap": g,
} if {
	g := gap(tool, path)
}

_gap_state(reason) := "not_applicable" if reason == "not_applicable"

_gap_state(reason) := "unknown" if reason != "not_applicable"

# missing_param builds an error check: a threshold the profile does not define.
missing_param(path, name) := {
	"fact": fact_name(path),
	"pointer": pointer(path),
	"observed": null,
	"expected": concat("", ["parameter ", name]),
	"state": "error",
	"detail": concat("", ["parameter ", name, " is not set in the profile or config"]),
}

# invalid builds an error check: the fact (or an input it is judged against) cannot be evaluated.
invalid(tool, path, expected, detail) := {
	"fact": fact_name(path),
	"pointer": pointer(path),
	"observed": value(tool, path),
	"expected": expected,
	"state": "error",
	"detail": detail,
}

# equals: the fact must equal want.
equals(tool, path, want) := judged(tool, path, json.marshal(want), value(tool, path) == want) if known(tool, path)

equals(tool, path, want) := unknown(tool, path, json.marshal(want)) if not known(tool, path)

# one_of: the fact must be one of the allowed values.
one_of(tool, path, allowed) := judged(tool, path, _one_of_text(allowed), value(tool, path) in allowed) if known(tool, path)

one_of(tool, path, allowed) := unknown(tool, path, _one_of_text(allowed)) if not known(tool, path)

_one_of_text(allowed) := concat("", ["one of ", json.marshal(sort(allowed))])

# at_most / at_least compare a number with a named parameter.
at_most(tool, path, name) := judged(tool, path, _bound("<= ", name), value(tool, path) <= param(name)) if {
	known(tool, path)
	is_number(param(name))
}

at_most(tool, path, name) := unknown(tool, path, _bound("<= ", name)) if {
	not known(tool, path)
	is_number(param(name))
}

at_most(_, path, name) := missing_param(path, name) if not has_number_param(name)

at_least(tool, path, name) := judged(tool, path, _bound(">= ", name), value(tool, path) >= param(name)) if {
	known(tool, path)
	is_number(param(name))
}

at_least(tool, path, name) := unknown(tool, path, _bound(">= ", name)) if {
	not known(tool, path)
	is_number(param(name))
}

at_least(_, path, name) := missing_param(path, name) if not has_number_param(name)

_bound(op, name) := concat("", [op, json.marshal(param(name)), " (", name, ")"])

# at_least_or_forever: like at_least, but -1 (kept forever) always passes.
at_least_or_forever(tool, path, name) := judged(
	tool, path, _forever_text(name),
	_at_least_or_forever(value(tool, path), param(name)),
) if {
	known(tool, path)
	is_number(param(name))
}

at_least_or_forever(tool, path, name) := unknown(tool, path, _forever_text(name)) if {
	not known(tool, path)
	is_number(param(name))
}

at_least_or_forever(_, path, name) := missing_param(path, name) if not has_number_param(name)

_forever_text(name) := concat("", [_bound(">= ", name), " or -1 (forever)"])

_at_least_or_forever(v, min) if v == -1

else := v >= min if is_number(v)

else := false

# count_at_least: the fact is a list with at least param(name) entries.
count_at_least(tool, path, name) := judged(
	tool, path, _bound("count >= ", name),
	_count_at_least(value(tool, path), param(name)),
) if {
	known(tool, path)
	is_number(param(name))
}

count_at_least(tool, path, name) := unknown(tool, path, _bound("count >= ", name)) if {
	not known(tool, path)
	is_number(param(name))
}

count_at_least(_, path, name) := missing_param(path, name) if not has_number_param(name)

_count_at_least(v, min) := count(v) >= min if is_array(v)

else := false

# abs_at_most: the absolute value of the fact is at most param(name).
abs_at_most(tool, path, name) := judged(
	tool, path, _bound("absolute value <= ", name),
	_abs_at_most(value(tool, path), param(name)),
) if {
	known(tool, path)
	is_number(param(name))
}

abs_at_most(tool, path, name) := unknown(tool, path, _bound("absolute value <= ", name)) if {
	not known(tool, path)
	is_number(param(name))
}

abs_at_most(_, path, name) := missing_param(path, name) if not has_number_param(name)

_abs_at_most(v, max) := abs(v) <= max if is_number(v)

else := false

# in_param: the fact must be one of the values listed in the array parameter param(name).
in_param(tool, path, name) := judged(tool, path, _in_param_text(name), value(tool, path) in param(name)) if {
	known(tool, path)
	is_array(param(name))
}

in_param(tool, path, name) := unknown(tool, path, _in_param_text(name)) if {
	not known(tool, path)
	is_array(param(name))
}

in_param(_, path, name) := missing_param(path, name) if not has_array_param(name)

_in_param_text(name) := concat("", [_one_of_text(param(name)), " (", name, ")"])

# count_at_most: the fact is a list with at most param(name) entries (the list is the observed value).
count_at_most(tool, path, name) := judged(
	tool, path, _bound("count <= ", name),
	_count_at_most(value(tool, path), param(name)),
) if {
	known(tool, path)
	is_number(param(name))
}

count_at_most(tool, path, name) := unknown(tool, path, _bound("count <= ", name)) if {
	not known(tool, path)
	is_number(param(name))
}

count_at_most(_, path, name) := missing_param(path, name) if not has_number_param(name)

_count_at_most(v, max) := count(v) <= max if is_array(v)

else := false

# unknown_because / not_applicable_because: a check whose outcome the policy computed but could
# not judge (a store not in the estate) or that does not apply (no central destination), with no
# gap in tool.gaps. It carries a synthetic gap naming the fact and the reason in detail.
unknown_because(tool, path, expected, detail) := _because(tool, path, expected, "unknown", "not_collected", detail)

# unknown_for: like unknown_because, with the gap reason given (e.g. unlinked: a reference the
# policy must follow names nothing, such as a log destination without its store).
unknown_for(tool, path, expected, reason, detail) := _because(tool, path, expected, "unknown", reason, detail)

not_applicable_because(tool, path, expected, detail) := _because(
	tool, path, expected,
	"not_applicable", "not_applicable", detail,
)

_because(tool, path, expected, state, reason, detail) := {
	"fact": fact_name(path),
	"pointer": pointer(path),
	"observed": value(tool, path),
	"expected": expected,
	"state": state,
	"gap": {"fact": fact_name(path), "reason": reason, "detail": detail},
}

# --- findings ---------------------------------------------------------------------------

# finding combines the checks of one policy on one tool (or one resource of it).
# Fail closed: error beats fail beats unknown; not_applicable only when every check is;
# pass only when every check passed.
# A check's pointer, and the pointers into other snapshots it was judged on ("also": a cross-tool
# policy cites the store's "type/name#/audit_log/retention_days").
_pointers(c) := array.concat([c.pointer], c.also) if is_array(c.also)

else := [c.pointer]

finding(tool, checks, messages) := {
	"tool": tool.id,
	"resource": null,
	"status": status,
	"message": concat("", [messages[status], _details(status, checks)]),
	"observed": {c.fact: c.observed | some c in checks},
	"expected": {c.fact: c.expected | some c in checks},
	"evidence": sort({p | some c in checks; some p in _pointers(c)}),
	"gaps": [c.gap | some c in checks; c.state in {"unknown", "not_applicable"}],
} if {
	status := combine({c.state | some c in checks})
}

combine(states) := "error" if "error" in states

else := "fail" if "fail" in states

else := "unknown" if "unknown" in states

else := "not_applicable" if states == {"not_applicable"}

else := "pass" if count(states) > 0

_details("pass", _) := ""

_details("fail", checks) := concat("", [": ", concat("; ", sort([d |
	some c in checks
	c.state == "fail"
	d := concat("", [c.fact, " is ", show(c.observed), ", expected ", c.expected])
]))])

_details("unknown", checks) := concat("", [": ", concat("; ", sort([d |
	some c in checks
	c.state == "unknown"
	d := concat("", [c.fact, " unknown (", c.gap.reason, ": ", c.gap.detail, ")"])
]))])

_details("not_applicable", checks) := concat("", [": ", concat("; ", sort([d |
	some c in checks
	d := concat("", [c.fact, " (", c.gap.detail, ")"])
]))])

_details("error", checks) := concat("", [": ", concat("; ", sort([c.detail | some c in checks; c.state == "error"]))])

# --- resources ----------------------------------------------------------------------------
# Per-resource facts live in tool.resources[i].facts (a repository, project, job), each resource
# with its own gaps. Checks on them name the fact "resources.<name>" and point into the resource.

# resource_value: a fact of the i-th resource of tool, or null when missing.
resource_value(tool, i, name) := object.get(tool, ["resources", i, "facts", name], null)

resource_known(tool, i, name) if resource_value(tool, i, name) != null

_resource_fact(name) := concat(".", ["resources", name])

_resource_pointer(i, name) := concat("/", ["", "resources", format_int(i, 10), "facts", name])

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
	"pointer": _resource_pointer(i, name),
	"observed": resource_value(tool, i, name),
	"expected": expected,
	"state": _outcome[ok],
}

# resource_unknown: the check for a null resource fact (not_applicable when its gap says so).
resource_unknown(tool, i, name, expected) := {
	"fact": _resource_fact(name),
	"pointer": _resource_pointer(i, name),
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

# --- event classes per tool type ----------------------------------------------------------
# classes_included: audit_log.event_classes includes every class that the object parameter
# param(name) lists for the tool's type ({tool type: [class, ...]}); a type the parameter does
# not list is not applicable. Used by the policies on required and failed-login event classes.
_classes_path := ["audit_log", "event_classes"]

_classes_for(tool, name) := param(name)[tool.type]

_classes_expected(tool, name) := concat("", ["includes ", json.marshal(sort(_classes_for(tool, name))), " (", name, ".", tool.type, ")"])

# the classes the parameter lists for the tool's type that the tool does not record
missing_classes(tool, name) := sort([c |
	some c in _classes_for(tool, name)
	not c in value(tool, _classes_path)
]) if {
	is_array(value(tool, _classes_path))
} else := sort(_classes_for(tool, name))

_param_set(name) if _ := param(name)

_string_list(v) if {
	is_array(v)
	every c in v {
		is_string(c)
	}
}

# whether the parameter gives the tool's type a valid list (the fail message may name the classes)
classes_listed(tool, name) if _string_list(_classes_for(tool, name))

classes_included(tool, name) := missing_param(_classes_path, name) if {
	not _param_set(name)
} else := invalid(
	tool, _classes_path, concat("", ["parameter ", name]),
	concat("", ["parameter ", name, " must be an object from tool type to a list of event classes"]),
) if {
	not has_object_param(name)
} else := not_applicable_because(
	tool, _classes_path, concat("", ["no classes required for tool type ", tool.type, " (", name, ")"]),
	concat("", [name, " lists no event classes for tool type ", tool.type]),
) if {
	not _classes_for(tool, name)
} else := invalid(
	tool, _classes_path, concat("", ["parameter ", name, ".", tool.type]),
	concat("", ["parameter ", name, ".", tool.type, " must be a list of event classes"]),
) if {
	not classes_listed(tool, name)
} else := judged(tool, _classes_path, _classes_expected(tool, name), count(missing_classes(tool, name)) == 0) if {
	known(tool, _classes_path)
} else := unknown(tool, _classes_path, _classes_expected(tool, name))
