package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

test_because_checks_in_findings if {
	u := lib.unknown_because(testing.tool, ["audit_log", "destinations"], "e", "why")
	f := lib.finding(testing.tool, [u], _messages)
	f.status == "unknown"
	f.message == "U: audit_log.destinations unknown (not_collected: why)"
	f.gaps == [u.gap]
	n := lib.not_applicable_because(testing.tool, ["audit_log", "destinations"], "e", "why not")
	g := lib.finding(testing.tool, [n], _messages)
	g.status == "not_applicable"
	g.message == "N: audit_log.destinations (why not)"
}

test_combine_precedence if {
	lib.combine({"error", "fail", "unknown", "not_applicable", "pass"}) == "error"
	lib.combine({"fail", "unknown", "not_applicable", "pass"}) == "fail"
	lib.combine({"unknown", "not_applicable", "pass"}) == "unknown"
	lib.combine({"not_applicable"}) == "not_applicable"
	lib.combine({"not_applicable", "pass"}) == "pass"
	lib.combine({"pass"}) == "pass"
	lib.combine({"error", "pass"}) == "error"
	lib.combine({"unknown"}) == "unknown"
}

test_combine_empty_is_undefined if {
	not lib.combine(set())
}

_messages := {
	"pass": "P",
	"fail": "F",
	"unknown": "U",
	"not_applicable": "N",
	"error": "E",
}

_check(fact, state, observed) := {
	"fact": fact,
	"pointer": concat("", ["/", fact]),
	"observed": observed,
	"expected": "x",
	"state": state,
}

_gapped(fact, state, reason) := object.union(_check(fact, state, null), {"gap": {"fact": fact, "reason": reason, "detail": "d"}})

test_finding_fail_closed_whole_object if {
	checks := [
		_check("b", "fail", 1),
		_gapped("a", "unknown", "permission_missing"),
		_check("c", "pass", 2),
		_check("d", "fail", "z"),
	]
	lib.finding({"id": "t/1"}, checks, _messages) == {
		"tool": "t/1",
		"resource": null,
		"status": "fail",
		"message": `F: b is 1, expected x; d is "z", expected x`,
		"observed": {"a": null, "b": 1, "c": 2, "d": "z"},
		"expected": {"a": "x", "b": "x", "c": "x", "d": "x"},
		"evidence": ["/a", "/b", "/c", "/d"],
		"gaps": [{"fact": "a", "reason": "permission_missing", "detail": "d"}],
	}
}

test_finding_error_message if {
	checks := [lib.missing_param(["a", "b"], "p"), _check("c", "fail", 1)]
	f := lib.finding({"id": "t/1"}, checks, _messages)
	f.status == "error"
	f.message == "E: parameter p is not set in the profile or config"
}

test_finding_unknown_message if {
	checks := [_gapped("a", "unknown", "not_supported"), _check("b", "pass", true)]
	f := lib.finding({"id": "t/1"}, checks, _messages)
	f.status == "unknown"
	f.message == "U: a unknown (not_supported: d)"
}

test_finding_not_applicable_only_when_all if {
	na := lib.finding({"id": "t/1"}, [_gapped("a", "not_applicable", "not_applicable")], _messages)
	na.status == "not_applicable"
	na.message == "N: a (d)"
	mixed := lib.finding({"id": "t/1"}, [_gapped("a", "not_applicable", "not_applicable"), _check("b", "pass", true)], _messages)
	mixed.status == "pass"
	mixed.message == "P"
	count(mixed.gaps) == 1
}

test_finding_without_checks_is_undefined if {
	not lib.finding({"id": "t/1"}, [], _messages)
}
