package auditready.policies.identity.anonymous_access_test

import data.auditready.policies.identity.anonymous_access
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "identity.anonymous_access", observed, "false", gaps)

_eval(t) := got if {
	got := anonymous_access.findings with input as testing.input_of([t])
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Anonymous access is disabled", false, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "identity", "anonymous_access", true)
	_eval(t) == {_expected(
		"fail",
		"Anonymous access is allowed: identity.anonymous_access is true, expected false",
		true, [],
	)}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "identity", "anonymous_access", "permission_missing")
	gap := {"fact": "identity.anonymous_access", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Anonymous access could not be determined: identity.anonymous_access unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "identity", "anonymous_access", "not_applicable")
	gap := {"fact": "identity.anonymous_access", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Anonymous access does not apply: identity.anonymous_access (test: not_applicable)",
		null, [gap],
	)}
}

test_every_tool_in_scope if {
	other := object.union(testing.tool, {"id": "harbor/registry", "type": "harbor", "category": "registry"})
	got := anonymous_access.findings with input as testing.input_of([testing.tool, other])
	{f.tool | some f in got} == {"jenkins/ci", "harbor/registry"}
}

test_no_tools_no_findings if {
	got := anonymous_access.findings with input as testing.input_of([])
	got == set()
}
