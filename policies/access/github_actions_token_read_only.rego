# METADATA
# title: GitHub Actions default token is read-only
# description: |
#   Workflows get a GITHUB_TOKEN that can only read by default; jobs that must write ask for it
#   with a `permissions:` block, so a compromised step cannot push code or releases.
# custom:
#   id: AR-ACC-101
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [pipeline.default_token_permission]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Actions > General > Workflow permissions: "Read repository
#     contents and packages permissions" (REST: PUT /orgs/{org}/actions/permissions/workflow with
#     default_workflow_permissions: read). Grant write per job with `permissions:`.
#   frameworks:
#     soc2:
#       CC6.3: GitHub Actions jobs get a read-only token unless a workflow asks for more.
#     iso27001:
#       A.8.4: "Workflow jobs cannot write to source code by default: the default GITHUB_TOKEN is read-only."
#     pci-dss:
#       "7.2.5": "The pipeline's system account (GITHUB_TOKEN) has least privilege by default: read."
#     nist-800-53:
#       AC-6: Automated jobs run with read-only repository rights by default.
#     hipaa:
#       "164.308(a)(4)": Pipeline jobs are authorized to read, not write, by default.
#     cis-sscs:
#       "2.1.7": The build's default secret (GITHUB_TOKEN) is scoped to read only.
package auditready.policies.access.github_actions_token_read_only

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["pipeline", "default_token_permission"], "read")], {
	"pass": "Actions workflows get a read-only token by default",
	"fail": "Actions workflows get a token that can write by default",
	"unknown": "Actions default token permission could not be determined",
	"not_applicable": "Actions default token permission does not apply",
	"error": "Actions default token permission could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
