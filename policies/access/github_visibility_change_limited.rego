# METADATA
# title: GitHub repository visibility changes limited to owners
# description: |
#   Members who administer a repository cannot change its visibility: the organization's "Allow members
#   to change repository visibilities" is off, so only organization owners can make a private
#   repository public or internal, which decides who can read its code.
# custom:
#   id: AR-ACC-112
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.visibility_change_owners_only]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Member privileges > Repository visibility change: untick
#     "Allow members to change repository visibilities for this organization"
#     (GET /orgs/{org} members_can_change_repo_visibility: false).
#   frameworks:
#     soc2:
#       CC6.3: Only organization owners can change a repository's visibility, which grants or removes read access for everyone.
#     iso27001:
#       A.8.3: Repository admins cannot widen who reads source code by making a repository public or internal.
#     nist-800-53:
#       AC-6: Changing who can read a repository (its visibility) is limited to organization owners.
package auditready.policies.access.github_visibility_change_limited

import data.auditready.lib

_fact := "visibility_change_owners_only"

_messages := {
	"pass": "Only owners can change repository visibility",
	"fail": "Members can change repository visibility",
	"unknown": "Who can change repository visibility could not be determined",
	"not_applicable": "Repository visibility changes do not apply",
	"error": "Repository visibility changes could not be evaluated",
}

_expected := "true (only organization owners change repository visibility)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
