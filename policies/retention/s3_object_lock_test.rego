package auditready.policies.retention.s3_object_lock_test

import data.auditready.policies.retention.s3_object_lock as policy
import data.auditready.testing

_bucket(name, facts, gaps) := {"id": concat(":", ["bucket", name]), "kind": "bucket", "name": name, "facts": facts, "gaps": gaps}

_s3(resources) := object.union(testing.tool, {"id": "s3/audit", "type": "s3", "category": "log-store", "resources": resources})

_eval(resources) := got if {
	got := policy.findings with input as testing.input_of([_s3(resources)])
		with data.auditready.params as testing.params
}

_one(resources) := f if {
	[f] := [f | some f in _eval(resources)]
}

_days_expected := ">= 365 (retention_days_min) in COMPLIANCE mode"

test_pass if {
	_eval([_bucket("audit-logs", {"object_lock_mode": "COMPLIANCE", "object_lock_days": 400}, [])]) == {{
		"tool": "s3/audit", "resource": "bucket:audit-logs", "status": "pass",
		"message": "Object Lock keeps audit records for the retention minimum",
		"observed": {"resources.object_lock_mode": "COMPLIANCE", "resources.object_lock_days": 400},
		"expected": {"resources.object_lock_mode": "\"COMPLIANCE\"", "resources.object_lock_days": _days_expected},
		"evidence": ["/resources/0/facts/object_lock_days", "/resources/0/facts/object_lock_mode"],
		"gaps": [],
	}}
}

test_fail_too_short if {
	f := _one([_bucket("audit-logs", {"object_lock_mode": "COMPLIANCE", "object_lock_days": 30}, [])])
	f.status == "fail"
	f.message == concat("", ["Audit records can be deleted before the retention minimum: resources.object_lock_days is 30, expected ", _days_expected])
}

test_fail_governance_whatever_the_days if {
	f := _one([_bucket("audit-logs", {"object_lock_mode": "GOVERNANCE", "object_lock_days": 3650}, [])])
	f.status == "fail"
	f.message == "Audit records can be deleted before the retention minimum: resources.object_lock_mode is \"GOVERNANCE\", expected \"COMPLIANCE\""
}

test_fail_without_lock if {
	f := _one([_bucket("plain", {"object_lock_mode": "none", "object_lock_days": 0}, [])])
	f.status == "fail"
}

test_unknown_names_the_permission if {
	gap := {"fact": "object_lock_mode", "reason": "permission_missing", "detail": "GetObjectLockConfiguration was refused (AccessDenied)", "permission": "s3:GetBucketObjectLockConfiguration"}
	gap_days := object.union(gap, {"fact": "object_lock_days"})
	f := _one([_bucket("audit-logs", {"object_lock_mode": null, "object_lock_days": null}, [gap, gap_days])])
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.object_lock_mode"}), object.union(gap, {"fact": "resources.object_lock_days"})]
}

test_fail_beats_unknown if {
	gap := {"fact": "object_lock_days", "reason": "error", "detail": "unreadable"}
	f := _one([_bucket("audit-logs", {"object_lock_mode": "GOVERNANCE", "object_lock_days": null}, [gap])])
	f.status == "fail"
}

test_not_applicable if {
	gaps := [
		{"fact": "object_lock_mode", "reason": "not_applicable", "detail": "the server has no Object Lock"},
		{"fact": "object_lock_days", "reason": "not_applicable", "detail": "the server has no Object Lock"},
	]
	f := _one([_bucket("audit-logs", {"object_lock_mode": null, "object_lock_days": null}, gaps)])
	f.status == "not_applicable"
}

test_error_without_the_parameter if {
	got := policy.findings with input as testing.input_of([_s3([_bucket("b", {"object_lock_mode": "COMPLIANCE", "object_lock_days": 400}, [])])])
		with data.auditready.params as object.remove(testing.params, ["retention_days_min"])
	[f] := [f | some f in got]
	f.status == "error"
}

test_unknown_when_buckets_were_not_collected if {
	got := policy.findings with input as testing.input_of([object.union(testing.tool, {"id": "s3/audit", "type": "s3", "category": "log-store"})])
		with data.auditready.params as testing.params
	[f] := [f | some f in got]
	f.status == "unknown"
	f.resource == null
}

test_other_tools_are_out_of_scope if {
	got := policy.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as testing.params
	count(got) == 0
}
