package auditready.policies.event_tracking.no_secret_values_test

import data.auditready.policies.event_tracking.no_secret_values
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "audit_log.records_secret_values", observed, "false", gaps)

_eval(t) := got if {
	got := no_secret_values.findings with input as testing.input_of([t])
}

_gap(reason) := {"fact": "audit_log.records_secret_values", "reason": reason, "detail": concat("", ["test: ", reason])}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "The audit log records no secret values", false, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "audit_log", "records_secret_values", true)
	_eval(t) == {_expected("fail", "The audit log records secret values in clear: audit_log.records_secret_values is true, expected false", true, [])}
}

test_unknown if {
	t := testing.without_fact(testing.tool, "audit_log", "records_secret_values", "not_collected")
	_eval(t) == {_expected(
		"unknown",
		"Whether the audit log records secret values could not be determined: audit_log.records_secret_values unknown (not_collected: test: not_collected)",
		null, [_gap("not_collected")],
	)}
}

test_unknown_when_the_field_is_missing if {
	t := json.remove(testing.tool, ["audit_log/records_secret_values"])
	f := testing.only(_eval(t))
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "audit_log", "records_secret_values", "not_applicable")
	_eval(t) == {_expected(
		"not_applicable",
		"Recording of secret values does not apply: audit_log.records_secret_values (test: not_applicable)",
		null, [_gap("not_applicable")],
	)}
}

# one finding per tool, whatever its type (a Kubernetes cluster as well as Jenkins)
test_one_finding_per_tool if {
	k8s := object.union(testing.tool, {"id": "kubernetes/prod", "type": "kubernetes", "category": "cluster"})
	got := no_secret_values.findings with input as testing.input_of([testing.tool, k8s])
	{f.tool | some f in got} == {"jenkins/ci", "kubernetes/prod"}
}
