package auditready.policies.access.github_actions_cannot_approve_test

import data.auditready.policies.access.github_actions_cannot_approve as policy
import data.auditready.testing

_github := object.union(testing.tool, {
	"id": "github/acme", "type": "github", "category": "source-control",
	"pipeline": {"default_token_permission": "read", "can_approve_changes": false},
})

_with(v) := object.union(_github, {"pipeline": {"default_token_permission": "read", "can_approve_changes": v}})

_without(reason) := object.union(_with(null), {"gaps": [{
	"fact": "pipeline.can_approve_changes", "reason": reason, "detail": "test",
}]})

_expected(status, message, observed, gaps) := testing.finding_on(
	"github/acme",
	status,
	message,
	{"pipeline.can_approve_changes": observed},
	{"pipeline.can_approve_changes": "false"},
	gaps,
)

test_pass if {
	got := policy.findings with input as testing.input_of([_github])
	got == {_expected("pass", "Actions cannot approve pull requests", false, [])}
}

test_fail if {
	got := policy.findings with input as testing.input_of([_with(true)])
	got == {_expected("fail", "Actions can approve pull requests: pipeline.can_approve_changes is true, expected false", true, [])}
}

test_unknown if {
	got := policy.findings with input as testing.input_of([_without("permission_missing")])
	gap := {"fact": "pipeline.can_approve_changes", "reason": "permission_missing", "detail": "test"}
	got == {_expected(
		"unknown",
		"Whether Actions can approve pull requests could not be determined: pipeline.can_approve_changes unknown (permission_missing: test)",
		null, [gap],
	)}
}

test_unknown_when_group_not_collected if {
	got := policy.findings with input as testing.input_of([object.remove(_github, ["pipeline"])])
	f := testing.only(got)
	f.status == "unknown"
	f.gaps[0].reason == "not_collected"
}

test_not_applicable if {
	got := policy.findings with input as testing.input_of([_without("not_applicable")])
	got == {_expected(
		"not_applicable",
		"Actions pull request approval does not apply: pipeline.can_approve_changes (test)",
		null, [{"fact": "pipeline.can_approve_changes", "reason": "not_applicable", "detail": "test"}],
	)}
}
