# METADATA
# title: GitHub self-hosted runners limited to selected private repositories
# description: |
#   No self-hosted runner group that holds runners can be used by public repositories or by every
#   repository: jobs from a public fork or any repository would run on the organization's own
#   machines and network.
# custom:
#   id: AR-ACC-114
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.open_runner_groups]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Actions > Runner groups: for each named group, set "Repository
#     access" to selected repositories and untick "Allow public repositories" (or move its runners to
#     such a group).
#   frameworks:
#     soc2:
#       CC6.3: The organization's build machines run jobs only of the repositories selected for them.
#     nist-800-53:
#       AC-6: Self-hosted runners accept jobs only from selected private repositories.
package auditready.policies.access.github_runner_groups_limited

import data.auditready.lib

_fact := "open_runner_groups"

_messages := {
	"pass": "Self-hosted runners are limited to selected repositories",
	"fail": "Self-hosted runners are open to public or all repositories",
	"unknown": "Self-hosted runner groups could not be determined",
	"not_applicable": "Self-hosted runner groups do not apply",
	"error": "Self-hosted runner groups could not be evaluated",
}

_expected := "[] (no runner group with runners open to public or all repositories)"

findings contains lib.resource_finding(tool, i, [lib.resource_empty(tool, i, _fact)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
