package auditready.policies.access.github_repository_admins_limited_test

import data.auditready.policies.access.github_repository_admins_limited as policy
import data.auditready.testing

_eval_params(tools, params) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as params
}

_eval(tools) := _eval_params(tools, object.union(testing.params, {"min_repository_admins": 2, "max_repository_admins": 2}))

_repo(name, admins) := testing.repo(name, {"archived": false, "admin_count": admins}, [])

test_pass_within_the_limits if {
	f := testing.only(_eval([testing.github_with([_repo("acme/api", 2)])]))
	f.status == "pass"
	f.expected == {"resources.admin_count": ">= 2 and <= 2 (min_repository_admins, max_repository_admins)"}
}

test_fail_names_the_repository_above_and_below if {
	got := _eval([testing.github_with([_repo("acme/api", 2), _repo("acme/solo", 1), _repo("acme/web", 3)])])
	{[f.resource, f.status] | some f in got} == {
		["repository:acme/api", "pass"],
		["repository:acme/solo", "fail"],
		["repository:acme/web", "fail"],
	}
	some f in got
	f.resource == "repository:acme/web"
	f.message == concat("", [
		"Repository administrators are outside the limits: resources.admin_count is 3, ",
		"expected >= 2 and <= 2 (min_repository_admins, max_repository_admins)",
	])
}

test_baseline_has_no_lower_bound if {
	f := testing.only(_eval_params([testing.github_with([_repo("acme/api", 0)])], testing.params))
	f.status == "pass"
}

test_unknown_without_push_access if {
	gap := testing.gap("admin_count", "permission_missing")
	f := testing.only(_eval([testing.github_with([testing.repo("acme/api", {"admin_count": null}, [gap])])]))
	f.status == "unknown"
}

test_not_applicable_without_active_repositories if {
	f := testing.only(_eval([testing.github_with([testing.repo("acme/old", {"archived": true, "admin_count": 9}, [])])]))
	f.status == "not_applicable"
	f.message == "Repository administrators do not apply: resources.admin_count (no active repositories)"
}

test_error_when_either_param_is_missing if {
	every name in ["min_repository_admins", "max_repository_admins"] {
		f := testing.only(_eval_params([testing.github_with([_repo("acme/api", 1)])], object.remove(testing.params, [name])))
		f.status == "error"
		f.message == concat("", ["Repository administrators could not be evaluated: parameter ", name, " is not set in the profile or config"])
	}
}
