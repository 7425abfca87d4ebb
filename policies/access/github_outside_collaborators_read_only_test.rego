package auditready.policies.access.github_outside_collaborators_read_only_test

import data.auditready.policies.access.github_outside_collaborators_read_only as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_with(writers) := testing.github_with([testing.repo("acme/api", {"archived": false, "outside_collaborators_with_write": writers}, [])])

test_pass if {
	f := testing.only(_eval([_with([])]))
	f.status == "pass"
	f.resource == "repository:acme/api"
}

test_fail_names_them if {
	f := testing.only(_eval([_with(["contractor1"])]))
	f.status == "fail"
	f.message == concat("", [
		"Outside collaborators can push: resources.outside_collaborators_with_write is [\"contractor1\"], ",
		"expected []",
	])
}

test_unknown_when_outside_collaborators_are_hidden if {
	gap := object.union(testing.gap("outside_collaborators_with_write", "permission_missing"), {"permission": "read:org (organization owner)"})
	f := testing.only(_eval([testing.github_with([testing.repo("acme/api", {"outside_collaborators_with_write": null}, [gap])])]))
	f.status == "unknown"
	f.gaps[0].permission == "read:org (organization owner)"
}

test_not_applicable_when_its_gap_says_so if {
	gap := testing.gap("outside_collaborators_with_write", "not_applicable")
	f := testing.only(_eval([testing.github_with([testing.repo("acme/api", {"outside_collaborators_with_write": null}, [gap])])]))
	f.status == "not_applicable"
}

test_unknown_when_repositories_were_not_collected if {
	f := testing.only(_eval([testing.github]))
	f.status == "unknown"
}
