package auditready.policies.identity.mfa_required_test

import data.auditready.policies.identity.mfa_required
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "identity.mfa_required", observed, "true", gaps)

test_pass if {
	got := mfa_required.findings with input as testing.input_of([testing.tool])
	got == {_expected("pass", "MFA is required", true, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "identity", "mfa_required", false)
	got := mfa_required.findings with input as testing.input_of([t])
	got == {_expected("fail", "MFA is not required: identity.mfa_required is false, expected true", false, [])}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "identity", "mfa_required", "permission_missing")
	got := mfa_required.findings with input as testing.input_of([t])
	gap := {"fact": "identity.mfa_required", "reason": "permission_missing", "detail": "test: permission_missing"}
	got == {_expected(
		"unknown",
		"MFA requirement could not be determined: identity.mfa_required unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_unknown_when_null_without_gap if {
	t := testing.with_fact(testing.tool, "identity", "mfa_required", null)
	got := mfa_required.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_unknown_when_field_missing if {
	t := json.remove(testing.tool, ["identity/mfa_required"])
	got := mfa_required.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "unknown"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "identity", "mfa_required", "not_applicable")
	got := mfa_required.findings with input as testing.input_of([t])
	gap := {"fact": "identity.mfa_required", "reason": "not_applicable", "detail": "test: not_applicable"}
	got == {_expected(
		"not_applicable",
		"MFA does not apply: identity.mfa_required (test: not_applicable)",
		null, [gap],
	)}
}

test_no_tools_no_findings if {
	got := mfa_required.findings with input as testing.input_of([])
	got == set()
}
