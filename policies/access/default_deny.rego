# METADATA
# title: Access is denied by default
# description: |
#   Members get no permission until one is granted (default permission "none"), the deny-all
#   default of PCI DSS 7.3.3. Stricter than AR-ACC-002, which also accepts read.
# custom:
#   id: AR-ACC-005
#   severity: low
#   pillar: access
#   applies_to: ["*"]
#   facts: [access.default_permission]
#   params: []
#   remediation: |
#     Set the base permission to none and grant read, write or admin through teams, groups or roles.
#     GitHub: Organization settings > Member privileges > Base permissions: No permission
#     (default_repository_permission: none).
#     GitLab: give new members Guest (10) or Minimal access and keep projects private.
#     Jenkins: grant authenticated nothing beyond Overall/Read on the controller and give job
#     permissions per folder (projectMatrix or roleBased item roles).
#     Argo CD: set policy.default: "" in argocd-rbac-cm.
#     Kubernetes: bind no role to system:authenticated beyond the built-in discovery roles.
#     Vault/OpenBao: keep the default policy free of secret paths (deny is implicit).
#     Harbor: keep projects private so non-members see nothing.
#   frameworks:
#     soc2:
#       CC6.3: "A tool grants nothing by default: every access is an explicit grant."
#     iso27001:
#       A.5.15: Access is denied unless a rule grants it.
#     pci-dss:
#       "7.3.3": The tool's access control defaults to deny all (default permission none).
#     nist-800-53:
#       AC-6: Members get no access without an explicit grant.
#     hipaa:
#       "164.308(a)(4)": Access exists only where it was explicitly authorized.
package auditready.policies.access.default_deny

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["access", "default_permission"], "none")], {
	"pass": "Access is denied by default",
	"fail": "Access is not denied by default",
	"unknown": "Default permission could not be determined",
	"not_applicable": "Default deny does not apply",
	"error": "Default deny could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
