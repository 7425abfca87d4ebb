package auditready.policies.access.vault_no_privileged_policy_for_people_test

import data.auditready.policies.access.vault_no_privileged_policy_for_people as policy
import data.auditready.testing

_vault(resources) := object.union(testing.tool, {"id": "vault/prod", "type": "vault", "category": "secrets", "resources": resources})

_policy(name, flags, holders, gaps) := {
	"id": concat(":", ["acl-policy", name]), "kind": "acl-policy", "name": name,
	"facts": object.union({"wildcard": false, "sudo": false, "sys_write": false, "human_holders": holders}, flags),
	"gaps": gaps,
}

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

test_pass_when_only_services_hold_the_admin_policy if {
	[f] := [f | some f in _eval([_vault([_policy("admin", {"sudo": true}, [], []), _policy("dev", {}, ["devs (identity group)"], [])])])]
	f.status == "pass"
	f.resource == "acl-policy:admin"
}

test_fail_names_the_people if {
	[f] := [f | some f in _eval([_vault([_policy("ops", {"wildcard": true}, ["ops-admin (auth/userpass/users)"], [])])])]
	f.status == "fail"
	contains(f.message, "ops-admin")
}

test_pass_without_privileged_policies if {
	[f] := [f | some f in _eval([_vault([_policy("dev", {}, ["devs (identity group)"], [])])])]
	f.status == "pass"
	f.resource == null
}

test_unknown_when_holders_were_not_read if {
	gap := {"fact": "human_holders", "reason": "permission_missing", "detail": "403", "permission": "list and read on identity/group/name/*"}
	[f] := [f | some f in _eval([_vault([_policy("admin", {"sys_write": true}, null, [gap])])])]
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.human_holders"})]
}

test_unknown_when_no_policy_was_read if {
	[f] := [f | some f in _eval([_vault([])])]
	f.status == "unknown"
	f.evidence == ["/source"]
}

test_not_applicable_when_the_gap_says_so if {
	gap := {"fact": "human_holders", "reason": "not_applicable", "detail": "test"}
	[f] := [f | some f in _eval([_vault([_policy("admin", {"sudo": true}, null, [gap])])])]
	f.status == "not_applicable"
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
}
