package auditready.policies.identity.harbor_no_self_registration_test

import data.auditready.policies.identity.harbor_no_self_registration as policy
import data.auditready.testing

_harbor(resources) := object.union(testing.tool, {"id": "harbor/prod", "type": "harbor", "category": "registry", "resources": resources})

_settings(value, gaps) := {"id": "system-settings", "kind": "system-settings", "name": "system settings", "facts": {"self_registration": value}, "gaps": gaps}

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

test_pass if {
	[f] := [f | some f in _eval([_harbor([_settings(false, [])])])]
	f.status == "pass"
	f.resource == "system-settings"
}

test_fail if {
	[f] := [f | some f in _eval([_harbor([_settings(true, [])])])]
	f.status == "fail"
}

test_unknown_without_the_configurations if {
	[f] := [f | some f in _eval([_harbor([])])]
	f.status == "unknown"
	f.evidence == ["/source"]
}

test_not_applicable_when_the_gap_says_so if {
	[f] := [f | some f in _eval([_harbor([_settings(null, [{"fact": "self_registration", "reason": "not_applicable", "detail": "test"}])])])]
	f.status == "not_applicable"
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
}
