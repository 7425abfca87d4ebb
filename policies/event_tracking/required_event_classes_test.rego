package auditready.policies.event_tracking.required_event_classes_test

import data.auditready.policies.event_tracking.required_event_classes
import data.auditready.testing

_jenkins := `includes ["builds","credentials","script-console"] (required_event_classes.jenkins)`

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "audit_log.event_classes", observed, _jenkins, gaps)

_eval(t) := got if {
	got := required_event_classes.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

_eval_params(t, params) := got if {
	got := required_event_classes.findings with input as testing.input_of([t])
		with data.auditready.params as params
}

_classes(v) := testing.with_fact(testing.tool, "audit_log", "event_classes", v)

_all := ["auth", "admin", "config", "builds", "credentials", "script-console"]

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Audit log records every required event class", _all, [])}
}

test_fail_names_the_missing_classes if {
	_eval(_classes(["builds", "configuration"])) == {_expected(
		"fail",
		concat("", [
			`Audit log does not record ["credentials","script-console"]: `,
			`audit_log.event_classes is ["builds","configuration"], expected `, _jenkins,
		]),
		["builds", "configuration"], [],
	)}
}

test_fail_when_empty if {
	f := testing.only(_eval(_classes([])))
	f.status == "fail"
	startswith(f.message, `Audit log does not record ["builds","credentials","script-console"]: `)
}

test_fail_when_not_a_list if {
	f := testing.only(_eval(_classes("builds")))
	f.status == "fail"
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "audit_log", "event_classes", "permission_missing")
	gap := {"fact": "audit_log.event_classes", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Audit log event classes could not be determined: audit_log.event_classes unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable_by_gap if {
	t := testing.without_fact(testing.tool, "audit_log", "event_classes", "not_applicable")
	gap := {"fact": "audit_log.event_classes", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Required event classes do not apply: audit_log.event_classes (test: not_applicable)",
		null, [gap],
	)}
}

test_not_applicable_when_type_not_listed if {
	t := object.union(testing.tool, {"id": "loki/central", "type": "loki", "category": "log-store"})
	detail := "required_event_classes lists no event classes for tool type loki"
	_eval(t) == {{
		"tool": "loki/central",
		"resource": null,
		"status": "not_applicable",
		"message": concat("", ["Required event classes do not apply: audit_log.event_classes (", detail, ")"]),
		"observed": {"audit_log.event_classes": _all},
		"expected": {"audit_log.event_classes": "no classes required for tool type loki (required_event_classes)"},
		"evidence": ["/audit_log/event_classes"],
		"gaps": [{"fact": "audit_log.event_classes", "reason": "not_applicable", "detail": detail}],
	}}
}

test_each_type_gets_its_own_classes if {
	vault := object.union(_classes(["auth", "secrets", "sys"]), {"id": "vault/prod", "type": "vault", "category": "secrets"})
	k8s := object.union(_classes(["secrets"]), {"id": "kubernetes/prod", "type": "kubernetes", "category": "cluster"})
	got := required_event_classes.findings with input as testing.input_of([testing.tool, vault, k8s])
		with data.auditready.params as testing.params
	{[f.tool, f.status] | some f in got} == {["jenkins/ci", "pass"], ["vault/prod", "pass"], ["kubernetes/prod", "fail"]}
}

test_error_when_param_missing if {
	_eval_params(testing.tool, object.remove(testing.params, ["required_event_classes"])) == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "Required event classes could not be evaluated: parameter required_event_classes is not set in the profile or config",
		"observed": {"audit_log.event_classes": null},
		"expected": {"audit_log.event_classes": "parameter required_event_classes"},
		"evidence": ["/audit_log/event_classes"],
		"gaps": [],
	}}
}

test_error_when_param_not_an_object if {
	params := object.union(testing.params, {"required_event_classes": ["builds"]})
	f := testing.only(_eval_params(testing.tool, params))
	f.status == "error"
	f.message == concat("", [
		"Required event classes could not be evaluated: ",
		"parameter required_event_classes must be an object from tool type to a list of event classes",
	])
}

test_error_when_type_entry_not_a_list if {
	every bad in ["builds", [1], {"a": "b"}] {
		params := object.union(testing.params, {"required_event_classes": {"jenkins": bad}})
		f := testing.only(_eval_params(testing.tool, params))
		f.status == "error"
		f.message == "Required event classes could not be evaluated: parameter required_event_classes.jenkins must be a list of event classes"
	}
}

test_error_even_when_fact_is_null if {
	t := testing.without_fact(testing.tool, "audit_log", "event_classes", "permission_missing")
	f := testing.only(_eval_params(t, {}))
	f.status == "error"
}

test_no_tools_no_findings if {
	_eval(testing.tool) != set()
	got := required_event_classes.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}
