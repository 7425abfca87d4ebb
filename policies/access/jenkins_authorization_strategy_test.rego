package auditready.policies.access.jenkins_authorization_strategy_test

import data.auditready.policies.access.jenkins_authorization_strategy as policy
import data.auditready.testing

_fact := "resources.authorization_strategy"

_controller(facts, gaps) := {"id": "controller", "kind": "controller", "name": "ci", "facts": facts, "gaps": gaps}

_jenkins(resources) := object.union(testing.tool, {
	"id": "jenkins/ci", "type": "jenkins", "category": "ci",
	"resources": resources,
})

_with_strategy(s, gaps) := _jenkins([_controller({"authorization_strategy": s}, gaps)])

_expected_text := "globalMatrix, projectMatrix or roleBased (not unsecured, loggedInUsersCanDoAnything or legacy)"

# The finding on the controller (the first resource); its evidence is the resource's fact.
_expected(status, message, observed, gaps) := object.union(
	testing.finding_on("jenkins/ci", status, message, {_fact: observed}, {_fact: _expected_text}, gaps),
	{"resource": "controller", "evidence": ["/resources/0/facts/authorization_strategy"]},
)

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

test_pass_for_each_granular_strategy if {
	every s in ["globalMatrix", "projectMatrix", "roleBased"] {
		_eval([_with_strategy(s, [])]) == {_expected("pass", "Jenkins grants permissions per user and group", s, [])}
	}
}

test_fail_for_each_broad_strategy if {
	every s in ["unsecured", "loggedInUsersCanDoAnything", "legacy"] {
		_eval([_with_strategy(s, [])]) == {_expected(
			"fail",
			concat("", [
				"Jenkins authorization gives everyone broad access: resources.authorization_strategy is \"", s,
				"\", expected ", _expected_text,
			]),
			s, [],
		)}
	}
}

test_unknown_when_not_collected if {
	gap := {"fact": "authorization_strategy", "reason": "not_collected", "detail": "not in the configuration"}
	_eval([_with_strategy(null, [gap])]) == {_expected(
		"unknown",
		"Jenkins authorization strategy could not be determined: resources.authorization_strategy unknown (not_collected: not in the configuration)",
		null, [object.union(gap, {"fact": _fact})],
	)}
}

test_unknown_for_a_strategy_it_does_not_know if {
	detail := "authorization strategy \"githubAuthorizationStrategy\" is not one auditready judges"
	_eval([_with_strategy("githubAuthorizationStrategy", [])]) == {_expected(
		"unknown",
		concat("", ["Jenkins authorization strategy could not be determined: resources.authorization_strategy unknown (not_supported: ", detail, ")"]),
		"githubAuthorizationStrategy", [{"fact": _fact, "reason": "not_supported", "detail": detail}],
	)}
}

test_not_applicable_when_the_gap_says_so if {
	gap := {"fact": "authorization_strategy", "reason": "not_applicable", "detail": "test"}
	_eval([_with_strategy(null, [gap])]) == {_expected(
		"not_applicable",
		"Jenkins authorization strategy does not apply: resources.authorization_strategy (test)",
		null, [object.union(gap, {"fact": _fact})],
	)}
}

test_unknown_without_a_controller_resource if {
	detail := "no controller resource: the authorization strategy was not collected"
	_eval([object.remove(_jenkins([]), ["resources"])]) == {object.union(
		testing.finding_on(
			"jenkins/ci", "unknown",
			concat("", ["Jenkins authorization strategy could not be determined: resources.authorization_strategy unknown (not_collected: ", detail, ")"]),
			{_fact: null}, {_fact: _expected_text}, [{"fact": _fact, "reason": "not_collected", "detail": detail}],
		),
		{"evidence": ["/type"]},
	)}
}

# A GitHub organization with an unsecured "controller" is not judged (testing.tool is Jenkins too).
test_only_jenkins_tools if {
	github := object.union(testing.github, {"resources": [_controller({"authorization_strategy": "unsecured"}, [])]})
	_eval([github, _with_strategy("roleBased", [])]) == {_expected("pass", "Jenkins grants permissions per user and group", "roleBased", [])}
}
