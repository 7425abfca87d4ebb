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
#     soc2: [CC6.3]
#     iso27001: [A.5.15, A.8.3]
#     pci-dss: ["7.2.1", "7.2.2"]
#     nist-800-53: [AC-6, AC-6(5)]
#     hipaa: [164.308(a)(4)]
#     cis-sscs: ["1.3.8", "2.1.5"]
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
