package auditready.policies.event_tracking.event_levels_test

import data.auditready.policies.event_tracking.event_levels
import data.auditready.testing

_jenkins := "at least credentials: Metadata, script-console: Request (required_event_levels.jenkins); levels ordered by audit_level_order"

_levels := {"builds": "Metadata", "credentials": "Metadata", "script-console": "RequestResponse"}

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "audit_log.event_levels", observed, _jenkins, gaps)

_error(message, expected) := testing.fact_finding("error", message, "audit_log.event_levels", _levels, expected, [])

_eval(t) := got if {
	got := event_levels.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

_eval_params(t, params) := got if {
	got := event_levels.findings with input as testing.input_of([t])
		with data.auditready.params as params
}

# replaces the whole object (testing.with_fact would merge it into the compliant levels)
_with_levels(v) := json.patch(testing.tool, [{"op": "replace", "path": "/audit_log/event_levels", "value": v}])

_k8s(levels) := object.union(_with_levels(levels), {"id": "kubernetes/prod", "type": "kubernetes", "category": "cluster"})

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Audit log records every event class within its required levels", _levels, [])}
}

test_fail_names_missing_and_low_classes if {
	levels := {"builds": "Metadata", "credentials": "None"}
	_eval(_with_levels(levels)) == {_expected(
		"fail",
		concat("", [
			"Audit log levels are out of range (credentials at None, below Metadata; script-console not recorded): ",
			`audit_log.event_levels is {"builds":"Metadata","credentials":"None"}, expected `, _jenkins,
		]),
		levels, [],
	)}
}

test_fail_when_level_not_in_the_order if {
	levels := {"credentials": "Verbose", "script-console": 3}
	f := testing.only(_eval(_with_levels(levels)))
	f.status == "fail"
	startswith(f.message, concat("", [
		"Audit log levels are out of range (",
		"credentials at Verbose, not a level in audit_level_order; ",
		"script-console at 3, not a level in audit_level_order): ",
	]))
}

test_fail_when_empty_or_not_an_object if {
	f := testing.only(_eval(_with_levels({})))
	f.status == "fail"
	startswith(f.message, "Audit log levels are out of range (credentials not recorded; script-console not recorded): ")
	every v in ["Metadata", ["credentials"]] {
		g := testing.only(_eval(_with_levels(v)))
		g.status == "fail"
		startswith(g.message, "Audit log levels are out of range (audit_log.event_levels is not an object of class to level): ")
	}
}

_without_levels := object.remove(testing.params, ["required_event_levels", "max_event_levels"])

_k8s_params := object.union(_without_levels, {
	"required_event_levels": {"kubernetes": {"rbac": "RequestResponse"}},
	"max_event_levels": {"kubernetes": {"secrets": "Metadata", "rbac": "RequestResponse"}},
})

test_fail_when_secrets_are_recorded_with_their_values if {
	levels := {"secrets": "RequestResponse", "rbac": "RequestResponse"}
	expected := concat("", [
		"at least rbac: RequestResponse (required_event_levels.kubernetes); ",
		"at most rbac: RequestResponse, secrets: Metadata (max_event_levels.kubernetes); ",
		"levels ordered by audit_level_order",
	])
	_eval_params(_k8s(levels), _k8s_params) == {{
		"tool": "kubernetes/prod",
		"resource": null,
		"status": "fail",
		"message": concat("", [
			"Audit log levels are out of range (secrets at RequestResponse, above Metadata): ",
			`audit_log.event_levels is {"rbac":"RequestResponse","secrets":"RequestResponse"}, expected `, expected,
		]),
		"observed": {"audit_log.event_levels": levels},
		"expected": {"audit_log.event_levels": expected},
		"evidence": ["/audit_log/event_levels"],
		"gaps": [],
	}}
}

test_secrets_at_request_fail_and_at_metadata_or_unrecorded_pass if {
	f := testing.only(_eval_params(_k8s({"secrets": "Request", "rbac": "RequestResponse"}), _k8s_params))
	f.status == "fail"
	every levels in [{"secrets": "Metadata", "rbac": "RequestResponse"}, {"rbac": "RequestResponse"}] {
		g := testing.only(_eval_params(_k8s(levels), _k8s_params))
		g.status == "pass"
	}
}

test_a_maximum_alone_applies if {
	params := object.union(_without_levels, {"required_event_levels": {}, "max_event_levels": {"kubernetes": {"secrets": "Metadata"}}})
	f := testing.only(_eval_params(_k8s({"secrets": "Request"}), params))
	f.status == "fail"
	g := testing.only(_eval_params(_k8s({"secrets": "Metadata"}), params))
	g.status == "pass"
}

