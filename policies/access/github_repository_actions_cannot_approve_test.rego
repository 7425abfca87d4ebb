package auditready.policies.access.github_repository_actions_cannot_approve_test

import data.auditready.policies.access.github_repository_actions_cannot_approve as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/old", {"archived": true, "actions_can_approve_pull_requests": true}, []),
	testing.repo("acme/api", {"archived": false, "actions_can_approve_pull_requests": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool(false, [])]))
	f.status == "pass"
	f.resource == "repository:acme/api"
	f.evidence == ["/resources/1/facts/actions_can_approve_pull_requests"]
}

test_fail if {
	f := testing.only(_eval([_tool(true, [])]))
	f.status == "fail"
	f.message == "Actions can approve pull requests in the repository: resources.actions_can_approve_pull_requests is true, expected false"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("actions_can_approve_pull_requests", "permission_missing"), {"permission": "repository admin (repo scope)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.actions_can_approve_pull_requests"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("actions_can_approve_pull_requests", "not_applicable")])]))
	f.status == "not_applicable"
}

test_not_applicable_without_active_repositories if {
	f := testing.only(_eval([testing.github_with([testing.repo("acme/old", {"archived": true}, [])])]))
	f.status == "not_applicable"
	f.resource == null
}

test_unknown_when_resources_were_not_collected if {
	f := testing.only(_eval([testing.github]))
	f.status == "unknown"
}
