package auditready.main_test

import data.auditready.main
import data.auditready.testing

# The testing fixture with deny-all default permission (AR-ACC-005 wants "none"; the fixture's
# "read" is what AR-ACC-002 accepts and its tests use).
_compliant := testing.with_fact(testing.tool, "access", "default_permission", "none")

_findings := fs if {
	fs := main.findings with input as testing.input_of([_compliant])
		with data.auditready.params as testing.params
}

test_keys_are_pillar_dot_name if {
	every key in {
		"identity.mfa_required", "identity.sso_enforced",
		"event_tracking.audit_log_enabled", "event_tracking.audit_record_fields",
		"centralized_logging.central_destination", "retention.retention_minimum",
		"access.admin_limit", "access.default_permission",
		"time.clock_synchronized", "time.evidence_fresh",
		"identity.anonymous_access", "identity.local_accounts_limited",
		"access.default_deny", "access.no_wildcard_grants", "time.timestamp_zone",
		"event_tracking.required_event_classes", "access.admin_share", "retention.deletion_protection",
	} {
		_findings[key]
	}
}

# The compliant fixture passes every policy with the testing parameters.
test_compliant_fixture_passes_every_policy if {
	every fs in _findings {
		count(fs) == 1
		every f in fs {
			f.status == "pass"
		}
	}
}

test_missing_params_never_pass if {
	got := main.findings with input as testing.input_of([testing.tool])
		with data.auditready.params as {}
	every key in {
		"retention.retention_minimum", "access.admin_limit", "access.default_permission",
		"time.clock_synchronized", "time.evidence_fresh", "identity.local_accounts_limited",
		"event_tracking.required_event_classes", "access.admin_share",
	} {
		[f] := [f | some f in got[key]]
		f.status == "error"
	}
}
