# METADATA
# title: GitHub Apps do not administer the organization
# description: |
#   No GitHub App is installed with organization administration or members write permission:
#   such an app changes organization settings or membership, an administrator in effect whose
#   key is outside any person's account.
# custom:
#   id: AR-ACC-115
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.admin_app_installations]
#   params: []
#   remediation: |
#     GitHub: Organization settings > GitHub Apps: review each named app; uninstall it or ask its
#     owner for a version without organization administration and members write.
#   frameworks:
#     soc2:
#       CC6.3: Installed applications hold no organization administration or membership rights.
#     nist-800-53:
#       AC-6: No installed application is an organization administrator in effect.
#     cis-sscs:
#       "1.4.3": Installed GitHub Apps do not hold organization administration or members write permission.
package auditready.policies.access.github_apps_not_administrators

import data.auditready.lib

_fact := "admin_app_installations"

_messages := {
	"pass": "No GitHub App administers the organization",
	"fail": "GitHub Apps administer the organization",
	"unknown": "GitHub App permissions could not be determined",
	"not_applicable": "GitHub App permissions do not apply",
	"error": "GitHub App permissions could not be evaluated",
}

_expected := "[] (no app with organization_administration or members write)"

findings contains lib.resource_finding(tool, i, [lib.resource_empty(tool, i, _fact)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
