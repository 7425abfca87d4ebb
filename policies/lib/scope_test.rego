package auditready.lib_test

import data.auditready.lib
import data.auditready.testing

_chain(scope) := [
	{"path": ["data", "auditready", "policies", "x", "y", "findings"], "annotations": {"scope": "rule", "title": "r"}},
	{"path": ["data", "auditready", "policies", "x", "y"], "annotations": {"scope": "package", "custom": {"applies_to": scope}}},
]

_ids(scope) := {t.id | some t in lib.in_scope(_chain(scope))}

test_in_scope_star if {
	_ids(["*"]) == {"jenkins/ci", "github/acme"} with input as testing.input_of([testing.tool, testing.github])
}

test_in_scope_by_type if {
	_ids(["github"]) == {"github/acme"} with input as testing.input_of([testing.tool, testing.github])
}

test_in_scope_by_category if {
	_ids(["ci"]) == {"jenkins/ci"} with input as testing.input_of([testing.tool, testing.github])
}

test_in_scope_type_and_category_mixed if {
	_ids(["github", "ci"]) == {"jenkins/ci", "github/acme"} with input as testing.input_of([testing.tool, testing.github])
}

test_in_scope_no_match if {
	_ids(["loki", "log-store"]) == set() with input as testing.input_of([testing.tool, testing.github])
}

test_in_scope_without_package_annotation if {
	chain := [{"path": ["data", "x"], "annotations": {"scope": "rule", "custom": {"applies_to": ["*"]}}}]
	got := lib.in_scope(chain) with input as testing.input_of([testing.tool])
	got == []
}
