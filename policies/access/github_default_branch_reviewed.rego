# METADATA
# title: GitHub default branches require review and refuse force pushes
# description: |
#   On every active repository the default branch takes changes only through a reviewed pull
#   request and refuses force pushes, by branch protection or by a ruleset, so every change to
#   what is built and deployed is approved and its history cannot be rewritten.
# custom:
#   id: AR-ACC-103
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.review_required, resources.force_push_blocked]
#   params: []
#   remediation: |
#     GitHub: add an organization or repository ruleset targeting the default branch with "Require a
#     pull request before merging" (at least one approval) and "Block force pushes", or a classic
#     branch protection rule with "Require approvals" and force pushes disallowed. Archived
#     repositories are skipped. The collector reads classic protection as a repository admin; rulesets
#     are readable with read access.
#   frameworks:
#     soc2: [CC8.1]
#     cis-sscs: ["1.1.3"]
#     nist-800-53: [AC-6]
package auditready.policies.access.github_default_branch_reviewed

import data.auditready.lib

_messages := {
	"pass": "Default branch requires a reviewed pull request and refuses force pushes",
	"fail": "Default branch can change without review or be force-pushed",
	"unknown": "Default branch protection could not be determined",
	"not_applicable": "Default branch protection does not apply",
	"error": "Default branch protection could not be evaluated",
}

_expected := "a reviewed pull request and no force pushes on the default branch"

# A helper, so that `not` applies to it: `not is_array(tool.resources)` would be undefined, not
# true, when resources is missing (OPA evaluates the nested reference outside the negation).
_has_resources(tool) if is_array(tool.resources)

_active(tool) := [i |
	some i, resource in tool.resources
	resource.kind == "repository"
	object.get(resource, ["facts", "archived"], false) != true
]

# One finding per active repository.
findings contains lib.resource_finding(
	tool, i, [
		lib.resource_equals(tool, i, "review_required", true),
		lib.resource_equals(tool, i, "force_push_blocked", true),
	],
	_messages,
) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in _active(tool)
}

# Repositories not collected at all: one unknown finding for the tool, never silence.
findings contains lib.finding(tool, [lib.unknown(tool, ["resources", "review_required"], _expected)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	not _has_resources(tool)
}

# Repositories collected, none active (empty organization, all archived): not applicable.
findings contains lib.finding(
	tool, [{
		"fact": "resources.review_required",
		"pointer": "/resources",
		"observed": null,
		"expected": _expected,
		"state": "not_applicable",
		"gap": {"fact": "resources.review_required", "reason": "not_applicable", "detail": "no active repositories"},
	}],
	_messages,
) if {
	some tool in lib.in_scope(rego.metadata.chain())
	_has_resources(tool)
	count(_active(tool)) == 0
}
