package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

_chain(scope) := [
	{"path": ["data", "auditready", "policies", "x", "y", "findings"], "annotations": {"scope": "rule", "title": "r"}},
	{"path": ["data", "auditready", "policies", "x", "y"], "annotations": {"scope": "package", "custom": {"applies_to": scope}}},
]

_github := object.union(testing.tool, {"id": "github/acme", "type": "github", "category": "source-control"})

_ids(scope) := {t.id | some t in lib.in_scope(_chain(scope))}

# --- in_scope ---------------------------------------------------------------------------

test_in_scope_star if {
	_ids(["*"]) == {"jenkins/ci", "github/acme"} with input as testing.input_of([testing.tool, _github])
}

test_in_scope_by_type if {
	_ids(["github"]) == {"github/acme"} with input as testing.input_of([testing.tool, _github])
}

test_in_scope_by_category if {
	_ids(["ci"]) == {"jenkins/ci"} with input as testing.input_of([testing.tool, _github])
}

test_in_scope_type_and_category_mixed if {
	_ids(["github", "ci"]) == {"jenkins/ci", "github/acme"} with input as testing.input_of([testing.tool, _github])
}

test_in_scope_no_match if {
	_ids(["loki", "log-store"]) == set() with input as testing.input_of([testing.tool, _github])
}

test_in_scope_without_package_annotation if {
	chain := [{"path": ["data", "x"], "annotations": {"scope": "rule", "custom": {"applies_to": ["*"]}}}]
	got := lib.in_scope(chain) with input as testing.input_of([testing.tool])
	got == []
}

# --- facts and gaps ---------------------------------------------------------------------

test_value_and_known if {
	lib.value(testing.tool, ["identity", "mfa_required"]) == true
	lib.known(testing.tool, ["identity", "mfa_required"])
	lib.value(testing.tool, ["identity", "nope"]) == null
	not lib.known(testing.tool, ["identity", "nope"])
	lib.fact_name(["audit_log", "fields", "actor"]) == "audit_log.fields.actor"
	lib.pointer(["audit_log", "fields", "actor"]) == "/audit_log/fields/actor"
}

test_gap_recorded if {
	t := testing.without_fact(testing.tool, "identity", "mfa_required", "permission_missing")
	lib.gap(t, ["identity", "mfa_required"]) == {
		"fact": "identity.mfa_required",
		"reason": "permission_missing",
		"detail": "test: permission_missing",
	}
}

test_null_fact_without_gap_is_unknown_not_collected if {
	t := testing.with_fact(testing.tool, "identity", "mfa_required", null)
	lib.equals(t, ["identity", "mfa_required"], true) == {
		"fact": "identity.mfa_required",
		"pointer": "/identity/mfa_required",
		"observed": null,
		"expected": "true",
		"state": "unknown",
		"gap": {"fact": "identity.mfa_required", "reason": "not_collected", "detail": "no value and no recorded reason"},
	}
}

test_missing_fact_without_gap_is_unknown if {
	t := json.remove(testing.tool, ["identity/mfa_required"])
	c := lib.equals(t, ["identity", "mfa_required"], true)
	c.state == "unknown"
	c.gap.reason == "not_collected"
}

test_gap_not_applicable if {
	t := testing.without_fact(testing.tool, "identity", "mfa_required", "not_applicable")
	lib.equals(t, ["identity", "mfa_required"], true).state == "not_applicable"
}

test_gap_other_reasons_are_unknown if {
	every reason in ["permission_missing", "not_supported", "not_collected", "error"] {
		t := testing.without_fact(testing.tool, "identity", "mfa_required", reason)
		lib.equals(t, ["identity", "mfa_required"], true).state == "unknown"
	}
}

# --- checks -----------------------------------------------------------------------------

test_equals if {
	lib.equals(testing.tool, ["identity", "mfa_required"], true).state == "pass"
	lib.equals(testing.tool, ["identity", "mfa_required"], false).state == "fail"
	lib.equals(testing.tool, ["identity", "mfa_required"], false).expected == "false"
}

