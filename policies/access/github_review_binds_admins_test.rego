package auditready.policies.access.github_review_binds_admins_test

import data.auditready.policies.access.github_review_binds_admins as policy
import data.auditready.testing

_eval_params(tools, params) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as params
}

_params := object.union(testing.params, {"allowed_review_bypass": ["app:release-bot"]})

_eval(tools) := _eval_params(tools, _params)

_repo(name, bypass) := testing.repo(name, {"archived": false, "review_bypass_actors": bypass}, [])

test_pass_one_finding_per_repository if {
	got := _eval([testing.github_with([_repo("acme/api", []), _repo("acme/web", ["app:release-bot"])])])
	{[f.resource, f.status] | some f in got} == {["repository:acme/api", "pass"], ["repository:acme/web", "pass"]}
	some f in got
	f.resource == "repository:acme/web"
	f.observed == {"resources.review_bypass_actors": ["app:release-bot"]}
	f.expected == {"resources.review_bypass_actors": `only ["app:release-bot"] (allowed_review_bypass)`}
	f.evidence == ["/resources/1/facts/review_bypass_actors"]
}

test_fail_names_who_bypasses if {
	f := testing.only(_eval([testing.github_with([_repo("acme/api", ["organization admins", "team:release"])])]))
	f.status == "fail"
	f.message == concat("", [
		"Some actors can merge to the default branch without the required review: ",
		`resources.review_bypass_actors is ["organization admins","team:release"], expected only ["app:release-bot"] (allowed_review_bypass)`,
	])
}

test_unknown_names_the_permission if {
	gap := object.union(testing.gap("review_bypass_actors", "permission_missing"), {"permission": "repository admin (ruleset bypass actors)"})
	repo := testing.repo("acme/api", {"archived": false, "review_bypass_actors": null}, [gap])
	f := testing.only(_eval([testing.github_with([repo])]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.review_bypass_actors"})]
}

test_not_applicable_without_review if {
	repo := testing.repo("acme/api", {"archived": false, "review_bypass_actors": null}, [testing.gap("review_bypass_actors", "not_applicable")])
	f := testing.only(_eval([testing.github_with([repo])]))
	f.status == "not_applicable"
}

test_error_when_param_missing if {
	f := testing.only(_eval_params([testing.github_with([_repo("acme/api", [])])], object.remove(testing.params, ["allowed_review_bypass"])))
	f.status == "error"
	f.message == "Review bypass could not be evaluated: parameter allowed_review_bypass is not set in the profile or config"
}

test_unknown_when_repositories_were_not_collected if {
	f := testing.only(_eval([testing.github]))
	f.status == "unknown"
	f.resource == null
}

test_not_applicable_without_active_repositories if {
	archived := testing.repo("acme/old", {"archived": true, "review_bypass_actors": ["organization admins"]}, [])
	f := testing.only(_eval([testing.github_with([archived, testing.organization({}, [])])]))
	f.status == "not_applicable"
	f.resource == null
}

test_other_tool_types_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
}

test_fail_on_a_value_that_is_not_a_list if {
	f := testing.only(_eval([testing.github_with([_repo("acme/api", "organization admins")])]))
	f.status == "fail"
}
