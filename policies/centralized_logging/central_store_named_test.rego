package auditready.policies.centralized_logging.central_store_named_test

import data.auditready.policies.centralized_logging.central_store_named
import data.auditready.testing

_expected_text := "every central destination names its store (store, or a non-empty endpoint)"

_by_store := {"name": "loki", "type": "loki", "central": true, "store": "loki/central"}

_by_endpoint := {"name": "syslog", "type": "syslog", "central": true, "endpoint": "tcp://siem.example:514"}

_unnamed := {"name": "splunk", "type": "splunk", "central": true}

_blank := {"name": "hec", "type": "splunk", "central": true, "endpoint": " ", "store": ""}

_local := {"name": "disk", "type": "local-file", "central": false}

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "audit_log.destinations", observed, _expected_text, gaps)

_eval(t) := got if {
	got := central_store_named.findings with input as testing.input_of([t])
}

_dests(ds) := testing.with_fact(testing.tool, "audit_log", "destinations", ds)

_status(ds) := s if {
	f := testing.only(_eval(_dests(ds)))
	s := f.status
}

test_pass_by_store_and_endpoint if {
	ds := [_local, _by_store, _by_endpoint]
	_eval(_dests(ds)) == {_expected("pass", "Every central destination names its store", ds, [])}
}

test_fail_names_the_unnamed if {
	ds := [_by_store, _unnamed, _blank]
	f := testing.only(_eval(_dests(ds)))
	f == _expected(
		"fail",
		concat("", [
			`Central destinations do not name their store: ["splunk","hec"]: audit_log.destinations is `,
			json.marshal(ds), ", expected ", _expected_text,
		]),
		ds, [],
	)
}

test_fail_on_the_compliant_fixture_destination if {
	# the testing tool's splunk destination names neither store nor endpoint
	_status([{"name": "splunk", "type": "splunk", "central": true}]) == "fail"
}

test_fail_when_not_a_list if {
	_status("splunk") == "fail"
}

test_not_applicable_without_central_destination if {
	detail := "no central destination; AR-CLG-001 reports that"
	_eval(_dests([_local])) == {_expected(
		"not_applicable",
		concat("", ["Naming the central store does not apply: audit_log.destinations (", detail, ")"]),
		[_local],
		[{"fact": "audit_log.destinations", "reason": "not_applicable", "detail": detail}],
	)}
	_status([]) == "not_applicable"
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "audit_log", "destinations", "permission_missing")
	gap := {"fact": "audit_log.destinations", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {_expected(
		"unknown",
		"Audit log destinations could not be determined: audit_log.destinations unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable_by_gap if {
	t := testing.without_fact(testing.tool, "audit_log", "destinations", "not_applicable")
	gap := {"fact": "audit_log.destinations", "reason": "not_applicable", "detail": "test: not_applicable"}
	_eval(t) == {_expected(
		"not_applicable",
		"Naming the central store does not apply: audit_log.destinations (test: not_applicable)",
		null, [gap],
	)}
}

test_no_tools_no_findings if {
	got := central_store_named.findings with input as testing.input_of([])
	got == set()
}
