# METADATA
# title: Evidence is fresh
# description: |
#   The snapshot was collected no more than max_evidence_age_hours before the evaluation
#   time (as_of) and not after it, so a finding describes the tool as it is, inside the
#   period under review. A timestamp that cannot be parsed is an error, never a pass.
# custom:
#   id: AR-TIM-002
#   severity: medium
#   pillar: time
#   applies_to: ["*"]
#   facts: [source.collected_at]
#   params: [max_evidence_age_hours]
#   remediation: |
#     Re-run the collector for the tool and evaluate the new snapshot; schedule collection at
#     least as often as max_evidence_age_hours (e.g. a daily CI job).
#     Facts files: update the file and its collected_at whenever the setting is re-checked.
#     A collected_at after as_of means a wrong clock: synchronize the collector host with chrony
#     (>= 2 sources) and write timestamps in UTC (RFC 3339 with Z or an offset).
#     GitHub, Jenkins, Kubernetes, Vault/OpenBao, log backends: give the collector's credentials
#     a lifetime that covers the schedule so collection does not silently stop.
#   frameworks:
#     soc2: [CC4.1]
#     iso27001: [A.5.28]
#     pci-dss: ["10.7.2"]
#     nist-800-53: [AU-6]
package auditready.policies.time.evidence_fresh

import data.auditready.lib

_path := ["source", "collected_at"]

_param := "max_evidence_age_hours"

_as_of := object.get(input, "as_of", null)

_as_of_ns := time.parse_rfc3339_ns(_as_of) if is_string(_as_of)

_collected_ns(tool) := time.parse_rfc3339_ns(lib.value(tool, _path)) if is_string(lib.value(tool, _path))

_expected := concat("", [
	"at most ", json.marshal(lib.param(_param)), " hours (", _param, ") before as_of ",
	json.marshal(_as_of), " and not after it",
])

_fresh(tool) if {
	age := _as_of_ns - _collected_ns(tool)
	age >= 0
	age <= (lib.param(_param) * 3600) * 1000000000
} else := false

_check(tool) := lib.missing_param(_path, _param) if not lib.has_number_param(_param)

else := lib.invalid(tool, _path, _expected, "as_of is missing or not an RFC 3339 timestamp") if not _as_of_ns

else := lib.unknown(tool, _path, _expected) if not lib.known(tool, _path)

else := lib.invalid(tool, _path, _expected, "source.collected_at is not an RFC 3339 timestamp") if not _collected_ns(tool)

else := lib.judged(tool, _path, _expected, _fresh(tool))

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Evidence is fresh",
	"fail": "Evidence is stale or from the future",
	"unknown": "Evidence time could not be determined",
	"not_applicable": "Evidence freshness does not apply",
	"error": "Evidence freshness could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
