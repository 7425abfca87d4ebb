# METADATA
# title: GitHub code-owner review required
# description: |
#   On the default branch of every active repository, a change to a file that has code owners
#   needs the approval of one of them (whether CODEOWNERS covers the sensitive paths is not read).
# custom:
#   id: AR-ACC-118
#   severity: low
#   pillar: access
#   applies_to: [github]
#   facts: [resources.code_owner_review_required]
#   params: []
#   remediation: |
#     GitHub: add a CODEOWNERS file naming owners of sensitive paths, and tick "Require review from
#     Code Owners" in the default branch's protection rule or pull request ruleset rule.
#   frameworks:
#     soc2:
#       CC8.1: Changes to files with code owners are approved by one of their owners.
#     cis-sscs:
#       "1.1.6": Code owners must approve changes to the files they own (the CODEOWNERS coverage itself is not checked).
package auditready.policies.access.github_code_owner_review

import data.auditready.lib

_fact := "code_owner_review_required"

_messages := {
	"pass": "Code-owner review is required",
	"fail": "Code-owner review is not required",
	"unknown": "Whether code-owner review is required could not be determined",
	"not_applicable": "Code-owner review does not apply",
	"error": "Code-owner review could not be evaluated",
}

_expected := "true (review from code owners required)"

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, _fact, true)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
