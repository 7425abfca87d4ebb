package auditready.policies.identity.local_accounts_limited_test

import data.auditready.policies.identity.local_accounts_limited
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(
	status,
	message,
	"identity.local_accounts",
	observed,
	"count <= 2 (max_local_accounts)",
	gaps,
)

_eval(t) := got if {
	got := local_accounts_limited.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

_accounts(names) := testing.with_fact(testing.tool, "identity", "local_accounts", names)

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Local accounts are within the limit", ["break-glass"], [])}
}

test_pass_when_none if {
	_eval(_accounts([])) == {_expected("pass", "Local accounts are within the limit", [], [])}
}

test_pass_at_the_limit if {
	_eval(_accounts(["admin", "break-glass"])) == {_expected(
		"pass", "Local accounts are within the limit",
		["admin", "break-glass"], [],
	)}
}

test_fail_lists_the_accounts if {
	_eval(_accounts(["admin", "break-glass", "deploy"])) == {_expected(
		"fail",
		`Too many local accounts: identity.local_accounts is ["admin","break-glass","deploy"], expected count <= 2 (max_local_accounts)`,
		["admin", "break-glass", "deploy"], [],
	)}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "identity", "local_accounts", "permission_missing")
	gap := {"fact": "identity.local_accounts", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Local accounts could not be determined: identity.local_accounts unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "identity", "local_accounts", "not_applicable")
	gap := {"fact": "identity.local_accounts", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Local accounts do not apply: identity.local_accounts (test: not_applicable)",
		null, [gap],
	)}
}

test_error_when_param_missing if {
	got := local_accounts_limited.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["max_local_accounts"])
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "Local accounts could not be evaluated: parameter max_local_accounts is not set in the profile or config",
		"observed": {"identity.local_accounts": null},
		"expected": {"identity.local_accounts": "parameter max_local_accounts"},
		"evidence": ["/identity/local_accounts"],
		"gaps": [],
	}}
}

test_error_when_param_not_a_number if {
	got := local_accounts_limited.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.union(testing.params, {"max_local_accounts": "2"})
	f := testing.only(got)
	f.status == "error"
}

test_no_tools_no_findings if {
	got := local_accounts_limited.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}
