# METADATA
# title: Clock synchronized to enough time sources
# description: |
#   The host's clock is synchronized, uses at least min_time_sources upstream sources,
#   and is within max_clock_offset_ms of the reference, so audit timestamps correlate
#   across tools. Platforms that manage time for the customer (SaaS) record these facts
#   as not applicable.
# custom:
#   id: AR-TIM-001
#   severity: high
#   pillar: time
#   applies_to: ["*"]
#   facts: [time.synchronized, time.sources, time.offset_ms]
#   params: [min_time_sources, max_clock_offset_ms]
#   remediation: |
#     Run one time daemon per host with at least two approved upstream sources.
#     chrony: list >= 2 `server <host> iburst` (or a pool) in /etc/chrony/chrony.conf, set minsources,
#     and no `local stratum` without upstream; check `chronyc -c tracking` (leap field not
#     "Not synchronised", ref ID not 00000000/7F7F0101, |offset| small).
#     ntpsec: `server|pool ... iburst` in /etc/ntpsec/ntp.conf; do not use `tinker panic 0`.
#     systemd-timesyncd: set NTP= explicitly in /etc/systemd/timesyncd.conf; `timedatectl show`
#     must report NTPSynchronized=yes.
#     Jenkins, Kubernetes nodes, Vault/OpenBao, Loki/Elasticsearch hosts: apply the same on every
#     node that runs them (containers take time from the node).
#   frameworks:
#     soc2: [CC7.2]
#     iso27001: [A.8.17]
#     pci-dss: ["10.6.1", "10.6.2"]
#     nist-800-53: [AU-8, SC-45, SC-45(1), AU-12(1)]
package auditready.policies.time.clock_synchronized

import data.auditready.lib

findings contains lib.finding(tool, checks, {
	"pass": "Clock is synchronized",
	"fail": "Clock is not synchronized adequately",
	"unknown": "Clock synchronization could not be determined",
	"not_applicable": "Clock synchronization is managed by the platform",
	"error": "Clock synchronization could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
	checks := [
		lib.equals(tool, ["time", "synchronized"], true),
		lib.count_at_least(tool, ["time", "sources"], "min_time_sources"),
		lib.abs_at_most(tool, ["time", "offset_ms"], "max_clock_offset_ms"),
	]
}
