package auditready.policies.access.github_apps_not_administrators_test

import data.auditready.policies.access.github_apps_not_administrators as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/api", {"archived": false}, []),
	testing.organization({"admin_app_installations": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool([], [])]))
	f.status == "pass"
	f.resource == "organization:acme"
	f.evidence == ["/resources/1/facts/admin_app_installations"]
}

test_fail if {
	f := testing.only(_eval([_tool(["x: y"], [])]))
	f.status == "fail"
	f.message == "GitHub Apps administer the organization: resources.admin_app_installations is [\"x: y\"], expected []"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("admin_app_installations", "permission_missing"), {"permission": "admin:org (organization owner)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.admin_app_installations"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("admin_app_installations", "not_applicable")])]))
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
