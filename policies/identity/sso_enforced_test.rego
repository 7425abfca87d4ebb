package auditready.policies.identity.sso_enforced_test

import data.auditready.policies.identity.sso_enforced
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "identity.sso_enforced", observed, "true", gaps)

test_pass if {
	got := sso_enforced.findings with input as testing.input_of([testing.tool])
	got == {_expected("pass", "SSO is enforced", true, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "identity", "sso_enforced", false)
	got := sso_enforced.findings with input as testing.input_of([t])
	got == {_expected("fail", "SSO is not enforced: identity.sso_enforced is false, expected true", false, [])}
}

test_fail_when_not_a_boolean if {
	t := testing.with_fact(testing.tool, "identity", "sso_enforced", "yes")
	got := sso_enforced.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "fail"
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "identity", "sso_enforced", "permission_missing")
	got := sso_enforced.findings with input as testing.input_of([t])
	gap := {"fact": "identity.sso_enforced", "reason": "permission_missing", "detail": "test: permission_missing"}
	got == {_expected(
		"unknown",
		"SSO enforcement could not be determined: identity.sso_enforced unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_unknown_when_null_without_gap if {
	t := testing.with_fact(testing.tool, "identity", "sso_enforced", null)
	got := sso_enforced.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "identity", "sso_enforced", "not_applicable")
	got := sso_enforced.findings with input as testing.input_of([t])
	gap := {"fact": "identity.sso_enforced", "reason": "not_applicable", "detail": "test: not_applicable"}
	got == {_expected(
		"not_applicable",
		"SSO enforcement does not apply: identity.sso_enforced (test: not_applicable)",
		null, [gap],
	)}
}

test_one_finding_per_tool if {
	other := object.union(testing.tool, {"id": "github/acme", "type": "github", "category": "source-control"})
	got := sso_enforced.findings with input as testing.input_of([testing.tool, other])
	{f.tool | some f in got} == {"jenkins/ci", "github/acme"}
}

test_no_tools_no_findings if {
	got := sso_enforced.findings with input as testing.input_of([])
	got == set()
}
