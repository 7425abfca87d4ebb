# METADATA
# title: GitLab administrators re-authenticate and use a second factor
# description: |
#   On a self-managed GitLab, Admin Mode is on (an administrator acts as a regular user until they
#   re-authenticate for the Admin area and administrator API scopes) and administrators must use
#   two-factor authentication (required for administrators, or for everyone).
# custom:
#   id: AR-IDN-130
#   severity: high
#   pillar: identity
#   applies_to: [gitlab]
#   facts: [resources.admin_mode, resources.require_admin_two_factor_authentication, resources.require_two_factor_authentication]
#   params: []
#   remediation: |
#     GitLab (self-managed): Admin area > Settings > General > Sign-in restrictions: turn on "Admin
#     Mode" and "Require administrators to enable 2FA" (or "Enforce two-factor authentication" for
#     everyone); API: PUT /application/settings with admin_mode=true and
#     require_admin_two_factor_authentication=true. Administrator tokens then need the admin_mode scope.
#   frameworks:
#     soc2:
#       CC6.1: GitLab administrators must use a second factor and re-authenticate before using administrator rights.
#     iso27001:
#       A.8.2: GitLab administrator rights are active only after re-authenticating in Admin Mode, not in every session.
#       A.8.5: GitLab requires administrators to authenticate with a second factor.
#     pci-dss:
#       "8.4.1": GitLab administrators must enrol and use a second factor to sign in to GitLab's web interface.
#     nist-800-53:
#       IA-2(1): GitLab's privileged accounts (administrators) must use multi-factor authentication.
#       AC-6(2): GitLab administrators act as regular users until they re-authenticate for administrative functions.
#     hipaa:
#       "164.312(d)": GitLab administrators prove who they are with a second factor, not a password alone.
package auditready.policies.identity.gitlab_admin_step_up

import data.auditready.lib

_messages := {
	"pass": "GitLab administrators re-authenticate (Admin Mode) and must use two-factor authentication",
	"fail": "GitLab administrators can act without re-authenticating or without a second factor",
	"unknown": "GitLab administrator sign-in could not be determined",
	"not_applicable": "GitLab administrator sign-in does not apply",
	"error": "GitLab administrator sign-in could not be evaluated",
}

_instances(tool) := [i | some i, r in object.get(tool, "resources", []); r.kind == "instance"]

_groups(tool) := [i | some i, r in object.get(tool, "resources", []); r.kind == "group"]

# Administrators need a second factor: required for administrators, or for everyone.
_admin_2fa_fact := "require_admin_two_factor_authentication"

_admin_2fa_expected := "true (or two-factor authentication required for everyone)"

_admin_2fa(tool, i) := lib.resource_judged(tool, i, _admin_2fa_fact, _admin_2fa_expected, true) if {
	lib.resource_value(tool, i, _admin_2fa_fact) == true
} else := lib.resource_judged(tool, i, "require_two_factor_authentication", "true (or required for administrators)", true) if {
	lib.resource_value(tool, i, "require_two_factor_authentication") == true
} else := lib.resource_unknown(tool, i, _admin_2fa_fact, _admin_2fa_expected) if {
	not lib.resource_known(tool, i, _admin_2fa_fact)
} else := lib.resource_judged(tool, i, _admin_2fa_fact, _admin_2fa_expected, false)

_without_instance(state, reason, detail) := {
	"fact": "resources.admin_mode",
	"pointer": "/type",
	"observed": null,
	"expected": "true",
	"state": state,
	"gap": {"fact": "resources.admin_mode", "reason": reason, "detail": detail},
}

findings contains lib.resource_finding(tool, i, [lib.resource_equals(tool, i, "admin_mode", true), _admin_2fa(tool, i)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in _instances(tool)
}

# GitLab.com: the instance and its administrators are GitLab's.
findings contains lib.finding(
	tool,
	[_without_instance("not_applicable", "not_applicable", "GitLab.com: instance administrators are GitLab staff")],
	_messages,
) if {
	some tool in lib.in_scope(rego.metadata.chain())
	count(_instances(tool)) == 0
	count(_groups(tool)) > 0
}

# Neither an instance nor a group resource (e.g. a facts file): unknown, never silence.
findings contains lib.finding(
	tool,
	[_without_instance("unknown", "not_collected", "no instance resource: application settings were not collected")],
	_messages,
) if {
	some tool in lib.in_scope(rego.metadata.chain())
	count(_instances(tool)) == 0
	count(_groups(tool)) == 0
}
