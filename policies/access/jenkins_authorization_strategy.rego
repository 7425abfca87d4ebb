# METADATA
# title: Jenkins authorization grants per user and group
# description: |
#   The controller's authorization strategy grants permissions per user and group (matrix or
#   role-based authorization). It is not "unsecured" (everyone, anonymous included, administers),
#   "loggedInUsersCanDoAnything" (every signed-in user administers) or "legacy" (everyone reads,
#   the servlet container's admin role administers). A strategy auditready does not know is
#   unknown, never a pass.
# custom:
#   id: AR-ACC-120
#   severity: critical
#   pillar: access
#   applies_to: [jenkins]
#   facts: [resources.authorization_strategy]
#   params: []
#   remediation: |
#     Jenkins: install the Matrix Authorization Strategy or Role-based Authorization Strategy plugin
#     and set jenkins.authorizationStrategy to globalMatrix, projectMatrix or roleBased in JCasC
#     (Manage Jenkins > Security > Authorization). Grant Overall/Administer to named users only, and
#     nothing to anonymous; in the Helm chart, put the strategy in controller.JCasC.configScripts
#     (the chart's default is loggedInUsersCanDoAnything).
#   frameworks:
#     soc2:
#       CC6.3: Jenkins grants rights per user or group (matrix or role-based), not to every user or every signed-in user at once.
#     iso27001:
#       A.5.15: Jenkins enforces explicit per-user or per-group access rules rather than letting everyone administer.
#       A.8.2: Jenkins' authorization strategy does not make every user or every signed-in user an administrator.
#     pci-dss:
#       "7.2.2": Jenkins privileges, administration included, are assigned per user or group, not to everyone.
#       "7.3.3": Jenkins denies every permission that no matrix or role entry grants.
#     nist-800-53:
#       AC-6: No Jenkins strategy hands every user full rights; each right is granted to a named user or group.
#     hipaa:
#       "164.308(a)(4)": Access to Jenkins is authorized per user or group, not granted wholesale to every user.
#     cis-sscs:
#       "2.1.5": Access to the Jenkins build environment comes from per-user or per-group grants, not from the strategy itself.
package auditready.policies.access.jenkins_authorization_strategy

import data.auditready.lib

_granular := {"globalMatrix", "projectMatrix", "roleBased"}

_broad := {"unsecured", "loggedInUsersCanDoAnything", "legacy"}

_expected := "globalMatrix, projectMatrix or roleBased (not unsecured, loggedInUsersCanDoAnything or legacy)"

_messages := {
	"pass": "Jenkins grants permissions per user and group",
	"fail": "Jenkins authorization gives everyone broad access",
	"unknown": "Jenkins authorization strategy could not be determined",
	"not_applicable": "Jenkins authorization strategy does not apply",
	"error": "Jenkins authorization strategy could not be evaluated",
}

_strategy(tool, i) := lib.resource_value(tool, i, "authorization_strategy")

_check(tool, i) := lib.resource_judged(tool, i, "authorization_strategy", _expected, true) if {
	_strategy(tool, i) in _granular
} else := lib.resource_judged(tool, i, "authorization_strategy", _expected, false) if {
	_strategy(tool, i) in _broad
} else := lib.resource_unknown(tool, i, "authorization_strategy", _expected) if {
	not lib.resource_known(tool, i, "authorization_strategy")
} else := object.union(lib.resource_judged(tool, i, "authorization_strategy", _expected, false), {
	"state": "unknown",
	"gap": {
		"fact": "resources.authorization_strategy",
		"reason": "not_supported",
		"detail": concat("", ["authorization strategy \"", _strategy(tool, i), "\" is not one auditready judges"]),
	},
})

_controllers(tool) := [i | some i, r in object.get(tool, "resources", []); r.kind == "controller"]

# One finding per controller resource.
findings contains lib.resource_finding(tool, i, [_check(tool, i)], _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in _controllers(tool)
}

# A Jenkins tool without a controller resource (e.g. a facts file): unknown, never silence. The
# evidence points at the tool's type, the one thing known to be there.
findings contains lib.finding(
	tool, [{
		"fact": "resources.authorization_strategy",
		"pointer": "/type",
		"observed": null,
		"expected": _expected,
		"state": "unknown",
		"gap": {
			"fact": "resources.authorization_strategy",
			"reason": "not_collected",
			"detail": "no controller resource: the authorization strategy was not collected",
		},
	}],
	_messages,
) if {
	some tool in lib.in_scope(rego.metadata.chain())
	count(_controllers(tool)) == 0
}
