package auditready.policies.access.jenkins_authorization_strategy_test

import data.auditready.policies.access.jenkins_authorization_strategy as policy
import data.auditready.testing

_controller(facts, gaps) := {"id": "controller", "kind": "controller", "name": "ci", "facts": facts, "gaps": gaps}

_jenkins(resources) := object.union(testing.tool, {
	"id": "jenkins/ci", "type": "jenkins", "category": "ci",
	"resources": resources,
})

_expected := "globalMatrix, projectMatrix or roleBased (not unsecured, loggedInUsersCanDoAnything or legacy)"

_finding(status, message, observed, gaps) := {
	"tool": "jenkins/ci",
	"resource": "controller",
	"status": status,
	"message": message,
	"observed": {"resources.authorization_strategy": observed},
	"expected": {"resources.authorization_strategy": _expected},
	"evidence": ["/resources/0/facts/authorization_strategy"],
	"gaps": gaps,
}

test_pass_for_each_granular_strategy if {
	every s in ["globalMatrix", "projectMatrix", "roleBased"] {
		got := policy.findings with input as testing.input_of([_jenkins([_controller({"authorization_strategy": s}, [])])])
		got == {_finding("pass", "Jenkins grants permissions per user and group", s, [])}
	}
}

test_fail_for_each_broad_strategy if {
	every s in ["unsecured", "loggedInUsersCanDoAnything", "legacy"] {
		got := policy.findings with input as testing.input_of([_jenkins([_controller({"authorization_strategy": s}, [])])])
		[f] := [f | some f in got]
		f.status == "fail"
		f.observed == {"resources.authorization_strategy": s}
		contains(f.message, "Jenkins authorization gives everyone broad access")
	}
}

test_unknown_when_not_collected if {
	gap := {"fact": "authorization_strategy", "reason": "not_collected", "detail": "not in the configuration"}
	got := policy.findings with input as testing.input_of([_jenkins([_controller({"authorization_strategy": null}, [gap])])])
	[f] := [f | some f in got]
	f.status == "unknown"
	f.gaps == [{"fact": "resources.authorization_strategy", "reason": "not_collected", "detail": "not in the configuration"}]
}

test_unknown_for_a_strategy_it_does_not_know if {
	got := policy.findings with input as testing.input_of([_jenkins([_controller({"authorization_strategy": "githubAuthorizationStrategy"}, [])])])
	[f] := [f | some f in got]
	f.status == "unknown"
	f.gaps[0].reason == "not_supported"
	contains(f.gaps[0].detail, "githubAuthorizationStrategy")
}

test_not_applicable_when_the_gap_says_so if {
	gap := {"fact": "authorization_strategy", "reason": "not_applicable", "detail": "test"}
	got := policy.findings with input as testing.input_of([_jenkins([_controller({"authorization_strategy": null}, [gap])])])
	[f] := [f | some f in got]
	f.status == "not_applicable"
}

test_unknown_without_a_controller_resource if {
	got := policy.findings with input as testing.input_of([object.remove(_jenkins([]), ["resources"])])
	[f] := [f | some f in got]
	f.status == "unknown"
	f.resource == null
	contains(f.gaps[0].detail, "no controller resource")
}

test_only_jenkins_tools if {
	got := policy.findings with input as testing.input_of([testing.tool, _jenkins([_controller({"authorization_strategy": "roleBased"}, [])])])
	{f.tool | some f in got} == {"jenkins/ci"}
}
