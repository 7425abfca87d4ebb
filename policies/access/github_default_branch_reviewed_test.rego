package auditready.policies.access.github_default_branch_reviewed_test

import data.auditready.policies.access.github_default_branch_reviewed as policy
import data.auditready.testing

_repo(name, facts, gaps) := {"id": concat(":", ["repository", name]), "kind": "repository", "name": name, "facts": facts, "gaps": gaps}

_github(resources) := object.union(testing.tool, {
	"id": "github/acme", "type": "github", "category": "source-control",
	"resources": resources,
})

_good := {"archived": false, "review_required": true, "force_push_blocked": true}

_messages := {
	"pass": "Default branch requires a reviewed pull request and refuses force pushes",
	"fail": "Default branch can change without review or be force-pushed",
}

test_pass_one_finding_per_repository if {
	got := policy.findings with input as testing.input_of([_github([_repo("acme/api", _good, []), _repo("acme/web", _good, [])])])
	got == {
		{
			"tool": "github/acme", "resource": "repository:acme/api", "status": "pass", "message": _messages.pass,
			"observed": {"resources.review_required": true, "resources.force_push_blocked": true},
			"expected": {"resources.review_required": "true", "resources.force_push_blocked": "true"},
			"evidence": ["/resources/0/facts/force_push_blocked", "/resources/0/facts/review_required"],
			"gaps": [],
		},
		{
			"tool": "github/acme", "resource": "repository:acme/web", "status": "pass", "message": _messages.pass,
			"observed": {"resources.review_required": true, "resources.force_push_blocked": true},
			"expected": {"resources.review_required": "true", "resources.force_push_blocked": "true"},
			"evidence": ["/resources/1/facts/force_push_blocked", "/resources/1/facts/review_required"],
			"gaps": [],
		},
	}
}

test_fail if {
	bad := object.union(_good, {"force_push_blocked": false})
	got := policy.findings with input as testing.input_of([_github([_repo("acme/api", bad, [])])])
	[f] := [f | some f in got]
	f.status == "fail"
	f.resource == "repository:acme/api"
	f.message == concat("", [_messages.fail, ": resources.force_push_blocked is false, expected true"])
}

test_unknown_names_the_permission if {
	facts := object.union(_good, {"review_required": null})
	gap := {"fact": "review_required", "reason": "permission_missing", "detail": "needs repository admin", "permission": "repository admin (repo scope)"}
	got := policy.findings with input as testing.input_of([_github([_repo("acme/api", facts, [gap])])])
	[f] := [f | some f in got]
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.review_required"})]
}

test_not_applicable_for_an_empty_repository if {
	facts := {"archived": false, "review_required": null, "force_push_blocked": null}
	gaps := [
		{"fact": "review_required", "reason": "not_applicable", "detail": "empty repository"},
		{"fact": "force_push_blocked", "reason": "not_applicable", "detail": "empty repository"},
	]
	got := policy.findings with input as testing.input_of([_github([_repo("acme/empty", facts, gaps)])])
	[f] := [f | some f in got]
	f.status == "not_applicable"
}

test_archived_repositories_and_other_kinds_are_skipped if {
	archived := object.union(_good, {"archived": true, "review_required": false})
	project := object.union(_repo("acme/board", _good, []), {"kind": "project"})
	got := policy.findings with input as testing.input_of([_github([_repo("acme/old", archived, []), project, _repo("acme/api", _good, [])])])
	{f.resource | some f in got} == {"repository:acme/api"}
}

test_not_applicable_without_active_repositories if {
	archived := object.union(_good, {"archived": true, "review_required": false})
	got := policy.findings with input as testing.input_of([_github([_repo("acme/old", archived, [])])])
	got == {{
		"tool": "github/acme", "resource": null, "status": "not_applicable",
		"message": "Default branch protection does not apply: resources.review_required (no active repositories)",
		"observed": {"resources.review_required": null},
		"expected": {"resources.review_required": "a reviewed pull request and no force pushes on the default branch"},
		"evidence": ["/resources"],
		"gaps": [{"fact": "resources.review_required", "reason": "not_applicable", "detail": "no active repositories"}],
	}}
}

test_unknown_when_repositories_were_not_collected if {
	got := policy.findings with input as testing.input_of([object.union(testing.tool, {"id": "github/acme", "type": "github"})])
	[f] := [f | some f in got]
	f.status == "unknown"
	f.resource == null
	f.gaps == [{"fact": "resources.review_required", "reason": "not_collected", "detail": "no value and no recorded reason"}]
}
