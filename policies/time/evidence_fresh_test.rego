package auditready.policies.time.evidence_fresh_test

import data.auditready.policies.time.evidence_fresh
import data.auditready.testing

_want := "at most 24 hours (max_evidence_age_hours) before the run started (run.started_at) and not after collection ended (run.collected_by)"

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "source.collected_at", observed, _want, gaps)

_collected(at) := object.union(testing.tool, {"source": object.union(testing.tool.source, {"collected_at": at})})

_without_collected(reason) := object.union(_collected(null), {"gaps": [_gap(reason)]})

_gap(reason) := {"fact": "source.collected_at", "reason": reason, "detail": concat("", ["test: ", reason])}

_eval(t) := got if {
	got := evidence_fresh.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

_status(t) := s if {
	f := testing.only(_eval(t))
	s := f.status
}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Evidence is fresh", "2026-01-01T00:00:00Z", [])}
}

test_pass_at_the_limit if {
	_status(_collected("2025-12-31T12:00:00Z")) == "pass"
}

test_pass_at_as_of if {
	_status(_collected("2026-01-01T12:00:00Z")) == "pass"
}

test_pass_with_offset if {
	# 10:00+02:00 is 08:00Z
	_status(_collected("2026-01-01T10:00:00+02:00")) == "pass"
}

test_fail if {
	_eval(_collected("2025-12-30T00:00:00Z")) == {_expected(
		"fail",
		concat("", [`Evidence is stale or from the future: source.collected_at is "2025-12-30T00:00:00Z", expected `, _want]),
		"2025-12-30T00:00:00Z",
		[],
	)}
}

test_fail_just_over_the_limit if {
	_status(_collected("2025-12-31T11:59:59Z")) == "fail"
}

test_pass_when_collected_during_the_run if {
	_status(_collected("2026-01-01T12:00:30Z")) == "pass"
}

test_fail_when_after_collection_ended if {
	_status(_collected("2026-01-01T12:01:01Z")) == "fail"
}

test_fail_when_after_collection_ended_by_offset if {
	# 09:00-05:00 is 14:00Z
	_status(_collected("2026-01-01T09:00:00-05:00")) == "fail"
}

test_a_fixed_as_of_does_not_move_the_window if {
	# as_of set a year after the run (a fixed as_of): freshness still follows the run's start
	inp := object.union(testing.input_of([_collected("2025-12-01T00:00:00Z")]), {"as_of": "2025-12-01T12:00:00Z"})
	got := evidence_fresh.findings with input as inp
		with data.auditready.params as testing.params
	f := testing.only(got)
	f.status == "fail"
}

test_the_same_run_reproduces_later if {
	# re-evaluating with the recorded run start gives the same verdict whatever the wall clock says
	_status(_collected("2025-12-31T13:00:00Z")) == "pass"
}

test_unknown_when_permission_missing if {
	_eval(_without_collected("permission_missing")) == {_expected(
		"unknown",
		concat("", [
			"Evidence time could not be determined: ",
			"source.collected_at unknown (permission_missing: test: permission_missing)",
		]),
		null,
		[_gap("permission_missing")],
	)}
}

test_unknown_when_null_without_gap if {
	_status(_collected(null)) == "unknown"
}

test_not_applicable if {
	_eval(_without_collected("not_applicable")) == {_expected(
		"not_applicable",
		"Evidence freshness does not apply: source.collected_at (test: not_applicable)",
		null,
		[_gap("not_applicable")],
	)}
}

test_error_when_collected_at_unparseable if {
	_eval(_collected("yesterday")) == {_expected(
		"error",
		"Evidence freshness could not be evaluated: source.collected_at is not an RFC 3339 timestamp",
		"yesterday",
		[],
	)}
}

test_error_when_collected_at_not_a_string if {
	_status(_collected(1767225600)) == "error"
}

test_error_when_run_start_missing if {
	got := evidence_fresh.findings with input as {"as_of": testing.as_of, "tools": [testing.tool]}
		with data.auditready.params as testing.params
	f := testing.only(got)
	f.status == "error"
	f.message == "Evidence freshness could not be evaluated: input.run.started_at and collected_by are missing or not RFC 3339 timestamps"
	f.expected == {"source.collected_at": _want}
}

test_error_when_run_start_unparseable if {
	got := evidence_fresh.findings with input as {"run": {"started_at": "2026-13-45", "collected_by": testing.as_of}, "tools": [testing.tool]}
		with data.auditready.params as testing.params
	f := testing.only(got)
	f.status == "error"
}

test_error_when_param_missing if {
	got := evidence_fresh.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["max_evidence_age_hours"])
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": concat("", [
			"Evidence freshness could not be evaluated: ",
			"parameter max_evidence_age_hours is not set in the profile or config",
		]),
		"observed": {"source.collected_at": null},
		"expected": {"source.collected_at": "parameter max_evidence_age_hours"},
		"evidence": ["/source/collected_at"],
		"gaps": [],
	}}
}

test_no_tools_no_findings if {
	got := evidence_fresh.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}
