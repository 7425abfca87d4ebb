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
#     soc2:
#       CC8.1: A GitHub Actions workflow cannot approve a pull request, so approvals come from people.
#     iso27001:
#       A.8.32: Automation cannot approve changes to the code it builds; approval stays a human step.
#     pci-dss:
#       "6.5.1": Change approval cannot be given by a pipeline job, only by authorized people.
#     nist-800-53:
#       AC-5: The pipeline that proposes a change cannot also approve it (separation of duties).
#       CM-3: Code changes cannot be approved by automation, only by reviewers.
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
