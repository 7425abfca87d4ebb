package auditready.policies.identity.github_notifications_verified_domains_test

import data.auditready.policies.identity.github_notifications_verified_domains as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/api", {"archived": false}, []),
	testing.organization({"notifications_restricted_to_verified_domains": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool(true, [])]))
	f.status == "pass"
	f.resource == "organization:acme"
	f.evidence == ["/resources/1/facts/notifications_restricted_to_verified_domains"]
}

test_fail if {
	f := testing.only(_eval([_tool(false, [])]))
	f.status == "fail"
	f.message == "Notifications can go to any email domain: resources.notifications_restricted_to_verified_domains is false, expected true"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("notifications_restricted_to_verified_domains", "permission_missing"), {"permission": "read:org (organization owner)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.notifications_restricted_to_verified_domains"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("notifications_restricted_to_verified_domains", "not_applicable")])]))
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
