package auditready.policies.identity.mfa_not_bypassable_test

import data.auditready.policies.identity.mfa_not_bypassable
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "identity.mfa_exempt", observed, "count <= 0 (max_mfa_exempt)", gaps)

_eval(t) := got if {
	got := mfa_not_bypassable.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

_eval_params(t, params) := got if {
	got := mfa_not_bypassable.findings with input as testing.input_of([t])
		with data.auditready.params as params
}

_exempt(v) := testing.with_fact(testing.tool, "identity", "mfa_exempt", v)

test_pass if {
	_eval(testing.tool) == {_expected("pass", "MFA cannot be bypassed", [], [])}
}

test_fail_lists_the_exemptions if {
	_eval(_exempt(["API tokens", "recovery codes"])) == {_expected(
		"fail",
		`MFA can be bypassed: identity.mfa_exempt is ["API tokens","recovery codes"], expected count <= 0 (max_mfa_exempt)`,
		["API tokens", "recovery codes"], [],
	)}
}

test_fail_when_not_a_list if {
	f := testing.only(_eval(_exempt("API tokens")))
	f.status == "fail"
}

test_pass_within_a_raised_limit if {
	params := object.union(testing.params, {"max_mfa_exempt": 1})
	f := testing.only(_eval_params(_exempt(["auth/userpass"]), params))
	f.status == "pass"
	f.expected == {"identity.mfa_exempt": "count <= 1 (max_mfa_exempt)"}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "identity", "mfa_exempt", "permission_missing")
	gap := {"fact": "identity.mfa_exempt", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"MFA exemptions could not be determined: identity.mfa_exempt unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_unknown_when_field_missing if {
	t := json.remove(testing.tool, ["identity/mfa_exempt"])
	f := testing.only(_eval(t))
	f.status == "unknown"
	f.gaps == [{"fact": "identity.mfa_exempt", "reason": "not_collected", "detail": "no value and no recorded reason"}]
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "identity", "mfa_exempt", "not_applicable")
	gap := {"fact": "identity.mfa_exempt", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"MFA exemptions do not apply: identity.mfa_exempt (test: not_applicable)",
		null, [gap],
	)}
}

test_error_when_param_missing if {
	_eval_params(testing.tool, object.remove(testing.params, ["max_mfa_exempt"])) == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "MFA exemptions could not be evaluated: parameter max_mfa_exempt is not set in the profile or config",
		"observed": {"identity.mfa_exempt": null},
		"expected": {"identity.mfa_exempt": "parameter max_mfa_exempt"},
		"evidence": ["/identity/mfa_exempt"],
		"gaps": [],
	}}
}

test_error_when_param_not_a_number if {
	params := object.union(testing.params, {"max_mfa_exempt": "0"})
	f := testing.only(_eval_params(testing.tool, params))
	f.status == "error"
}

test_no_tools_no_findings if {
	got := mfa_not_bypassable.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}
