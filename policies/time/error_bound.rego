# METADATA
# title: Clock error bound within the limit
# description: |
#   The time daemon is synchronized and the largest error it admits — |offset| + root dispersion +
#   root delay / 2 (chronyc tracking, ntpq rv, timedatectl timesync-status) — is within
#   max_clock_offset_ms. A small offset to a source that is itself far from true time (large root
#   dispersion or delay) does not make timestamps correct; the error bound says how wrong they can
#   be. An unsynchronized daemon has no bound at all (what it prints then measures nothing), so it
#   fails.
# custom:
#   id: AR-TIM-102
#   severity: medium
#   pillar: time
#   applies_to: [chrony, ntpsec, timesyncd]
#   facts: [time.synchronized, time.error_bound_ms]
#   params: [max_clock_offset_ms]
#   remediation: |
#     Use nearer, lower-stratum designated sources (smaller root delay and dispersion) and let the
#     daemon synchronize: chrony `chronyc -c tracking` fields 5, 11 and 12; ntpsec `ntpq -c rv`
#     offset, rootdelay, rootdisp. An unsynchronized daemon reports a large dispersion: fix the
#     sources first (AR-TIM-001). Limit the distance a source may have: chrony `maxdistance`,
#     ntpsec `tos maxdist`, timesyncd `RootDistanceMaxSec=`.
#   frameworks:
#     iso27001:
#       A.8.17: The clock is synchronized and its worst-case error is within max_clock_offset_ms.
#     pci-dss:
#       "10.6.1": The time daemon has synchronized the clock, within max_clock_offset_ms even in the worst case.
#     nist-800-53:
#       "SC-45(1)": The clock is synchronized and its worst-case error against the authoritative source stays within max_clock_offset_ms.
package auditready.policies.time.error_bound

import data.auditready.lib

findings contains lib.finding(tool, checks, {
	"pass": "Clock error bound is within the limit",
	"fail": "Clock error bound is not within the limit",
	"unknown": "Clock error bound could not be determined",
	"not_applicable": "Clock error bound does not apply",
	"error": "Clock error bound could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
	checks := [
		lib.equals(tool, ["time", "synchronized"], true),
		lib.at_most(tool, ["time", "error_bound_ms"], "max_clock_offset_ms"),
	]
}
