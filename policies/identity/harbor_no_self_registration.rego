# METADATA
# title: Harbor refuses self-registration
# description: |
#   With database authentication (auth_mode db_auth), self_registration is off, so nobody who
#   reaches Harbor can create an account and then pull from every public project or create
#   projects: every account is created by an administrator. Proves the system setting read from
#   Harbor's configurations; in other auth modes the setting has no effect and the check passes.
# custom:
#   id: AR-IDN-160
#   severity: high
#   pillar: identity
#   applies_to: [harbor]
#   facts: [resources.self_registration]
#   params: []
#   remediation: |
#     Harbor: Administration > Configuration > Authentication, clear "Allow Self-Registration", or
#     PUT /api/v2.0/configurations {"self_registration": false}; better, switch auth_mode to
#     oidc_auth so accounts come from the identity provider.
#   frameworks:
#     soc2:
#       CC6.2: Harbor accounts are created by administrators (or the identity provider), never by whoever reaches Harbor.
#     iso27001:
#       A.5.16: Harbor identities are not self-issued.
#       A.5.18: Access to Harbor is provisioned, not self-granted through registration.
#     pci-dss:
#       "8.2.4": Harbor user IDs are added by authorized people, not by self-registration.
#     nist-800-53:
#       AC-2: Harbor accounts are created through account management, not self-registration.
package auditready.policies.identity.harbor_no_self_registration

import data.auditready.lib

_messages := {
	"pass": "Self-registration is off",
	"fail": "Anyone who reaches Harbor can create an account",
	"unknown": "Self-registration could not be determined",
	"not_applicable": "Self-registration does not apply",
	"error": "Self-registration could not be evaluated",
}

_settings(tool) := [i | some i, r in object.get(tool, "resources", []); r.kind == "system-settings"]

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, "self_registration", false)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in _settings(tool)
}

findings contains lib.finding(tool, [lib.resource_absent("self_registration", "false", _unread)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	count(_settings(tool)) == 0
}

_unread := concat("", [
	"no system-settings resource: the configurations were not read (endpoint or export) ",
	"or not declared in the facts file",
])
