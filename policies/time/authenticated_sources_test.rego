package auditready.policies.time.authenticated_sources_test

import data.auditready.policies.time.authenticated_sources
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "time.authenticated", observed, "true", gaps)

_eval(t) := got if {
	got := authenticated_sources.findings with input as testing.input_of([t])
}

_gap(reason) := {"fact": "time.authenticated", "reason": reason, "detail": concat("", ["test: ", reason])}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Time sources are authenticated", true, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "time", "authenticated", false)
	_eval(t) == {_expected("fail", "Time sources are not authenticated: time.authenticated is false, expected true", false, [])}
}

test_unknown if {
	t := testing.without_fact(testing.tool, "time", "authenticated", "not_collected")
	_eval(t) == {_expected(
		"unknown",
		"Authentication of time sources could not be determined: time.authenticated unknown (not_collected: test: not_collected)",
		null, [_gap("not_collected")],
	)}
}

test_unknown_when_the_field_is_missing if {
	t := json.remove(testing.tool, ["time/authenticated"])
	f := testing.only(_eval(t))
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "time", "authenticated", "not_applicable")
	_eval(t) == {_expected(
		"not_applicable",
		"Authentication of time sources does not apply: time.authenticated (test: not_applicable)",
		null, [_gap("not_applicable")],
	)}
}

test_one_finding_per_tool if {
	other := object.union(testing.tool, {"id": "jenkins/other"})
	count(authenticated_sources.findings) == 2 with input as testing.input_of([testing.tool, other])
}
