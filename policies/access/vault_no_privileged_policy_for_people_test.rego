package auditready.policies.access.vault_no_privileged_policy_for_people_test

import data.auditready.policies.access.vault_no_privileged_policy_for_people as policy
import data.auditready.testing

_fact := "resources.human_holders"

_expected_text := "no person holds a policy with a wildcard path, sudo or sys/ writes"

_vault(resources) := object.union(testing.tool, {"id": "vault/prod", "type": "vault", "category": "secrets", "resources": resources})

_policy(name, flags, holders, gaps) := {
	"id": concat(":", ["acl-policy", name]), "kind": "acl-policy", "name": name,
	"facts": object.union({"wildcard": false, "sudo": false, "sys_write": false, "human_holders": holders}, flags),
	"gaps": gaps,
}

# The finding on the i-th resource, an ACL policy.
_expected(i, name, status, message, observed, gaps) := testing.resource_finding_on(
	"vault/prod", i, concat(":", ["acl-policy", name]),
	status, message, {_fact: observed}, {_fact: _expected_text}, gaps,
)

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

# One finding per privileged policy; the developers' policy is not privileged and not judged.
test_pass_when_only_services_hold_the_admin_policy if {
	_eval([_vault([_policy("admin", {"sudo": true}, [], []), _policy("dev", {}, ["devs (identity group)"], [])])]) == {
		_expected(0, "admin", "pass", "No person holds a privileged policy", [], []),
	}
}

test_fail_names_the_people if {
	_eval([_vault([_policy("ops", {"wildcard": true}, ["ops-admin (auth/userpass/users)"], [])])]) == {_expected(
		0, "ops", "fail",
		concat("", [
			"People hold a policy with wildcard paths, sudo or sys/ writes: ",
			"resources.human_holders is [\"ops-admin (auth/userpass/users)\"], expected ", _expected_text,
		]),
		["ops-admin (auth/userpass/users)"], [],
	)}
}

test_pass_without_privileged_policies if {
	_eval([_vault([_policy("dev", {}, ["devs (identity group)"], [])])]) == {object.union(
		testing.finding_on("vault/prod", "pass", "No person holds a privileged policy", {_fact: []}, {_fact: _expected_text}, []),
		{"evidence": ["/resources"]},
	)}
}

test_unknown_when_holders_were_not_read if {
	gap := {"fact": "human_holders", "reason": "permission_missing", "detail": "403", "permission": "list and read on identity/group/name/*"}
	_eval([_vault([_policy("admin", {"sys_write": true}, null, [gap])])]) == {_expected(
		0, "admin", "unknown",
		"Who holds the privileged policy could not be determined: resources.human_holders unknown (permission_missing: 403)",
		null, [object.union(gap, {"fact": _fact})],
	)}
}

test_unknown_when_no_policy_was_read if {
	_eval([_vault([])]) == {testing.absent_finding_on(
		"vault/prod", "Who holds the privileged policy could not be determined", _fact, _expected_text,
		"no acl-policy resources: the policies were not read (endpoint or exports) or not declared in the facts file",
	)}
}

test_not_applicable_when_the_gap_says_so if {
	gap := {"fact": "human_holders", "reason": "not_applicable", "detail": "test"}
	testing.only(_eval([_vault([_policy("admin", {"sudo": true}, null, [gap])])])).status == "not_applicable"
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
}
