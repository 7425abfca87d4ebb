# METADATA
# title: GitHub review binds administrators too
# description: |
#   On every active repository nobody can merge into the default branch without the review its
#   rules require, administrators included: classic branch protection enforced on admins without
#   pull-request bypass allowances, or a ruleset without bypass actors (one rule that binds an
#   actor is enough). Actors allowed_review_bypass lists (a release bot, say) are accepted and
#   named in the finding. A default branch that requires no review is not applicable here
#   (AR-ACC-103 fails it).
# custom:
#   id: AR-ACC-104
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.review_bypass_actors]
#   params: [allowed_review_bypass]
#   remediation: |
#     GitHub: in the classic branch protection rule of the default branch tick "Do not allow
#     bypassing the above settings" (isAdminEnforced) and remove the pull-request bypass
#     allowances; in the rulesets that require pull requests remove bypass actors (Organization
#     admin, the Repository admin role, teams, apps, deploy keys), or keep only the accounts
#     allowed_review_bypass lists. Organization owners count as repository admins.
#   frameworks:
#     soc2:
#       CC8.1: No one but the actors allowed_review_bypass lists merges to a default branch without the required review.
#     iso27001:
#       A.8.32: The review that change control requires binds administrators of the repository too.
#     nist-800-53:
#       CM-5: Administrators cannot change a default branch outside the reviewed path (beyond allowed_review_bypass).
#     cis-sscs:
#       "1.1.14":
#         proves: Branch protection and rulesets bind administrators; nobody bypasses the required review.
#         requires: {allowed_review_bypass: {subset_of: []}}
package auditready.policies.access.github_review_binds_admins

import data.auditready.lib

_fact := "review_bypass_actors"

_messages := {
	"pass": "Nobody bypasses the required review on the default branch",
	"fail": "Some actors can merge to the default branch without the required review",
	"unknown": "Who can bypass the required review could not be determined",
	"not_applicable": "No review to bypass on the default branch",
	"error": "Review bypass could not be evaluated",
}

_expected := "no actor outside allowed_review_bypass can merge without the required review"

findings contains lib.resource_finding(tool, i, [lib.resource_within(tool, i, _fact, "allowed_review_bypass")], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
