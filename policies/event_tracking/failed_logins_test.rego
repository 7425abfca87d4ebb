package auditready.policies.event_tracking.failed_logins_test

import data.auditready.policies.event_tracking.failed_logins
import data.auditready.testing

_want := `includes ["auth","login"] (failed_login_event_classes.jenkins)`

_finding(status, message, observed, expected, gaps) := testing.fact_finding(status, message, "audit_log.event_classes", observed, expected, gaps)

_eval_params(t, params) := got if {
	got := failed_logins.findings with input as testing.input_of([t])
		with data.auditready.params as params
}

_eval(t) := _eval_params(t, object.union(testing.params, {_name: {"jenkins": ["login", "auth"]}}))

_classes(v) := testing.with_fact(testing.tool, "audit_log", "event_classes", v)

test_pass if {
	_eval(_classes(["builds", "login", "auth"])) == {_finding("pass", "Audit log records failed sign-ins", ["builds", "login", "auth"], _want, [])}
}

test_fail_names_the_missing_class if {
	_eval(_classes(["builds", "auth"])) == {_finding(
		"fail",
		concat("", [
			`Audit log does not record failed sign-ins (missing ["login"]): `,
			`audit_log.event_classes is ["builds","auth"], expected `, _want,
		]),
		["builds", "auth"], _want, [],
	)}
}

test_unknown if {
	t := testing.without_fact(testing.tool, "audit_log", "event_classes", "permission_missing")
	gap := {"fact": "audit_log.event_classes", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_finding(
		"unknown",
		"Recording of failed sign-ins could not be determined: audit_log.event_classes unknown (permission_missing: test: permission_missing)",
		null, _want, [gap],
	)}
}

test_not_applicable_when_type_not_listed if {
	t := object.union(testing.tool, {"id": "loki/central", "type": "loki", "category": "log-store"})
	f := testing.only(_eval(t))
	f.status == "not_applicable"
	f.gaps == [{
		"fact": "audit_log.event_classes", "reason": "not_applicable",
		"detail": "failed_login_event_classes lists no event classes for tool type loki",
	}]
}

test_not_applicable_by_gap if {
	t := testing.without_fact(testing.tool, "audit_log", "event_classes", "not_applicable")
	f := testing.only(_eval(t))
	f.status == "not_applicable"
}

test_error_when_param_missing if {
	_eval_params(testing.tool, object.remove(testing.params, [_name])) == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "Recording of failed sign-ins could not be evaluated: parameter failed_login_event_classes is not set in the profile or config",
		"observed": {"audit_log.event_classes": null},
		"expected": {"audit_log.event_classes": "parameter failed_login_event_classes"},
		"evidence": ["/audit_log/event_classes"],
		"gaps": [],
	}}
}

_name := "failed_login_event_classes"

test_error_when_type_entry_not_a_list if {
	params := object.union(testing.params, {_name: {"jenkins": "login"}})
	f := testing.only(_eval_params(testing.tool, params))
	f.status == "error"
	f.message == "Recording of failed sign-ins could not be evaluated: parameter failed_login_event_classes.jenkins must be a list of event classes"
}
