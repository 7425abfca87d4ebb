# METADATA
# title: People hold no Vault/OpenBao policy with wildcard paths, sudo or sys/ writes
# description: |
#   No ACL policy that grants a wildcard path (`path "*"`), the sudo capability, or writes to the
#   sys/ paths that decide who may do what (policies, auth methods, audit devices, mounts) is held
#   by a person: an identity group or entity, a userpass or LDAP user or group, or an OIDC role.
#   Administrators act through narrowly scoped policies, break-glass through a controlled path.
#   Proves only the attachments the collector read (identity and the listed auth methods); a
#   token minted directly with such a policy is not a principal and is not seen here.
# custom:
#   id: AR-ACC-150
#   severity: high
#   pillar: access
#   applies_to: [vault, openbao]
#   facts: [resources.human_holders]
#   params: []
#   remediation: |
#     Split each privileged policy: give people the paths they need (e.g. sys/policies/acl/team-*),
#     never path "*" or sudo; keep sudo and sys/auth, sys/audit writes for an automation identity or
#     a break-glass procedure. Detach the policy from groups, entities, users and OIDC roles
#     (vault write identity/group/name/<g> policies=..., vault write auth/oidc/role/<r> token_policies=...).
#   frameworks:
#     soc2:
#       CC6.1: People cannot use wildcard, sudo or sys/ write policies on Vault; privileged changes go through automation or break-glass.
#       CC6.3: No person holds a Vault policy that grants every path, sudo or the power to grant privileges.
#     iso27001:
#       A.5.15: Access rules on Vault give people no wildcard or sudo grants.
#       A.8.2: Privileged Vault policies (wildcard, sudo, sys/ writes) are not held by people.
#     pci-dss:
#       "7.2.1": People's Vault access excludes every-path and sudo grants.
#       "7.2.2": Vault's privileged policies are assigned to no person.
#     nist-800-53:
#       AC-6: People hold no Vault policy beyond what a non-administrative role needs (no wildcard, sudo or sys/ writes).
#       AC-6(5): Privileged Vault policies are restricted to non-personal identities.
#     cis-sscs:
#       "1.3.3": No person holds administrative (wildcard, sudo or sys/ write) rights on the secrets manager.
package auditready.policies.access.vault_no_privileged_policy_for_people

import data.auditready.lib

_messages := {
	"pass": "No person holds a privileged policy",
	"fail": "People hold a policy with wildcard paths, sudo or sys/ writes",
	"unknown": "Who holds the privileged policy could not be determined",
	"not_applicable": "Privileged policies do not apply",
	"error": "Privileged policies could not be evaluated",
}

_expected := "no person holds a policy with a wildcard path, sudo or sys/ writes"

_policies(tool) := [i | some i, r in object.get(tool, "resources", []); r.kind == "acl-policy"]

_privileged(tool, i) if {
	some flag in ["wildcard", "sudo", "sys_write"]
	lib.resource_value(tool, i, flag) == true
}

# One finding per privileged policy.
findings contains lib.resource_finding(tool, i, [_check(tool, i)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in _policies(tool)
	_privileged(tool, i)
}

# Policies read, none privileged: nobody can hold one.
findings contains lib.finding(
	tool, [{
		"fact": "resources.human_holders",
		"pointer": "/resources",
		"observed": [],
		"expected": _expected,
		"state": "pass",
	}],
	_messages,
) if {
	some tool in lib.in_scope(rego.metadata.chain())
	count(_policies(tool)) > 0
	count([i | some i in _policies(tool); _privileged(tool, i)]) == 0
}

# No policy read at all (unreadable, or a facts file): unknown, never silence.
findings contains lib.finding(tool, [lib.resource_absent("human_holders", _expected, _unread)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	count(_policies(tool)) == 0
}

_check(tool, i) := lib.resource_judged(tool, i, "human_holders", _expected, count(lib.resource_value(tool, i, "human_holders")) == 0) if {
	lib.resource_known(tool, i, "human_holders")
}

_check(tool, i) := lib.resource_unknown(tool, i, "human_holders", _expected) if {
	not lib.resource_known(tool, i, "human_holders")
}

_unread := concat("", [
	"no acl-policy resources: the policies were not read (endpoint or exports) ",
	"or not declared in the facts file",
])
