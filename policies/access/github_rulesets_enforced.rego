# METADATA
# title: GitHub rulesets on default branches are enforced
# description: |
#   Every ruleset whose rules target the default branch of an active repository is active: a
#   ruleset in evaluate mode only reports what it would block, and a disabled one nothing.
# custom:
#   id: AR-ACC-122
#   severity: low
#   pillar: access
#   applies_to: [github]
#   facts: [resources.unenforced_rulesets]
#   params: []
#   remediation: |
#     GitHub: Settings > Rules > Rulesets (repository or organization): set "Enforcement status" to
#     Active, or delete the ruleset if it is not meant to protect the branch.
#   frameworks:
#     nist-800-53:
#       CM-5: Every ruleset written for the default branch enforces its restrictions.
package auditready.policies.access.github_rulesets_enforced

import data.auditready.lib

_fact := "unenforced_rulesets"

_messages := {
	"pass": "Rulesets on the default branch are enforced",
	"fail": "Rulesets on the default branch are not enforced",
	"unknown": "Ruleset enforcement could not be determined",
	"not_applicable": "Ruleset enforcement does not apply",
	"error": "Ruleset enforcement could not be evaluated",
}

_expected := "[] (every ruleset on the default branch active)"

findings contains lib.resource_finding(tool, i, [lib.resource_empty(tool, i, _fact)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
