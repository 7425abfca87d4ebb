package auditready.policies.access.default_permission_test

import data.auditready.policies.access.default_permission
import data.auditready.testing

_allowed := `one of ["none","read"] (allowed_default_permissions)`

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "access.default_permission", observed, _allowed, gaps)

_eval(t) := got if {
	got := default_permission.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Default permission is restrictive", "read", [])}
}

test_pass_none if {
	t := testing.with_fact(testing.tool, "access", "default_permission", "none")
	_eval(t) == {_expected("pass", "Default permission is restrictive", "none", [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "access", "default_permission", "write")
	_eval(t) == {_expected(
		"fail",
		concat("", [`Default permission is too broad: access.default_permission is "write", expected `, _allowed]),
		"write", [],
	)}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "access", "default_permission", "permission_missing")
	gap := {"fact": "access.default_permission", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		concat("", [
			"Default permission could not be determined: ",
			"access.default_permission unknown (permission_missing: test: permission_missing)",
		]),
		null, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "access", "default_permission", "not_applicable")
	gap := {"fact": "access.default_permission", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Default permission does not apply: access.default_permission (test: not_applicable)",
		null, [gap],
	)}
}

test_error_when_param_missing if {
	got := default_permission.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["allowed_default_permissions"])
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": concat("", [
			"Default permission could not be evaluated: ",
			"parameter allowed_default_permissions is not set in the profile or config",
		]),
		"observed": {"access.default_permission": null},
		"expected": {"access.default_permission": "parameter allowed_default_permissions"},
		"evidence": ["/access/default_permission"],
		"gaps": [],
	}}
}

test_error_when_param_not_an_array if {
	got := default_permission.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.union(testing.params, {"allowed_default_permissions": "read"})
	f := testing.only(got)
	f.status == "error"
}

test_no_tools_no_findings if {
	got := default_permission.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}
