package auditready.policies.retention.deletion_protection_test

import data.auditready.policies.retention.deletion_protection
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "audit_log.immutable", observed, "true", gaps)

_eval(t) := got if {
	got := deletion_protection.findings with input as testing.input_of([t])
}

_gap(reason) := {"fact": "audit_log.immutable", "reason": reason, "detail": concat("", ["test: ", reason])}

test_pass if {
	_eval(testing.tool) == {_expected("pass", "Audit records cannot be modified or deleted", true, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "audit_log", "immutable", false)
	_eval(t) == {_expected("fail", "Audit records can be modified or deleted: audit_log.immutable is false, expected true", false, [])}
}

test_unknown if {
	t := testing.without_fact(testing.tool, "audit_log", "immutable", "not_collected")
	_eval(t) == {_expected(
		"unknown",
		"Immutability of the audit records could not be determined: audit_log.immutable unknown (not_collected: test: not_collected)",
		null, [_gap("not_collected")],
	)}
}

test_unknown_when_the_field_is_missing if {
	t := json.remove(testing.tool, ["audit_log/immutable"])
	f := testing.only(_eval(t))
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "audit_log", "immutable", "not_applicable")
	_eval(t) == {_expected(
		"not_applicable",
		"Immutability of the audit records does not apply: audit_log.immutable (test: not_applicable)",
		null, [_gap("not_applicable")],
	)}
}

test_one_finding_per_tool if {
	other := object.union(testing.tool, {"id": "jenkins/other"})
	count(deletion_protection.findings) == 2 with input as testing.input_of([testing.tool, other])
}
