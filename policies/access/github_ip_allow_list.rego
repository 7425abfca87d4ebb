# METADATA
# title: GitHub IP allow list enabled
# description: |
#   The organization (or its enterprise) limits access to its resources to allowed IP addresses,
#   so a stolen token or session is refused from elsewhere.
# custom:
#   id: AR-ACC-110
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.ip_allow_list_enabled]
#   params: []
#   remediation: |
#     GitHub Enterprise Cloud: Organization (or enterprise) settings > Authentication security > IP allow
#     list: add the allowed ranges and tick "Enable IP allow list" (and the list for installed GitHub Apps).
#   frameworks:
#     soc2:
#       CC6.6: Access to the organization's resources is refused from IP addresses outside the allow list.
package auditready.policies.access.github_ip_allow_list

import data.auditready.lib

_fact := "ip_allow_list_enabled"

_messages := {
	"pass": "IP allow list is enabled",
	"fail": "IP allow list is not enabled",
	"unknown": "IP allow list could not be determined",
	"not_applicable": "IP allow list does not apply",
	"error": "IP allow list could not be evaluated",
}

_expected := "true (an IP allow list is enabled)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
