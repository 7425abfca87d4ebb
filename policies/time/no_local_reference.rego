# METADATA
# title: Time daemon does not use the host's own clock as reference
# description: |
#   The time daemon follows an upstream time source, not the host's own clock. chrony's
#   `local` directive without an upstream source (live: reference ID 7F7F0101) and ntpsec's
#   orphan mode (live: leap set but no system peer) make the host serve free-running time to
#   itself and its clients as if it were synchronized, so every audit timestamp downstream drifts
#   unnoticed.
# custom:
#   id: AR-TIM-101
#   severity: high
#   pillar: time
#   applies_to: [chrony, ntpsec, timesyncd]
#   facts: [time.local_reference]
#   params: []
#   remediation: |
#     Point the daemon at designated upstream servers and remove the local reference:
#     chrony: add `server <designated> iburst nts` lines (>= 2) and delete `local stratum N`, or keep
#     `local` only as a fallback beside reachable upstream servers; check `chronyc -c tracking`
#     (reference ID must not be 7F7F0101).
#     ntpsec: add `server <designated> iburst nts` lines; `tos orphan N` belongs only on a mesh of
#     servers that also have upstream sources; `ntpq -c rv` must show a non-zero peer=.
#   frameworks:
#     iso27001:
#       A.8.17: The daemon takes time from an upstream source, never from the host's own free-running clock.
#     nist-800-53:
#       "SC-45(1)": The clock is compared with an external time source, not with itself.
package auditready.policies.time.no_local_reference

import data.auditready.lib

findings contains lib.finding(tool, [lib.equals(tool, ["time", "local_reference"], false)], {
	"pass": "Time daemon follows an upstream source",
	"fail": "Time daemon uses the host's own clock as reference",
	"unknown": "Time daemon's reference could not be determined",
	"not_applicable": "Time daemon's reference does not apply",
	"error": "Time daemon's reference could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
