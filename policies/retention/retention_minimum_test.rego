package auditready.policies.retention.retention_minimum_test

import data.auditready.policies.retention.retention_minimum
import data.auditready.testing

_total := ">= 365 (retention_days_min) or -1 (forever)"

_online := ">= 90 (retention_online_days_min) or -1 (forever)"

_expected(status, message, total, online, gaps) := testing.finding(
	status, message,
	{"audit_log.retention_days": total, "audit_log.retention_online_days": online},
	{"audit_log.retention_days": _total, "audit_log.retention_online_days": _online},
	gaps,
)

_retention(total, online) := testing.with_fact(
	testing.with_fact(testing.tool, "audit_log", "retention_days", total),
	"audit_log", "retention_online_days", online,
)

_eval(t) := got if {
	got := retention_minimum.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Audit log retention meets the minimum", 400, 120, [])}
}

test_pass_at_the_minimum if {
	_eval(_retention(365, 90)) == {_expected("pass", "Audit log retention meets the minimum", 365, 90, [])}
}

test_pass_when_kept_forever if {
	_eval(_retention(-1, -1)) == {_expected("pass", "Audit log retention meets the minimum", -1, -1, [])}
}

test_fail if {
	_eval(_retention(30, 120)) == {_expected(
		"fail",
		concat("", ["Audit log retention is too short: audit_log.retention_days is 30, expected ", _total]),
		30, 120, [],
	)}
}

test_fail_online_too_short if {
	_eval(_retention(-1, 7)) == {_expected(
		"fail",
		concat("", ["Audit log retention is too short: audit_log.retention_online_days is 7, expected ", _online]),
		-1, 7, [],
	)}
}

test_fail_other_negative_values if {
	f := testing.only(_eval(_retention(-2, 120)))
	f.status == "fail"
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "audit_log", "retention_days", "permission_missing")
	gap := {"fact": "audit_log.retention_days", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		concat("", [
			"Audit log retention could not be determined: ",
			"audit_log.retention_days unknown (permission_missing: test: permission_missing)",
		]),
		null, 120, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(
		testing.without_fact(testing.tool, "audit_log", "retention_days", "not_applicable"),
		"audit_log", "retention_online_days", "not_applicable",
	)
	gaps := [
		{"fact": "audit_log.retention_days", "reason": "not_applicable", "detail": "test: not_applicable"},
		{"fact": "audit_log.retention_online_days", "reason": "not_applicable", "detail": "test: not_applicable"},
	]
	_eval(t) == {_expected(
		"not_applicable",
		concat("", [
			"Audit log retention does not apply: ",
			"audit_log.retention_days (test: not_applicable); ",
			"audit_log.retention_online_days (test: not_applicable)",
		]),
		null, null, gaps,
	)}
}

test_error_when_param_missing if {
	got := retention_minimum.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["retention_days_min"])
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": concat("", [
			"Audit log retention could not be evaluated: ",
			"parameter retention_days_min is not set in the profile or config",
		]),
		"observed": {"audit_log.retention_days": null, "audit_log.retention_online_days": 120},
		"expected": {"audit_log.retention_days": "parameter retention_days_min", "audit_log.retention_online_days": _online},
		"evidence": ["/audit_log/retention_days", "/audit_log/retention_online_days"],
		"gaps": [],
	}}
}

test_error_when_param_not_a_number if {
	got := retention_minimum.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.union(testing.params, {"retention_online_days_min": "90"})
	f := testing.only(got)
	f.status == "error"
}

test_no_tools_no_findings if {
	got := retention_minimum.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}
