# METADATA
# title: Audit records protected from deletion
# description: |
#   Audit records survive deletion on the tool: the store is immutable (object lock, WORM) or
#   the records are backed up. Passes when either is known to be true, fails when both are known
#   to be false; otherwise unknown, never pass.
# custom:
#   id: AR-RET-002
#   severity: medium
#   pillar: retention
#   applies_to: ["*"]
#   facts: [audit_log.immutable, audit_log.backup]
#   params: []
#   remediation: |
#     Make the audit store write-once for its retention period, or back it up to a separate account
#     or system that the tool's admins cannot delete from.
#     S3: enable Object Lock with a COMPLIANCE default retention of at least the retention minimum,
#     plus versioning (GetObjectLockConfiguration, GetBucketVersioning).
#     Loki: it has no immutability of its own; put its object store on S3 with Object Lock.
#     Elasticsearch: take SLM snapshots to a repository (policy with schedule, repository and
#     retention) and check last_success; OpenSearch: snapshot management the same way.
#     CloudWatch Logs: turn on deletionProtectionEnabled for the log group, or export to S3 with
#     Object Lock.
#     Splunk: set coldToFrozenDir (archive instead of delete) and back up the index buckets.
#     GitHub/GitLab/Jenkins/Vault/OpenBao/Kubernetes: stream or ship the audit log to one of the
#     stores above; local files (Jenkins logFile, Vault file device, --audit-log-path) are
#     deletable by host admins.
#   frameworks:
#     soc2: [A1.2, C1.1]
#     iso27001: [A.8.13, A.5.33]
#     pci-dss: ["10.3.2", "10.3.3"]
#     nist-800-53: [AU-9, AU-9(2)]
#     hipaa: [164.312(c)(1)]
#     cis-sscs: ["2.1.2"]
package auditready.policies.retention.deletion_protection

import data.auditready.lib

_facts := [
	[["audit_log", "immutable"], "true, or audit_log.backup true"],
	[["audit_log", "backup"], "true, or audit_log.immutable true"],
]

_protected(tool) if {
	some [p, _] in _facts
	lib.value(tool, p) == true
}

# the null facts, as unknown or not_applicable checks (per their gap)
_unjudged(tool) := [lib.unknown(tool, p, e) | some [p, e] in _facts; not lib.known(tool, p)]

_checks(tool) := [lib.judged(tool, p, e, true) |
	some [p, e] in _facts
	lib.value(tool, p) == true
] if {
	_protected(tool)
} else := checks if {
	# nothing true: fail on the known facts only when every null fact does not apply
	every c in _unjudged(tool) {
		c.state == "not_applicable"
	}
	checks := array.concat(
		[lib.judged(tool, p, e, false) | some [p, e] in _facts; lib.known(tool, p)],
		_unjudged(tool),
	)
} else := _unjudged(tool)

findings contains lib.finding(tool, _checks(tool), {
	"pass": "Audit records are protected from deletion",
	"fail": "Audit records are neither immutable nor backed up",
	"unknown": "Deletion protection could not be determined",
	"not_applicable": "Deletion protection does not apply",
	"error": "Deletion protection could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
