# METADATA
# title: Number of administrators limited
# description: |
#   Few accounts hold full administrative rights on the tool: at most max_admins.
# custom:
#   id: AR-ACC-001
#   severity: medium
#   pillar: access
#   applies_to: ["*"]
#   facts: [access.admin_count]
#   params: [max_admins]
#   remediation: |
#     Review who holds admin rights, demote everyone who does not need them, and grant
#     narrower roles instead (review at least every 6 months, PCI DSS 7.2.4).
#     GitHub: reduce organization owners (membersWithRole role ADMIN) and enterprise owners; use
#     teams with maintain/write roles.
#     GitLab: reduce Owner (50) members and instance admins (GET /users?admins=true).
#     Jenkins: limit Overall/Administer in globalMatrix/projectMatrix or roleBased roles; never grant
#     it to anonymous or authenticated.
#     Kubernetes: remove subjects bound to cluster-admin and roles with "*" verbs or resources.
#     Vault/OpenBao: remove policies with path "*" or sudo capabilities from non-admin identities and
#     revoke root tokens.
#     Argo CD: limit "g, X, role:admin" lines in policy.csv. Harbor: limit sysadmin_flag users.
#   frameworks:
#     soc2:
#       CC6.3: Each tool has at most max_admins administrators, so administrator rights are granted sparingly.
#     iso27001:
#       A.8.2: Privileged (administrator) rights on each tool are held by at most max_admins accounts.
#     pci-dss:
#       "7.2.2": Administrator privileges on each tool are assigned to at most max_admins accounts.
#     nist-800-53:
#       "AC-6(5)": Privileged accounts on each tool are restricted to at most max_admins.
#     hipaa:
#       "164.308(a)(4)": Administrative access to each tool is authorized for at most max_admins accounts.
#     cis-sscs:
#       "1.3.3": The source-control organization has at most max_admins administrators.
#       "2.1.11": The build system has at most max_admins administrators.
#       "4.2.6": The package registry has at most max_admins administrators.
#       "5.2.3": The deployment tool or cluster has at most max_admins administrators.
package auditready.policies.access.admin_limit

import data.auditready.lib

findings contains lib.finding(tool, [lib.at_most(tool, ["access", "admin_count"], "max_admins")], {
	"pass": "Administrator count is within the limit",
	"fail": "Too many administrators",
	"unknown": "Administrator count could not be determined",
	"not_applicable": "Administrator limit does not apply",
	"error": "Administrator limit could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
