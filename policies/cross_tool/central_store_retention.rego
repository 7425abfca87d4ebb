# METADATA
# title: Central log stores keep audit records long enough
# description: |
#   Every central audit log destination of a pipeline tool delivers to a log store in the estate
#   (destinations[].store names its snapshot) whose retention_days is at least retention_days_min
#   or -1 (forever). A destination without a store, or a store that is not a target, cannot be
#   followed and is unknown. The log stores themselves are checked by AR-RET-001.
# custom:
#   id: AR-XTL-001
#   severity: high
#   pillar: cross_tool
#   applies_to: [source-control, ci, cd, secrets, cluster, time, registry]
#   facts: [audit_log.destinations, audit_log.retention_days]
#   params: [retention_days_min]
#   remediation: |
#     Add each log store the pipeline ships to as a target, set destinations[].store to its id
#     (type/name), and give that store at least the retention minimum (PCI DSS 10.5.1: 12 months).
#     Loki: compactor.retention_enabled: true with delete_request_store, and
#     limits_config.retention_period >= 8760h; check retention_stream and per-tenant overrides.
#     Elasticsearch: ILM delete phase min_age (or data stream data_retention) >= the minimum;
#     OpenSearch ISM: min_index_age into the delete state.
#     S3: lifecycle Expiration.Days >= the minimum, plus Object Lock COMPLIANCE default retention.
#     CloudWatch Logs: retentionInDays 400 or more, or unset (kept forever).
#     Splunk: frozenTimePeriodInSecs >= the minimum, with maxTotalDataSizeMB large enough.
#     If a tool ships to a store outside the estate (a SaaS SIEM), add that store as a facts-file
#     target with its retention and the evidence for it.
#   frameworks:
#     soc2: [C1.1, CC7.2]
#     iso27001: [A.5.33, A.8.15]
#     pci-dss: ["10.5.1", "10.3.3"]
#     nist-800-53: [AU-11, AU-4(1)]
#     hipaa: [164.316(b)(2)(i)]
#     cis-sscs: ["2.1.3"]
package auditready.policies.cross_tool.central_store_retention

import data.auditready.lib

_name := "retention_days_min"

_path := ["audit_log", "destinations"]

_retention := ["audit_log", "retention_days"]

_expected := concat("", [
	"every central destination's store in the estate has audit_log.retention_days >= ",
	json.marshal(lib.param(_name)), " (", _name, ") or -1 (forever)",
])

# every snapshot by id, built once per evaluation
_estate := {t.id: t | some t in input.tools}

_central(tool) := [d |
	some d in lib.value(tool, _path)
	d.central == true
]

_store_id(d) := s if {
	s := object.get(d, "store", "")
	is_string(s)
	s != ""
}

_long_enough(days) if days == -1

_long_enough(days) if {
	is_number(days)
	days >= lib.param(_name)
}

# one verdict per central destination: observed row, state, and the reason when unknown
_verdict(d) := {"row": _row(d, "no store"), "state": "unknown", "reason": concat("", [
	"destination ", json.marshal(object.get(d, "name", "")),
	" names no store: set store to the id (type/name) of the log store it delivers to",
])} if {
	not _store_id(d)
} else := {"row": _row(d, "not in the estate"), "state": "unknown", "reason": concat("", [
	"store ", _store_id(d), " is not in the estate: add it as a target",
])} if {
	not _estate[_store_id(d)]
} else := {"row": _row(d, "retention_days null"), "state": "unknown", "reason": concat("", [
	"store ", _store_id(d), ": audit_log.retention_days unknown (", g.reason, ": ", g.detail, ")",
])} if {
	store := _estate[_store_id(d)]
	not lib.known(store, _retention)
	g := lib.gap(store, _retention)
} else := {"row": _row(d, _days_text(days)), "state": "pass"} if {
	days := lib.value(_estate[_store_id(d)], _retention)
	_long_enough(days)
} else := {"row": _row(d, _days_text(lib.value(_estate[_store_id(d)], _retention))), "state": "fail"}

_days_text(days) := concat("", ["retention_days ", json.marshal(days)])

# a row is a string, not an object: Wasm's json.marshal keeps the key order of objects built in
# Rego, Go's sorts them, and the fail message would differ between the engines
_row(d, what) := concat("", [
	object.get(d, "name", ""), " to ",
	object.get(d, "store", "(none)"), " (", what, ")",
]) if {
	_store_id(d)
} else := concat("", [object.get(d, "name", ""), " to (", what, ")"])

_verdicts(tool) := [_verdict(d) | some d in _central(tool)]

_observed(tool) := [v.row | some v in _verdicts(tool)]

_states(tool) := {v.state | some v in _verdicts(tool)}

_judged(tool, ok) := object.union(lib.judged(tool, _path, _expected, ok), {"observed": _observed(tool)})

_check(tool) := lib.missing_param(_path, _name) if {
	not lib.has_number_param(_name)
} else := lib.unknown(tool, _path, _expected) if {
	not lib.known(tool, _path)
} else := lib.judged(tool, _path, _expected, false) if {
	not is_array(lib.value(tool, _path))
} else := lib.not_applicable_because(
	tool, _path, _expected,
	"no central destination; AR-CLG-001 reports that",
) if {
	count(_central(tool)) == 0
} else := _judged(tool, false) if {
	"fail" in _states(tool)
} else := object.union(
	lib.unknown_because(tool, _path, _expected, concat("; ", sort([v.reason | some v in _verdicts(tool); v.state == "unknown"]))),
	{"observed": _observed(tool)},
) if {
	"unknown" in _states(tool)
} else := _judged(tool, true)

_fail_message(tool) := concat("", [
	"Central stores keep audit records too briefly: ",
	json.marshal(sort({_store_id(d) | some d in _central(tool); _verdict(d).state == "fail"})),
]) if {
	"fail" in _states(tool)
} else := "Central stores keep audit records too briefly"

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Every central store keeps audit records long enough",
	"fail": _fail_message(tool),
	"unknown": "Retention of the central stores could not be determined",
	"not_applicable": "Central store retention does not apply",
	"error": "Central store retention could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
