# METADATA
# title: GitHub Actions cannot approve pull requests in any repository
# description: |
#   In every active repository, GitHub Actions workflows cannot create or approve pull requests,
#   so approvals come from people (AR-ACC-102 judges the organization's setting).
# custom:
#   id: AR-ACC-124
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.actions_can_approve_pull_requests]
#   params: []
#   remediation: |
#     GitHub: the repository's Settings > Actions > General > Workflow permissions: clear "Allow GitHub
#     Actions to create and approve pull requests".
#   frameworks:
#     soc2:
#       CC8.1: No workflow in the repository can approve a pull request; approvals come from people.
#     nist-800-53:
#       AC-5: The pipeline that proposes a change in the repository cannot also approve it.
package auditready.policies.access.github_repository_actions_cannot_approve

import data.auditready.lib

_fact := "actions_can_approve_pull_requests"

_messages := {
	"pass": "Actions cannot approve pull requests in the repository",
	"fail": "Actions can approve pull requests in the repository",
	"unknown": "Whether Actions can approve pull requests could not be determined",
	"not_applicable": "Actions approval does not apply",
	"error": "Actions approval could not be evaluated",
}

_expected := "false (Actions cannot create or approve pull requests)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, false)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
