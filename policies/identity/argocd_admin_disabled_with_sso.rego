# METADATA
# title: Argo CD built-in admin disabled once SSO is configured
# description: |
#   Once Argo CD signs people in through an identity provider (dex.config or oidc.config), the
#   built-in `admin` account, a shared password login with full rights, is turned off
#   (admin.enabled: "false"), so every administrative action is tied to a named person.
#   Proves only that the admin account is disabled in Argo CD's settings; not how its password or
#   the argocd-secret are handled.
# custom:
#   id: AR-IDN-101
#   severity: high
#   pillar: identity
#   applies_to: ["argocd"]
#   facts: [identity.sso_provider, identity.local_accounts]
#   params: []
#   remediation: |
#     Argo CD: set admin.enabled: "false" in argocd-cm once dex.config or oidc.config works, and
#     grant administrators through argocd-rbac-cm (g, <your-admin-group>, role:admin). Keep a
#     break-glass procedure (re-enable admin through Git) rather than a standing shared login.
#   frameworks:
#     soc2:
#       CC6.1: Once Argo CD signs people in through SSO, its shared built-in admin password login is off.
#       CC6.2: No standing built-in Argo CD admin account sits outside the identity provider's issuing and removal.
#     iso27001:
#       A.5.16: Argo CD's shared built-in admin identity is disabled once identities come from SSO.
#       A.8.2: Argo CD's full-rights built-in admin account is disabled, so privileged access needs a named identity.
#     pci-dss:
#       "8.2.1": Argo CD's shared admin login is disabled, so administrative actions run under individual IDs.
#       "8.2.2": Argo CD's generic shared admin account is disabled once SSO is configured.
#     nist-800-53:
#       AC-2: Argo CD's built-in shared admin account is disabled once accounts come from SSO.
#       IA-2: The shared admin password cannot be used to sign in to Argo CD once SSO is configured.
#     hipaa:
#       "164.312(a)(2)(i)": Argo CD's shared admin login is off, so actions trace to unique user identities.
package auditready.policies.identity.argocd_admin_disabled_with_sso

import data.auditready.lib

_sso := ["identity", "sso_provider"]

_accounts := ["identity", "local_accounts"]

_expected := "no \"admin\" once SSO is configured"

findings contains lib.finding(tool, _checks(tool), {
	"pass": "The built-in admin is disabled and people sign in through SSO",
	"fail": "The built-in admin is still enabled although SSO is configured",
	"unknown": "Whether the built-in admin is disabled could not be determined",
	"not_applicable": "No SSO is configured, so the admin rule does not apply yet",
	"error": "The built-in admin rule could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}

# Without a known SSO provider the rule waits for it: not applicable (no SSO) or unknown.
_checks(tool) := [lib.unknown(tool, _sso, "an SSO provider")] if not lib.known(tool, _sso)

_checks(tool) := [lib.unknown(tool, _accounts, _expected)] if {
	lib.known(tool, _sso)
	not lib.known(tool, _accounts)
}

_checks(tool) := [lib.judged(tool, _accounts, _expected, _admin_absent(lib.value(tool, _accounts)))] if {
	lib.known(tool, _sso)
	lib.known(tool, _accounts)
}

_admin_absent(accounts) := false if "admin" in accounts

else := true
