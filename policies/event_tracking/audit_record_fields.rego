# METADATA
# title: Audit records carry actor, action, time, target, source IP and result
# description: |
#   Each audit record states who acted, what they did, when, on which target (data, component,
#   resource or service), from where, and whether it succeeded, so one record is enough to
#   attribute and assess an event.
# custom:
#   id: AR-EVT-002
#   severity: medium
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts:
#     - audit_log.fields.actor
#     - audit_log.fields.action
#     - audit_log.fields.time
#     - audit_log.fields.target
#     - audit_log.fields.source_ip
#     - audit_log.fields.result
#   params: []
#   remediation: |
#     Make every record carry actor, action, time (with zone), affected target, client IP and outcome;
#     where the tool cannot, add the missing field downstream or document a compensating control.
#     GitHub: turn on IP address display for the enterprise/organization audit log so actor_ip is
#     recorded; the outcome is not recorded, so correlate with the API response elsewhere.
#     Jenkins: Audit Trail records no result and writes zone-less timestamps; run the controller in
#     UTC, set up X-Forwarded-For behind a proxy, and ship to a collector that stamps the zone.
#     Kubernetes: use audit level Metadata or higher and never omit ResponseComplete
#     (objectRef is the target, responseStatus.code the result; trust only the last sourceIPs entry).
#     Vault/OpenBao: the file/socket devices record request.path, remote_address, error and auth.policy_results;
#     do not set log_raw.
#     Argo CD / Harbor: no client IP is recorded; capture it at the ingress or load balancer.
#   frameworks:
#     soc2:
#       CC7.2: Audit records say who did what, when, to what, from where and with what result.
#     iso27001:
#       A.8.15: Audit records carry user, action, time, target, source address and outcome.
#     pci-dss:
#       "10.2.2": Each record holds user, event type, date and time, outcome, origin and affected resource.
#     nist-800-53:
#       AU-3: Records state what, when, where, source, outcome and identity.
#     hipaa:
#       "164.312(b)": Recorded activity identifies the actor, action, target and outcome.
package auditready.policies.event_tracking.audit_record_fields

import data.auditready.lib

_fields := ["actor", "action", "time", "target", "source_ip", "result"]

findings contains lib.finding(tool, checks, {
	"pass": "Audit records carry every required field",
	"fail": "Audit records lack required fields",
	"unknown": "Audit record fields could not be determined",
	"not_applicable": "Audit record fields do not apply",
	"error": "Audit record fields could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
	checks := [lib.equals(tool, ["audit_log", "fields", f], true) | some f in _fields]
}
