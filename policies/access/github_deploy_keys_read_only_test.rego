package auditready.policies.access.github_deploy_keys_read_only_test

import data.auditready.policies.access.github_deploy_keys_read_only as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

test_pass_and_fail_per_repository if {
	read_only := testing.repo("acme/api", {"archived": false, "write_deploy_keys": []}, [])
	writable := testing.repo("acme/web", {"archived": false, "write_deploy_keys": ["deploy-0"]}, [])
	got := _eval([testing.github_with([read_only, writable])])
	{[f.resource, f.status] | some f in got} == {["repository:acme/api", "pass"], ["repository:acme/web", "fail"]}
	some f in got
	f.status == "fail"
	f.message == "Deploy keys can push: resources.write_deploy_keys is [\"deploy-0\"], expected []"
}

test_unknown_for_non_admins if {
	gap := object.union(testing.gap("write_deploy_keys", "permission_missing"), {"permission": "repository admin (repo scope)"})
	f := testing.only(_eval([testing.github_with([testing.repo("acme/api", {"write_deploy_keys": null}, [gap])])]))
	f.status == "unknown"
}

test_not_applicable_without_active_repositories if {
	f := testing.only(_eval([testing.github_with([])]))
	f.status == "not_applicable"
	f.resource == null
}

test_not_applicable_when_its_gap_says_so if {
	gap := testing.gap("write_deploy_keys", "not_applicable")
	f := testing.only(_eval([testing.github_with([testing.repo("acme/api", {"write_deploy_keys": null}, [gap])])]))
	f.status == "not_applicable"
}
