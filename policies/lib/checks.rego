# Checks: one fact judged (pass, fail), not judged (unknown, not_applicable) or in error.
package auditready.lib

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

_gap_state("not_applicable") := "not_applicable"

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
