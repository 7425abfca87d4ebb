# METADATA
# title: GitHub repository webhooks are signed and TLS-verified
# description: |
#   Every active webhook of every active repository delivers over https with certificate
#   verification and signs its payloads with a secret, as AR-EVT-101 asks of organization webhooks.
# custom:
#   id: AR-EVT-102
#   severity: medium
#   pillar: event_tracking
#   applies_to: [github]
#   facts: [resources.unsecured_webhooks]
#   params: []
#   remediation: |
#     GitHub: in each repository's Settings > Webhooks, edit each named hook: an https payload URL, a
#     secret, and "Enable SSL verification" (REST: PATCH /repos/{owner}/{repo}/hooks/{id}/config).
#   frameworks:
#     soc2:
#       CC6.7: Repository webhook deliveries are signed and sent over verified TLS.
#     nist-800-53:
#       SC-8: "Repository webhook payloads are protected in transit: TLS with certificate verification and a signature."
package auditready.policies.event_tracking.github_repository_webhooks_secured

import data.auditready.lib

_fact := "unsecured_webhooks"

_messages := {
	"pass": "Repository webhooks are signed and TLS-verified",
	"fail": "Repository webhooks are unsigned or not TLS-verified",
	"unknown": "Repository webhooks could not be determined",
	"not_applicable": "Repository webhooks do not apply",
	"error": "Repository webhooks could not be evaluated",
}

_expected := "[] (every active webhook signed, over https, TLS-verified)"

findings contains lib.resource_finding(tool, i, [lib.resource_empty(tool, i, _fact)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

findings contains lib.repositories_absent(tool, _fact, _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
