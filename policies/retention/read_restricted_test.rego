package auditready.policies.retention.read_restricted_test

import data.auditready.policies.retention.read_restricted
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "audit_log.read_restricted", observed, "true", gaps)

_eval(t) := got if {
	got := read_restricted.findings with input as testing.input_of([t])
}

_gap(reason) := {"fact": "audit_log.read_restricted", "reason": reason, "detail": concat("", ["test: ", reason])}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Reading the audit log is limited to named roles", true, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "audit_log", "read_restricted", false)
	_eval(t) == {_expected("fail", "Anyone with access to the tool can read its audit log: audit_log.read_restricted is false, expected true", false, [])}
}

test_unknown if {
	t := testing.without_fact(testing.tool, "audit_log", "read_restricted", "not_collected")
	_eval(t) == {_expected(
		"unknown",
		"Read access to the audit log could not be determined: audit_log.read_restricted unknown (not_collected: test: not_collected)",
		null, [_gap("not_collected")],
	)}
}

test_unknown_when_the_field_is_missing if {
	t := json.remove(testing.tool, ["audit_log/read_restricted"])
	f := testing.only(_eval(t))
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "audit_log", "read_restricted", "not_applicable")
	_eval(t) == {_expected(
		"not_applicable",
		"Read access to the audit log does not apply: audit_log.read_restricted (test: not_applicable)",
		null, [_gap("not_applicable")],
	)}
}

test_one_finding_per_tool if {
	other := object.union(testing.tool, {"id": "jenkins/other"})
	count(read_restricted.findings) == 2 with input as testing.input_of([testing.tool, other])
}
