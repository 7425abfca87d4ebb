package auditready.policies.event_tracking.no_secret_values_test

import data.auditready.policies.event_tracking.no_secret_values
import data.auditready.testing

_expected(status, message, observed, gaps) := {
	"tool": "jenkins/ci",
	"resource": null,
	"status": status,
	"message": message,
	"observed": {"audit_log.records_secret_values": observed},
	"expected": {"audit_log.records_secret_values": "false"},
	"evidence": ["/audit_log/records_secret_values"],
	"gaps": gaps,
}

_eval(t) := got if {
	got := no_secret_values.findings with input as testing.input_of([t])
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Audit log records no secret values", false, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "audit_log", "records_secret_values", true)
	_eval(t) == {_expected(
		"fail",
		"Audit log records secret values: audit_log.records_secret_values is true, expected false",
		true, [],
	)}
}

test_unknown if {
	t := testing.without_fact(testing.tool, "audit_log", "records_secret_values", "not_collected")
	gap := {"fact": "audit_log.records_secret_values", "reason": "not_collected", "detail": "test: not_collected"}
	_eval(t) == {_expected(
		"unknown",
		"Whether the audit log records secret values could not be determined: audit_log.records_secret_values unknown (not_collected: test: not_collected)",
		null, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "audit_log", "records_secret_values", "not_applicable")
	gap := {"fact": "audit_log.records_secret_values", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Secret values in the audit log do not apply: audit_log.records_secret_values (test: not_applicable)",
		null, [gap],
	)}
}

test_every_tool_in_scope if {
	k8s := object.union(testing.tool, {"id": "kubernetes/prod", "type": "kubernetes", "category": "cluster"})
	got := no_secret_values.findings with input as testing.input_of([testing.tool, k8s])
	{f.tool | some f in got} == {"jenkins/ci", "kubernetes/prod"}
}
