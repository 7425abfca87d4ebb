package auditready.policies.cross_tool.central_store_retention_test

import data.auditready.policies.cross_tool.central_store_retention
import data.auditready.testing

_expected_text := concat("", [
	"every central destination's store in the estate has audit_log.retention_days >= ",
	"365 (retention_days_min) and audit_log.retention_online_days >= 90 (retention_online_days_min), or -1 (forever)",
])

_to_loki := {"name": "loki", "type": "loki", "central": true, "store": "loki/central"}

_to_s3 := {"name": "archive", "type": "s3", "central": true, "store": "s3/archive"}

_local := {"name": "disk", "type": "local-file", "central": false}

# a log store in the estate with the given total retention
_store(id, type, days) := testing.with_fact(
	object.union(testing.tool, {"id": id, "type": type, "category": "log-store"}),
	"audit_log", "retention_days", days,
)

_ci(dests) := testing.with_fact(testing.tool, "audit_log", "destinations", dests)

_eval(tools) := got if {
	got := central_store_retention.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_row(d, what) := concat("", [d.name, " to ", d.store, " (", what, ")"])

_days(d, n) := _row(d, concat("", ["retention_days ", json.marshal(n), ", retention_online_days 120"]))

# the finding cites the stores' retention facts: "loki/central#/audit_log/retention_days"
_cites(stores) := sort(array.concat(["/audit_log/destinations"], [concat("", [s, "#/audit_log/", f]) |
	some s in stores
	some f in ["retention_days", "retention_online_days"]
]))

# the finding cites the stores' retention facts beside its own
_finding_in(status, message, observed, gaps, stores) := object.union(
	testing.fact_finding(status, message, "audit_log.destinations", observed, _expected_text, gaps),
	{"evidence": _cites(stores)},
)

_finding(status, message, observed, gaps) := _finding_in(status, message, observed, gaps, [])

_gap(detail) := {"fact": "audit_log.destinations", "reason": "not_collected", "detail": detail}

_statuses(tools) := {[f.tool, f.status] | some f in _eval(tools)}

test_pass if {
	got := _eval([_ci([_local, _to_loki]), _store("loki/central", "loki", 400)])
	got == {_finding_in("pass", "Every central store keeps audit records long enough", [_days(_to_loki, 400)], [], ["loki/central"])}
}

test_pass_when_kept_forever_and_at_the_minimum if {
	got := _eval([
		_ci([_to_loki, _to_s3]),
		_store("loki/central", "loki", 365),
		_store("s3/archive", "s3", -1),
	])
	got == {_finding_in(
		"pass", "Every central store keeps audit records long enough",
		[_days(_to_loki, 365), _days(_to_s3, -1)], [], ["loki/central", "s3/archive"],
	)}
}

test_fail if {
	got := _eval([_ci([_to_loki]), _store("loki/central", "loki", 30)])
	rows := [_days(_to_loki, 30)]
	got == {_finding_in(
		"fail",
		concat("", [
			`Central stores keep audit records too briefly: ["loki/central"]: audit_log.destinations is `,
			json.marshal(rows), ", expected ", _expected_text,
		]),
		rows, [], ["loki/central"],
	)}
}

test_fail_when_too_little_is_online if {
	# 400 days in total, 30 immediately available: PCI DSS 10.5.1 wants 90 online
	store := testing.with_fact(_store("loki/central", "loki", 400), "audit_log", "retention_online_days", 30)
	f := testing.only(_eval([_ci([_to_loki]), store]))
	f.status == "fail"
	f.observed == {"audit_log.destinations": [_row(_to_loki, "retention_days 400, retention_online_days 30")]}
}

test_fail_beats_unknown if {
	# loki keeps 90 days (fail), s3/archive is not in the estate (unknown): the finding fails
	got := _eval([_ci([_to_loki, _to_s3]), _store("loki/central", "loki", 90)])
	f := testing.only(got)
	f.status == "fail"
	f.observed == {"audit_log.destinations": [_days(_to_loki, 90), _row(_to_s3, "not in the estate")]}
	f.gaps == []
}

test_unknown_when_store_not_in_estate if {
	detail := "store s3/archive is not in the estate: add it as a target"
	got := _eval([_ci([_to_s3])])
	got == {_finding(
		"unknown",
		concat("", ["Retention of the central stores could not be determined: audit_log.destinations unknown (not_collected: ", detail, ")"]),
		[_row(_to_s3, "not in the estate")], [_gap(detail)],
	)}
}

test_unknown_when_destination_names_no_store if {
	d := {"name": "splunk", "type": "splunk", "central": true, "endpoint": "https://hec.example"}
	detail := `destination "splunk" names no store: set store to the id (type/name) of the log store it delivers to`
	got := _eval([_ci([d]), _store("loki/central", "loki", 400)])
	got == {_finding(
		"unknown",
		concat("", ["Retention of the central stores could not be determined: audit_log.destinations unknown (unlinked: ", detail, ")"]),
		["splunk to (no store)"], [object.union(_gap(detail), {"reason": "unlinked"})],
	)}
}

test_unknown_when_store_retention_permission_missing if {
	store := testing.without_fact(_store("loki/central", "loki", null), "audit_log", "retention_days", "permission_missing")
	detail := "store loki/central: audit_log.retention_days unknown (permission_missing: test: permission_missing)"
	got := _eval([_ci([_to_loki]), store])
	got == {_finding_in(
		"unknown",
		concat("", ["Retention of the central stores could not be determined: audit_log.destinations unknown (not_collected: ", detail, ")"]),
		[_row(_to_loki, "retention unknown")], [_gap(detail)], ["loki/central"],
	)}
}

test_unknown_reasons_are_joined_sorted if {
	got := _eval([_ci([_to_s3, {"name": "x", "type": "webhook", "central": true}])])
	f := testing.only(got)
	f.gaps == [object.union(_gap(""), {"reason": "unlinked", "detail": concat("; ", [
		`destination "x" names no store: set store to the id (type/name) of the log store it delivers to`,
		"store s3/archive is not in the estate: add it as a target",
	])})]
}

test_unknown_when_destinations_permission_missing if {
	t := testing.without_fact(testing.tool, "audit_log", "destinations", "permission_missing")
	gap := {"fact": "audit_log.destinations", "reason": "permission_missing", "detail": "test: permission_missing"}
	got := _eval([t, _store("loki/central", "loki", 400)])
	got == {_finding(
		"unknown",
		"Retention of the central stores could not be determined: audit_log.destinations unknown (permission_missing: test: permission_missing)",
		null, [gap],
	)}
}

test_not_applicable_without_central_destination if {
	detail := "no central destination; AR-CLG-001 reports that"
	got := _eval([_ci([_local]), _store("loki/central", "loki", 400)])
	got == {_finding(
		"not_applicable",
		concat("", ["Central store retention does not apply: audit_log.destinations (", detail, ")"]),
		[_local],
		[{"fact": "audit_log.destinations", "reason": "not_applicable", "detail": detail}],
	)}
}

test_not_applicable_by_gap if {
	t := testing.without_fact(testing.tool, "audit_log", "destinations", "not_applicable")
	_statuses([t]) == {["jenkins/ci", "not_applicable"]}
}

test_fail_when_destinations_not_a_list if {
	_statuses([_ci("loki")]) == {["jenkins/ci", "fail"]}
}

test_fail_when_store_retention_not_a_number if {
	_statuses([_ci([_to_loki]), _store("loki/central", "loki", "forever")]) == {["jenkins/ci", "fail"]}
}

test_log_stores_out_of_scope_every_other_tool_in if {
	vault := object.union(_ci([_to_loki]), {"id": "vault/prod", "type": "vault", "category": "secrets"})
	chrony := object.union(_ci([_local]), {"id": "chrony/hosts", "type": "chrony", "category": "time"})
	loki := testing.with_fact(_store("loki/central", "loki", 400), "audit_log", "destinations", [_to_s3])
	_statuses([_ci([_to_loki]), vault, chrony, loki]) == {
		["jenkins/ci", "pass"],
		["vault/prod", "pass"],
		["chrony/hosts", "not_applicable"],
	}
}

test_error_when_param_missing if {
	got := central_store_retention.findings with input as testing.input_of([_ci([_to_loki]), _store("loki/central", "loki", 400)])
		with data.auditready.params as object.remove(testing.params, ["retention_days_min"])
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "Central store retention could not be evaluated: parameter retention_days_min is not set in the profile or config",
		"observed": {"audit_log.destinations": null},
		"expected": {"audit_log.destinations": "parameter retention_days_min"},
		"evidence": ["/audit_log/destinations"],
		"gaps": [],
	}}
}

test_no_tools_no_findings if {
	_eval([]) == set()
}
