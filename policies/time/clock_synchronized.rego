# METADATA
# title: Clock synchronized to enough time sources
# description: |
#   The host's clock is synchronized, uses at least min_time_sources upstream sources,
#   and is within max_clock_offset_ms of the reference, so audit timestamps correlate
#   across tools. When the profile lists the organization's designated time servers
#   (designated_time_sources), every source must be one of them: a public pool then fails
#   (PCI DSS 10.6.2). Platforms that manage time for the customer (SaaS) record these facts
#   as not applicable.
# custom:
#   id: AR-TIM-001
#   severity: high
#   pillar: time
#   applies_to: ["*"]
#   facts: [time.synchronized, time.sources, time.offset_ms]
#   params: [min_time_sources, max_clock_offset_ms, designated_time_sources]
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
#     iso27001:
#       A.8.17: The tool's clock is synchronized to enough sources (the designated ones when listed) within max_clock_offset_ms.
#     pci-dss:
#       "10.6.1": The tool's clock is kept by time-synchronization technology and is synchronized.
#       "10.6.2":
#         proves: The clock takes time only from the organization's designated time servers.
#         requires: {designated_time_sources: {min_count: 1}}
#     nist-800-53:
#       SC-45: The tool's clock is synchronized.
#       "SC-45(1)": The clock follows authoritative sources and stays within max_clock_offset_ms of them.
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
		_sources_check(tool),
		lib.abs_at_most(tool, ["time", "offset_ms"], "max_clock_offset_ms"),
	]
}

_sources := ["time", "sources"]

_min_name := "min_time_sources"

_designated_name := "designated_time_sources"

# sources outside the designated list (none when the list is empty: nothing is designated)
_others(tool) := [] if {
	count(lib.param(_designated_name)) == 0
} else := sort([s | some s in lib.value(tool, _sources); not s in lib.param(_designated_name)])

_designated_text := "" if {
	count(lib.param(_designated_name)) == 0
} else := concat("", [", every one in ", lib.show(lib.param(_designated_name)), " (", _designated_name, ")"])

_sources_text := concat("", ["count >= ", json.marshal(lib.param(_min_name)), " (", _min_name, ")", _designated_text])

_enough(tool) if {
	is_array(lib.value(tool, _sources))
	count(lib.value(tool, _sources)) >= lib.param(_min_name)
	count(_others(tool)) == 0
} else := false

# Enough sources, and only designated ones when the profile designates some (empty: any source).
_sources_check(tool) := lib.missing_param(_sources, _min_name) if {
	not lib.has_number_param(_min_name)
} else := lib.missing_param(_sources, _designated_name) if {
	not lib.has_array_param(_designated_name)
} else := lib.judged(tool, _sources, _sources_text, _enough(tool)) if {
	lib.known(tool, _sources)
} else := lib.unknown(tool, _sources, _sources_text)
