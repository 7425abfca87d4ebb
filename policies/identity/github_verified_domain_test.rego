package auditready.policies.identity.github_verified_domain_test

import data.auditready.policies.identity.github_verified_domain as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/api", {"archived": false}, []),
	testing.organization({"verified_domains": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool(["acme.example"], [])]))
	f.status == "pass"
	f.resource == "organization:acme"
	f.evidence == ["/resources/1/facts/verified_domains"]
}

test_fail if {
	f := testing.only(_eval([_tool([], [])]))
	f.status == "fail"
	f.message == "The organization has no verified domain: resources.verified_domains is [], expected at least one verified domain"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("verified_domains", "permission_missing"), {"permission": "read:org (organization owner)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.verified_domains"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("verified_domains", "not_applicable")])]))
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
