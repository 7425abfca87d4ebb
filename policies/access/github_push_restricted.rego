# METADATA
# title: GitHub pushes to the default branch restricted
# description: |
#   On the default branch of every active repository, only named people, teams or apps may push
#   or merge (classic "Restrict who can push", or a ruleset that restricts updates).
# custom:
#   id: AR-ACC-121
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.push_restricted]
#   params: []
#   remediation: |
#     GitHub: tick "Restrict who can push to matching branches" in the default branch's protection
#     rule and name who may, or add a ruleset with "Restrict updates" and its bypass list.
#   frameworks:
#     nist-800-53:
#       CM-5: Pushing or merging to the default branch is limited to named people, teams or apps.
#     cis-sscs:
#       "1.1.15": Pushing or merging to the default branch is restricted to specific people or teams.
package auditready.policies.access.github_push_restricted

import data.auditready.lib

_fact := "push_restricted"

_messages := {
	"pass": "Pushes to the default branch are restricted",
	"fail": "Anyone with write access may push to the default branch",
	"unknown": "Who may push could not be determined",
	"not_applicable": "Push restriction does not apply",
	"error": "Push restriction could not be evaluated",
}

_expected := "true (pushes restricted to named people, teams or apps)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
