package auditready.policies.access.admin_limit_test

import data.auditready.policies.access.admin_limit
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "access.admin_count", observed, "<= 5 (max_admins)", gaps)

_eval(t) := got if {
	got := admin_limit.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Administrator count is within the limit", 2, [])}
}

test_pass_at_the_limit if {
	t := testing.with_fact(testing.tool, "access", "admin_count", 5)
	_eval(t) == {_expected("pass", "Administrator count is within the limit", 5, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "access", "admin_count", 7)
	_eval(t) == {_expected(
		"fail",
		"Too many administrators: access.admin_count is 7, expected <= 5 (max_admins)",
		7, [],
	)}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "access", "admin_count", "permission_missing")
	gap := {"fact": "access.admin_count", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Administrator count could not be determined: access.admin_count unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "access", "admin_count", "not_applicable")
	gap := {"fact": "access.admin_count", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Administrator limit does not apply: access.admin_count (test: not_applicable)",
		null, [gap],
	)}
}

test_error_when_param_missing if {
	got := admin_limit.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["max_admins"])
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "Administrator limit could not be evaluated: parameter max_admins is not set in the profile or config",
		"observed": {"access.admin_count": null},
		"expected": {"access.admin_count": "parameter max_admins"},
		"evidence": ["/access/admin_count"],
		"gaps": [],
	}}
}

test_no_tools_no_findings if {
	got := admin_limit.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}
