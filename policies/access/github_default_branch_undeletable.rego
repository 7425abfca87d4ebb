# METADATA
# title: GitHub default branches cannot be deleted
# description: |
#   On every active repository branch protection (allowsDeletions off) or a ruleset (a DELETION
#   rule) refuses to delete the default branch, so what is built and deployed, and its reviewed
#   history, cannot be removed by a push.
# custom:
#   id: AR-ACC-105
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.deletion_blocked]
#   params: []
#   remediation: |
#     GitHub: leave "Allow deletions" off in the default branch's classic protection rule, or add a
#     ruleset targeting the default branch with "Restrict deletions". Archived repositories are skipped.
#   frameworks:
#     soc2:
#       CC8.1: A default branch, with the reviewed history it holds, cannot be deleted by a push.
#     iso27001:
#       A.8.4: The main line of each repository's source code cannot be deleted through Git.
#     nist-800-53:
#       CM-5: Deleting a default branch is refused by branch protection or a ruleset.
package auditready.policies.access.github_default_branch_undeletable

import data.auditready.lib

_fact := "deletion_blocked"

_messages := {
	"pass": "Default branch cannot be deleted",
	"fail": "Default branch can be deleted",
	"unknown": "Whether the default branch can be deleted could not be determined",
	"not_applicable": "Default branch deletion does not apply",
	"error": "Default branch deletion could not be evaluated",
}

_expected := "true (deletion of the default branch refused)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
