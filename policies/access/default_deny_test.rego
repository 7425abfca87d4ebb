package auditready.policies.access.default_deny_test

import data.auditready.policies.access.default_deny
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "access.default_permission", observed, `"none"`, gaps)

_eval(t) := got if {
	got := default_deny.findings with input as testing.input_of([t])
}

_default(p) := testing.with_fact(testing.tool, "access", "default_permission", p)

test_pass if {
	_eval(_default("none")) == {_expected("pass", "Access is denied by default", "none", [])}
}

test_fail_on_read if {
	# the compliant tool's "read" passes AR-ACC-002 but not deny-all
	_eval(testing.tool) == {_expected(
		"fail",
		`Access is not denied by default: access.default_permission is "read", expected "none"`,
		"read", [],
	)}
}

test_fail_on_write_and_admin if {
	every p in ["write", "admin"] {
		f := testing.only(_eval(_default(p)))
		f.status == "fail"
	}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "access", "default_permission", "permission_missing")
	gap := {"fact": "access.default_permission", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Default permission could not be determined: access.default_permission unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "access", "default_permission", "not_applicable")
	gap := {"fact": "access.default_permission", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Default deny does not apply: access.default_permission (test: not_applicable)",
		null, [gap],
	)}
}

test_no_tools_no_findings if {
	got := default_deny.findings with input as testing.input_of([])
	got == set()
}
