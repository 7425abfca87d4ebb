# METADATA
# title: GitHub Actions token read-only in every repository
# description: |
#   In every active repository, workflows get a GITHUB_TOKEN that can only read by default (a
#   repository can set its own default where the organization allows it; AR-ACC-101 judges the
#   organization's).
# custom:
#   id: AR-ACC-123
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.actions_token_read_only]
#   params: []
#   remediation: |
#     GitHub: the repository's Settings > Actions > General > Workflow permissions: "Read repository
#     contents and packages permissions" (PUT /repos/{owner}/{repo}/actions/permissions/workflow).
#   frameworks:
#     soc2:
#       CC6.3: Each repository's Actions jobs get a read-only token unless a workflow asks for more.
#     nist-800-53:
#       AC-6: Automated jobs in each repository run with read-only rights by default.
#     cis-sscs:
#       "2.1.7": Each repository's default build secret (GITHUB_TOKEN) is scoped to read only.
package auditready.policies.access.github_repository_actions_token_read_only

import data.auditready.lib

_fact := "actions_token_read_only"

_messages := {
	"pass": "The repository's Actions token is read-only",
	"fail": "The repository's Actions token can write",
	"unknown": "The repository's Actions token permission could not be determined",
	"not_applicable": "The repository's Actions token does not apply",
	"error": "The repository's Actions token could not be evaluated",
}

_expected := "true (default GITHUB_TOKEN permission read)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
