# METADATA
# title: GitHub email notifications restricted to verified domains
# description: |
#   Email notifications about the organization's repositories go only to addresses on domains the
#   organization has verified or approved, not to members' personal mailboxes.
# custom:
#   id: AR-IDN-102
#   severity: low
#   pillar: identity
#   applies_to: [github]
#   facts: [resources.notifications_restricted_to_verified_domains]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Verified and approved domains: verify the company's domains and
#     tick "Restrict email notifications to only approved or verified domains"
#     (GraphQL Organization.notificationDeliveryRestrictionEnabledSetting: ENABLED).
#   frameworks:
#     soc2:
#       CC6.7: Notifications carrying the organization's code activity are delivered only to its own mail domains.
#     cis-sscs:
#       "1.3.10": Email notifications are restricted to the organization's verified or approved domains.
package auditready.policies.identity.github_notifications_verified_domains

import data.auditready.lib

_fact := "notifications_restricted_to_verified_domains"

_messages := {
	"pass": "Notifications go to verified domains only",
	"fail": "Notifications can go to any email domain",
	"unknown": "Where notifications go could not be determined",
	"not_applicable": "Notification restriction does not apply",
	"error": "Notification restriction could not be evaluated",
}

_expected := "true (email notifications only to verified or approved domains)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
