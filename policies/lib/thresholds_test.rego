package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

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
