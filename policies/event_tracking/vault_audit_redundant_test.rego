package auditready.policies.event_tracking.vault_audit_redundant_test

import data.auditready.policies.event_tracking.vault_audit_redundant as policy
import data.auditready.testing

_file := {"name": "file", "type": "local-file", "central": false}

_socket := {"name": "siem", "type": "socket", "central": true}

_vault(destinations) := object.union(testing.tool, {
	"id": "vault/prod", "type": "vault", "category": "secrets",
	"audit_log": object.union(testing.tool.audit_log, {"destinations": destinations}),
})

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

test_pass_with_two_devices if {
	[f] := [f | some f in _eval([_vault([_file, _socket])])]
	f.status == "pass"
}

test_fail_with_one_device if {
	[f] := [f | some f in _eval([_vault([_file])])]
	f.status == "fail"
	f.evidence == ["/audit_log/destinations"]
}

test_fail_with_none if {
	[f] := [f | some f in _eval([_vault([])])]
	f.status == "fail"
}

test_unknown_when_sys_audit_was_refused if {
	t := testing.without_fact(_vault([]), "audit_log", "destinations", "permission_missing")
	[f] := [f | some f in _eval([t])]
	f.status == "unknown"
}

test_not_applicable_when_the_gap_says_so if {
	t := testing.without_fact(_vault([]), "audit_log", "destinations", "not_applicable")
	[f] := [f | some f in _eval([t])]
	f.status == "not_applicable"
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
}
