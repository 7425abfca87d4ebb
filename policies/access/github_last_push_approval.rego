# METADATA
# title: GitHub last push approved by someone else
# description: |
#   On the default branch of every active repository, the most recent push to a pull request must
#   be approved by someone other than the person who pushed it, so nobody merges their own
#   unreviewed last change.
# custom:
#   id: AR-ACC-119
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.last_push_approval_required]
#   params: []
#   remediation: |
#     GitHub: tick "Require approval of the most recent reviewable push" in the default branch's
#     protection rule or pull request ruleset rule.
#   frameworks:
#     soc2:
#       CC8.1: The last change pushed to a pull request is approved by someone other than its pusher.
#     nist-800-53:
#       AC-5: The person who pushed the last change cannot be its only approver.
package auditready.policies.access.github_last_push_approval

import data.auditready.lib

_fact := "last_push_approval_required"

_messages := {
	"pass": "The last push needs another reviewer",
	"fail": "The last push can be merged without another approval",
	"unknown": "Whether the last push needs approval could not be determined",
	"not_applicable": "Last-push approval does not apply",
	"error": "Last-push approval could not be evaluated",
}

_expected := "true (most recent push approved by someone else)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
