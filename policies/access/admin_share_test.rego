package auditready.policies.access.admin_share_test

import data.auditready.policies.access.admin_share
import data.auditready.testing

_share := "<= 10 % of access.member_count (max_admin_share_percent)"

_expected(status, message, admins, members, gaps) := testing.finding(
	status, message,
	{"access.admin_count": admins, "access.member_count": members},
	{"access.admin_count": _share, "access.member_count": "> 0"},
	gaps,
)

_eval(t) := got if {
	got := admin_share.findings with input as testing.input_of([t])
		with data.auditready.params as testing.params
}

_counts(admins, members) := testing.with_fact(
	testing.with_fact(testing.tool, "access", "admin_count", admins),
	"access", "member_count", members,
)

_status(t) := s if {
	f := testing.only(_eval(t))
	s := f.status
}

test_pass if {
	# 2 of 40 = 5 %
	_eval(testing.tool) == {_expected("pass", "Share of administrators is within the limit", 2, 40, [])}
}

test_pass_at_the_limit if {
	_eval(_counts(4, 40)) == {_expected("pass", "Share of administrators is within the limit", 4, 40, [])}
}

test_fail if {
	_eval(_counts(5, 40)) == {_expected(
		"fail",
		concat("", ["Administrators are too large a share of members: access.admin_count is 5, expected ", _share]),
		5, 40, [],
	)}
}

test_fail_when_more_admins_than_members if {
	_status(_counts(30, 20)) == "fail"
}

test_fractional_limit if {
	params := object.union(testing.params, {"max_admin_share_percent": 12.5, "admin_share_min_members": 1})
	pass := admin_share.findings with input as testing.input_of([_counts(1, 8)])
		with data.auditready.params as params
	{f.status | some f in pass} == {"pass"}
	fail := admin_share.findings with input as testing.input_of([_counts(2, 15)])
		with data.auditready.params as params
	{f.status | some f in fail} == {"fail"}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(testing.tool, "access", "member_count", "permission_missing")
	gap := {"fact": "access.member_count", "reason": "permission_missing", "detail": "test: permission_missing"}
	_eval(t) == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "unknown",
		"message": concat("", [
			"Share of administrators could not be determined: ",
			"access.member_count unknown (permission_missing: test: permission_missing)",
		]),
		"observed": {"access.member_count": null},
		"expected": {"access.member_count": "> 0"},
		"evidence": ["/access/member_count"],
		"gaps": [gap],
	}}
}

test_unknown_when_admin_count_missing if {
	t := testing.without_fact(testing.tool, "access", "admin_count", "permission_missing")
	f := testing.only(_eval(t))
	f.status == "unknown"
	f.observed == {"access.admin_count": null}
}

test_unknown_when_both_missing if {
	t := testing.without_fact(
		testing.without_fact(testing.tool, "access", "admin_count", "not_applicable"),
		"access", "member_count", "error",
	)
	f := testing.only(_eval(t))
	f.status == "unknown"
	count(f.gaps) == 2
}

test_not_applicable if {
	t := testing.without_fact(
		testing.without_fact(testing.tool, "access", "admin_count", "not_applicable"),
		"access", "member_count", "not_applicable",
	)
	gaps := [
		{"fact": "access.admin_count", "reason": "not_applicable", "detail": "test: not_applicable"},
		{"fact": "access.member_count", "reason": "not_applicable", "detail": "test: not_applicable"},
	]
	_eval(t) == {_expected(
		"not_applicable",
		concat("", [
			"Share of administrators does not apply: ",
			"access.admin_count (test: not_applicable); access.member_count (test: not_applicable)",
		]),
		null, null, gaps,
	)}
}

test_not_applicable_admins_never_passes_on_members_alone if {
	# member_count known but admin_count not applicable: no pass from the known half
	t := testing.without_fact(testing.tool, "access", "admin_count", "not_applicable")
	_status(t) == "not_applicable"
}

test_unknown_when_no_members if {
	detail := "access.member_count is 0, so the share of administrators is undefined"
	_eval(_counts(2, 0)) == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "unknown",
		"message": concat("", [
			"Share of administrators could not be determined: access.member_count unknown (not_collected: ",
			detail, ")",
		]),
		"observed": {"access.member_count": 0},
		"expected": {"access.member_count": "> 0"},
		"evidence": ["/access/member_count"],
		"gaps": [{"fact": "access.member_count", "reason": "not_collected", "detail": detail}],
	}}
	_status(_counts(0, 0)) == "unknown"
}

test_error_when_param_missing if {
	got := admin_share.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["max_admin_share_percent"])
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "Share of administrators could not be evaluated: parameter max_admin_share_percent is not set in the profile or config",
		"observed": {"access.admin_count": null},
		"expected": {"access.admin_count": "parameter max_admin_share_percent"},
		"evidence": ["/access/admin_count"],
		"gaps": [],
	}}
}

test_error_when_param_not_a_number if {
	got := admin_share.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.union(testing.params, {"max_admin_share_percent": "10"})
	{f.status | some f in got} == {"error"}
}

test_no_tools_no_findings if {
	got := admin_share.findings with input as testing.input_of([])
		with data.auditready.params as testing.params
	got == set()
}

test_not_applicable_below_the_minimum_team_size if {
	detail := "5 members, fewer than admin_share_min_members (20): a share is not meaningful; AR-ACC-001 limits the count"
	_eval(_counts(2, 5)) == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "not_applicable",
		"message": concat("", ["Share of administrators does not apply: access.member_count (", detail, ")"]),
		"observed": {"access.member_count": 5},
		"expected": {"access.member_count": ">= 20 (admin_share_min_members)"},
		"evidence": ["/access/member_count"],
		"gaps": [{"fact": "access.member_count", "reason": "not_applicable", "detail": detail}],
	}}
}

test_applies_at_the_minimum_team_size if {
	# 3 of 20 = 15 % > 10 %
	f := testing.only(_eval(_counts(3, 20)))
	f.status == "fail"
}

test_error_when_min_members_param_missing if {
	got := admin_share.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as object.remove(testing.params, ["admin_share_min_members"])
	f := testing.only(got)
	f.status == "error"
	f.message == "Share of administrators could not be evaluated: parameter admin_share_min_members is not set in the profile or config"
}
