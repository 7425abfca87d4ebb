# METADATA
# title: Audit log retention meets the minimum
# description: |
#   Audit records are kept at least retention_days_min days in total and at least
#   retention_online_days_min days immediately available. -1 means kept forever. Where a tool
#   keeps an event class shorter than the log as a whole (audit_log.retention_by_class, e.g.
#   GitHub's Git events: 7 days), each class required_event_classes lists for the tool's type
#   (every listed class when the type is not in it) must meet the same minimums.
# custom:
#   id: AR-RET-001
#   severity: high
#   pillar: retention
#   applies_to: ["*"]
#   facts: [audit_log.retention_days, audit_log.retention_online_days, audit_log.retention_by_class]
#   params: [retention_days_min, retention_online_days_min, required_event_classes]
#   remediation: |
#     Keep audit records for the required period (PCI DSS 10.5.1: 12 months, the latest 3 online).
#     GitHub: web events are kept about 180 days on GHEC and Git events 7 days; stream the audit log
#     (with Git events) to a store that keeps them longer and judge that store (AR-XTL-001).
#     GitLab: there is no audit retention setting; stream events to a store with the required retention.
#     Jenkins: the logFile logger keeps only limit x count; ship to the central store and retain there.
#     Kubernetes: set --audit-log-maxage (CIS: >= 30) and ship records to a store with the full retention.
#     Vault/OpenBao: rotation is external (logrotate + SIGHUP); keep rotated files or ship them.
#     Loki: compactor.retention_enabled: true with delete_request_store, and
#     limits_config.retention_period >= 8760h; check retention_stream and per-tenant overrides do not shorten it.
#     Elasticsearch: set the ILM delete phase min_age (or data stream data_retention) >= the minimum;
#     OpenSearch ISM: min_index_age into the delete state.
#     S3: lifecycle Expiration.Days >= the minimum, plus Object Lock COMPLIANCE default retention.
#     CloudWatch Logs: set retentionInDays to 365 or more (e.g. 400), or leave it unset to keep forever.
#     Splunk: frozenTimePeriodInSecs >= the minimum, with maxTotalDataSizeMB large enough not to freeze early.
#   frameworks:
#     soc2:
#       C1.1: Audit records are kept for at least retention_days_min days.
#     iso27001:
#       A.5.33: Audit records are protected from loss for at least retention_days_min days.
#     pci-dss:
#       "10.5.1":
#         proves: Audit log history is kept at least 12 months, the latest 3 months online.
#         requires: {retention_days_min: {min: 365}, retention_online_days_min: {min: 90}}
#     nist-800-53:
#       AU-11: Audit records are retained for at least retention_days_min days (retention_online_days_min online).
#     hipaa:
#       "164.316(b)(2)(i)":
#         proves: Audit records are kept at least six years.
#         requires: {retention_days_min: {min: 2190}}
package auditready.policies.retention.retention_minimum

import data.auditready.lib

_classes := ["audit_log", "retention_by_class"]

_classes_param := "required_event_classes"

# retention_by_class is optional: absent, every class is kept as retention_days says
_has_class_retention(tool) if "retention_by_class" in object.keys(tool.audit_log)

_listed(tool) := lib.param(_classes_param)[tool.type]

# the classes judged: those required_event_classes lists for the tool's type, else every class kept
_judged(tool) := {c | some c in _listed(tool)} if {
	is_array(_listed(tool))
} else := object.keys(lib.value(tool, _classes))

_judged_text(tool) := concat("", [json.marshal(sort(_listed(tool))), " (", _classes_param, ".", tool.type, ")"]) if {
	is_array(_listed(tool))
} else := "every class"

_days_ok(-1, _) := true

_days_ok(days, name) if {
	is_number(days)
	days >= lib.param(name)
}

_class_ok(e) if {
	_days_ok(e.retention_days, "retention_days_min")
	_days_ok(e.retention_online_days, "retention_online_days_min")
}

# judged classes kept shorter than the minimums (a class the map does not list follows retention_days)
_short(tool) := [c |
	some c in _judged(tool)
	e := lib.value(tool, _classes)[c]
	not _class_ok(e)
]

_class_expected(tool) := concat("", [
	_judged_text(tool), " kept >= ", json.marshal(lib.param("retention_days_min")),
	" (retention_days_min) and >= ", json.marshal(lib.param("retention_online_days_min")),
	" online (retention_online_days_min), or -1 (forever)",
])

_class_checks(tool) := [] if {
	not _has_class_retention(tool)
} else := [lib.missing_param(_classes, _classes_param)] if {
	not lib.has_object_param(_classes_param)
} else := [lib.unknown(tool, _classes, _class_expected(tool))] if {
	not lib.known(tool, _classes)
} else := [object.union(
	lib.judged(tool, _classes, _class_expected(tool), count(_short(tool)) == 0),
	{"observed": _class_rows(tool)},
)]

# observed as strings, one per class: Wasm's json.marshal keeps an object's key order, Go's sorts it
_class_rows(tool) := sort([concat("", [c, ": ", json.marshal(e.retention_days), " days, ", json.marshal(e.retention_online_days), " online"]) |
	some c, e in lib.value(tool, _classes)
])

findings contains lib.finding(tool, checks, {
	"pass": "Audit log retention meets the minimum",
	"fail": "Audit log retention is too short",
	"unknown": "Audit log retention could not be determined",
	"not_applicable": "Audit log retention does not apply",
	"error": "Audit log retention could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
	checks := array.concat(
		[
			lib.at_least_or_forever(tool, ["audit_log", "retention_days"], "retention_days_min"),
			lib.at_least_or_forever(tool, ["audit_log", "retention_online_days"], "retention_online_days_min"),
		],
		_class_checks(tool),
	)
}
