# METADATA
# title: GitHub repository deletion and transfer limited to owners
# description: |
#   Members who administer a repository cannot delete or transfer it: the organization's "Allow
#   members to delete or transfer repositories" is off, so only organization owners can, and a
#   repository with its history and settings cannot leave the organization through a repository admin.
# custom:
#   id: AR-ACC-111
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.repository_deletion_owners_only]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Member privileges > Repository deletion and transfer: untick
#     "Allow members to delete or transfer repositories for this organization"
#     (GET /orgs/{org} members_can_delete_repositories: false).
#   frameworks:
#     iso27001:
#       A.8.4: Repository admins cannot delete the organization's source code or move it out; only owners can.
#     nist-800-53:
#       CM-5: Deleting or transferring a repository is limited to organization owners.
#     cis-sscs:
#       "1.2.3": Only organization owners can delete or transfer the organization's repositories.
package auditready.policies.access.github_repository_deletion_limited

import data.auditready.lib

_fact := "repository_deletion_owners_only"

_messages := {
	"pass": "Only owners can delete or transfer repositories",
	"fail": "Members can delete or transfer repositories",
	"unknown": "Who can delete or transfer repositories could not be determined",
	"not_applicable": "Repository deletion does not apply",
	"error": "Repository deletion could not be evaluated",
}

_expected := "true (only organization owners delete or transfer repositories)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
