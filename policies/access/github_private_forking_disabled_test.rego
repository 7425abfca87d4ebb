package auditready.policies.access.github_private_forking_disabled_test

import data.auditready.policies.access.github_private_forking_disabled as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/api", {"archived": false}, []),
	testing.organization({"private_forking_disabled": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool(true, [])]))
	f.status == "pass"
	f.resource == "organization:acme"
	f.evidence == ["/resources/1/facts/private_forking_disabled"]
}

test_fail if {
	f := testing.only(_eval([_tool(false, [])]))
	f.status == "fail"
	f.message == "Private and internal repositories can be forked: resources.private_forking_disabled is false, expected true"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("private_forking_disabled", "permission_missing"), {"permission": "admin:org (organization owner)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.private_forking_disabled"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("private_forking_disabled", "not_applicable")])]))
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
