package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

_path := ["audit_log", "event_classes"]

_state(t, params) := s if {
	s := lib.classes_included(t, "required_event_classes").state with data.auditready.params as params
}

_required(classes) := {"required_event_classes": classes}

test_classes_included_pass_and_fail if {
	_state(testing.tool, _required({"jenkins": ["builds", "auth"]})) == "pass"
	_state(testing.tool, _required({"jenkins": ["builds", "logout"]})) == "fail"
	missing := lib.missing_classes(testing.tool, "required_event_classes")
		with data.auditready.params as _required({"jenkins": ["logout", "builds"]})
	missing == ["logout"]
}

test_classes_included_unknown_without_the_fact if {
	t := testing.without_fact(testing.tool, "audit_log", "event_classes", "permission_missing")
	_state(t, _required({"jenkins": ["builds"]})) == "unknown"
}

test_classes_included_not_applicable_for_an_unlisted_type if {
	_state(testing.tool, _required({"vault": ["auth"]})) == "not_applicable"
}

test_classes_included_bad_or_missing_parameter_is_error if {
	_state(testing.tool, {}) == "error"
	_state(testing.tool, _required(["builds"])) == "error"
	_state(testing.tool, _required({"jenkins": "builds"})) == "error"
	_state(testing.tool, _required({"jenkins": [1]})) == "error"
}
