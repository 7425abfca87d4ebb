package auditready.policies.access.github_rulesets_enforced_test

import data.auditready.policies.access.github_rulesets_enforced as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_tool(value, gaps) := testing.github_with([
	testing.repo("acme/old", {"archived": true, "unenforced_rulesets": ["x: y"]}, []),
	testing.repo("acme/api", {"archived": false, "unenforced_rulesets": value}, gaps),
])

test_pass if {
	f := testing.only(_eval([_tool([], [])]))
	f.status == "pass"
	f.resource == "repository:acme/api"
	f.evidence == ["/resources/1/facts/unenforced_rulesets"]
}

test_fail if {
	f := testing.only(_eval([_tool(["x: y"], [])]))
	f.status == "fail"
	f.message == "Rulesets on the default branch are not enforced: resources.unenforced_rulesets is [\"x: y\"], expected []"
}

test_unknown_naming_the_permission if {
	gap := object.union(testing.gap("unenforced_rulesets", "permission_missing"), {"permission": "repository admin (ruleset bypass actors)"})
	f := testing.only(_eval([_tool(null, [gap])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.unenforced_rulesets"})]
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_tool(null, [testing.gap("unenforced_rulesets", "not_applicable")])]))
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
