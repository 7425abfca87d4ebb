package auditready.policies.access.github_repository_creation_limited_test

import data.auditready.policies.access.github_repository_creation_limited as policy
import data.auditready.testing

_eval_params(tools, params) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as params
}

_eval(tools, allowed) := _eval_params(tools, object.union(testing.params, {"allowed_member_repository_creation": allowed}))

# the organization resource sits after the repositories
_org(creation, gaps) := testing.github_with([
	testing.repo("acme/api", {"archived": false}, []),
	testing.organization({"member_repository_creation": creation}, gaps),
])

test_pass_when_members_create_nothing if {
	_eval([_org([], [])], []) == {testing.resource_finding(
		1, "organization:acme", "pass", "Repository creation is limited",
		{"resources.member_repository_creation": []},
		{"resources.member_repository_creation": "only [] (allowed_member_repository_creation)"},
		[],
	)}
}

test_pass_within_what_the_parameter_allows if {
	f := testing.only(_eval([_org(["private"], [])], ["private", "internal"]))
	f.status == "pass"
}

test_fail_on_public_repositories if {
	f := testing.only(_eval([_org(["public", "private"], [])], ["private"]))
	f.status == "fail"
}

test_unknown_for_non_owners if {
	gap := object.union(testing.gap("member_repository_creation", "permission_missing"), {"permission": "admin:org (organization owner)"})
	f := testing.only(_eval([_org(null, [gap])], []))
	f.status == "unknown"
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_org(null, [testing.gap("member_repository_creation", "not_applicable")])], []))
	f.status == "not_applicable"
}

test_unknown_without_the_organization_resource if {
	f := testing.only(_eval([testing.github_with([testing.repo("acme/api", {}, [])])], []))
	f.status == "unknown"
	f.resource == null
	f.evidence == ["/resources"]
	f.gaps == [{"fact": "resources.member_repository_creation", "reason": "not_collected", "detail": "the snapshot has no organization resource"}]
}

test_error_when_param_missing if {
	f := testing.only(_eval_params([_org([], [])], object.remove(testing.params, ["allowed_member_repository_creation"])))
	f.status == "error"
	f.message == "Repository creation could not be evaluated: parameter allowed_member_repository_creation is not set in the profile or config"
}