test_one_of if {
	c := lib.one_of(testing.tool, ["access", "default_permission"], {"read", "none"})
	c.state == "pass"
	c.expected == `one of ["none","read"]`
	lib.one_of(testing.tool, ["access", "default_permission"], ["none"]).state == "fail"
	t := testing.without_fact(testing.tool, "access", "default_permission", "permission_missing")
	lib.one_of(t, ["access", "default_permission"], ["none"]).state == "unknown"
}

test_at_most_and_at_least if {
	_at_most_and_at_least with data.auditready.params as testing.params
}

_at_most_and_at_least if {
	lib.at_most(testing.tool, ["access", "admin_count"], "max_admins").state == "pass"
	lib.at_most(testing.tool, ["access", "admin_count"], "max_admins").expected == "<= 5 (max_admins)"
	lib.at_least(testing.tool, ["audit_log", "retention_days"], "retention_days_min").state == "pass"
	lib.at_least(testing.tool, ["audit_log", "retention_days"], "retention_days_min").expected == ">= 365 (retention_days_min)"
	lib.at_least(testing.tool, ["access", "admin_count"], "max_admins").state == "fail"
	t := testing.without_fact(testing.tool, "access", "admin_count", "permission_missing")
	lib.at_most(t, ["access", "admin_count"], "max_admins").state == "unknown"
	lib.at_least(t, ["access", "admin_count"], "max_admins").state == "unknown"
}

test_at_least_or_forever if {
	_at_least_or_forever with data.auditready.params as testing.params
}

_at_least_or_forever if {
	p := ["audit_log", "retention_days"]
	_forever(-1, p) == "pass"
	_forever(365, p) == "pass"
	_forever(364, p) == "fail"
	_forever(-2, p) == "fail"
	_forever("forever", p) == "fail"
	_forever(null, p) == "unknown"
	lib.at_least_or_forever(testing.tool, p, "retention_days_min").expected == ">= 365 (retention_days_min) or -1 (forever)"
}

_forever(v, p) := lib.at_least_or_forever(testing.with_fact(testing.tool, p[0], p[1], v), p, "retention_days_min").state

test_count_at_least if {
	_count_at_least with data.auditready.params as testing.params
}

_count_at_least if {
	_count(["a", "b"]) == "pass"
	_count(["a"]) == "fail"
	_count([]) == "fail"
	_count("ab") == "fail"
	_count(null) == "unknown"
	lib.count_at_least(testing.tool, ["time", "sources"], "min_time_sources").expected == "count >= 2 (min_time_sources)"
}

_count(v) := lib.count_at_least(testing.with_fact(testing.tool, "time", "sources", v), ["time", "sources"], "min_time_sources").state

test_abs_at_most if {
	_abs_at_most with data.auditready.params as testing.params
}

_abs_at_most if {
	_abs(0) == "pass"
	_abs(1000) == "pass"
	_abs(-1000) == "pass"
	_abs(1000.5) == "fail"
	_abs(-1001) == "fail"
	_abs("0") == "fail"
	_abs(null) == "unknown"
}

_abs(v) := lib.abs_at_most(testing.with_fact(testing.tool, "time", "offset_ms", v), ["time", "offset_ms"], "max_clock_offset_ms").state

test_in_param if {
	_in_param with data.auditready.params as testing.params
}

_in_param if {
	c := lib.in_param(testing.tool, ["access", "default_permission"], "allowed_default_permissions")
	c.state == "pass"
	c.expected == `one of ["none","read"] (allowed_default_permissions)`
	t := testing.with_fact(testing.tool, "access", "default_permission", "admin")
	lib.in_param(t, ["access", "default_permission"], "allowed_default_permissions").state == "fail"
	u := testing.without_fact(testing.tool, "access", "default_permission", "permission_missing")
	lib.in_param(u, ["access", "default_permission"], "allowed_default_permissions").state == "unknown"
}

