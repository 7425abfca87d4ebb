package auditready.policies.cross_tool.single_identity_provider_test

import data.auditready.policies.cross_tool.single_identity_provider
import data.auditready.testing

_tool(id, provider) := testing.with_fact(
	object.union(testing.tool, {"id": id, "type": split(id, "/")[0]}),
	"identity", "sso_provider", provider,
)

_eval(tools) := got if {
	got := single_identity_provider.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_eval_params(tools, params) := got if {
	got := single_identity_provider.findings with input as testing.input_of(tools)
		with data.auditready.params as params
}

_by_tool(got) := {f.tool: f | some f in got}

_statuses(got) := {[f.tool, f.status] | some f in got}

_majority := `"okta" (most common provider in the estate: 2 of 3 tools; identity_provider is empty)`

_finding(id, status, message, observed, expected, gaps) := testing.finding_on(
	id,
	status,
	message,
	{"identity.sso_provider": observed},
	{"identity.sso_provider": expected},
	gaps,
)

_estate := [_tool("jenkins/ci", "okta"), _tool("github/acme", "okta"), _tool("vault/prod", "entra-id")]

test_pass_and_fail_against_the_most_common if {
	got := _by_tool(_eval(_estate))
	got["jenkins/ci"] == _finding("jenkins/ci", "pass", "Tool uses the estate's identity provider", "okta", _majority, [])
	got["github/acme"].status == "pass"
	got["vault/prod"] == _finding(
		"vault/prod", "fail",
		concat("", [`Tool uses a different identity provider: identity.sso_provider is "entra-id", expected `, _majority]),
		"entra-id", _majority, [],
	)
}

test_configured_provider_wins_over_the_majority if {
	params := object.union(testing.params, {"identity_provider": "entra-id"})
	got := _by_tool(_eval_params(_estate, params))
	expected := `"entra-id" (identity_provider)`
	got["vault/prod"] == _finding("vault/prod", "pass", "Tool uses the estate's identity provider", "entra-id", expected, [])
	got["jenkins/ci"] == _finding(
		"jenkins/ci", "fail",
		concat("", [`Tool uses a different identity provider: identity.sso_provider is "okta", expected `, expected]),
		"okta", expected, [],
	)
}

test_a_tie_is_reported_as_a_tie if {
	got := _by_tool(_eval([_tool("jenkins/ci", "okta"), _tool("vault/prod", "entra-id")]))
	expected := "one provider; the estate's most used providers tie: entra-id, okta (1 tools each; set identity_provider to the estate's provider)"
	got["jenkins/ci"] == _finding(
		"jenkins/ci", "fail",
		concat("", [
			"Tool's identity provider ties with another; the estate has no single provider: ",
			`identity.sso_provider is "okta", expected `, expected,
		]),
		"okta", expected, [],
	)
	got["vault/prod"].status == "fail"
}

test_a_configured_provider_breaks_the_tie if {
	got := _eval_params([_tool("jenkins/ci", "okta"), _tool("vault/prod", "entra-id")], object.union(testing.params, {"identity_provider": "okta"}))
	_statuses(got) == {["jenkins/ci", "pass"], ["vault/prod", "fail"]}
}

test_own_user_database_fails if {
	# no SSO realm (declared not applicable) but local accounts: a second identity store
	t := testing.without_fact(_tool("jenkins/own", null), "identity", "sso_provider", "not_applicable")
	got := _by_tool(_eval(array.concat(_estate, [t])))
	got["jenkins/own"] == _finding(
		"jenkins/own", "fail",
		concat("", [
			"Tool signs humans in with its own user database, not the estate's identity provider: ",
			"identity.sso_provider is null, expected ", _majority,
		]),
		null, _majority, [],
	)
}

test_single_tool_passes if {
	_statuses(_eval([testing.tool])) == {["jenkins/ci", "pass"]}
}

test_unknown_when_permission_missing if {
	t := testing.without_fact(_tool("argocd/prod", null), "identity", "sso_provider", "permission_missing")
	gap := {"fact": "identity.sso_provider", "reason": "permission_missing", "detail": "test: permission_missing"}
	got := _by_tool(_eval(array.concat(_estate, [t])))

	# the unknown tool does not count towards the majority
	got["argocd/prod"] == _finding(
		"argocd/prod", "unknown",
		"Identity provider could not be determined: identity.sso_provider unknown (permission_missing: test: permission_missing)",
		null, _majority, [gap],
	)
	got["jenkins/ci"].status == "pass"
}

test_not_applicable if {
	# a time daemon: no provider and no human sign-in at all
	no_users := testing.with_fact(testing.with_fact(_tool("chrony/hosts", null), "identity", "local_accounts", []), "identity", "sso_enforced", null)
	t := testing.without_fact(no_users, "identity", "sso_provider", "not_applicable")
	gap := {"fact": "identity.sso_provider", "reason": "not_applicable", "detail": "test: not_applicable"}
	got := _by_tool(_eval(array.concat(_estate, [t])))
	got["chrony/hosts"] == _finding(
		"chrony/hosts", "not_applicable",
		"Identity provider does not apply: identity.sso_provider (test: not_applicable)",
		null, _majority, [gap],
	)
}

test_no_provider_known_anywhere if {
	t := testing.without_fact(_tool("chrony/hosts", null), "identity", "sso_provider", "not_collected")
	f := testing.only(_eval([t]))
	f.status == "unknown"
	f.expected == {"identity.sso_provider": "one provider for every tool (none known in the estate)"}
}

test_empty_provider_fails if {
	got := _by_tool(_eval([_tool("jenkins/ci", "okta"), _tool("vault/prod", "")]))
	got["vault/prod"].status == "fail"
	got["jenkins/ci"].status == "pass"
	only := _by_tool(_eval([_tool("vault/prod", "")]))
	only["vault/prod"].status == "fail"
	only["vault/prod"].expected == {"identity.sso_provider": "one provider for every tool (none known in the estate)"}
}

test_error_when_param_missing if {
	got := _eval_params([testing.tool], object.remove(testing.params, ["identity_provider"]))
	got == {{
		"tool": "jenkins/ci",
		"resource": null,
		"status": "error",
		"message": "Identity provider could not be evaluated: parameter identity_provider is not set in the profile or config",
		"observed": {"identity.sso_provider": null},
		"expected": {"identity.sso_provider": "parameter identity_provider"},
		"evidence": ["/identity/sso_provider"],
		"gaps": [],
	}}
}

test_error_when_param_not_a_string if {
	got := _eval_params([testing.tool], object.union(testing.params, {"identity_provider": ["okta"]}))
	f := testing.only(got)
	f.status == "error"
	f.message == "Identity provider could not be evaluated: parameter identity_provider must be a string (empty: the most common provider)"
}

test_no_tools_no_findings if {
	_eval([]) == set()
}
