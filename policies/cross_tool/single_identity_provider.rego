# METADATA
# title: One identity provider across the pipeline
# description: |
#   Every tool whose identity provider is known signs humans in through the same provider:
#   identity_provider when the profile or config sets it, otherwise the provider most tools in
#   the estate use. When two providers tie for most used, the estate has no single provider:
#   every tool on one of them fails, and the finding names the tie. A tool with its own user
#   database (no provider, declared not applicable, but local accounts or sign-in outside SSO)
#   fails: it is a second identity store, not an exemption. One provider means one place to
#   disable a leaver and one sign-in trail.
# custom:
#   id: AR-XTL-002
#   severity: medium
#   pillar: cross_tool
#   applies_to: ["*"]
#   facts: [identity.sso_provider, identity.local_accounts, identity.sso_enforced]
#   params: [identity_provider]
#   remediation: |
#     Connect the tool to the organization's identity provider and retire the other one; set
#     identity_provider in the config to name the provider the estate must use.
#     GitHub: configure SAML SSO (or Enterprise Managed Users with OIDC) at the enterprise with the
#     same IdP as the other tools.
#     GitLab: gitlab.rb omniauth_providers (saml or openid_connect) pointing at that IdP.
#     Jenkins: securityRealm saml or oic with that IdP's metadata or well-known URL.
#     Argo CD: oidc.config (or dex.config connector) in argocd-cm for that IdP.
#     Kubernetes: --oidc-issuer-url (or structured authentication config) for that IdP.
#     Vault/OpenBao: an oidc or jwt auth method bound to that IdP.
#     Harbor: auth_mode oidc_auth with that IdP's endpoint.
#   frameworks:
#     soc2:
#       CC6.1: Every tool signs humans in through the estate's one identity provider.
#       CC6.2: One provider issues and removes accounts for every tool.
#     iso27001:
#       A.5.16: Identities across the pipeline are managed in one place.
#     nist-800-53:
#       "AC-2(1)": Account management for every tool runs through one identity provider.
#       IA-2: One provider identifies and authenticates users for every tool.
#     hipaa:
#       "164.312(a)(2)(i)": Each user has one identity across the pipeline's tools.
#     cis-sscs:
#       "4.2.4": Package registry users come from the estate's identity provider, not a local database.
package auditready.policies.cross_tool.single_identity_provider

import data.auditready.lib

_name := "identity_provider"

_path := ["identity", "sso_provider"]

# known providers across the whole estate, computed once per evaluation
_providers := [p |
	some t in input.tools
	p := lib.value(t, _path)
	is_string(p)
	p != ""
]

_uses[p] := count([1 | some q in _providers; q == p]) if {
	some p in {q | some q in _providers}
}

_top := sort([p | some p, n in _uses; n == max({m | some m in _uses})])

_tied if count(_top) > 1

_most_common := _top[0] if not _tied

_configured if {
	lib.has_string_param(_name)
	lib.param(_name) != ""
}

_provider := lib.param(_name) if _configured

else := _most_common

default _expected := "one provider for every tool (none known in the estate)"

_expected := concat("", [json.marshal(_provider), " (", _name, ")"]) if {
	_configured
} else := concat("", [
	"one provider; the estate's most used providers tie: ", concat(", ", _top), " (",
	json.marshal(_uses[_top[0]]), " tools each; set ", _name, " to the estate's provider)",
]) if {
	_tied
} else := concat("", [
	json.marshal(_most_common), " (most common provider in the estate: ",
	json.marshal(_uses[_most_common]), " of ", json.marshal(count(_providers)),
	" tools; ", _name, " is empty)",
]) if {
	_most_common
}

_param_set if _ := lib.param(_name)

# false when no provider is known anywhere (the tool's own is then empty)
_same(tool) if {
	_provider
	lib.value(tool, _path) == _provider
} else := false

_check(tool) := lib.missing_param(_path, _name) if {
	not _param_set
} else := lib.invalid(
	tool, _path, concat("", ["parameter ", _name]),
	concat("", ["parameter ", _name, " must be a string (empty: the most common provider)"]),
) if {
	not lib.has_string_param(_name)
} else := lib.judged(tool, _path, _expected, _same(tool)) if {
	lib.known(tool, _path)
} else := lib.judged(tool, _path, _expected, false) if {
	_own_users(tool)
} else := lib.unknown(tool, _path, _expected)

# No provider, declared not applicable, yet humans sign in: local accounts, or SSO not enforced.
_own_users(tool) if {
	lib.gap(tool, _path).reason == "not_applicable"
	_local_sign_in(tool)
}

_local_sign_in(tool) if count(lib.value(tool, ["identity", "local_accounts"])) > 0

_local_sign_in(tool) if lib.value(tool, ["identity", "sso_enforced"]) == false

_fail_message(tool) := "Tool signs humans in with its own user database, not the estate's identity provider" if {
	not lib.known(tool, _path)
} else := "Tool's identity provider ties with another; the estate has no single provider" if {
	not _configured
	_tied
} else := "Tool uses a different identity provider"

findings contains lib.finding(tool, [_check(tool)], {
	"pass": "Tool uses the estate's identity provider",
	"fail": _fail_message(tool),
	"unknown": "Identity provider could not be determined",
	"not_applicable": "Identity provider does not apply",
	"error": "Identity provider could not be evaluated",
}) if {
	some tool in lib.in_scope(rego.metadata.chain())
}
