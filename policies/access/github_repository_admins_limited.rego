# METADATA
# title: GitHub repository administrators within limits
# description: |
#   Every active repository has at least min_repository_admins and at most max_repository_admins
#   collaborators with the admin permission (who can change its protection, settings and access;
#   organization owners are among them), so administration of each repository stays with a few
#   named people and, with a lower bound, does not rest on one.
# custom:
#   id: AR-ACC-106
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.admin_count]
#   params: [min_repository_admins, max_repository_admins]
#   remediation: |
#     GitHub: in each repository's Settings > Collaborators and teams, lower the extra admins to Maintain
#     or Write, or give a second person admin where one holds it alone (the finding names the
#     repository; resources.admin_names lists who); grant admin through a small team.
#   frameworks:
#     soc2:
#       CC6.3: Administration of each repository is limited to at most max_repository_admins accounts.
#     iso27001:
#       A.8.2: Privileged rights on each repository are held by at most max_repository_admins accounts.
#     nist-800-53:
#       "AC-6(5)": Admin rights on each repository are restricted to at most max_repository_admins accounts.
#     cis-sscs:
#       "1.3.7":
#         proves: Every repository has two administrators, no fewer (not one person alone) and no more.
#         requires: {min_repository_admins: {min: 2}, max_repository_admins: {max: 2}}
package auditready.policies.access.github_repository_admins_limited

import data.auditready.lib

_fact := "admin_count"

_messages := {
	"pass": "Repository administrators are within the limits",
	"fail": "Repository administrators are outside the limits",
	"unknown": "Repository administrators could not be determined",
	"not_applicable": "Repository administrators do not apply",
	"error": "Repository administrators could not be evaluated",
}

_expected := "between min_repository_admins and max_repository_admins administrators per repository"

findings contains lib.resource_finding(tool, i, [lib.resource_between(tool, i, _fact, "min_repository_admins", "max_repository_admins")], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
