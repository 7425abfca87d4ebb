# METADATA
# title: GitHub Actions cannot approve pull requests
# description: |
#   Workflows cannot create or approve pull request reviews, so a required review always comes
#   from a person and a pipeline cannot approve its own change.
# custom:
#   id: AR-ACC-102
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [pipeline.can_approve_changes]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Actions > General > Workflow permissions: clear "Allow GitHub
#     Actions to create and approve pull requests" (REST: PUT /orgs/{org}/actions/permissions/workflow
#     with can_approve_pull_request_reviews: false).
#   frameworks:
#     soc2: [CC8.1]
#     nist-800-53: [AC-6]
#     cis-sscs: ["1.1.3"]
package auditready.policies.access.github_actions_cannot_approve

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["pipeline", "can_approve_changes"], false)], {
	"pass": "Actions cannot approve pull requests",
	"fail": "Actions can approve pull requests",
	"unknown": "Whether Actions can approve pull requests could not be determined",
	"not_applicable": "Actions pull request approval does not apply",
	"error": "Actions pull request approval could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
