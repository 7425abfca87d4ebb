package auditready.policies.access.github_actions_token_read_only_test

import data.auditready.policies.access.github_actions_token_read_only as policy
import data.auditready.testing

_github := object.union(testing.tool, {
	"id": "github/acme", "type": "github", "category": "source-control",
	"pipeline": {"default_token_permission": "read", "can_approve_changes": false},
})

_with(v) := object.union(_github, {"pipeline": {"default_token_permission": v, "can_approve_changes": false}})

_without(reason) := object.union(_with(null), {"gaps": [{
	"fact": "pipeline.default_token_permission", "reason": reason, "detail": "test", "permission": "admin:org",
}]})

_expected(status, message, observed, gaps) := testing.finding_on(
	"github/acme",
	status,
	message,
	{"pipeline.default_token_permission": observed},
	{"pipeline.default_token_permission": "\"read\""},
	gaps,
)

test_pass if {
	got := policy.findings with input as testing.input_of([_github])
	got == {_expected("pass", "Actions workflows get a read-only token by default", "read", [])}
}

test_fail if {
	got := policy.findings with input as testing.input_of([_with("write")])
	got == {_expected(
		"fail",
		"Actions workflows get a token that can write by default: pipeline.default_token_permission is \"write\", expected \"read\"",
		"write", [],
	)}
}

test_unknown_when_permission_missing if {
	got := policy.findings with input as testing.input_of([_without("permission_missing")])
	gap := {"fact": "pipeline.default_token_permission", "reason": "permission_missing", "detail": "test", "permission": "admin:org"}
	got == {_expected(
		"unknown",
		"Actions default token permission could not be determined: pipeline.default_token_permission unknown (permission_missing: test)",
		null, [gap],
	)}
}

test_unknown_when_group_not_collected if {
	got := policy.findings with input as testing.input_of([object.remove(_github, ["pipeline"])])
	f := testing.only(got)
	f.status == "unknown"
	f.gaps == [{"fact": "pipeline.default_token_permission", "reason": "not_collected", "detail": "no value and no recorded reason"}]
}

test_not_applicable if {
	got := policy.findings with input as testing.input_of([_without("not_applicable")])
	f := testing.only(got)
	f.status == "not_applicable"
}

test_only_github_tools if {
	got := policy.findings with input as testing.input_of([testing.tool, _github])
	{f.tool | some f in got} == {"github/acme"}
}