test_count_at_most if {
	_count_at_most with data.auditready.params as testing.params
}

_count_at_most if {
	_count_most([]) == "pass"
	_count_most(["a", "b"]) == "pass"
	_count_most(["a", "b", "c"]) == "fail"
	_count_most("ab") == "fail"
	_count_most(null) == "unknown"
	c := lib.count_at_most(testing.tool, ["identity", "local_accounts"], "max_local_accounts")
	c.expected == "count <= 2 (max_local_accounts)"
	c.observed == ["break-glass"]
	t := testing.without_fact(testing.tool, "identity", "local_accounts", "not_applicable")
	lib.count_at_most(t, ["identity", "local_accounts"], "max_local_accounts").state == "not_applicable"
}

_count_most(v) := lib.count_at_most(
	testing.with_fact(testing.tool, "identity", "local_accounts", v),
	["identity", "local_accounts"], "max_local_accounts",
).state

test_count_at_most_missing_or_wrong_param_is_error if {
	c := lib.count_at_most(testing.tool, ["identity", "local_accounts"], "max_local_accounts") with data.auditready.params as {}
	c == lib.missing_param(["identity", "local_accounts"], "max_local_accounts")
	d := lib.count_at_most(testing.tool, ["identity", "local_accounts"], "max_local_accounts")
		with data.auditready.params as {"max_local_accounts": "2"}
	d.state == "error"
}

test_unknown_because_shape if {
	lib.unknown_because(testing.tool, ["audit_log", "destinations"], "e", "store x is not in the estate") == {
		"fact": "audit_log.destinations",
		"pointer": "/audit_log/destinations",
		"observed": [{"name": "splunk", "type": "splunk", "central": true}],
		"expected": "e",
		"state": "unknown",
		"gap": {"fact": "audit_log.destinations", "reason": "not_collected", "detail": "store x is not in the estate"},
	}
}

test_not_applicable_because_shape if {
	t := testing.with_fact(testing.tool, "audit_log", "destinations", [])
	lib.not_applicable_because(t, ["audit_log", "destinations"], "e", "no central destination") == {
		"fact": "audit_log.destinations",
		"pointer": "/audit_log/destinations",
		"observed": [],
		"expected": "e",
		"state": "not_applicable",
		"gap": {"fact": "audit_log.destinations", "reason": "not_applicable", "detail": "no central destination"},
	}
}

test_because_checks_in_findings if {
	u := lib.unknown_because(testing.tool, ["audit_log", "destinations"], "e", "why")
	f := lib.finding(testing.tool, [u], _messages)
	f.status == "unknown"
	f.message == "U: audit_log.destinations unknown (not_collected: why)"
	f.gaps == [u.gap]
	n := lib.not_applicable_because(testing.tool, ["audit_log", "destinations"], "e", "why not")
	g := lib.finding(testing.tool, [n], _messages)
	g.status == "not_applicable"
	g.message == "N: audit_log.destinations (why not)"
}

test_object_and_string_params if {
	_object_and_string_params with data.auditready.params as testing.params
}

_object_and_string_params if {
	lib.has_object_param("required_event_classes")
	not lib.has_object_param("max_admins")
	not lib.has_object_param("nope")
	lib.has_string_param("identity_provider")
	not lib.has_string_param("max_admins")
	not lib.has_string_param("nope")
}

# --- parameters -------------------------------------------------------------------------

_param_checks(tool) := [
	lib.at_most(tool, ["access", "admin_count"], "max_admins"),
	lib.at_least(tool, ["audit_log", "retention_days"], "retention_days_min"),
	lib.at_least_or_forever(tool, ["audit_log", "retention_days"], "retention_days_min"),
	lib.count_at_least(tool, ["time", "sources"], "min_time_sources"),
	lib.abs_at_most(tool, ["time", "offset_ms"], "max_clock_offset_ms"),
	lib.in_param(tool, ["access", "default_permission"], "allowed_default_permissions"),
]

