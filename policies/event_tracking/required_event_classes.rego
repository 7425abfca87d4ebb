# METADATA
# title: Audit log records the event classes required for the tool
# description: |
#   The audit log records every event class that required_event_classes lists for the tool's
#   type: for example Kubernetes secrets and RBAC changes, Jenkins builds, credentials and script
#   console, Vault/OpenBao auth and secrets requests. A tool type the parameter does not list is
#   not applicable.
# custom:
#   id: AR-EVT-003
#   severity: medium
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts: [audit_log.event_classes]
#   params: [required_event_classes]
#   remediation: |
#     Widen what the audit log records until every class the finding names is covered.
#     Kubernetes: in the --audit-policy-file rules, log secrets and configmaps at Metadata (never
#     Request or RequestResponse, which would record secret values) and rbac.authorization.k8s.io
#     roles and bindings at RequestResponse; never end with a catch-all level None rule that
#     swallows them, and never omit the ResponseComplete stage.
#     Jenkins: keep the audit-trail pattern at its default (builds, configSubmit, doDelete,
#     createItem, ...), and set logCredentialsUsage: true and logScriptUsage: true under
#     unclassified.audit-trail.
#     Vault/OpenBao: enable at least one audit device (file, syslog, socket; OpenBao also http);
#     every request, auth and secrets included, is then recorded; keep two devices so one blocked
#     device does not block requests.
#     GitHub: read or stream the audit log with include=all so Git events (clone, push) are kept
#     next to web events.
#   frameworks:
#     soc2:
#       CC7.2: Each tool records the event classes the profile requires of its type.
#     iso27001:
#       A.8.15: Each tool logs the event classes the organization selected for its type.
#     nist-800-53:
#       AU-2: Each tool logs the event types selected for it (required_event_classes).
#       AU-12: Each tool generates records for the selected event classes.
#     hipaa:
#       "164.312(b)": Each tool records the classes of activity selected for it.
#     cis-sscs:
#       "2.1.3": The build system logs the activity classes required of it (builds, credentials, script console).
package auditready.policies.event_tracking.required_event_classes

import data.auditready.lib

_name := "required_event_classes"

# names the missing classes; only reached when the parameter lists classes for the type
_fail_message(tool) := concat("", ["Audit log does not record ", lib.show(lib.missing_classes(tool, _name))]) if {
	lib.classes_listed(tool, _name)
} else := "Audit log does not record the required event classes"

findings contains lib.finding(tool, [lib.classes_included(tool, _name)], {
	"pass": "Audit log records every required event class",
	"fail": _fail_message(tool),
	"unknown": "Audit log event classes could not be determined",
	"not_applicable": "Required event classes do not apply",
	"error": "Required event classes could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
