# METADATA
# title: GitHub approvals dismissed when new commits are pushed
# description: |
#   On the default branch of every active repository, a rule that requires review dismisses its
#   approvals when new commits are pushed, so an approval covers the change that is merged.
# custom:
#   id: AR-ACC-116
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.stale_reviews_dismissed]
#   params: []
#   remediation: |
#     GitHub: in the branch protection rule of the default branch tick "Dismiss stale pull request
#     approvals when new commits are pushed" (ruleset: "Dismiss stale pull request approvals when new
#     commits are pushed" in the pull request rule).
#   frameworks:
#     soc2:
#       CC8.1: "An approval covers the change as merged: new commits dismiss earlier approvals."
#     nist-800-53:
#       CM-3: Approved changes are the changes merged; later commits need a new approval.
#     cis-sscs:
#       "1.1.4": Previous approvals are dismissed when new commits are pushed to the pull request.
package auditready.policies.access.github_stale_reviews_dismissed

import data.auditready.lib

_fact := "stale_reviews_dismissed"

_messages := {
	"pass": "Stale approvals are dismissed",
	"fail": "Approvals survive new commits",
	"unknown": "Whether stale approvals are dismissed could not be determined",
	"not_applicable": "Stale approval dismissal does not apply",
	"error": "Stale approval dismissal could not be evaluated",
}

_expected := "true (approvals dismissed on new commits)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