test_missing_param_is_error if {
	checks := _param_checks(testing.tool) with data.auditready.params as {}
	count(checks) == 6
	every c in checks {
		c.state == "error"
		c.observed == null
		startswith(c.detail, "parameter ")
		endswith(c.detail, " is not set in the profile or config")
	}
}

test_missing_params_document_is_error if {
	# no data.auditready.params at all
	checks := _param_checks(testing.tool)
	count(checks) == 6
	every c in checks {
		c.state == "error"
	}
}

test_missing_param_is_error_even_when_fact_is_null if {
	t := testing.with_fact(testing.tool, "access", "admin_count", null)
	c := lib.at_most(t, ["access", "admin_count"], "max_admins") with data.auditready.params as {}
	c.state == "error"
}

test_wrong_param_type_is_error if {
	wrong := {k: "x" | some k, _ in testing.params}
	checks := _param_checks(testing.tool) with data.auditready.params as wrong
	every c in checks {
		c.state == "error"
	}
}

test_missing_param_check_shape if {
	lib.missing_param(["access", "admin_count"], "max_admins") == {
		"fact": "access.admin_count",
		"pointer": "/access/admin_count",
		"observed": null,
		"expected": "parameter max_admins",
		"state": "error",
		"detail": "parameter max_admins is not set in the profile or config",
	}
}

test_invalid_check_shape if {
	lib.invalid(testing.tool, ["source", "collected_at"], "e", "bad") == {
		"fact": "source.collected_at",
		"pointer": "/source/collected_at",
		"observed": "2026-01-01T00:00:00Z",
		"expected": "e",
		"state": "error",
		"detail": "bad",
	}
}

# --- combine and finding ----------------------------------------------------------------

test_combine_precedence if {
	lib.combine({"error", "fail", "unknown", "not_applicable", "pass"}) == "error"
	lib.combine({"fail", "unknown", "not_applicable", "pass"}) == "fail"
	lib.combine({"unknown", "not_applicable", "pass"}) == "unknown"
	lib.combine({"not_applicable"}) == "not_applicable"
	lib.combine({"not_applicable", "pass"}) == "pass"
	lib.combine({"pass"}) == "pass"
	lib.combine({"error", "pass"}) == "error"
	lib.combine({"unknown"}) == "unknown"
}

test_combine_empty_is_undefined if {
	not lib.combine(set())
}

_messages := {
	"pass": "P",
	"fail": "F",
	"unknown": "U",
	"not_applicable": "N",
	"error": "E",
}

_check(fact, state, observed) := {
	"fact": fact,
	"pointer": concat("", ["/", fact]),
	"observed": observed,
	"expected": "x",
	"state": state,
}

_gapped(fact, state, reason) := object.union(_check(fact, state, null), {"gap": {"fact": fact, "reason": reason, "detail": "d"}})

test_finding_fail_closed_whole_object if {
	checks := [
		_check("b", "fail", 1),
		_gapped("a", "unknown", "permission_missing"),
		_check("c", "pass", 2),
		_check("d", "fail", "z"),
	]
	lib.finding({"id": "t/1"}, checks, _messages) == {
		"tool": "t/1",
		"resource": null,
		"status": "fail",
		"message": `F: b is 1, expected x; d is "z", expected x`,
		"observed": {"a": null, "b": 1, "c": 2, "d": "z"},
		"expected": {"a": "x", "b": "x", "c": "x", "d": "x"},
		"evidence": ["/a", "/b", "/c", "/d"],
		"gaps": [{"fact": "a", "reason": "permission_missing", "detail": "d"}],
	}
}

test_finding_error_message if {
	checks := [lib.missing_param(["a", "b"], "p"), _check("c", "fail", 1)]
	f := lib.finding({"id": "t/1"}, checks, _messages)
	f.status == "error"
	f.message == "E: parameter p is not set in the profile or config"
}

