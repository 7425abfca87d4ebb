package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

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
