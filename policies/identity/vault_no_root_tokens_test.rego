package auditready.policies.identity.vault_no_root_tokens_test

import data.auditready.policies.identity.vault_no_root_tokens as policy
import data.auditready.testing

_fact := "resources.root_tokens"

_expected_text := "no token with the root policy"

_vault(resources) := object.union(testing.tool, {"id": "vault/prod", "type": "vault", "category": "secrets", "resources": resources})

_store(tokens, gaps) := {"id": "token-store", "kind": "token-store", "name": "token store", "facts": {"root_tokens": tokens}, "gaps": gaps}

# The finding on the token store (the first resource).
_expected(status, message, observed, gaps) := testing.resource_finding_on(
	"vault/prod", 0, "token-store",
	status, message, {_fact: observed}, {_fact: _expected_text}, gaps,
)

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

test_pass_without_root_tokens if {
	_eval([_vault([_store([], [])])]) == {_expected("pass", "No root token exists", [], [])}
}

test_fail_names_the_root_token if {
	token := "root token \"root\" (created 2025-10-09, never expires)"
	_eval([_vault([_store([token], [])])]) == {_expected(
		"fail",
		concat("", ["A root token exists: resources.root_tokens is [", json.marshal(token), "], expected ", _expected_text]),
		[token], [],
	)}
}

test_unknown_when_the_accessors_cannot_be_listed if {
	gap := {"fact": "root_tokens", "reason": "permission_missing", "detail": "403", "permission": "list and sudo on auth/token/accessors"}
	_eval([_vault([_store(null, [gap])])]) == {_expected(
		"unknown",
		"Whether a root token exists could not be determined: resources.root_tokens unknown (permission_missing: 403)",
		null, [object.union(gap, {"fact": _fact})],
	)}
}

test_unknown_without_a_token_store if {
	_eval([_vault([])]) == {testing.absent_finding_on(
		"vault/prod", "Whether a root token exists could not be determined", _fact, _expected_text,
		"no token-store resource: read the server (endpoint or exports) or declare one in the facts file",
	)}
}

test_not_applicable_when_the_gap_says_so if {
	gap := {"fact": "root_tokens", "reason": "not_applicable", "detail": "test"}
	testing.only(_eval([_vault([_store(null, [gap])])])).status == "not_applicable"
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
	f := testing.only(_eval([object.union(_vault([_store([], [])]), {"id": "openbao/lab", "type": "openbao"})]))
	f.tool == "openbao/lab"
}
