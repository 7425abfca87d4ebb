# Event classes per tool type: audit_log.event_classes against a {tool type: [class]} parameter.
package auditready.lib

# classes_included: audit_log.event_classes includes every class that the object parameter
# param(name) lists for the tool's type ({tool type: [class, ...]}); a type the parameter does
# not list is not applicable. Used by the policies on required and failed-login event classes.
_classes_path := ["audit_log", "event_classes"]

_classes_for(tool, name) := param(name)[tool.type]

_classes_expected(tool, name) := concat("", ["includes ", json.marshal(sort(_classes_for(tool, name))), " (", name, ".", tool.type, ")"])

# the classes the parameter lists for the tool's type that the tool does not record
missing_classes(tool, name) := sort([c |
	some c in _classes_for(tool, name)
	not c in value(tool, _classes_path)
]) if {
	is_array(value(tool, _classes_path))
} else := sort(_classes_for(tool, name))

_param_set(name) if _ := param(name)

_string_list(v) if {
	is_array(v)
	every c in v {
		is_string(c)
	}
}

# whether the parameter gives the tool's type a valid list (the fail message may name the classes)
classes_listed(tool, name) if _string_list(_classes_for(tool, name))

classes_included(tool, name) := missing_param(_classes_path, name) if {
	not _param_set(name)
} else := invalid(
	tool, _classes_path, concat("", ["parameter ", name]),
	concat("", ["parameter ", name, " must be an object from tool type to a list of event classes"]),
) if {
	not has_object_param(name)
} else := not_applicable_because(
	tool, _classes_path, concat("", ["no classes required for tool type ", tool.type, " (", name, ")"]),
	concat("", [name, " lists no event classes for tool type ", tool.type]),
) if {
	not _classes_for(tool, name)
} else := invalid(
	tool, _classes_path, concat("", ["parameter ", name, ".", tool.type]),
	concat("", ["parameter ", name, ".", tool.type, " must be a list of event classes"]),
) if {
	not classes_listed(tool, name)
} else := judged(tool, _classes_path, _classes_expected(tool, name), count(missing_classes(tool, name)) == 0) if {
	known(tool, _classes_path)
} else := unknown(tool, _classes_path, _classes_expected(tool, name))
