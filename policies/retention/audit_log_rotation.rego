# METADATA
# title: Local audit log files rotated and kept long enough
# description: |
#   For each tool type that audit_log_rotation_min lists, the tool's local audit log files are
#   rotated at no less than max_size_mb per file (0, never rotated, fails), and at least max_files
#   old files and max_age_days days of them are kept (-1 is unlimited and passes): for
#   Kubernetes, CIS Kubernetes Benchmark 1.2.17-1.2.19 (--audit-log-maxage >= 30,
#   --audit-log-maxbackup >= 10, --audit-log-maxsize >= 100). A tool that writes no local audit
#   file (records only shipped, e.g. by a Kubernetes audit webhook) is not applicable; the
#   retention of shipped records is judged by AR-RET-001 and AR-XTL-001. A tool type the
#   parameter does not list is not applicable.
# custom:
#   id: AR-RET-005
#   severity: medium
#   pillar: retention
#   applies_to: ["*"]
#   facts: [audit_log.rotation]
#   params: [audit_log_rotation_min]
#   remediation: |
#     Rotate the local audit log before it fills the disk and keep enough rotated files, or ship
#     the records to a central store and stop writing them locally.
#     Kubernetes: in /etc/kubernetes/manifests/kube-apiserver.yaml set --audit-log-maxage=30 (or
#     more), --audit-log-maxbackup=10 (or more) and --audit-log-maxsize=100 (or more), and make
#     sure the host path mounted for --audit-log-path has room for maxbackup x maxsize MB.
#     Other tools: list their minimums under audit_log_rotation_min to check them.
#   frameworks:
#     nist-800-53:
#       AU-4: Local audit log files rotate at a set size and count, so they fit the storage allocated for them.
#     iso27001:
#       A.8.15: Local audit log files are rotated and kept, so logging does not stop on a full disk.
package auditready.policies.retention.audit_log_rotation

import data.auditready.lib

_name := "audit_log_rotation_min"

_path := ["audit_log", "rotation"]

_keys := ["max_size_mb", "max_files", "max_age_days"]

_min(tool) := lib.param(_name)[tool.type]

_param_set if _ := lib.param(_name)

_valid_min(tool) if {
	is_object(_min(tool))
	every k in _keys {
		is_number(_min(tool)[k])
	}
}

_expected(tool) := concat("", [
	"max_size_mb >= ", lib.show(_min(tool).max_size_mb),
	", max_files >= ", lib.show(_min(tool).max_files), " or -1",
	", max_age_days >= ", lib.show(_min(tool).max_age_days), " or -1",
	" (", _name, ".", tool.type, ")",
])

_value(r, k) := v if {
	v := object.get(r, k, null)
	is_number(v)
}

# why one setting falls short; undefined when it meets its minimum
_problem(r, m, k) := concat("", [k, " 0 (never rotated), below ", lib.show(m[k])]) if {
	k == "max_size_mb"
	_value(r, k) == 0
} else := concat("", [k, " ", lib.show(object.get(r, k, null)), ", not a number"]) if {
	not _value(r, k)
} else := concat("", [k, " ", lib.show(_value(r, k)), ", below ", lib.show(m[k])]) if {
	_value(r, k) != -1
	_value(r, k) < m[k]
}

_problems(tool) := sort([p |
	some k in _keys
	p := _problem(lib.value(tool, _path), _min(tool), k)
])

_check(tool) := lib.missing_param(_path, _name) if {
	not _param_set
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name]),
	concat("", ["parameter ", _name, " must be an object from tool type to {max_size_mb, max_files, max_age_days}"]),
) if {
	not lib.has_object_param(_name)
} else := lib.not_applicable_because(
	tool, _path, concat("", ["no rotation minimum for tool type ", tool.type, " (", _name, ")"]),
	concat("", [_name, " lists no rotation minimum for tool type ", tool.type]),
) if {
	not _min(tool)
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name, ".", tool.type]),
	concat("", ["parameter ", _name, ".", tool.type, " must have numbers for max_size_mb, max_files and max_age_days"]),
) if {
	not _valid_min(tool)
} else := lib.judged(tool, _path, _expected(tool), count(_problems(tool)) == 0) if {
	is_object(lib.value(tool, _path))
} else := lib.judged(tool, _path, _expected(tool), false) if {
	lib.known(tool, _path)
} else := lib.unknown(tool, _path, _expected(tool))

# names each short setting; only reached when the parameters are valid
_fail_message(tool) := concat("", ["Audit log files are not rotated or kept enough (", concat("; ", _problems(tool)), ")"]) if {
	_valid_min(tool)
	is_object(lib.value(tool, _path))
} else := "Audit log files are not rotated or kept enough"

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Audit log files are rotated and kept as required",
	"fail": _fail_message(tool),
	"unknown": "Audit log rotation could not be determined",
	"not_applicable": "Audit log rotation does not apply",
	"error": "Audit log rotation could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
