package auditready.policies.access.github_runner_groups_limited_test

import data.auditready.policies.access.github_runner_groups_limited as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/api", {"archived": false}, []),
	testing.organization({"open_runner_groups": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool([], [])]))
	f.status == "pass"
	f.resource == "organization:acme"
	f.evidence == ["/resources/1/facts/open_runner_groups"]
}

test_fail if {
	f := testing.only(_eval([_tool(["x: y"], [])]))
	f.status == "fail"
	f.message == "Self-hosted runners are open to public or all repositories: resources.open_runner_groups is [\"x: y\"], expected []"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("open_runner_groups", "permission_missing"), {"permission": "admin:org (organization owner)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.open_runner_groups"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("open_runner_groups", "not_applicable")])]))
	f.status == "not_applicable"
}

test_unknown_without_the_organization_resource if {
	f := testing.only(_eval([testing.github_with([testing.repo("acme/api", {}, [])])]))
	f.status == "unknown"
	f.resource == null
}

test_unknown_when_resources_were_not_collected if {
	f := testing.only(_eval([testing.github]))
	f.status == "unknown"
}
