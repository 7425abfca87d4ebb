package auditready.policies.retention.audit_log_rotation_test

import data.auditready.policies.retention.audit_log_rotation
import data.auditready.testing

_cis := {"max_size_mb": 100, "max_files": 10, "max_age_days": 30}

_params := object.union(object.remove(testing.params, ["audit_log_rotation_min"]), {"audit_log_rotation_min": {"kubernetes": _cis}})

_k8s_expected := "max_size_mb >= 100, max_files >= 10 or -1, max_age_days >= 30 or -1 (audit_log_rotation_min.kubernetes)"

_k8s(rotation) := json.patch(
	object.union(testing.tool, {"id": "kubernetes/prod", "type": "kubernetes", "category": "cluster"}),
	[{"op": "replace", "path": "/audit_log/rotation", "value": rotation}],
)

_expected(status, message, observed, expected, gaps) := testing.finding_on(
	"kubernetes/prod",
	status,
	message,
	{"audit_log.rotation": observed},
	{"audit_log.rotation": expected},
	gaps,
)

_eval(t, params) := got if {
	got := audit_log_rotation.findings with input as testing.input_of([t])
		with data.auditready.params as params
}

test_pass_at_the_cis_minimums if {
	_eval(_k8s(_cis), _params) == {_expected("pass", "Audit log files are rotated and kept as required", _cis, _k8s_expected, [])}
}

test_pass_unlimited_files_and_age if {
	r := {"max_size_mb": 200, "max_files": -1, "max_age_days": -1}
	_eval(_k8s(r), _params) == {_expected("pass", "Audit log files are rotated and kept as required", r, _k8s_expected, [])}
}

test_fail_names_each_short_setting if {
	r := {"max_size_mb": 100, "max_files": 5, "max_age_days": 7}
	_eval(_k8s(r), _params) == {_expected(
		"fail",
		concat("", [
			"Audit log files are not rotated or kept enough (max_age_days 7, below 30; max_files 5, below 10): ",
			`audit_log.rotation is {"max_age_days":7,"max_files":5,"max_size_mb":100}, expected `, _k8s_expected,
		]),
		r, _k8s_expected, [],
	)}
}

test_fail_never_rotated if {
	r := {"max_size_mb": 0, "max_files": -1, "max_age_days": -1}
	got := _eval(_k8s(r), _params)
	some f in got
	f.status == "fail"
	startswith(f.message, "Audit log files are not rotated or kept enough (max_size_mb 0 (never rotated), below 100)")
}

test_unknown if {
	t := testing.without_fact(_k8s(_cis), "audit_log", "rotation", "not_collected")
	gap := {"fact": "audit_log.rotation", "reason": "not_collected", "detail": "test: not_collected"}
	_eval(t, _params) == {_expected(
		"unknown",
		"Audit log rotation could not be determined: audit_log.rotation unknown (not_collected: test: not_collected)",
		null, _k8s_expected, [gap],
	)}
}

test_not_applicable_without_a_local_file if {
	t := testing.without_fact(_k8s(_cis), "audit_log", "rotation", "not_applicable")
	gap := {"fact": "audit_log.rotation", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t, _params) == {_expected(
		"not_applicable",
		"Audit log rotation does not apply: audit_log.rotation (test: not_applicable)",
		null, _k8s_expected, [gap],
	)}
}

test_not_applicable_for_a_type_not_listed if {
	got := audit_log_rotation.findings with input as testing.input_of([testing.tool]) with data.auditready.params as _params
	some f in got
	f.tool == "jenkins/ci"
	f.status == "not_applicable"
	f.gaps == [{
		"fact": "audit_log.rotation", "reason": "not_applicable",
		"detail": "audit_log_rotation_min lists no rotation minimum for tool type jenkins",
	}]
}

test_missing_parameter_is_an_error if {
	got := _eval(_k8s(_cis), object.remove(testing.params, ["audit_log_rotation_min"]))
	some f in got
	f.status == "error"
	f.message == "Audit log rotation could not be evaluated: parameter audit_log_rotation_min is not set in the profile or config"
}

test_malformed_parameter_is_an_error if {
	got := _eval(
		_k8s(_cis),
		object.union(object.remove(testing.params, ["audit_log_rotation_min"]), {"audit_log_rotation_min": {"kubernetes": {"max_files": "10"}}}),
	)
	some f in got
	f.status == "error"
	contains(f.message, "must have numbers for max_size_mb, max_files and max_age_days")
}

test_parameter_not_an_object_is_an_error if {
	params := object.union(testing.params, {"audit_log_rotation_min": [100, 10, 30]})
	got := _eval(_k8s(_cis), params)
	some f in got
	f.status == "error"
}

test_fail_rotation_not_an_object if {
	got := _eval(_k8s("daily"), _params)
	some f in got
	f.status == "fail"
	f.message == concat("", [
		`Audit log files are not rotated or kept enough: audit_log.rotation is "daily", expected `,
		"max_size_mb >= 100, max_files >= 10 or -1, max_age_days >= 30 or -1 (audit_log_rotation_min.kubernetes)",
	])
}

test_fail_setting_missing if {
	got := _eval(_k8s({"max_size_mb": 100, "max_files": 10}), _params)
	some f in got
	f.status == "fail"
	startswith(f.message, "Audit log files are not rotated or kept enough (max_age_days null, not a number)")
}
