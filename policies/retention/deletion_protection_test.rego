package auditready.policies.retention.deletion_protection_test

import data.auditready.policies.retention.deletion_protection
import data.auditready.testing

_imm := "true, or audit_log.backup true"

_bak := "true, or audit_log.immutable true"

_eval(t) := got if {
	got := deletion_protection.findings with input as testing.input_of([t])
}

_set(immutable, backup) := testing.with_fact(
	testing.with_fact(testing.tool, "audit_log", "immutable", immutable),
	"audit_log", "backup", backup,
)

_finding(status, message, observed, expected, gaps) := {
	"tool": "jenkins/ci",
	"resource": null,
	"status": status,
	"message": message,
	"observed": observed,
	"expected": expected,
	"evidence": sort([concat("", ["/", replace(k, ".", "/")]) | some k, _ in observed]),
	"gaps": gaps,
}

_gap(key, reason) := {"fact": concat("", ["audit_log.", key]), "reason": reason, "detail": concat("", ["test: ", reason])}

_status(t) := s if {
	[f] := [f | some f in _eval(t)]
	s := f.status
}

test_pass_both if {
	_eval(testing.tool) == {_finding(
		"pass", "Audit records are protected from deletion",
		{"audit_log.immutable": true, "audit_log.backup": true},
		{"audit_log.immutable": _imm, "audit_log.backup": _bak}, [],
	)}
}

test_pass_immutable_only if {
	_eval(_set(true, false)) == {_finding(
		"pass", "Audit records are protected from deletion",
		{"audit_log.immutable": true}, {"audit_log.immutable": _imm}, [],
	)}
}

test_pass_backup_only_even_when_immutable_unknown if {
	t := testing.without_fact(_set(null, true), "audit_log", "immutable", "permission_missing")
	_eval(t) == {_finding(
		"pass", "Audit records are protected from deletion",
		{"audit_log.backup": true}, {"audit_log.backup": _bak}, [],
	)}
}

test_fail_both_false if {
	_eval(_set(false, false)) == {_finding(
		"fail",
		concat("", [
			"Audit records are neither immutable nor backed up: ",
			"audit_log.backup is false, expected ", _bak, "; ",
			"audit_log.immutable is false, expected ", _imm,
		]),
		{"audit_log.immutable": false, "audit_log.backup": false},
		{"audit_log.immutable": _imm, "audit_log.backup": _bak}, [],
	)}
}

test_fail_when_the_other_does_not_apply if {
	t := testing.without_fact(_set(false, null), "audit_log", "backup", "not_applicable")
	_eval(t) == {_finding(
		"fail",
		concat("", ["Audit records are neither immutable nor backed up: audit_log.immutable is false, expected ", _imm]),
		{"audit_log.immutable": false, "audit_log.backup": null},
		{"audit_log.immutable": _imm, "audit_log.backup": _bak},
		[_gap("backup", "not_applicable")],
	)}
}

test_unknown_when_one_false_and_other_permission_missing if {
	t := testing.without_fact(_set(false, null), "audit_log", "backup", "permission_missing")
	_eval(t) == {_finding(
		"unknown",
		"Deletion protection could not be determined: audit_log.backup unknown (permission_missing: test: permission_missing)",
		{"audit_log.backup": null}, {"audit_log.backup": _bak},
		[_gap("backup", "permission_missing")],
	)}
}

test_unknown_when_both_unknown if {
	t := testing.without_fact(
		testing.without_fact(_set(null, null), "audit_log", "immutable", "permission_missing"),
		"audit_log", "backup", "not_applicable",
	)
	_status(t) == "unknown"
}

test_unknown_when_null_without_gap if {
	_status(_set(false, null)) == "unknown"
}

test_not_applicable if {
	t := testing.without_fact(
		testing.without_fact(_set(null, null), "audit_log", "immutable", "not_applicable"),
		"audit_log", "backup", "not_applicable",
	)
	_eval(t) == {_finding(
		"not_applicable",
		"Deletion protection does not apply: audit_log.backup (test: not_applicable); audit_log.immutable (test: not_applicable)",
		{"audit_log.immutable": null, "audit_log.backup": null},
		{"audit_log.immutable": _imm, "audit_log.backup": _bak},
		[_gap("immutable", "not_applicable"), _gap("backup", "not_applicable")],
	)}
}

test_no_tools_no_findings if {
	got := deletion_protection.findings with input as testing.input_of([])
	got == set()
}
