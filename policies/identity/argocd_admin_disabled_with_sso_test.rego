package auditready.policies.identity.argocd_admin_disabled_with_sso_test

import data.auditready.policies.identity.argocd_admin_disabled_with_sso as rule
import data.auditready.testing

_argocd := object.union(testing.tool, {"id": "argocd/prod", "type": "argocd", "category": "cd", "name": "prod"})

_finding(t) := f if {
	fs := rule.findings with input as testing.input_of([t])
	f := testing.only(fs)
}

test_pass_admin_disabled_with_sso if {
	t := testing.with_fact(_argocd, "identity", "local_accounts", ["ci-bot"])
	_finding(t) == {
		"tool": "argocd/prod",
		"resource": null,
		"status": "pass",
		"message": "The built-in admin is disabled and people sign in through SSO",
		"observed": {"identity.local_accounts": ["ci-bot"]},
		"expected": {"identity.local_accounts": "no \"admin\" once SSO is configured"},
		"evidence": ["/identity/local_accounts"],
		"gaps": [],
	}
}

test_fail_admin_enabled_with_sso if {
	t := testing.with_fact(_argocd, "identity", "local_accounts", ["admin", "alice"])
	f := _finding(t)
	f.status == "fail"
	f.observed == {"identity.local_accounts": ["admin", "alice"]}
	startswith(f.message, "The built-in admin is still enabled although SSO is configured")
}

test_unknown_when_accounts_unknown if {
	t := testing.without_fact(_argocd, "identity", "local_accounts", "permission_missing")
	f := _finding(t)
	f.status == "unknown"
	f.gaps == [{"fact": "identity.local_accounts", "reason": "permission_missing", "detail": "test: permission_missing"}]
}

test_unknown_when_sso_unknown if {
	t := testing.without_fact(_argocd, "identity", "sso_provider", "error")
	f := _finding(t)
	f.status == "unknown"
	f.evidence == ["/identity/sso_provider"]
}

test_not_applicable_without_sso if {
	t := testing.without_fact(testing.with_fact(_argocd, "identity", "local_accounts", ["admin"]), "identity", "sso_provider", "not_applicable")
	f := _finding(t)
	f.status == "not_applicable"
	f.gaps[0].reason == "not_applicable"
}

test_other_tools_out_of_scope if {
	got := rule.findings with input as testing.input_of([testing.tool])
	count(got) == 0
}
