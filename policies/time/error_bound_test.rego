package auditready.policies.time.error_bound_test

import data.auditready.policies.time.error_bound
import data.auditready.testing

_bound_text := "<= 1000 (max_clock_offset_ms)"

_ntpsec := object.union(testing.tool, {"id": "ntpsec/ntp-1", "type": "ntpsec", "category": "time", "name": "ntp-1"})

_with(v) := testing.with_fact(_ntpsec, "time", "error_bound_ms", v)

_expected(status, message, synchronized, bound, gaps) := testing.finding_on(
	"ntpsec/ntp-1", status, message,
	{"time.synchronized": synchronized, "time.error_bound_ms": bound},
	{"time.synchronized": "true", "time.error_bound_ms": _bound_text},
	gaps,
)

_eval(t) := got if {
	got := error_bound.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

test_pass if {
	_eval(_with(62.6)) == {_expected("pass", "Clock error bound is within the limit", true, 62.6, [])}
}

test_pass_at_the_limit if {
	testing.only(_eval(_with(1000))).status == "pass"
}

test_fail_when_the_dispersion_is_large if {
	_eval(_with(1500)) == {_expected(
		"fail",
		concat("", ["Clock error bound is not within the limit: time.error_bound_ms is 1500, expected ", _bound_text]),
		true, 1500, [],
	)}
}

# ntpd starting up reports a dispersion of microseconds: without a synchronized reference the
# collector states no bound (not applicable), and the policy fails on the clock itself.
test_fail_when_unsynchronized_whatever_the_bound if {
	t := testing.without_fact(testing.with_fact(_ntpsec, "time", "synchronized", false), "time", "error_bound_ms", "not_applicable")
	_eval(t) == {_expected(
		"fail",
		"Clock error bound is not within the limit: time.synchronized is false, expected true",
		false, null, [testing.gap("time.error_bound_ms", "not_applicable")],
	)}
}

test_unknown_from_files_only if {
	t := testing.without_fact(_ntpsec, "time", "error_bound_ms", "not_collected")
	testing.only(_eval(t)).status == "unknown"
}

test_unknown_when_the_fact_is_absent if {
	t := object.union(_ntpsec, {"time": object.remove(_ntpsec.time, ["error_bound_ms"])})
	testing.only(_eval(t)).status == "unknown"
}

test_not_applicable if {
	t := testing.without_fact(testing.without_fact(_ntpsec, "time", "error_bound_ms", "not_applicable"), "time", "synchronized", "not_applicable")
	testing.only(_eval(t)).status == "not_applicable"
}

test_error_when_param_missing if {
	got := error_bound.findings with input as testing.input_of([_with(5)])
		with data.auditready.params as object.remove(testing.params, ["max_clock_offset_ms"])
	testing.only(got).status == "error"
}

test_other_tool_types_out_of_scope if {
	_eval(testing.with_fact(testing.tool, "time", "error_bound_ms", 5000)) == set()
}
