package auditready.policies.event_tracking.vault_audit_redundant_test

import data.auditready.policies.event_tracking.vault_audit_redundant as policy
import data.auditready.testing

_fact := "audit_log.destinations"

_expected_text := "two or more recording audit devices"

_file := {"name": "file", "type": "local-file", "central": false}

_socket := {"name": "siem", "type": "socket", "central": true}

_vault(destinations) := object.union(testing.tool, {
	"id": "vault/prod", "type": "vault", "category": "secrets",
	"audit_log": object.union(testing.tool.audit_log, {"destinations": destinations}),
})

_expected(status, message, observed, gaps) := testing.finding_on("vault/prod", status, message, {_fact: observed}, {_fact: _expected_text}, gaps)

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

_fail_message(observed) := concat("", [
	"One audit device or none: when it fails, the server refuses every request: ",
	"audit_log.destinations is ", observed, ", expected ", _expected_text,
])

test_pass_with_two_devices if {
	_eval([_vault([_file, _socket])]) == {_expected("pass", "More than one audit device records requests", [_file, _socket], [])}
}

test_fail_with_one_device if {
	_eval([_vault([_file])]) == {_expected(
		"fail",
		_fail_message("[{\"central\":false,\"name\":\"file\",\"type\":\"local-file\"}]"),
		[_file], [],
	)}
}

test_fail_with_none if {
	_eval([_vault([])]) == {_expected("fail", _fail_message("[]"), [], [])}
}

test_unknown_when_sys_audit_was_refused if {
	t := testing.without_fact(_vault([]), "audit_log", "destinations", "permission_missing")
	_eval([t]) == {_expected(
		"unknown",
		"The audit devices could not be determined: audit_log.destinations unknown (permission_missing: test: permission_missing)",
		null, [testing.gap(_fact, "permission_missing")],
	)}
}

test_not_applicable_when_the_gap_says_so if {
	t := testing.without_fact(_vault([]), "audit_log", "destinations", "not_applicable")
	testing.only(_eval([t])).status == "not_applicable"
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
}
