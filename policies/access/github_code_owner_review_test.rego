package auditready.policies.access.github_code_owner_review_test

import data.auditready.policies.access.github_code_owner_review as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/old", {"archived": true, "code_owner_review_required": false}, []),
	testing.repo("acme/api", {"archived": false, "code_owner_review_required": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool(true, [])]))
	f.status == "pass"
	f.resource == "repository:acme/api"
	f.evidence == ["/resources/1/facts/code_owner_review_required"]
}

test_fail if {
	f := testing.only(_eval([_tool(false, [])]))
	f.status == "fail"
	f.message == "Code-owner review is not required: resources.code_owner_review_required is false, expected true"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("code_owner_review_required", "permission_missing"), {"permission": "repository admin (repo scope)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.code_owner_review_required"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("code_owner_review_required", "not_applicable")])]))
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
