# METADATA
# title: Log timestamps carry a time zone
# description: |
#   Audit timestamps are in UTC or carry an offset or zone, so events from different tools can
#   be put in one order. A zone-less timestamp ("none") cannot be correlated reliably.
# custom:
#   id: AR-TIM-003
#   severity: medium
#   pillar: time
#   applies_to: ["*"]
#   facts: [time.timestamp_timezone]
#   params: []
#   remediation: |
#     Write timestamps in UTC (RFC 3339 with Z) or with an explicit offset, and run hosts in UTC.
#     Jenkins: Audit Trail file timestamps carry no zone; run the controller with
#     -Duser.timezone=UTC (and TZ=UTC) and ship records through a collector that stamps the zone,
#     or use the syslog logger with messageFormat RFC_5424.
#     Kubernetes: audit events use RFC 3339 stageTimestamp in UTC; keep --audit-log-format=json.
#     Vault/OpenBao: the time field is RFC 3339 UTC; keep the file or socket device's JSON format.
#     chrony/ntpsec/timesyncd hosts: set the zone with `timedatectl set-timezone UTC` and keep
#     LocalRTC=no; syslog forwarders should use RFC 5424 (zoned) timestamps, not RFC 3164.
#   frameworks:
#     iso27001:
#       A.8.15: Log timestamps carry their time zone, so records order correctly across tools.
#     pci-dss:
#       "10.2.2": The date and time in each record are unambiguous (UTC or an offset).
#     nist-800-53:
#       AU-8: Time stamps use UTC or carry a fixed offset from UTC.
#       AU-3: Records state when the event happened, with its zone.
package auditready.policies.time.timestamp_zone

import data.auditready.lib

_path := ["time", "timestamp_timezone"]

_expected := `UTC, an offset or a zone (not "none")`

_zoned(v) if {
	is_string(v)
	not lower(trim_space(v)) in {"none", ""}
}

_check(tool) := lib.judged(tool, _path, _expected, true) if {
	_zoned(lib.value(tool, _path))
} else := lib.judged(tool, _path, _expected, false) if {
	lib.known(tool, _path)
} else := lib.unknown(tool, _path, _expected)

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Log timestamps carry a time zone",
	"fail": "Log timestamps carry no time zone",
	"unknown": "Log timestamp zone could not be determined",
	"not_applicable": "Log timestamp zone does not apply",
	"error": "Log timestamp zone could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
