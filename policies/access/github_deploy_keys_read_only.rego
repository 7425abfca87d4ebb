# METADATA
# title: GitHub deploy keys are read-only
# description: |
#   No active repository has a deploy key with write access: a deploy key is a machine credential
#   outside any person's account and its 2FA, so one that can push bypasses who may change code.
# custom:
#   id: AR-ACC-108
#   severity: medium
#   pillar: access
#   applies_to: [github]
#   facts: [resources.write_deploy_keys]
#   params: []
#   remediation: |
#     GitHub: in each repository's Settings > Deploy keys, replace the named keys with read-only keys
#     (or a GitHub App with scoped, short-lived tokens where a machine must push).
#   frameworks:
#     soc2:
#       CC6.3: No machine credential on a repository (deploy key) can push to it.
#     nist-800-53:
#       AC-6: Deploy keys, credentials outside any person's account, are read-only.
package auditready.policies.access.github_deploy_keys_read_only

import data.auditready.lib

_fact := "write_deploy_keys"

_messages := {
	"pass": "Deploy keys are read-only",
	"fail": "Deploy keys can push",
	"unknown": "Deploy keys could not be determined",
	"not_applicable": "Deploy keys do not apply",
	"error": "Deploy keys could not be evaluated",
}

_expected := "[] (no deploy key with write access)"

findings contains lib.resource_finding(tool, i, [lib.resource_empty(tool, i, _fact)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
