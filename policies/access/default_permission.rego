# METADATA
# title: Default permission is restrictive
# description: |
#   The permission every member gets by default is one of allowed_default_permissions
#   (typically none or read), so write and admin rights are granted explicitly.
# custom:
#   id: AR-ACC-002
#   severity: medium
#   pillar: access
#   applies_to: ["*"]
#   facts: [access.default_permission]
#   params: [allowed_default_permissions]
#   remediation: |
#     Set the base permission to none (deny by default) or read, and grant more through teams or roles.
#     GitHub: Organization settings > Member privileges > Base permissions: No permission or Read
#     (default_repository_permission); also set default_workflow_permissions to read.
#     GitLab: give new members Guest or Reporter, not Developer or above.
#     Jenkins: do not use loggedInUsersCanDoAnything, legacy or unsecured authorizationStrategy;
#     grant authenticated at most Overall/Read.
#     Argo CD: set policy.default to "" (or role:readonly), never role:admin.
#     Kubernetes: do not bind system:authenticated to write roles.
#     Vault/OpenBao: keep the default policy minimal.
#   frameworks:
#     soc2:
#       CC6.3: A tool's default permission for members is one the profile allows (none or read by default).
#     iso27001:
#       A.5.15: Access that is not granted explicitly is limited to the allowed default permission.
#       A.8.3: Members can reach only what the allowed default permission gives without a grant.
#     pci-dss:
#       "7.3.3":
#         proves: "A tool's default permission is none: access is denied unless granted."
#         requires: {allowed_default_permissions: {subset_of: [none]}}
#     nist-800-53:
#       AC-6: Members get no more than the allowed default permission without an explicit grant.
#     hipaa:
#       "164.308(a)(4)": Access beyond the allowed default permission needs an explicit authorization.
#     cis-sscs:
#       "1.3.8":
#         proves: The source-control organization's base permission is none or read.
#         requires: {allowed_default_permissions: {subset_of: [none, read]}}
package auditready.policies.access.default_permission

import data.auditready.lib

findings contains lib.finding(
	tool,
	[lib.in_param(tool, ["access", "default_permission"], "allowed_default_permissions")],
	{
		"pass": "Default permission is restrictive",
		"fail": "Default permission is too broad",
		"unknown": "Default permission could not be determined",
		"not_applicable": "Default permission does not apply",
		"error": "Default permission could not be evaluated",
	},
) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
