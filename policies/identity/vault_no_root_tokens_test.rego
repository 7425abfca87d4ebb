package auditready.policies.identity.vault_no_root_tokens_test

import data.auditready.policies.identity.vault_no_root_tokens as policy
import data.auditready.testing

_vault(resources) := object.union(testing.tool, {"id": "vault/prod", "type": "vault", "category": "secrets", "resources": resources})

_store(tokens, gaps) := {"id": "token-store", "kind": "token-store", "name": "token store", "facts": {"root_tokens": tokens}, "gaps": gaps}

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
}

test_pass_without_root_tokens if {
	[f] := [f | some f in _eval([_vault([_store([], [])])])]
	f.status == "pass"
	f.resource == "token-store"
	f.evidence == ["/resources/0/facts/root_tokens"]
}

test_fail_names_the_root_token if {
	[f] := [f | some f in _eval([_vault([_store(["root token \"root\" (created 2025-10-09, never expires)"], [])])])]
	f.status == "fail"
	contains(f.message, "root token")
}

test_unknown_when_the_accessors_cannot_be_listed if {
	gap := {"fact": "root_tokens", "reason": "permission_missing", "detail": "403", "permission": "list and sudo on auth/token/accessors"}
	[f] := [f | some f in _eval([_vault([_store(null, [gap])])])]
	f.status == "unknown"
	f.gaps == [object.union(gap, {"fact": "resources.root_tokens"})]
}

test_unknown_without_a_token_store if {
	[f] := [f | some f in _eval([_vault([])])]
	f.status == "unknown"
	f.resource == null
	f.evidence == ["/source"]
}

test_not_applicable_when_the_gap_says_so if {
	gap := {"fact": "root_tokens", "reason": "not_applicable", "detail": "test"}
	[f] := [f | some f in _eval([_vault([_store(null, [gap])])])]
	f.status == "not_applicable"
}

test_other_tools_are_out_of_scope if {
	count(_eval([testing.tool])) == 0
	[f] := [f | some f in _eval([object.union(_vault([_store([], [])]), {"id": "openbao/lab", "type": "openbao"})])]
	f.tool == "openbao/lab"
}
