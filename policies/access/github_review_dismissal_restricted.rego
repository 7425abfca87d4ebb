# METADATA
# title: GitHub review dismissal restricted
# description: |
#   On the default branch of every active repository where review is required, branch protection
#   restricts who may dismiss a review (rulesets cannot, so anyone with write access could
#   otherwise dismiss a blocking review).
# custom:
#   id: AR-ACC-117
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.review_dismissal_restricted]
#   params: []
#   remediation: |
#     GitHub: in the branch protection rule of the default branch tick "Restrict who can dismiss pull
#     request reviews" and name the people or teams who may.
#   frameworks:
#     nist-800-53:
#       CM-5: Dismissing a review on the default branch is limited to named people or teams.
#     cis-sscs:
#       "1.1.5": Who can dismiss code change reviews is restricted on the default branch.
package auditready.policies.access.github_review_dismissal_restricted

import data.auditready.lib

_fact := "review_dismissal_restricted"

_messages := {
	"pass": "Only named people may dismiss reviews",
	"fail": "Anyone with write access may dismiss reviews",
	"unknown": "Who may dismiss reviews could not be determined",
	"not_applicable": "Review dismissal does not apply",
	"error": "Review dismissal could not be evaluated",
}

_expected := "true (review dismissal restricted to named people or teams)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
