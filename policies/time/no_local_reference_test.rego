package auditready.policies.time.no_local_reference_test

import data.auditready.policies.time.no_local_reference
import data.auditready.testing

_fact := "time.local_reference"

_chrony := object.union(testing.tool, {"id": "chrony/ntp-1", "type": "chrony", "category": "time", "name": "ntp-1"})

_with(v) := testing.with_fact(_chrony, "time", "local_reference", v)

_expected(status, message, observed, gaps) := testing.finding_on("chrony/ntp-1", status, message, {_fact: observed}, {_fact: "false"}, gaps)

_eval(t) := got if {
	got := no_local_reference.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

test_pass if {
	_eval(_with(false)) == {_expected("pass", "Time daemon follows an upstream source", false, [])}
}

test_fail_when_local_clock_is_the_reference if {
	_eval(_with(true)) == {_expected(
		"fail",
		"Time daemon uses the host's own clock as reference: time.local_reference is true, expected false",
		true, [],
	)}
}

test_unknown_when_not_collected if {
	t := testing.without_fact(_chrony, "time", "local_reference", "not_collected")
	_eval(t) == {_expected(
		"unknown",
		"Time daemon's reference could not be determined: time.local_reference unknown (not_collected: test: not_collected)",
		null, [testing.gap(_fact, "not_collected")],
	)}
}

test_unknown_when_the_fact_is_absent if {
	# A facts file written before this optional fact existed: unknown, never pass.
	t := object.union(_chrony, {"time": object.remove(_chrony.time, ["local_reference"])})
	testing.only(_eval(t)).status == "unknown"
}

test_not_applicable if {
	t := testing.without_fact(_chrony, "time", "local_reference", "not_applicable")
	testing.only(_eval(t)).status == "not_applicable"
}

test_other_tool_types_out_of_scope if {
	_eval(testing.with_fact(testing.tool, "time", "local_reference", true)) == set()
}

test_no_params_needed if {
	got := no_local_reference.findings with input as testing.input_of([_with(false)])
		with data.auditready.params as {}
	testing.only(got).status == "pass"
}
