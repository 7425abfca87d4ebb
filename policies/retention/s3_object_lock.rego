# METADATA
# title: S3 Object Lock keeps audit records for the retention minimum
# description: |
#   Every S3 bucket holding audit records locks new objects by default in COMPLIANCE mode for at
#   least retention_days_min days, so nobody, the account root included, can delete or overwrite
#   them before the minimum has passed. GOVERNANCE mode does not count: principals with
#   s3:BypassGovernanceRetention can delete locked versions.
# custom:
#   id: AR-RET-101
#   severity: medium
#   pillar: retention
#   applies_to: [s3]
#   facts: [resources.object_lock_mode, resources.object_lock_days]
#   params: [retention_days_min]
#   remediation: |
#     S3: enable versioning, then set a default Object Lock retention in COMPLIANCE mode of at least
#     the minimum (PCI DSS 10.5.1: 12 months), e.g.
#     aws s3api put-object-lock-configuration --bucket BUCKET --object-lock-configuration
#     '{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"COMPLIANCE","Days":400}}}'.
#     COMPLIANCE retention cannot be shortened or removed once set: test on a scratch bucket first.
#   frameworks:
#     pci-dss:
#       "10.3.2": "Audit log files in the bucket cannot be modified or deleted: Object Lock in COMPLIANCE mode."
#       "10.5.1":
#         proves: Audit log files cannot be deleted before 12 months have passed.
#         requires: {retention_days_min: {min: 365}}
#     nist-800-53:
#       AU-9: Audit information in the bucket is protected from modification and deletion (COMPLIANCE lock).
#       AU-11: Audit records cannot be deleted before retention_days_min days.
#     iso27001:
#       A.5.33: Audit records are protected from falsification and deletion for at least retention_days_min days.
#     soc2:
#       C1.1: Audit records cannot be destroyed before retention_days_min days.
#     hipaa:
#       "164.312(c)(1)": Audit records in the bucket cannot be altered or destroyed while locked.
package auditready.policies.retention.s3_object_lock

import data.auditready.lib

_name := "retention_days_min"

_messages := {
	"pass": "Object Lock keeps audit records for the retention minimum",
	"fail": "Audit records can be deleted before the retention minimum",
	"unknown": "Object Lock could not be determined",
	"not_applicable": "Object Lock does not apply",
	"error": "Object Lock could not be evaluated",
}

_days_expected := concat("", [">= ", json.marshal(lib.param(_name)), " (", _name, ") in COMPLIANCE mode"])

_buckets(tool) := [i |
	some i, resource in tool.resources
	resource.kind == "bucket"
]

_mode(tool, i) := lib.resource_equals(tool, i, "object_lock_mode", "COMPLIANCE")

# The locked period counts only in COMPLIANCE mode; a GOVERNANCE or missing lock fails on the mode.
_days(tool, i) := lib.missing_param(["resources", "object_lock_days"], _name) if {
	not lib.has_number_param(_name)
} else := lib.resource_judged(tool, i, "object_lock_days", _days_expected, days >= lib.param(_name)) if {
	days := lib.resource_value(tool, i, "object_lock_days")
	is_number(days)
} else := lib.resource_unknown(tool, i, "object_lock_days", _days_expected)

findings contains lib.resource_finding(tool, i, [_mode(tool, i), _days(tool, i)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in _buckets(tool)
}

# No bucket read (a facts file without resources, buckets that could not be listed): one unknown
# finding for the tool, never silence.
findings contains lib.finding(tool, [lib.resource_absent("object_lock_mode", "\"COMPLIANCE\"", _unread)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	count(_buckets(tool)) == 0
}

_unread := "no bucket resource: read the bucket (endpoint or AWS CLI exports) or declare one in the facts file"
