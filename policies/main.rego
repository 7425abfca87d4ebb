# METADATA
# title: auditready aggregating entrypoint
# description: |
#   Every policy's findings in one evaluation, keyed by package path relative to
#   data.auditready.policies (pillar.name). The engine maps each key to its catalog entry.
#   per_tool and cross_tool split the same findings for the engine: per-tool policies judge each
#   tool on its own snapshot and are evaluated on chunks of tools; cross-tool policies compare
#   tools and are evaluated once, on a projection of the whole estate.
# custom:
#   library: true
package auditready.main

# METADATA
# entrypoint: true
findings[concat(".", [pillar, name])] := fs if {
	some pillar, name
	fs := data.auditready.policies[pillar][name].findings
}

# Every pillar but cross_tool (the pillars are fixed by schemas/catalog.schema.json).
per_tool_pillars := {"identity", "access", "event_tracking", "centralized_logging", "retention", "time"}

per_tool[concat(".", [pillar, name])] := fs if {
	some pillar in per_tool_pillars
	some name
	fs := data.auditready.policies[pillar][name].findings
}

cross_tool[concat(".", ["cross_tool", name])] := fs if {
	some name
	fs := data.auditready.policies.cross_tool[name].findings
}
