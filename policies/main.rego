# METADATA
# title: auditready aggregating entrypoint
# description: |
#   Every policy's findings in one evaluation, keyed by package path relative to
#   data.auditready.policies (pillar.name). The engine maps each key to its catalog entry.
# custom:
#   library: true
package auditready.main

# METADATA
# entrypoint: true
findings[concat(".", [pillar, name])] := fs if {
	some pillar, name
	fs := data.auditready.policies[pillar][name].findings
}
