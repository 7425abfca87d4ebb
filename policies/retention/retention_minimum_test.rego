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

# --- retention per event class (audit_log.retention_by_class) ---------------------------------

_github(by_class) := testing.with_fact(testing.github, "audit_log", "retention_by_class", by_class)

_kept(total, online) := {"retention_days": total, "retention_online_days": online}

_github_params := object.union(testing.params, {"required_event_classes": {"github": ["web", "git"]}})

_eval_github(t) := got if {
	got := retention_minimum.findings with input as testing.input_of([t])
		with data.auditready.params as _github_params
}

_class_text := concat("", [
	`["git","web"] (required_event_classes.github) kept >= 365 (retention_days_min)`,
	" and >= 90 online (retention_online_days_min), or -1 (forever)",
])

test_class_retention_pass if {
	_eval_github(_github({"web": _kept(400, 120), "git": _kept(-1, -1)})) == {testing.finding_on(
		"github/acme", "pass", "Audit log retention meets the minimum",
		{
			"audit_log.retention_days": 400, "audit_log.retention_online_days": 120,
			"audit_log.retention_by_class": ["git: -1 days, -1 online", "web: 400 days, 120 online"],
		},
		{"audit_log.retention_days": _total, "audit_log.retention_online_days": _online, "audit_log.retention_by_class": _class_text},
		[],
	)}
}

test_class_retention_fail_when_a_required_class_is_kept_shorter if {
	by_class := {"web": _kept(400, 120), "git": _kept(7, 7)}
	f := testing.only(_eval_github(_github(by_class)))
	f.status == "fail"
	f.message == concat("", [
		"Audit log retention is too short: audit_log.retention_by_class is ",
		`["git: 7 days, 7 online","web: 400 days, 120 online"]`,
		", expected ", _class_text,
	])
}

test_class_retention_ignores_classes_not_required if {
	# "api" is kept 7 days but github requires only web and git
	by_class := {"web": _kept(400, 120), "git": _kept(400, 120), "api": _kept(7, 7)}
	f := testing.only(_eval_github(_github(by_class)))
	f.status == "pass"
}

test_class_retention_judges_every_class_when_the_type_is_not_listed if {
	# argocd is not in required_event_classes: every class it keeps is judged
	t := object.union(
		testing.with_fact(testing.tool, "audit_log", "retention_by_class", {"builds": _kept(400, 120), "auth": _kept(400, 30)}),
		{"id": "argocd/prod", "type": "argocd", "category": "cd"},
	)
	f := testing.only(_eval(t))
	f.status == "fail"
	f.expected["audit_log.retention_by_class"] == concat("", [
		"every class kept >= 365 (retention_days_min) and >= 90 online (retention_online_days_min), or -1 (forever)",
	])
}

test_class_retention_unknown if {
	t := testing.without_fact(testing.github, "audit_log", "retention_by_class", "not_collected")
	f := testing.only(_eval_github(t))
	f.status == "unknown"
	f.gaps == [{"fact": "audit_log.retention_by_class", "reason": "not_collected", "detail": "test: not_collected"}]
}

test_class_retention_not_applicable_with_the_rest if {
	t := testing.without_fact(
		testing.without_fact(
			testing.without_fact(testing.tool, "audit_log", "retention_days", "not_applicable"),
			"audit_log", "retention_online_days", "not_applicable",
		),
		"audit_log", "retention_by_class", "not_applicable",
	)
	f := testing.only(_eval(t))
	f.status == "not_applicable"
}

test_class_retention_missing_param if {
	t := _github({"web": _kept(400, 120), "git": _kept(400, 120)})
	got := retention_minimum.findings with input as testing.input_of([t])
		with data.auditready.params as object.remove(testing.params, ["required_event_classes"])
	f := testing.only(got)
	f.status == "error"
	contains(f.message, "parameter required_event_classes is not set")
}

test_class_retention_absent_is_not_judged if {
	# the tool does not say classes differ: only retention_days and retention_online_days are judged
	f := testing.only(_eval(testing.tool))
	object.keys(f.observed) == {"audit_log.retention_days", "audit_log.retention_online_days"}
}
