# Which tools a policy judges (its package annotation's custom.applies_to).
package auditready.lib

# Tools in scope for the calling policy: its package annotation's custom.applies_to
# lists tool types or categories, or "*". Call as lib.in_scope(rego.metadata.chain()).
# An array, not a set: tool ids are unique, and a set hashes every whole tool snapshot on
# insertion and again on each iteration step in the Wasm runtime (about a third of the
# evaluation time, see the Benchmarks section of the README).
in_scope(chain) := [tool |
	scope := _applies_to(chain)
	some tool in input.tools
	_matches(scope, tool)
]

_applies_to(chain) := [entry.annotations.custom.applies_to |
	some entry in chain
	entry.annotations.scope == "package"
][0]

_matches(scope, _) if "*" in scope

_matches(scope, tool) if tool.type in scope

_matches(scope, tool) if tool.category in scope
