package auditready.policies.event_tracking.audit_record_fields_test

import data.auditready.policies.event_tracking.audit_record_fields
import data.auditready.testing

_names := ["actor", "action", "time", "target", "source_ip", "result"]

_with_field(t, f, v) := testing.with_fact(t, "audit_log", "fields", object.union(t.audit_log.fields, {f: v}))

_without_field(t, f, reason) := object.union(_with_field(t, f, null), {"gaps": array.concat(t.gaps, [_gap(f, reason)])})

_gap(f, reason) := {
	"fact": concat(".", ["audit_log.fields", f]),
	"reason": reason,
	"detail": concat("", ["test: ", reason]),
}

_expected(status, message, observed, gaps) := testing.finding(
	status, message, object.union(
		{concat(".", ["audit_log.fields", f]): true | some f in _names},
		{concat(".", ["audit_log.fields", f]): v | some f, v in observed},
	),
	{concat(".", ["audit_log.fields", f]): "true" | some f in _names}, gaps,
)

test_pass if {
	got := audit_record_fields.findings with input as testing.input_of([testing.tool])
	got == {_expected("pass", "Audit records carry every required field", {}, [])}
}

test_fail if {
	t := _with_field(_with_field(testing.tool, "source_ip", false), "result", false)
	got := audit_record_fields.findings with input as testing.input_of([t])
	got == {_expected(
		"fail",
		concat("", [
			"Audit records lack required fields: ",
			"audit_log.fields.result is false, expected true; ",
			"audit_log.fields.source_ip is false, expected true",
		]),
		{"source_ip": false, "result": false},
		[],
	)}
}

test_unknown_when_permission_missing if {
	t := _without_field(testing.tool, "source_ip", "permission_missing")
	got := audit_record_fields.findings with input as testing.input_of([t])
	got == {_expected(
		"unknown",
		concat("", [
			"Audit record fields could not be determined: ",
			"audit_log.fields.source_ip unknown (permission_missing: test: permission_missing)",
		]),
		{"source_ip": null},
		[_gap("source_ip", "permission_missing")],
	)}
}

test_fail_beats_unknown if {
	t := _with_field(_without_field(testing.tool, "source_ip", "not_supported"), "result", false)
	got := audit_record_fields.findings with input as testing.input_of([t])
	got == {_expected(
		"fail",
		"Audit records lack required fields: audit_log.fields.result is false, expected true",
		{"source_ip": null, "result": false},
		[_gap("source_ip", "not_supported")],
	)}
}

test_fail_when_target_not_recorded if {
	t := _with_field(testing.tool, "target", false)
	got := audit_record_fields.findings with input as testing.input_of([t])
	got == {_expected(
		"fail",
		"Audit records lack required fields: audit_log.fields.target is false, expected true",
		{"target": false},
		[],
	)}
}

test_unknown_when_target_missing if {
	t := json.remove(testing.tool, ["audit_log/fields/target"])
	got := audit_record_fields.findings with input as testing.input_of([t])
	got == {_expected(
		"unknown",
		concat("", [
			"Audit record fields could not be determined: ",
			"audit_log.fields.target unknown (not_collected: no value and no recorded reason)",
		]),
		{"target": null},
		[{"fact": "audit_log.fields.target", "reason": "not_collected", "detail": "no value and no recorded reason"}],
	)}
}

test_pass_with_one_field_not_applicable if {
	t := _without_field(testing.tool, "source_ip", "not_applicable")
	got := audit_record_fields.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "pass"
	f.gaps == [_gap("source_ip", "not_applicable")]
}

test_not_applicable if {
	t := object.union(
		testing.with_fact(testing.tool, "audit_log", "fields", {f: null | some f in _names}),
		{"gaps": [_gap(f, "not_applicable") | some f in _names]},
	)
	got := audit_record_fields.findings with input as testing.input_of([t])
	got == {_expected(
		"not_applicable",
		concat("", [
			"Audit record fields do not apply: ",
			"audit_log.fields.action (test: not_applicable); ",
			"audit_log.fields.actor (test: not_applicable); ",
			"audit_log.fields.result (test: not_applicable); ",
			"audit_log.fields.source_ip (test: not_applicable); ",
			"audit_log.fields.target (test: not_applicable); ",
			"audit_log.fields.time (test: not_applicable)",
		]),
		{f: null | some f in _names},
		[_gap(f, "not_applicable") | some f in _names],
	)}
}

test_no_tools_no_findings if {
	got := audit_record_fields.findings with input as testing.input_of([])
	got == set()
}