test_finding_unknown_message if {
	checks := [_gapped("a", "unknown", "not_supported"), _check("b", "pass", true)]
	f := lib.finding({"id": "t/1"}, checks, _messages)
	f.status == "unknown"
	f.message == "U: a unknown (not_supported: d)"
}

test_finding_not_applicable_only_when_all if {
	na := lib.finding({"id": "t/1"}, [_gapped("a", "not_applicable", "not_applicable")], _messages)
	na.status == "not_applicable"
	na.message == "N: a (d)"
	mixed := lib.finding({"id": "t/1"}, [_gapped("a", "not_applicable", "not_applicable"), _check("b", "pass", true)], _messages)
	mixed.status == "pass"
	mixed.message == "P"
	count(mixed.gaps) == 1
}

test_finding_without_checks_is_undefined if {
	not lib.finding({"id": "t/1"}, [], _messages)
}

# --- resources ----------------------------------------------------------------------------

_resource_messages := {"pass": "ok", "fail": "bad", "unknown": "?", "not_applicable": "n/a", "error": "err"}

_repo_tool := object.union(_github, {"resources": [
	{"id": "repository:acme/api", "kind": "repository", "name": "acme/api", "facts": {"review_required": true, "force_push_blocked": null}, "gaps": [{"fact": "force_push_blocked", "reason": "permission_missing", "detail": "needs repository admin", "permission": "repo"}]},
	{"id": "repository:acme/empty", "kind": "repository", "name": "acme/empty", "facts": {"review_required": null}, "gaps": [{"fact": "review_required", "reason": "not_applicable", "detail": "empty repository"}]},
	{"id": "repository:acme/web", "kind": "repository", "name": "acme/web", "facts": {"review_required": false, "force_push_blocked": null}, "gaps": []},
]})

test_resource_equals_pass_and_fail if {
	lib.resource_equals(_repo_tool, 0, "review_required", true) == {
		"fact": "resources.review_required", "pointer": "/resources/0/facts/review_required",
		"observed": true, "expected": "true", "state": "pass",
	}
	lib.resource_equals(_repo_tool, 2, "review_required", true).state == "fail"
}

test_resource_unknown_takes_the_resource_gap if {
	c := lib.resource_equals(_repo_tool, 0, "force_push_blocked", true)
	c.state == "unknown"
	c.pointer == "/resources/0/facts/force_push_blocked"
	c.gap == {"fact": "resources.force_push_blocked", "reason": "permission_missing", "detail": "needs repository admin", "permission": "repo"}
}

test_resource_null_without_gap_and_missing_fact_are_not_collected if {
	lib.resource_equals(_repo_tool, 2, "force_push_blocked", true).gap.reason == "not_collected"
	lib.resource_equals(_repo_tool, 1, "force_push_blocked", true).gap.reason == "not_collected"
}

test_resource_not_applicable if {
	lib.resource_equals(_repo_tool, 1, "review_required", true).state == "not_applicable"
}

test_resource_finding_names_the_resource if {
	f := lib.resource_finding(_repo_tool, 2, [lib.resource_equals(_repo_tool, 2, "review_required", true)], _resource_messages)
	f == {
		"tool": "github/acme",
		"resource": "repository:acme/web",
		"status": "fail",
		"message": "bad: resources.review_required is false, expected true",
		"observed": {"resources.review_required": false},
		"expected": {"resources.review_required": "true"},
		"evidence": ["/resources/2/facts/review_required"],
		"gaps": [],
	}
}

test_show_sorts_object_keys_and_escapes_like_go if {
	lib.show({"b": 1, "a": "x<y&z>"}) == `{"a":"x\u003cy\u0026z\u003e","b":1}`
	lib.show([{"z": true, "a": null}, "s&t", 3]) == `[{"a":null,"z":true},"s\u0026t",3]`
	lib.show("plain") == `"plain"`
	lib.show(42) == "42"
	lib.show([]) == "[]"
	lib.show({}) == "{}"
}
