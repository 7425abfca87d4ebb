package auditready.policies.centralized_logging.failure_alert_test

import data.auditready.policies.centralized_logging.failure_alert
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "audit_log.failure_alert", observed, "true", gaps)

_eval(t) := got if {
	got := failure_alert.findings with input as testing.input_of([t])
}

_gap(reason) := {"fact": "audit_log.failure_alert", "reason": reason, "detail": concat("", ["test: ", reason])}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "An alert fires when audit logging stops", true, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "audit_log", "failure_alert", false)
	_eval(t) == {_expected("fail", "Nothing alerts when audit logging stops: audit_log.failure_alert is false, expected true", false, [])}
}

test_unknown if {
	t := testing.without_fact(testing.tool, "audit_log", "failure_alert", "not_collected")
	_eval(t) == {_expected(
		"unknown",
		"Alerting on audit logging failure could not be determined: audit_log.failure_alert unknown (not_collected: test: not_collected)",
		null, [_gap("not_collected")],
	)}
}

test_unknown_when_the_field_is_missing if {
	t := json.remove(testing.tool, ["audit_log/failure_alert"])
	f := testing.only(_eval(t))
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "audit_log", "failure_alert", "not_applicable")
	_eval(t) == {_expected(
		"not_applicable",
		"Alerting on audit logging failure does not apply: audit_log.failure_alert (test: not_applicable)",
		null, [_gap("not_applicable")],
	)}
}

test_one_finding_per_tool if {
	other := object.union(testing.tool, {"id": "jenkins/other"})
	count(failure_alert.findings) == 2 with input as testing.input_of([testing.tool, other])
}
