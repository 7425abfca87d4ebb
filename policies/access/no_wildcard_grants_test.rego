package auditready.policies.access.no_wildcard_grants_test

import data.auditready.policies.access.no_wildcard_grants
import data.auditready.testing

_grant := {"principal": "authenticated", "permission": "Overall/Administer", "scope": "global"}

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "access.wildcard_grants", observed, "[] (no wildcard grants)", gaps)

_eval(t) := got if {
	got := no_wildcard_grants.findings with input as testing.input_of([t])
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "No wildcard grants", [], [])}
}

test_fail_lists_the_grants if {
	t := testing.with_fact(testing.tool, "access", "wildcard_grants", [_grant])
	_eval(t) == {_expected(
		"fail",
		concat("", [
			"Wildcard grants found: access.wildcard_grants is ",
			`[{"permission":"Overall/Administer","principal":"authenticated","scope":"global"}], `,
			"expected [] (no wildcard grants)",
		]),
		[_grant], [],
	)}
}

test_fail_when_not_a_list if {
	t := testing.with_fact(testing.tool, "access", "wildcard_grants", "all")
	f := testing.only(_eval(t))
	f.status == "fail"
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "access", "wildcard_grants", "permission_missing")
	gap := {"fact": "access.wildcard_grants", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Wildcard grants could not be determined: access.wildcard_grants unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "access", "wildcard_grants", "not_applicable")
	gap := {"fact": "access.wildcard_grants", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Wildcard grants do not apply: access.wildcard_grants (test: not_applicable)",
		null, [gap],
	)}
}

test_no_tools_no_findings if {
	got := no_wildcard_grants.findings with input as testing.input_of([])
	got == set()
}
