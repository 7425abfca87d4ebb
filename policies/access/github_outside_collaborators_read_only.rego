# METADATA
# title: GitHub outside collaborators cannot push
# description: |
#   No outside collaborator (an account outside the organization, and outside its SAML SSO) has
#   the admin, maintain or write permission on an active repository; they read or triage at most.
# custom:
#   id: AR-ACC-107
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.outside_collaborators_with_write]
#   params: []
#   remediation: |
#     GitHub: lower the named outside collaborators to Read or Triage (repository Settings >
#     Collaborators), or make them organization members who sign in through the identity provider.
#   frameworks:
#     soc2:
#       CC6.3: No account outside the organization can push to or administer its repositories.
#     iso27001:
#       A.5.15: People outside the organization get no write access to its repositories.
#     nist-800-53:
#       AC-6: Accounts outside the organization hold no write or admin rights on its repositories.
package auditready.policies.access.github_outside_collaborators_read_only

import data.auditready.lib

_fact := "outside_collaborators_with_write"

_messages := {
	"pass": "No outside collaborator can push",
	"fail": "Outside collaborators can push",
	"unknown": "Outside collaborators with push access could not be determined",
	"not_applicable": "Outside collaborators do not apply",
	"error": "Outside collaborators could not be evaluated",
}

_expected := "[] (no outside collaborator with admin, maintain or write)"

findings contains lib.resource_finding(tool, i, [lib.resource_empty(tool, i, _fact)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
