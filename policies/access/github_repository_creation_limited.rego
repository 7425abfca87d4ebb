# METADATA
# title: GitHub repository creation limited
# description: |
#   Organization members (not owners) may create only the repository visibilities
#   allowed_member_repository_creation lists (public, private, internal); the default, none, leaves
#   repository creation to owners.
# custom:
#   id: AR-ACC-109
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.member_repository_creation]
#   params: [allowed_member_repository_creation]
#   remediation: |
#     GitHub: Organization settings > Member privileges > Repository creation: untick the visibilities
#     members may not create (GET /orgs/{org} members_can_create_*_repositories), or list the ones you
#     accept in allowed_member_repository_creation.
#   frameworks:
#     nist-800-53:
#       AC-6: Members create only the repository visibilities allowed_member_repository_creation lists.
#     cis-sscs:
#       "1.2.2":
#         proves: Only organization owners create repositories; members cannot.
#         requires: {allowed_member_repository_creation: {subset_of: []}}
package auditready.policies.access.github_repository_creation_limited

import data.auditready.lib

_fact := "member_repository_creation"

_messages := {
	"pass": "Repository creation is limited",
	"fail": "Members can create repositories beyond the allowed visibilities",
	"unknown": "Repository creation rights could not be determined",
	"not_applicable": "Repository creation does not apply",
	"error": "Repository creation could not be evaluated",
}

_expected := "only the visibilities allowed_member_repository_creation lists"

findings contains lib.resource_finding(tool, i, [lib.resource_within(tool, i, _fact, "allowed_member_repository_creation")], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
