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

findings contains lib.resource_finding(
	tool, i, [
		lib.resource_equals(tool, i, "review_required", true),
		lib.resource_equals(tool, i, "force_push_blocked", true),
	],
	{
		"pass": "Default branch requires a reviewed pull request and refuses force pushes",
		"fail": "Default branch can change without review or be force-pushed",
		"unknown": "Default branch protection could not be determined",
		"not_applicable": "Default branch protection does not apply",
		"error": "Default branch protection could not be evaluated",
	},
) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i, resource in object.get(tool, "resources", [])
	resource.kind == "repository"
	object.get(resource, ["facts", "archived"], false) != true
}
