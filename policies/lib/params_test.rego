package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

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
