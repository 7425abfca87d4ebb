package auditready.policies.time.clock_synchronized_test

import data.auditready.policies.time.clock_synchronized
import data.auditready.testing

_sources := ["time1.example", "time2.example"]

_expected_texts := {
	"time.synchronized": "true",
	"time.sources": "count >= 2 (min_time_sources)",
	"time.offset_ms": "absolute value <= 1000 (max_clock_offset_ms)",
}

_expected(status, message, observed, gaps) := testing.finding(
	status,
	message,
	object.union({"time.synchronized": true, "time.sources": _sources, "time.offset_ms": 3.5}, observed),
	_expected_texts,
	gaps,
)

_gap(key, reason) := {"fact": concat(".", ["time", key]), "reason": reason, "detail": concat("", ["test: ", reason])}

_eval(t) := got if {
	got := clock_synchronized.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Clock is synchronized", {}, [])}
}

test_pass_with_negative_offset_within_bound if {
	t := testing.with_fact(testing.tool, "time", "offset_ms", -999)
	_eval(t) == {_expected("pass", "Clock is synchronized", {"time.offset_ms": -999}, [])}
}

test_fail if {
	t := testing.with_fact(testing.with_fact(testing.tool, "time", "offset_ms", -1500), "time", "sources", ["time1.example"])
	_eval(t) == {_expected(
		"fail",
		concat("", [
			"Clock is not synchronized adequately: ",
			"time.offset_ms is -1500, expected absolute value <= 1000 (max_clock_offset_ms); ",
			`time.sources is ["time1.example"], expected count >= 2 (min_time_sources)`,
		]),
		{"time.offset_ms": -1500, "time.sources": ["time1.example"]},
		[],
	)}
}

test_fail_when_not_synchronized if {
	t := testing.with_fact(testing.tool, "time", "synchronized", false)
	_eval(t) == {_expected(
		"fail",
		"Clock is not synchronized adequately: time.synchronized is false, expected true",
		{"time.synchronized": false},
		[],
	)}
}

test_fail_when_no_sources if {
	t := testing.with_fact(testing.tool, "time", "sources", [])
	f := testing.only(_eval(t))
	f.status == "fail"
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "time", "offset_ms", "permission_missing")
	_eval(t) == {_expected(
		"unknown",
		concat("", [
			"Clock synchronization could not be determined: ",
			"time.offset_ms unknown (permission_missing: test: permission_missing)",
		]),
		{"time.offset_ms": null},
		[_gap("offset_ms", "permission_missing")],
	)}
}

test_not_applicable_for_saas if {
	t := object.union(testing.tool, {
		"time": {
			"sync_daemon": "saas",
			"sources": null,
			"synchronized": null,
			"offset_ms": null,
			"timestamp_timezone": "UTC",
		},
		"gaps": [_gap(k, "not_applicable") | some k in ["synchronized", "sources", "offset_ms"]],
	})
	_eval(t) == {_expected(
		"not_applicable",
		concat("", [
			"Clock synchronization is managed by the platform: ",
			"time.offset_ms (test: not_applicable); ",
			"time.sources (test: not_applicable); ",
			"time.synchronized (test: not_applicable)",
		]),
		{"time.synchronized": null, "time.sources": null, "time.offset_ms": null},
		[_gap(k, "not_applicable") | some k in ["synchronized", "sources", "offset_ms"]],
	)}
}

test_error_when_param_missing if {
	got := clock_synchronized.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["max_clock_offset_ms"])
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": concat("", [
			"Clock synchronization could not be evaluated: ",
			"parameter max_clock_offset_ms is not set in the profile or config",
		]),
		"observed": {"time.synchronized": true, "time.sources": _sources, "time.offset_ms": null},
		"expected": object.union(_expected_texts, {"time.offset_ms": "parameter max_clock_offset_ms"}),
		"evidence": ["/time/offset_ms", "/time/sources", "/time/synchronized"],
		"gaps": [],
	}}
}

test_error_when_min_sources_missing if {
	got := clock_synchronized.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["min_time_sources"])
	f := testing.only(got)
	f.status == "error"
}

test_no_tools_no_findings if {
	got := clock_synchronized.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}

test_designated_sources_only_when_listed if {
	params := object.union(testing.params, {"designated_time_sources": ["time1.example", "time2.example", "time3.example"]})
	got := clock_synchronized.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as params
	f := testing.only(got)
	f.status == "pass"
	f.expected["time.sources"] == `count >= 2 (min_time_sources), every one in ["time1.example","time2.example","time3.example"] (designated_time_sources)`
	pool := testing.with_fact(testing.tool, "time", "sources", ["time1.example", "2.debian.pool.ntp.org"])
	got2 := clock_synchronized.findings with input as testing.input_of([pool])
		with data.auditready.params as params
	g := testing.only(got2)
	g.status == "fail"

	# the same public pool passes when the profile designates no servers
	h := testing.only(_eval(pool))
	h.status == "pass"
}

test_error_when_designated_param_missing if {
	got := clock_synchronized.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["designated_time_sources"])
	f := testing.only(got)
	f.status == "error"
	f.message == "Clock synchronization could not be evaluated: parameter designated_time_sources is not set in the profile or config"
}
