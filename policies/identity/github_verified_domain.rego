# METADATA
# title: GitHub organization has a verified domain
# description: |
#   The organization has verified at least one domain it owns (GitHub shows the "Verified" badge),
#   so members and outsiders can tell the organization is the company's.
# custom:
#   id: AR-IDN-103
#   severity: low
#   pillar: identity
#   applies_to: [github]
#   facts: [resources.verified_domains]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Verified and approved domains > Add a domain, then publish the
#     TXT record GitHub shows and verify it.
#   frameworks:
#     cis-sscs:
#       "1.3.9": "The organization's identity is confirmed: it has verified a domain (GitHub's Verified badge)."
package auditready.policies.identity.github_verified_domain

import data.auditready.lib

_fact := "verified_domains"

_messages := {
	"pass": "The organization has a verified domain",
	"fail": "The organization has no verified domain",
	"unknown": "Verified domains could not be determined",
	"not_applicable": "Verified domains do not apply",
	"error": "Verified domains could not be evaluated",
}

_expected := "at least one verified domain"

# At least one element: resource_empty's converse.
_has_some(tool, i) := lib.resource_judged(tool, i, _fact, _expected, count(lib.resource_value(tool, i, _fact)) > 0) if {
	lib.resource_known(tool, i, _fact)
} else := lib.resource_unknown(tool, i, _fact, _expected)

findings contains lib.resource_finding(tool, i, [_has_some(tool, i)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	i := lib.organization_index(tool)
}

findings contains lib.organization_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
