package auditready.policies.event_tracking.github_webhooks_secured_test

import data.auditready.policies.event_tracking.github_webhooks_secured as policy
import data.auditready.testing

_good := {"name": "hook 1", "url": "https://ci.example/hook", "active": true, "signed": true, "tls_verified": true}

_github(hooks) := object.union(testing.tool, {
	"id": "github/acme", "type": "github", "category": "source-control",
	"integrations": {"webhooks": hooks, "log_streams": []},
})

_expected(status, message, observed, gaps) := testing.finding_on(
	"github/acme",
	status,
	message,
	{"integrations.webhooks": observed},
	{"integrations.webhooks": "every active webhook signed with a secret and TLS-verified over https"},
	gaps,
)

test_pass if {
	got := policy.findings with input as testing.input_of([_github([_good])])
	got == {_expected("pass", "Active webhooks are signed and TLS-verified", [], [])}
}

test_pass_without_webhooks if {
	got := policy.findings with input as testing.input_of([_github([])])
	f := testing.only(got)
	f.status == "pass"
}

test_inactive_hooks_are_ignored if {
	off := object.union(_good, {"active": false, "signed": false})
	got := policy.findings with input as testing.input_of([_github([off])])
	f := testing.only(got)
	f.status == "pass"
}

test_fail_names_each_offender if {
	unsigned := object.union(_good, {"name": "hook 2", "url": "http://chat.example/hook", "signed": false, "tls_verified": false})
	insecure := object.union(_good, {"name": "hook 3", "tls_verified": false})
	got := policy.findings with input as testing.input_of([_github([_good, unsigned, insecure])])
	bad := ["hook 2 (http://chat.example/hook): no secret, TLS not verified", "hook 3 (https://ci.example/hook): TLS not verified"]
	got == {_expected(
		"fail",
		concat("", [
			"Some active webhooks are unsigned or skip TLS verification: integrations.webhooks is ",
			json.marshal(bad),
			", expected every active webhook signed with a secret and TLS-verified over https",
		]),
		bad, [],
	)}
}

test_unknown_when_permission_missing if {
	t := object.union(
		_github(null),
		{"gaps": [{"fact": "integrations.webhooks", "reason": "permission_missing", "detail": "needs admin:org_hook", "permission": "admin:org_hook"}]},
	)
	got := policy.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "unknown"
	f.gaps == [{"fact": "integrations.webhooks", "reason": "permission_missing", "detail": "needs admin:org_hook", "permission": "admin:org_hook"}]
	f.message == "Webhooks could not be read: integrations.webhooks unknown (permission_missing: needs admin:org_hook)"
}

test_unknown_when_group_not_collected if {
	got := policy.findings with input as testing.input_of([object.remove(_github([]), ["integrations"])])
	f := testing.only(got)
	f.status == "unknown"
}

test_not_applicable if {
	t := object.union(_github(null), {"gaps": [{"fact": "integrations.webhooks", "reason": "not_applicable", "detail": "no webhooks feature"}]})
	got := policy.findings with input as testing.input_of([t])
	f := testing.only(got)
	f.status == "not_applicable"
}
