package auditready.policies.time.no_local_reference_test

import data.auditready.policies.time.no_local_reference
import data.auditready.testing

_chrony := object.union(testing.tool, {"id": "chrony/ntp-1", "type": "chrony", "category": "time", "name": "ntp-1"})

_with(v) := testing.with_fact(_chrony, "time", "local_reference", v)

_eval(t) := got if {
	got := no_local_reference.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

_one(t) := f if {
	[f] := [f | some f in _eval(t)]
}

test_pass if {
	f := _one(_with(false))
	f.status == "pass"
	f.observed == {"time.local_reference": false}
	f.expected == {"time.local_reference": "false"}
	f.evidence == ["/time/local_reference"]
}

test_fail_when_local_clock_is_the_reference if {
	f := _one(_with(true))
	f.status == "fail"
	f.message == "Time daemon uses the host's own clock as reference: time.local_reference is true, expected false"
}

test_unknown_when_not_collected if {
	t := testing.without_fact(_chrony, "time", "local_reference", "not_collected")
	f := _one(t)
	f.status == "unknown"
	f.gaps == [{"fact": "time.local_reference", "reason": "not_collected", "detail": "test: not_collected"}]
}

test_unknown_when_the_fact_is_absent if {
	# A facts file written before this optional fact existed: unknown, never pass.
	t := object.union(_chrony, {"time": object.remove(_chrony.time, ["local_reference"])})
	_one(t).status == "unknown"
}

test_not_applicable if {
	t := testing.without_fact(_chrony, "time", "local_reference", "not_applicable")
	_one(t).status == "not_applicable"
}

test_other_tool_types_out_of_scope if {
	_eval(testing.with_fact(testing.tool, "time", "local_reference", true)) == set()
}

test_no_params_needed if {
	got := no_local_reference.findings with input as testing.input_of([_with(false)])
		with data.auditready.params as {}
	[f] := [f | some f in got]
	f.status == "pass"
}
