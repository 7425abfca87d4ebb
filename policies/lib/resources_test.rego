package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

_resource_messages := {"pass": "ok", "fail": "bad", "unknown": "?", "not_applicable": "n/a", "error": "err"}

_repo_tool := object.union(testing.github, {"resources": [
	{
		"id": "repository:acme/api", "kind": "repository", "name": "acme/api",
		"facts": {"review_required": true, "force_push_blocked": null},
		"gaps": [{"fact": "force_push_blocked", "reason": "permission_missing", "detail": "needs repository admin", "permission": "repo"}],
	},
	{
		"id": "repository:acme/empty", "kind": "repository", "name": "acme/empty",
		"facts": {"review_required": null},
		"gaps": [{"fact": "review_required", "reason": "not_applicable", "detail": "empty repository"}],
	},
	{"id": "repository:acme/web", "kind": "repository", "name": "acme/web", "facts": {"review_required": false, "force_push_blocked": null}, "gaps": []},
]})

test_resource_equals_pass_and_fail if {
	lib.resource_equals(_repo_tool, 0, "review_required", true) == {
		"fact": "resources.review_required", "pointer": "/resources/0/facts/review_required",
		"observed": true, "expected": "true", "state": "pass",
	}
	lib.resource_equals(_repo_tool, 2, "review_required", true).state == "fail"
}

test_resource_unknown_takes_the_resource_gap if {
	c := lib.resource_equals(_repo_tool, 0, "force_push_blocked", true)
	c.state == "unknown"
	c.pointer == "/resources/0/facts/force_push_blocked"
	c.gap == {"fact": "resources.force_push_blocked", "reason": "permission_missing", "detail": "needs repository admin", "permission": "repo"}
}

test_resource_null_without_gap_and_missing_fact_are_not_collected if {
	lib.resource_equals(_repo_tool, 2, "force_push_blocked", true).gap.reason == "not_collected"
	lib.resource_equals(_repo_tool, 1, "force_push_blocked", true).gap.reason == "not_collected"
}

test_resource_fact_left_out_points_at_the_resource_facts if {
	lib.resource_equals(_repo_tool, 1, "force_push_blocked", true).pointer == "/resources/1/facts"
	lib.resource_equals(_repo_tool, 2, "force_push_blocked", true).pointer == "/resources/2/facts/force_push_blocked"
}

test_resource_not_applicable if {
	lib.resource_equals(_repo_tool, 1, "review_required", true).state == "not_applicable"
}

test_resource_finding_names_the_resource if {
	f := lib.resource_finding(_repo_tool, 2, [lib.resource_equals(_repo_tool, 2, "review_required", true)], _resource_messages)
	f == {
		"tool": "github/acme",
		"resource": "repository:acme/web",
		"status": "fail",
		"message": "bad: resources.review_required is false, expected true",
		"observed": {"resources.review_required": false},
		"expected": {"resources.review_required": "true"},
		"evidence": ["/resources/2/facts/review_required"],
		"gaps": [],
	}
}

test_resource_absent_points_at_the_source if {
	f := lib.finding(testing.tool, [lib.resource_absent("root_tokens", "none", "no token-store resource")], _resource_messages)
	f == {
		"tool": "jenkins/ci",
		"resource": null,
		"status": "unknown",
		"message": "?: resources.root_tokens unknown (not_collected: no token-store resource)",
		"observed": {"resources.root_tokens": null},
		"expected": {"resources.root_tokens": "none"},
		"evidence": ["/source"],
		"gaps": [{"fact": "resources.root_tokens", "reason": "not_collected", "detail": "no token-store resource"}],
	}
}
