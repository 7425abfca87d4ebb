package auditready.policies.retention.s3_object_lock_test

import data.auditready.policies.retention.s3_object_lock as policy
import data.auditready.testing

_days_expected := ">= 365 (retention_days_min) in COMPLIANCE mode"

_bucket(name, facts, gaps) := {"id": concat(":", ["bucket", name]), "kind": "bucket", "name": name, "facts": facts, "gaps": gaps}

_lock(mode, days) := {"object_lock_mode": mode, "object_lock_days": days}

_s3(resources) := object.union(testing.tool, {"id": "s3/audit", "type": "s3", "category": "log-store", "resources": resources})

# The finding on the first resource, the bucket audit-logs.
_expected(status, message, mode, days, gaps) := testing.resource_finding_on(
	"s3/audit", 0, "bucket:audit-logs", status, message,
	{"resources.object_lock_mode": mode, "resources.object_lock_days": days},
	{"resources.object_lock_mode": "\"COMPLIANCE\"", "resources.object_lock_days": _days_expected},
	gaps,
)

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_eval_bucket(facts, gaps) := _eval([_s3([_bucket("audit-logs", facts, gaps)])])

test_pass if {
	_eval_bucket(_lock("COMPLIANCE", 400), []) == {_expected("pass", "Object Lock keeps audit records for the retention minimum", "COMPLIANCE", 400, [])}
}

test_fail_too_short if {
	_eval_bucket(_lock("COMPLIANCE", 30), []) == {_expected(
		"fail",
		concat("", ["Audit records can be deleted before the retention minimum: resources.object_lock_days is 30, expected ", _days_expected]),
		"COMPLIANCE", 30, [],
	)}
}

test_fail_governance_whatever_the_days if {
	_eval_bucket(_lock("GOVERNANCE", 3650), []) == {_expected(
		"fail",
		"Audit records can be deleted before the retention minimum: resources.object_lock_mode is \"GOVERNANCE\", expected \"COMPLIANCE\"",
		"GOVERNANCE", 3650, [],
	)}
}

test_fail_without_lock if {
	testing.only(_eval_bucket(_lock("none", 0), [])).status == "fail"
}

test_unknown_names_the_permission if {
	gap := {
		"fact": "object_lock_mode", "reason": "permission_missing",
		"detail": "GetObjectLockConfiguration was refused (AccessDenied)",
		"permission": "s3:GetBucketObjectLockConfiguration",
	}
	gap_days := object.union(gap, {"fact": "object_lock_days"})
	f := testing.only(_eval_bucket(_lock(null, null), [gap, gap_days]))
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.object_lock_mode"}), object.union(gap, {"fact": "resources.object_lock_days"})]
}

test_fail_beats_unknown if {
	gap := {"fact": "object_lock_days", "reason": "error", "detail": "unreadable"}
	testing.only(_eval_bucket(_lock("GOVERNANCE", null), [gap])).status == "fail"
}

test_not_applicable if {
	gaps := [
		{"fact": "object_lock_mode", "reason": "not_applicable", "detail": "the server has no Object Lock"},
		{"fact": "object_lock_days", "reason": "not_applicable", "detail": "the server has no Object Lock"},
	]
	testing.only(_eval_bucket(_lock(null, null), gaps)).status == "not_applicable"
}

test_error_without_the_parameter if {
	got := policy.findings with input as testing.input_of([_s3([_bucket("b", _lock("COMPLIANCE", 400), [])])])
		with data.auditready.params as object.remove(testing.params, ["retention_days_min"])
	testing.only(got).status == "error"
}

# A facts file without resources, or resources with no bucket among them: unknown, never silence.
test_unknown_when_buckets_were_not_collected if {
	expected := testing.absent_finding_on(
		"s3/audit", "Object Lock could not be determined", "resources.object_lock_mode", "\"COMPLIANCE\"",
		"no bucket resource: read the bucket (endpoint or AWS CLI exports) or declare one in the facts file",
	)
	_eval([object.union(testing.tool, {"id": "s3/audit", "type": "s3", "category": "log-store"})]) == {expected}
	_eval([_s3([{"id": "other", "kind": "other", "name": "other", "facts": {}, "gaps": []}])]) == {expected}
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
}
