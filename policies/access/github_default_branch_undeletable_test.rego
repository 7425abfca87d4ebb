package auditready.policies.access.github_default_branch_undeletable_test

import data.auditready.policies.access.github_default_branch_undeletable as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_repo(blocked, gaps) := testing.repo("acme/api", {"archived": false, "deletion_blocked": blocked}, gaps)

test_pass if {
	_eval([testing.github_with([_repo(true, [])])]) == {testing.resource_finding(
		0, "repository:acme/api", "pass", "Default branch cannot be deleted",
		{"resources.deletion_blocked": true}, {"resources.deletion_blocked": "true"}, [],
	)}
}

test_fail if {
	f := testing.only(_eval([testing.github_with([_repo(false, [])])]))
	f.status == "fail"
	f.message == "Default branch can be deleted: resources.deletion_blocked is false, expected true"
}

test_unknown_when_protection_is_hidden if {
	gap := object.union(testing.gap("deletion_blocked", "permission_missing"), {"permission": "repository admin (repo scope)"})
	f := testing.only(_eval([testing.github_with([_repo(null, [gap])])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.deletion_blocked"})]
}

test_not_applicable_for_an_empty_repository if {
	f := testing.only(_eval([testing.github_with([_repo(null, [testing.gap("deletion_blocked", "not_applicable")])])]))
	f.status == "not_applicable"
}

test_unknown_when_repositories_were_not_collected if {
	f := testing.only(_eval([testing.github]))
	f.gaps == [{"fact": "resources.deletion_blocked", "reason": "not_collected", "detail": "no value and no recorded reason"}]
}

test_unknown_citing_the_facts_when_a_facts_file_leaves_the_fact_out if {
	f := testing.only(_eval([testing.github_with([testing.repo("acme/api", {"archived": false}, [])])]))
	f.status == "unknown"
	f.evidence == ["/resources/0/facts"]
	f.gaps == [{"fact": "resources.deletion_blocked", "reason": "not_collected", "detail": "no value and no recorded reason"}]
}
