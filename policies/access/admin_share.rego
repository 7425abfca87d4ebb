# METADATA
# title: Share of administrators limited
# description: |
#   Administrators are at most max_admin_share_percent of the tool's members
#   (admin_count / member_count * 100), for tools with at least admin_share_min_members members: in
#   a small team a share says nothing (two admins of five members is 40 %), so below that the
#   policy does not apply and AR-ACC-001's absolute limit is the check. A tool that reports no
#   members is unknown, never a pass.
# custom:
#   id: AR-ACC-003
#   severity: medium
#   pillar: access
#   applies_to: ["*"]
#   facts: [access.admin_count, access.member_count]
#   params: [max_admin_share_percent, admin_share_min_members]
#   remediation: |
#     Demote administrators who do not administer the tool and give everyone else the narrowest
#     role that works; review the list every 6 months (PCI DSS 7.2.4).
#     GitHub: move organization owners to members with team maintain roles; keep enterprise owners
#     to the platform team.
#     GitLab: give Maintainer (40) instead of Owner (50) and remove unneeded instance admins.
#     Jenkins: grant Overall/Administer to one admin group only; give job rights per folder.
#     Argo CD: bind role:admin to one SSO group; give project roles to the rest.
#     Kubernetes: bind cluster-admin to a break-glass group only; use namespaced roles elsewhere.
#     Vault/OpenBao: attach admin or sudo policies to one operator group; use path-scoped policies
#     for everyone else.
#     Harbor: clear sysadmin_flag for users who only push or pull; use project roles.
#   frameworks:
#     soc2:
#       CC6.3: Administrators are at most max_admin_share_percent of a tool's members (teams above the minimum size).
#     iso27001:
#       A.8.2: Privileged rights go to at most max_admin_share_percent of a tool's members.
#     nist-800-53:
#       "AC-6(5)": Privileged accounts are at most max_admin_share_percent of a tool's accounts.
package auditready.policies.access.admin_share

import data.auditready.lib

_name := "max_admin_share_percent"

_admins := ["access", "admin_count"]

_members := ["access", "member_count"]

_expected := concat("", ["<= ", json.marshal(lib.param(_name)), " % of access.member_count (", _name, ")"])

# integer arithmetic: admins * 100 <= max * members, so no rounding decides a finding
_within(tool) if {
	lib.value(tool, _admins) * 100 <= lib.param(_name) * lib.value(tool, _members)
} else := false if {
	is_number(lib.value(tool, _admins))
	is_number(lib.value(tool, _members))
}

_min := "admin_share_min_members"

_checks(tool) := [lib.missing_param(_admins, _name)] if {
	not lib.has_number_param(_name)
} else := [lib.missing_param(_members, _min)] if {
	not lib.has_number_param(_min)
} else := [lib.unknown(tool, p, e) |
	some [p, e] in [[_admins, _expected], [_members, "> 0"]]
	not lib.known(tool, p)
] if {
	some p in [_admins, _members]
	not lib.known(tool, p)
} else := [lib.unknown_because(
	tool, _members, "> 0",
	"access.member_count is 0, so the share of administrators is undefined",
)] if {
	lib.value(tool, _members) == 0
} else := [lib.not_applicable_because(
	tool, _members, concat("", [">= ", json.marshal(lib.param(_min)), " (", _min, ")"]),
	concat("", [
		json.marshal(lib.value(tool, _members)), " members, fewer than ", _min, " (",
		json.marshal(lib.param(_min)), "): a share is not meaningful; AR-ACC-001 limits the count",
	]),
)] if {
	lib.value(tool, _members) < lib.param(_min)
} else := [
	lib.judged(tool, _admins, _expected, _within(tool)),
	lib.judged(tool, _members, "> 0", true),
]

findings contains lib.finding(tool, _checks(tool), {
	"pass": "Share of administrators is within the limit",
	"fail": "Administrators are too large a share of members",
	"unknown": "Share of administrators could not be determined",
	"not_applicable": "Share of administrators does not apply",
	"error": "Share of administrators could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
