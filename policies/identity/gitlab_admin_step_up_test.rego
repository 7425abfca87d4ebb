package auditready.policies.identity.gitlab_admin_step_up_test

import data.auditready.policies.identity.gitlab_admin_step_up as policy
import data.auditready.testing

_instance(facts, gaps) := {"id": "instance", "kind": "instance", "name": "instance", "facts": facts, "gaps": gaps}

_gitlab(resources) := object.union(testing.tool, {"id": "gitlab/acme", "type": "gitlab", "category": "source-control", "resources": resources})

_facts(admin_mode, admin_2fa, all_2fa) := {
	"admin_mode": admin_mode,
	"require_admin_two_factor_authentication": admin_2fa,
	"require_two_factor_authentication": all_2fa,
}

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

_status(resources) := testing.only(_eval([_gitlab(resources)])).status

test_pass_with_admin_2fa if {
	_status([_instance(_facts(true, true, false), [])]) == "pass"
}

test_pass_with_2fa_for_everyone if {
	_status([_instance(_facts(true, false, true), [])]) == "pass"
}

test_fail_without_admin_mode if {
	f := testing.only(_eval([_gitlab([_instance(_facts(false, true, true), [])])]))
	f.status == "fail"
	f.resource == "instance"
	f.observed["resources.admin_mode"] == false
}

test_fail_without_a_second_factor_for_admins if {
	_status([_instance(_facts(true, false, false), [])]) == "fail"
}

test_unknown_when_settings_were_not_read if {
	gap := {"fact": "admin_mode", "reason": "permission_missing", "detail": "403", "permission": "admin_mode scope"}
	gap2 := {"fact": "require_admin_two_factor_authentication", "reason": "permission_missing", "detail": "403"}
	gap3 := {"fact": "require_two_factor_authentication", "reason": "permission_missing", "detail": "403"}
	f := testing.only(_eval([_gitlab([_instance(_facts(null, null, null), [gap, gap2, gap3])])]))
	f.status == "unknown"
	{g.reason | some g in f.gaps} == {"permission_missing"}
}

test_not_applicable_on_gitlab_com if {
	_status([{"id": "group:acme", "kind": "group", "name": "acme", "facts": {}, "gaps": []}]) == "not_applicable"
}

test_unknown_without_resources if {
	testing.only(_eval([object.remove(_gitlab([]), ["resources"])])).status == "unknown"
}

test_only_gitlab if {
	got := _eval([testing.tool, _gitlab([_instance(_facts(true, true, true), [])])])
	{f.tool | some f in got} == {"gitlab/acme"}
}