test_error_when_max_param_missing if {
	f := testing.only(_eval_params(testing.tool, object.remove(testing.params, ["max_event_levels"])))
	f.status == "error"
	f.message == "Required event levels could not be evaluated: parameter max_event_levels is not set in the profile or config"
}

test_kubernetes_baseline if {
	params := object.union(testing.params, {"required_event_levels": {"kubernetes": {"secrets": "Metadata", "rbac": "RequestResponse"}}})
	ok := _k8s({"secrets": "Metadata", "rbac": "RequestResponse", "pods": "None"})
	low := object.union(_k8s({"secrets": "Metadata", "rbac": "Metadata"}), {"id": "kubernetes/dev"})
	got := event_levels.findings with input as testing.input_of([ok, low])
		with data.auditready.params as params
	{[f.tool, f.status] | some f in got} == {["kubernetes/prod", "pass"], ["kubernetes/dev", "fail"]}
	[f] := [f | some f in got; f.tool == "kubernetes/dev"]
	startswith(f.message, "Audit log levels are out of range (rbac at Metadata, below RequestResponse): ")
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "audit_log", "event_levels", "permission_missing")
	gap := {"fact": "audit_log.event_levels", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Audit log event levels could not be determined: audit_log.event_levels unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_unknown_when_field_missing if {
	t := json.remove(testing.tool, ["audit_log/event_levels"])
	f := testing.only(_eval(t))
	f.status == "unknown"
	f.gaps == [{"fact": "audit_log.event_levels", "reason": "not_collected", "detail": "no value and no recorded reason"}]
}

test_not_applicable_by_gap if {
	t := testing.without_fact(testing.tool, "audit_log", "event_levels", "not_applicable")
	gap := {"fact": "audit_log.event_levels", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Required event levels do not apply: audit_log.event_levels (test: not_applicable)",
		null, [gap],
	)}
}

test_not_applicable_when_type_not_listed if {
	t := object.union(testing.tool, {"id": "vault/prod", "type": "vault", "category": "secrets"})
	detail := "required_event_levels and max_event_levels list no event levels for tool type vault"
	_eval(t) == {{
		"tool": "vault/prod",
		"resource": null,
		"status": "not_applicable",
		"message": concat("", ["Required event levels do not apply: audit_log.event_levels (", detail, ")"]),
		"observed": {"audit_log.event_levels": _levels},
		"expected": {"audit_log.event_levels": "no levels required for tool type vault (required_event_levels)"},
		"evidence": ["/audit_log/event_levels"],
		"gaps": [{"fact": "audit_log.event_levels", "reason": "not_applicable", "detail": detail}],
	}}
}

test_error_when_param_missing if {
	_eval_params(testing.tool, object.remove(testing.params, ["required_event_levels"])) == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "Required event levels could not be evaluated: parameter required_event_levels is not set in the profile or config",
		"observed": {"audit_log.event_levels": null},
		"expected": {"audit_log.event_levels": "parameter required_event_levels"},
		"evidence": ["/audit_log/event_levels"],
		"gaps": [],
	}}
}

test_error_when_order_missing if {
	f := testing.only(_eval_params(testing.tool, object.remove(testing.params, ["audit_level_order"])))
	f.status == "error"
	f.message == "Required event levels could not be evaluated: parameter audit_level_order is not set in the profile or config"
}

test_error_when_param_not_an_object if {
	params := object.union(testing.params, {"required_event_levels": ["secrets"]})
	_eval_params(testing.tool, params) == {_error(
		concat("", [
			"Required event levels could not be evaluated: parameter required_event_levels ",
			"must be an object from tool type to an object of event class to minimum level",
		]),
		"parameter required_event_levels",
	)}
}

test_error_when_order_invalid if {
	every bad in ["None", [], [1, 2], {"a": "b"}] {
		params := object.union(testing.params, {"audit_level_order": bad})
		f := testing.only(_eval_params(testing.tool, params))
		f.status == "error"
		f.message == "Required event levels could not be evaluated: parameter audit_level_order must be a non-empty list of level names, lowest first"
	}
}

test_error_when_type_entry_invalid if {
	every bad in [["credentials"], "Metadata", {"credentials": "Verbose"}, {"credentials": 1}] {
		params := object.union(testing.params, {"required_event_levels": {"jenkins": bad}})
		f := testing.only(_eval_params(testing.tool, params))
		f.status == "error"
		f.message == concat("", [
			"Required event levels could not be evaluated: parameters required_event_levels.jenkins ",
			"and max_event_levels.jenkins must map each event class to a level listed in audit_level_order",
		])
	}
}

test_error_even_when_fact_is_null if {
	t := testing.without_fact(testing.tool, "audit_log", "event_levels", "permission_missing")
	f := testing.only(_eval_params(t, {}))
	f.status == "error"
}

test_no_tools_no_findings if {
	_eval(testing.tool) != set()
	got := event_levels.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}
