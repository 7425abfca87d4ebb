package auditready.policies.event_tracking.github_repository_webhooks_secured_test

import data.auditready.policies.event_tracking.github_repository_webhooks_secured as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/old", {"archived": true, "unsecured_webhooks": ["x: y"]}, []),
	testing.repo("acme/api", {"archived": false, "unsecured_webhooks": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool([], [])]))
	f.status == "pass"
	f.resource == "repository:acme/api"
	f.evidence == ["/resources/1/facts/unsecured_webhooks"]
}

test_fail if {
	f := testing.only(_eval([_tool(["x: y"], [])]))
	f.status == "fail"
	f.message == "Repository webhooks are unsigned or not TLS-verified: resources.unsecured_webhooks is [\"x: y\"], expected []"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("unsecured_webhooks", "permission_missing"), {"permission": "repository admin (repo scope)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.unsecured_webhooks"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("unsecured_webhooks", "not_applicable")])]))
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
