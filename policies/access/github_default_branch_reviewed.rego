# METADATA
# title: GitHub default branches require review and refuse force pushes
# description: |
#   On every active repository the default branch takes changes only through a pull request with
#   at least min_required_approvals approving reviews and refuses force pushes, by branch
#   protection or by a ruleset, so every change to what is built and deployed is approved and its
#   history cannot be rewritten. The approvals are the most any rule on the branch requires.
# custom:
#   id: AR-ACC-103
#   severity: high
#   pillar: access
#   applies_to: [github]
#   facts: [resources.required_approvals, resources.force_push_blocked]
#   params: [min_required_approvals]
#   remediation: |
#     GitHub: add an organization or repository ruleset targeting the default branch with "Require a
#     pull request before merging" (at least min_required_approvals approvals; CIS SSCS 1.1.3 asks two) and "Block force pushes", or a classic
#     branch protection rule with "Require approvals" and force pushes disallowed. Archived
#     repositories are skipped. The collector reads classic protection as a repository admin; rulesets
#     are readable with read access.
#   frameworks:
#     soc2:
#       CC8.1: Every default-branch change passes an approving review and history cannot be rewritten.
#     iso27001:
#       A.8.32: Changes reach the default branch only through an approved pull request.
#       A.8.4: Write access to the default branch is limited to reviewed merges; force pushes are refused.
#     pci-dss:
#       "6.5.1": Changes to the code that is built and deployed need at least min_required_approvals approvals.
#     nist-800-53:
#       CM-3: Changes to the default branch are reviewed and approved before they are merged.
#       CM-5: Nobody can push to or rewrite the default branch outside a reviewed pull request.
#       AC-5: A change needs an approval by someone other than its author (GitHub ignores self-approval).
#     cis-sscs:
#       "1.1.3":
#         proves: Every change to a default branch needs at least two approvals.
#         requires: {min_required_approvals: {min: 2}}
#       "2.3.4": Changes to pipeline files on the default branch are reviewed before they take effect.
package auditready.policies.access.github_default_branch_reviewed

import data.auditready.lib

_messages := {
	"pass": "Default branch requires a reviewed pull request and refuses force pushes",
	"fail": "Default branch can change without enough approvals or be force-pushed",
	"unknown": "Default branch protection could not be determined",
	"not_applicable": "Default branch protection does not apply",
	"error": "Default branch protection could not be evaluated",
}

_param := "min_required_approvals"

_expected := concat("", [
	"a pull request with >= ", json.marshal(lib.param(_param)),
	" approvals (", _param, ") and no force pushes on the default branch",
])

_approvals_text := concat("", [">= ", json.marshal(lib.param(_param)), " (", _param, ")"])

# required approvals of the i-th resource against the parameter (a missing parameter is an error)
_approvals(tool, i) := lib.missing_param(["resources", "required_approvals"], _param) if {
	not lib.has_number_param(_param)
} else := lib.resource_judged(
	tool, i, "required_approvals", _approvals_text,
	lib.resource_value(tool, i, "required_approvals") >= lib.param(_param),
) if {
	is_number(lib.resource_value(tool, i, "required_approvals"))
} else := lib.resource_judged(tool, i, "required_approvals", _approvals_text, false) if {
	lib.resource_known(tool, i, "required_approvals")
} else := lib.resource_unknown(tool, i, "required_approvals", _approvals_text)

# One finding per active repository.
findings contains lib.resource_finding(
	tool, i, [
		_approvals(tool, i),
		lib.resource_equals(tool, i, "force_push_blocked", true),
	],
	_messages,
) if {
	some tool in lib.in_scope(rego.metadata.chain())
	some i in lib.active_repositories(tool)
}

# Repositories not collected (unknown, never silence) or none active (not applicable): one finding for the tool.
findings contains lib.repositories_absent(tool, "required_approvals", _expected, _messages) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
