# METADATA
# title: GitHub webhooks are signed and TLS-verified
# description: |
#   Every active organization webhook delivers over https with certificate verification and
#   signs its payloads with a secret, so receivers (CI, chat, SIEM) can trust the events they act on.
# custom:
#   id: AR-EVT-101
#   severity: medium
#   pillar: event_tracking
#   applies_to: [github]
#   facts: [integrations.webhooks]
#   params: []
#   remediation: |
#     GitHub: Organization settings > Webhooks > edit each hook: use an https payload URL, set a
#     secret, and keep "Enable SSL verification" on (REST: PATCH /orgs/{org}/hooks/{id}/config with
#     insecure_ssl: "0" and a secret). Receivers must check X-Hub-Signature-256.
#   frameworks:
#     soc2:
#       CC6.7: GitHub webhook deliveries are signed and sent over verified TLS.
#     nist-800-53:
#       SC-8: "Webhook payloads are protected in transit: TLS with certificate verification and a signature."
package auditready.policies.event_tracking.github_webhooks_secured

import data.auditready.lib

_path := ["integrations", "webhooks"]

_expected := "every active webhook signed with a secret and TLS-verified over https"

# Offending hooks, named with what is wrong.
_offenders(tool) := sort([concat("", [h.name, " (", h.url, "): ", concat(", ", _problems(h))]) |
	some h in lib.value(tool, _path)
	h.active == true
	count(_problems(h)) > 0
])

_problems(h) := [p |
	some p in [
		_if_not(h.signed, "no secret"),
		_if_not(h.tls_verified, "TLS not verified"),
	]
	p != ""
]

_if_not(true, _) := ""

_if_not(false, text) := text

_check(tool) := object.union(lib.judged(tool, _path, _expected, count(bad) == 0), {"observed": bad}) if {
	lib.known(tool, _path)
	bad := _offenders(tool)
}

else := lib.unknown(tool, _path, _expected)

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Active webhooks are signed and TLS-verified",
	"fail": "Some active webhooks are unsigned or skip TLS verification",
	"unknown": "Webhooks could not be read",
	"not_applicable": "Webhook security does not apply",
	"error": "Webhooks could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
