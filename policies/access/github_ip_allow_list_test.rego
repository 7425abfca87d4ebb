package auditready.policies.access.github_ip_allow_list_test

import data.auditready.policies.access.github_ip_allow_list as policy
import data.auditready.testing

_eval(tools) := got if {
	got := policy.findings with input as testing.input_of(tools)
		with data.auditready.params as testing.params
}

_org(enabled, gaps) := testing.github_with([testing.organization({"ip_allow_list_enabled": enabled}, gaps)])

test_pass if {
	f := testing.only(_eval([_org(true, [])]))
	f.status == "pass"
	f.resource == "organization:acme"
	f.evidence == ["/resources/0/facts/ip_allow_list_enabled"]
}

test_fail if {
	f := testing.only(_eval([_org(false, [])]))
	f.message == "IP allow list is not enabled: resources.ip_allow_list_enabled is false, expected true"
}

test_unknown_for_non_owners if {
	f := testing.only(_eval([_org(null, [testing.gap("ip_allow_list_enabled", "permission_missing")])]))
	f.status == "unknown"
}

test_not_applicable_when_its_gap_says_so if {
	f := testing.only(_eval([_org(null, [testing.gap("ip_allow_list_enabled", "not_applicable")])]))
	f.status == "not_applicable"
}

test_unknown_when_resources_were_not_collected if {
	f := testing.only(_eval([testing.github]))
	f.status == "unknown"
	f.gaps == [{"fact": "resources.ip_allow_list_enabled", "reason": "not_collected", "detail": "no value and no recorded reason"}]
}
