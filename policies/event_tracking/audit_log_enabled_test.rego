package auditready.policies.event_tracking.audit_log_enabled_test

import data.auditready.policies.event_tracking.audit_log_enabled
import data.auditready.testing

_expected(status, message, observed, gaps) := testing.fact_finding(status, message, "audit_log.enabled", observed, "true", gaps)

test_pass if {
	got := audit_log_enabled.findings with input as testing.input_of([testing.tool])
	got == {_expected("pass", "Audit log is enabled", true, [])}
}

test_fail if {
	t := testing.with_fact(testing.tool, "audit_log", "enabled", false)
	got := audit_log_enabled.findings with input as testing.input_of([t])
	got == {_expected("fail", "Audit log is disabled: audit_log.enabled is false, expected true", false, [])}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "audit_log", "enabled", "permission_missing")
	got := audit_log_enabled.findings with input as testing.input_of([t])
	gap := {"fact": "audit_log.enabled", "reason": "permission_missing", "detail": "test: permission_missing"}
	got == {_expected(
		"unknown",
		"Audit log state could not be determined: audit_log.enabled unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_unknown_when_null_without_gap if {
	t := testing.with_fact(testing.tool, "audit_log", "enabled", null)
	got := audit_log_enabled.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	t := testing.without_fact(testing.tool, "audit_log", "enabled", "not_applicable")
	got := audit_log_enabled.findings with input as testing.input_of([t])
	gap := {"fact": "audit_log.enabled", "reason": "not_applicable", "detail": "test: not_applicable"}
	got == {_expected(
		"not_applicable",
		"Audit log does not apply: audit_log.enabled (test: not_applicable)",
		null, [gap],
	)}
}

test_no_tools_no_findings if {
	got := audit_log_enabled.findings with input as testing.input_of([])
	got == set()
}
