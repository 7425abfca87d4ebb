package auditready.policies.centralized_logging.central_destination_test

import data.auditready.policies.centralized_logging.central_destination
import data.auditready.testing

_local := {"name": "disk", "type": "local-file", "central": false}

_central := {"name": "splunk", "type": "splunk", "central": true}

_expected(status, message, observed, gaps) := testing.fact_finding(
	status,
	message,
	"audit_log.destinations",
	observed,
	"at least one central destination",
	gaps,
)

test_pass if {
	got := central_destination.findings with input as testing.input_of([testing.tool])
	got == {_expected("pass", "Audit log is shipped to a central store", [_central], [])}
}

test_pass_when_one_of_several_is_central if {
	t := testing.with_fact(testing.tool, "audit_log", "destinations", [_local, _central])
	got := central_destination.findings with input as testing.input_of([t])
	got == {_expected("pass", "Audit log is shipped to a central store", [_local, _central], [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "audit_log", "destinations", [_local])
	got := central_destination.findings with input as testing.input_of([t])
	got == {_expected(
		"fail",
		concat("", [
			"Audit log is not shipped to a central store: audit_log.destinations is ",
			`[{"central":false,"name":"disk","type":"local-file"}], expected at least one central destination`,
		]),
		[_local],
		[],
	)}
}

test_fail_when_no_destinations if {
	t := testing.with_fact(testing.tool, "audit_log", "destinations", [])
	got := central_destination.findings with input as testing.input_of([t])
	got == {_expected(
		"fail",
		"Audit log is not shipped to a central store: audit_log.destinations is [], expected at least one central destination",
		[],
		[],
	)}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "audit_log", "destinations", "permission_missing")
	got := central_destination.findings with input as testing.input_of([t])
	gap := {"fact": "audit_log.destinations", "reason": "permission_missing", "detail": "test: permission_missing"}
	got == {_expected(
		"unknown",
		concat("", [
			"Audit log destinations could not be determined: ",
			"audit_log.destinations unknown (permission_missing: test: permission_missing)",
		]),
		null,
		[gap],
	)}
}

test_unknown_when_null_without_gap if {
	t := testing.with_fact(testing.tool, "audit_log", "destinations", null)
	got := central_destination.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "audit_log", "destinations", "not_applicable")
	got := central_destination.findings with input as testing.input_of([t])
	gap := {"fact": "audit_log.destinations", "reason": "not_applicable", "detail": "test: not_applicable"}
	got == {_expected(
		"not_applicable",
		"Central audit log shipping does not apply: audit_log.destinations (test: not_applicable)",
		null,
		[gap],
	)}
}

test_no_tools_no_findings if {
	got := central_destination.findings with input as testing.input_of([])
	got == set()
}
