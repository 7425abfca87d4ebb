package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

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
