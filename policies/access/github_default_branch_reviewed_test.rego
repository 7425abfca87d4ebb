package auditready.policies.access.github_default_branch_reviewed_test

import data.auditready.policies.access.github_default_branch_reviewed as policy
import data.auditready.testing

_good := {"archived": false, "required_approvals": 2, "force_push_blocked": true}

_messages := {
	"pass": "Default branch requires a reviewed pull request and refuses force pushes",
	"fail": "Default branch can change without enough approvals or be force-pushed",
}

_eval_params(tools, params) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as params
}

_eval(tools) := _eval_params(tools, testing.params)

_approvals := ">= 1 (min_required_approvals)"

_good_observed := {"resources.required_approvals": 2, "resources.force_push_blocked": true}

_good_expected := {"resources.required_approvals": _approvals, "resources.force_push_blocked": "true"}

test_pass_one_finding_per_repository if {
	got := _eval([testing.github_with([testing.repo("acme/api", _good, []), testing.repo("acme/web", _good, [])])])
	got == {testing.resource_finding(i, id, "pass", _messages.pass, _good_observed, _good_expected, []) |
		some [i, id] in [[0, "repository:acme/api"], [1, "repository:acme/web"]]
	}
}

test_fail if {
	bad := object.union(_good, {"force_push_blocked": false})
	got := _eval([testing.github_with([testing.repo("acme/api", bad, [])])])
	f := testing.only(got)
	f.status == "fail"
	f.resource == "repository:acme/api"
	f.message == concat("", [_messages.fail, ": resources.force_push_blocked is false, expected true"])
}

test_unknown_names_the_permission if {
	facts := object.union(_good, {"required_approvals": null})
	gap := {"fact": "required_approvals", "reason": "permission_missing", "detail": "needs repository admin", "permission": "repository admin (repo scope)"}
	got := _eval([testing.github_with([testing.repo("acme/api", facts, [gap])])])
	f := testing.only(got)
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.required_approvals"})]
}

test_not_applicable_for_an_empty_repository if {
	facts := {"archived": false, "required_approvals": null, "force_push_blocked": null}
	gaps := [
		{"fact": "required_approvals", "reason": "not_applicable", "detail": "empty repository"},
		{"fact": "force_push_blocked", "reason": "not_applicable", "detail": "empty repository"},
	]
	got := _eval([testing.github_with([testing.repo("acme/empty", facts, gaps)])])
	f := testing.only(got)
	f.status == "not_applicable"
}

test_archived_repositories_and_other_kinds_are_skipped if {
	archived := object.union(_good, {"archived": true, "required_approvals": 0})
	project := object.union(testing.repo("acme/board", _good, []), {"kind": "project"})
	got := _eval([testing.github_with([testing.repo("acme/old", archived, []), project, testing.repo("acme/api", _good, [])])])
	{f.resource | some f in got} == {"repository:acme/api"}
}

test_not_applicable_without_active_repositories if {
	archived := object.union(_good, {"archived": true, "required_approvals": 0})
	got := _eval([testing.github_with([testing.repo("acme/old", archived, [])])])
	expected := "a pull request with >= 1 approvals (min_required_approvals) and no force pushes on the default branch"
	got == {object.union(
		testing.finding_on(
			"github/acme", "not_applicable",
			"Default branch protection does not apply: resources.required_approvals (no active repositories)",
			{"resources.required_approvals": null}, {"resources.required_approvals": expected},
			[{"fact": "resources.required_approvals", "reason": "not_applicable", "detail": "no active repositories"}],
		),
		{"evidence": ["/resources"]},
	)}
}

test_unknown_when_repositories_were_not_collected if {
	got := _eval([testing.github])
	f := testing.only(got)
	f.status == "unknown"
	f.resource == null
	f.gaps == [{"fact": "resources.required_approvals", "reason": "not_collected", "detail": "no value and no recorded reason"}]
}

test_fail_below_the_required_approvals if {
	# one approval passes the baseline (1) and fails the CIS SSCS profile's 2 (1.1.3)
	one := testing.repo("acme/api", object.union(_good, {"required_approvals": 1}), [])
	f := testing.only(_eval([testing.github_with([one])]))
	f.status == "pass"
	got := _eval_params([testing.github_with([one])], object.union(testing.params, {"min_required_approvals": 2}))
	g := testing.only(got)
	g.status == "fail"
	g.message == concat("", [_messages.fail, ": resources.required_approvals is 1, expected >= 2 (min_required_approvals)"])
}

test_fail_without_review if {
	none := testing.repo("acme/api", object.union(_good, {"required_approvals": 0}), [])
	f := testing.only(_eval([testing.github_with([none])]))
	f.status == "fail"
}

test_error_when_param_missing if {
	got := _eval_params([testing.github_with([testing.repo("acme/api", _good, [])])], object.remove(testing.params, ["min_required_approvals"]))
	f := testing.only(got)
	f.status == "error"
	f.message == "Default branch protection could not be evaluated: parameter min_required_approvals is not set in the profile or config"
}
