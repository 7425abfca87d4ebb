# METADATA
# title: GitHub forking of private and internal repositories disabled
# description: |
#   Members cannot fork private or internal repositories: a fork is a copy whose access the
#   repository's own permissions no longer govern, so code could leave the organization's control.
# custom:
#   id: AR-ACC-113
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.private_forking_disabled]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Member privileges > Repository forking: untick "Allow forking of
#     private and internal repositories" (GET /orgs/{org} members_can_fork_private_repositories: false).
#   frameworks:
#     soc2:
#       CC6.7: Private and internal code cannot be copied out of its repository by forking.
#     iso27001:
#       A.8.3: Copies of private source code (forks) outside the repository's access control cannot be made.
#     nist-800-53:
#       AC-6: Members are not given the right to copy private code out of its access control (fork it).
package auditready.policies.access.github_private_forking_disabled

import data.auditready.lib

_fact := "private_forking_disabled"

_messages := {
	"pass": "Forking of private repositories is disabled",
	"fail": "Private and internal repositories can be forked",
	"unknown": "Whether private repositories can be forked could not be determined",
	"not_applicable": "Private repository forking does not apply",
	"error": "Private repository forking could not be evaluated",
}

_expected := "true (private and internal repositories cannot be forked)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
