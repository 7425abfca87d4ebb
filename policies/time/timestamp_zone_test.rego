package auditready.policies.time.timestamp_zone_test

import data.auditready.policies.time.timestamp_zone
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(
	status,
	message,
	"time.timestamp_timezone",
	observed,
	`UTC, an offset or a zone (not "none")`,
	gaps,
)

_eval(t) := got if {
	got := timestamp_zone.findings with input as testing.input_of([t])
}

_zone(v) := testing.with_fact(testing.tool, "time", "timestamp_timezone", v)

_status(v) := s if {
	f := testing.only(_eval(_zone(v)))
	s := f.status
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Log timestamps carry a time zone", "UTC", [])}
}

test_pass_offsets_and_zones if {
	every v in ["+02:00", "-0500", "Europe/Paris", "Z"] {
		_status(v) == "pass"
	}
}

test_fail if {
	_eval(_zone("none")) == {_expected(
		"fail",
		`Log timestamps carry no time zone: time.timestamp_timezone is "none", expected UTC, an offset or a zone (not "none")`,
		"none", [],
	)}
}

test_fail_variants if {
	every v in ["None", " none ", "", 0] {
		_status(v) == "fail"
	}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "time", "timestamp_timezone", "permission_missing")
	gap := {"fact": "time.timestamp_timezone", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Log timestamp zone could not be determined: time.timestamp_timezone unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "time", "timestamp_timezone", "not_applicable")
	gap := {"fact": "time.timestamp_timezone", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Log timestamp zone does not apply: time.timestamp_timezone (test: not_applicable)",
		null, [gap],
	)}
}

test_no_tools_no_findings if {
	got := timestamp_zone.findings with input as testing.input_of([])
	got == set()
}
