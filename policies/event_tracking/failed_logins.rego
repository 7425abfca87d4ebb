# METADATA
# title: Failed sign-ins are recorded
# description: |
#   The audit log records failed sign-in attempts: it includes every event class that
#   failed_login_event_classes lists for the tool's type (the classes in which that tool writes
#   authentication failures). A tool type the parameter does not list is not applicable; a tool
#   whose event classes are unknown is unknown.
# custom:
#   id: AR-EVT-006
#   severity: medium
#   pillar: event_tracking
#   applies_to: ["*"]
#   facts: [audit_log.event_classes]
#   params: [failed_login_event_classes]
#   remediation: |
#     Record authentication failures in the audit log.
#     Vault/OpenBao: an audit device records every auth request, failures included (class auth).
#     Jenkins: the Audit Trail plugin has no login listener; add loginError to the keywords of its
#     pattern (".*/(?:configSubmit|doDelete|...|safeExit|loginError)/?.*") so a failed
#     sign-in through Jenkins' login form (own user database, LDAP, Active Directory) is recorded
#     (class login-failures; failed API-token requests are not). With SAML, OIDC or OAuth the
#     identity provider records failures: record the exception as a waiver that cites its log.
#     GitLab: Premium and Ultimate save failed sign-ins as instance audit events
#     (login_failed_with_standard_authentication and _otp_); GitLab Free does not, and a GitLab.com
#     group's Owners cannot read them: record them at the identity provider and waive.
#     Argo CD: its Kubernetes Events (what the collector reads) hold no sign-ins; argocd-server
#     writes failed logins to its own log. Ship that log to the central store and, once it is
#     there, record the exception as a waiver that cites the store.
#     Kubernetes: kube-apiserver audits a request whose credentials fail authentication (code 401,
#     stage ResponseStarted, no user), so the rule that first matches it must not be None and must
#     not omit ResponseStarted; rules naming users or userGroups never match it (class
#     authn_failures). A catch-all "- level: Metadata" with omitStages [RequestReceived] records them.
#     GitHub: sign-in failures are the identity provider's; list the IdP as a target instead.
#   frameworks:
#     soc2:
#       CC7.2: Failed sign-in attempts are recorded, so attacks on accounts can be detected.
#     iso27001:
#       A.8.15: Failed sign-in attempts are logged.
#     pci-dss:
#       "10.2.1.4": Invalid logical access attempts (failed sign-ins) are logged.
#     nist-800-53:
#       AU-2: Failed sign-in is among the logged event types.
#     hipaa:
#       "164.308(a)(5)(ii)(C)": Log-in attempts, failed ones included, are recorded for monitoring.
package auditready.policies.event_tracking.failed_logins

import data.auditready.lib

_name := "failed_login_event_classes"

_fail_message(tool) := concat("", ["Audit log does not record failed sign-ins (missing ", lib.show(lib.missing_classes(tool, _name)), ")"]) if {
	lib.classes_listed(tool, _name)
} else := "Audit log does not record failed sign-ins"

findings contains lib.finding(tool, [lib.classes_included(tool, _name)], {
	"pass": "Audit log records failed sign-ins",
	"fail": _fail_message(tool),
	"unknown": "Recording of failed sign-ins could not be determined",
	"not_applicable": "Recording of failed sign-ins does not apply",
	"error": "Recording of failed sign-ins could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
