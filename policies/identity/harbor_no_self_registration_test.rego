package auditready.policies.identity.harbor_no_self_registration_test

import data.auditready.policies.identity.harbor_no_self_registration as policy
import data.auditready.testing

_fact := "resources.self_registration"

_harbor(resources) := object.union(testing.tool, {"id": "harbor/prod", "type": "harbor", "category": "registry", "resources": resources})

_settings(value, gaps) := {"id": "system-settings", "kind": "system-settings", "name": "system settings", "facts": {"self_registration": value}, "gaps": gaps}

# The finding on the system settings (the first resource).
_expected(status, message, observed, gaps) := testing.resource_finding_on(
	"harbor/prod", 0, "system-settings",
	status, message, {_fact: observed}, {_fact: "false"}, gaps,
)

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

test_pass if {
	_eval([_harbor([_settings(false, [])])]) == {_expected("pass", "Self-registration is off", false, [])}
}

test_fail if {
	_eval([_harbor([_settings(true, [])])]) == {_expected(
		"fail",
		"Anyone who reaches Harbor can create an account: resources.self_registration is true, expected false",
		true, [],
	)}
}

test_unknown_without_the_configurations if {
	_eval([_harbor([])]) == {testing.absent_finding_on(
		"harbor/prod", "Self-registration could not be determined", _fact, "false",
		"no system-settings resource: the configurations were not read (endpoint or export) or not declared in the facts file",
	)}
}

test_not_applicable_when_the_gap_says_so if {
	gap := {"fact": "self_registration", "reason": "not_applicable", "detail": "test"}
	_eval([_harbor([_settings(null, [gap])])]) == {_expected(
		"not_applicable",
		"Self-registration does not apply: resources.self_registration (test)",
		null, [object.union(gap, {"fact": _fact})],
	)}
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
}
