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
#     soc2: [CC6.3]
#     iso27001: [A.8.2]
#     pci-dss: ["7.2.5"]
#     nist-800-53: [AC-6]
#     hipaa: [164.308(a)(4)]
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
