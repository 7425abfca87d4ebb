# METADATA
# title: Central log stores keep audit records long enough
# description: |
#   Every central audit log destination of a pipeline tool delivers to a log store in the estate
#   (destinations[].store names its snapshot) whose retention_days is at least retention_days_min
#   and whose retention_online_days is at least retention_online_days_min (-1: forever). The
#   finding cites the store's snapshot and facts (evidence pointers "type/name#/audit_log/...").
#   A destination that names no store cannot be followed: unknown with reason unlinked. A store
#   that is not a target is unknown (not_collected). The stores themselves are AR-RET-001.
# custom:
#   id: AR-XTL-001
#   severity: high
#   pillar: cross_tool
#   applies_to: [source-control, ci, cd, secrets, cluster, time, registry]
#   facts: [audit_log.destinations]
#   params: [retention_days_min, retention_online_days_min]
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
#     soc2:
#       C1.1: The central stores a tool ships to keep its audit records at least retention_days_min days.
#     iso27001:
#       A.5.33: Where a tool's records are kept centrally, the store keeps them long enough.
#     pci-dss:
#       "10.5.1":
#         proves: The central store keeps the tool's audit history 12 months, the latest 3 months online.
#         requires: {retention_days_min: {min: 365}, retention_online_days_min: {min: 90}}
#     nist-800-53:
#       AU-11: The central store keeps the tool's audit records for the required period.
#     hipaa:
#       "164.316(b)(2)(i)":
#         proves: The central store keeps the tool's audit records six years.
#         requires: {retention_days_min: {min: 2190}}
package auditready.policies.cross_tool.central_store_retention

import data.auditready.lib

_name := "retention_days_min"

_online_name := "retention_online_days_min"

_path := ["audit_log", "destinations"]

_total := ["audit_log", "retention_days"]

_online := ["audit_log", "retention_online_days"]

_expected := concat("", [
	"every central destination's store in the estate has audit_log.retention_days >= ",
	json.marshal(lib.param(_name)), " (", _name, ") and audit_log.retention_online_days >= ",
	json.marshal(lib.param(_online_name)), " (", _online_name, "), or -1 (forever)",
])

# every snapshot by id, built once per evaluation
_estate[t.id] := t if {
	some t in input.tools
}

_central(tool) := [d |
	some d in lib.value(tool, _path)
	d.central == true
]

_store_id(d) := s if {
	s := object.get(d, "store", "")
	is_string(s)
	s != ""
}

_long_enough(-1, _)

_long_enough(days, name) if {
	is_number(days)
	days >= lib.param(name)
}

# the store's retention facts as "loki/central#/audit_log/retention_days"
_store_pointers(d) := [concat("", [_store_id(d), "#", lib.pointer(p)]) | some p in [_total, _online]]

# the first of the store's two retention facts that is unknown, with its gap
_store_gap(store) := lib.gap(store, p) if {
	some p in [_total, _online]
	not lib.known(store, p)
}

# one verdict per central destination: observed row, state, the gap reason and detail when unknown
_verdict(d) := {"row": _row(d, "no store"), "state": "unknown", "reason": "unlinked", "detail": concat("", [
	"destination ", json.marshal(object.get(d, "name", "")),
	" names no store: set store to the id (type/name) of the log store it delivers to",
])} if {
	not _store_id(d)
} else := {"row": _row(d, "not in the estate"), "state": "unknown", "reason": "not_collected", "detail": concat("", [
	"store ", _store_id(d), " is not in the estate: add it as a target",
])} if {
	not _estate[_store_id(d)]
} else := {"row": _row(d, "retention unknown"), "state": "unknown", "reason": "not_collected", "detail": concat("", [
	"store ", _store_id(d), ": ", g.fact, " unknown (", g.reason, ": ", g.detail, ")",
])} if {
	g := _store_gap(_estate[_store_id(d)])
} else := {"row": _row(d, _days_text(_estate[_store_id(d)])), "state": "pass"} if {
	store := _estate[_store_id(d)]
	_long_enough(lib.value(store, _total), _name)
	_long_enough(lib.value(store, _online), _online_name)
} else := {"row": _row(d, _days_text(_estate[_store_id(d)])), "state": "fail"}

_days_text(store) := concat("", [
	"retention_days ", json.marshal(lib.value(store, _total)),
	", retention_online_days ", json.marshal(lib.value(store, _online)),
])

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

# the stores' retention facts the verdict read, cited as evidence
_also(tool) := sort({p | some d in _central(tool); _estate[_store_id(d)]; some p in _store_pointers(d)})

_cited(check, tool) := object.union(check, {"observed": _observed(tool), "also": _also(tool)})

# unlinked when a destination names no store (its own reason), else not_collected
_unknown_reason(tool) := "unlinked" if {
	some v in _verdicts(tool)
	v.reason == "unlinked"
} else := "not_collected"

_check(tool) := lib.missing_param(_path, _name) if {
	not lib.has_number_param(_name)
} else := lib.missing_param(_path, _online_name) if {
	not lib.has_number_param(_online_name)
} else := lib.unknown(tool, _path, _expected) if {
	not lib.known(tool, _path)
} else := lib.judged(tool, _path, _expected, false) if {
	not is_array(lib.value(tool, _path))
} else := lib.not_applicable_because(
	tool, _path, _expected,
	"no central destination; AR-CLG-001 reports that",
) if {
	count(_central(tool)) == 0
} else := _cited(lib.judged(tool, _path, _expected, false), tool) if {
	"fail" in _states(tool)
} else := _cited(
	lib.unknown_for(
		tool, _path, _expected, _unknown_reason(tool),
		concat("; ", sort([v.detail | some v in _verdicts(tool); v.state == "unknown"])),
	),
	tool,
) if {
	"unknown" in _states(tool)
} else := _cited(lib.judged(tool, _path, _expected, true), tool)

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
