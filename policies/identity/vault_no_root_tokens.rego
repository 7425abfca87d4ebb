# METADATA
# title: No Vault/OpenBao root token exists
# description: |
#   No token with the root policy exists on the server. A root token can do anything, bypasses
#   the identity provider and MFA, and is meant to be generated for an emergency and revoked
#   right after (Vault's and OpenBao's production hardening guidance). Proves only that the token
#   store held no root token when it was read (every accessor looked up); a root token can still
#   be generated with unseal or recovery keys.
# custom:
#   id: AR-IDN-150
#   severity: high
#   pillar: identity
#   applies_to: [vault, openbao]
#   facts: [resources.root_tokens]
#   params: []
#   remediation: |
#     Revoke every root token (vault token revoke -accessor <accessor>; find them with
#     vault list auth/token/accessors and vault token lookup -accessor). Give administrators an
#     admin policy through the identity provider instead, and generate a root token only for an
#     emergency with vault operator generate-root, revoking it when done.
#   frameworks:
#     soc2:
#       CC6.1: No Vault/OpenBao root token, a credential that bypasses the identity provider and MFA, exists.
#       CC6.2: No standing root credential sits outside the identity provider's issuing and removal.
#     iso27001:
#       A.5.16: Vault's unlimited root identity is not kept standing outside central identity management.
#       A.8.2: "Privileged access to Vault needs a named identity: no all-powerful root token exists."
#     pci-dss:
#       "8.2.2": No shared, generic root token is in use on Vault.
#       "7.2.2": Vault's unlimited root privilege is not assigned to any standing token.
#     nist-800-53:
#       AC-2: Vault's root account type is not kept as a standing token.
#       AC-6(5): The all-powerful root privilege is not held by any standing token.
package auditready.policies.identity.vault_no_root_tokens

import data.auditready.lib

_messages := {
	"pass": "No root token exists",
	"fail": "A root token exists",
	"unknown": "Whether a root token exists could not be determined",
	"not_applicable": "Root tokens do not apply",
	"error": "Root tokens could not be evaluated",
}

_expected := "no token with the root policy"

_store(tool) := [i | some i, r in object.get(tool, "resources", []); r.kind == "token-store"]

findings contains lib.resource_finding(tool, i, [_check(tool, i)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in _store(tool)
}

# No token store read (a facts file without resources, a broken input): unknown, never silence.
findings contains lib.finding(tool, [lib.resource_absent("root_tokens", _expected, _unread)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	count(_store(tool)) == 0
}

_check(tool, i) := lib.resource_judged(tool, i, "root_tokens", _expected, count(lib.resource_value(tool, i, "root_tokens")) == 0) if {
	lib.resource_known(tool, i, "root_tokens")
}

_check(tool, i) := lib.resource_unknown(tool, i, "root_tokens", _expected) if {
	not lib.resource_known(tool, i, "root_tokens")
}

_unread := "no token-store resource: read the server (endpoint or exports) or declare one in the facts file"
