# METADATA
# title: Evidence is fresh
# description: |
#   The snapshot was collected no more than max_evidence_age_hours before the run started
#   (input.run.started_at, recorded in the report and the evidence bundle, so re-evaluating a
#   bundle later gives the same verdict) and not after collection ended (input.run.collected_by).
#   A fixed as_of does not move this window: evidence is judged against when the run really
#   happened. A timestamp that cannot be parsed is an error, never a pass. A hygiene check on
#   the evidence itself: it evidences no framework control.
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
#   frameworks: {}   # hygiene check: it proves nothing about a framework control
package auditready.policies.time.evidence_fresh

import data.auditready.lib

_path := ["source", "collected_at"]

_param := "max_evidence_age_hours"

_started := object.get(input, ["run", "started_at"], null)

_by := object.get(input, ["run", "collected_by"], null)

_started_ns := time.parse_rfc3339_ns(_started) if is_string(_started)

_by_ns := time.parse_rfc3339_ns(_by) if is_string(_by)

_collected_ns(tool) := time.parse_rfc3339_ns(lib.value(tool, _path)) if is_string(lib.value(tool, _path))

# no timestamps in the text: findings carry no run times, so two runs on the same inputs match
_expected := concat("", [
	"at most ", json.marshal(lib.param(_param)), " hours (", _param, ") before the run started",
	" (run.started_at) and not after collection ended (run.collected_by)",
])

_fresh(tool) if {
	_started_ns - _collected_ns(tool) <= (lib.param(_param) * 3600) * 1000000000
	_collected_ns(tool) <= _by_ns
} else := false

_check(tool) := lib.missing_param(_path, _param) if not lib.has_number_param(_param)

else := lib.invalid(tool, _path, _expected, "input.run.started_at and collected_by are missing or not RFC 3339 timestamps") if {
	not _started_ns
} else := lib.invalid(tool, _path, _expected, "input.run.started_at and collected_by are missing or not RFC 3339 timestamps") if {
	not _by_ns
} else := lib.unknown(tool, _path, _expected) if not lib.known(tool, _path)

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
