# METADATA
# title: No anonymous access
# description: |
#   Unauthenticated users can neither read nor act on the tool: every request is tied to an
#   identified account, so the audit log can attribute it.
# custom:
#   id: AR-IDN-003
#   severity: high
#   pillar: identity
#   applies_to: ["*"]
#   facts: [identity.anonymous_access]
#   params: []
#   remediation: |
#     Turn off every anonymous or public read path and require sign-in for the UI and the API.
#     GitHub: make organization repositories private or internal, and restrict members from creating
#     public repositories (members_can_create_public_repositories: false).
#     GitLab: set restricted_visibility_levels to include public and keep signup_enabled false.
#     Jenkins: grant nothing to anonymous in globalMatrix/projectMatrix or roleBased, and never use the
#     unsecured authorizationStrategy.
#     Argo CD: set users.anonymous.enabled: "false" in argocd-cm.
#     Kubernetes: run kube-apiserver with --anonymous-auth=false and bind no role to
#     system:anonymous or system:unauthenticated.
#     Vault/OpenBao: do not attach policies to unauthenticated paths; keep sys/ endpoints behind tokens.
#     Harbor: set projects to private. Docker Distribution: configure auth (token or htpasswd), never
#     silly or none.
#   frameworks:
#     soc2:
#       CC6.1: Nobody can read or act on the tool without signing in.
#     iso27001:
#       A.5.15: No access is granted to unauthenticated users.
#       A.8.5: Every access to the tool is authenticated.
#     pci-dss:
#       "8.2.1": Nobody uses the tool without a user ID.
#     nist-800-53:
#       IA-2: Every user of the tool is identified and authenticated.
#     hipaa:
#       "164.312(a)(2)(i)": Every access is tied to a user identity.
#       "164.312(d)": Every access is authenticated.
#     cis-sscs:
#       "2.1.6": The build system refuses anonymous access.
#       "4.2.5": The package registry refuses anonymous access to artifacts.
package auditready.policies.identity.anonymous_access

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["identity", "anonymous_access"], false)], {
	"pass": "Anonymous access is disabled",
	"fail": "Anonymous access is allowed",
	"unknown": "Anonymous access could not be determined",
	"not_applicable": "Anonymous access does not apply",
	"error": "Anonymous access could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
