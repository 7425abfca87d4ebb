# METADATA
# title: No wildcard grants
# description: |
#   No permission is granted to everyone, to all authenticated users, or with "*" permissions,
#   so every right can be traced to a named principal.
# custom:
#   id: AR-ACC-004
#   severity: high
#   pillar: access
#   applies_to: ["*"]
#   facts: [access.wildcard_grants]
#   params: []
#   remediation: |
#     Replace each grant listed in the finding with a grant to a named group or role with only the
#     permissions it needs.
#     GitHub: drop base permissions above read and review repository collaborators with admin.
#     GitLab: do not share groups or projects with whole parent groups at Developer or above.
#     Jenkins: remove permissions granted to anonymous or authenticated in globalMatrix/projectMatrix
#     and roleBased entries, and never use loggedInUsersCanDoAnything.
#     Argo CD: remove "p, <subject>, *, *, *, allow" lines and wildcard subjects from policy.csv.
#     Kubernetes: remove bindings to system:authenticated or system:unauthenticated, and roles with
#     "*" in verbs, resources or apiGroups (watch for aggregationRule roles).
#     Vault/OpenBao: remove path "*" stanzas with non-deny capabilities from policies.
#     Harbor: keep projects private and do not add "all users" members.
#   frameworks:
#     soc2:
#       CC6.3: No tool grants rights to everyone or to all authenticated users.
#     iso27001:
#       A.5.15: Every grant on a tool names a principal; none is given to everyone.
#       A.8.3: No tool opens its information to every user through a wildcard grant.
#     pci-dss:
#       "7.2.2": Access is assigned to named principals, never to everyone or all authenticated users.
#     nist-800-53:
#       AC-6: No wildcard grant gives every user rights beyond their role.
#     hipaa:
#       "164.308(a)(4)": Access is authorized per principal; no wildcard grant authorizes everyone.
#     cis-sscs:
#       "1.3.8": No repository or organization grant gives everyone more than the base permission.
#       "2.1.5": Access to the build system is granted to named users or groups, not to everyone.
#       "5.1.4": Access to the deployment configuration is granted to named users or groups, not to everyone.
package auditready.policies.access.no_wildcard_grants

import data.auditready.lib

_path := ["access", "wildcard_grants"]

_expected := "[] (no wildcard grants)"

_check(tool) := lib.judged(tool, _path, _expected, count(lib.value(tool, _path)) == 0) if {
	is_array(lib.value(tool, _path))
} else := lib.judged(tool, _path, _expected, false) if {
	lib.known(tool, _path)
} else := lib.unknown(tool, _path, _expected)

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "No wildcard grants",
	"fail": "Wildcard grants found",
	"unknown": "Wildcard grants could not be determined",
	"not_applicable": "Wildcard grants do not apply",
	"error": "Wildcard grants could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
