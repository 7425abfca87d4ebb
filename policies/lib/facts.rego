# METADATA
# title: auditready policy library
# description: |
#   Helpers every policy builds its findings with, so the engine reads one shape. One file per
#   concern: scope, facts (this file), params, checks, thresholds, findings, resources,
#   event_classes, show. A fact is read as a "check": its state is pass, fail, unknown,
#   not_applicable or error. A null fact is never compared: it becomes unknown (or
#   not_applicable when its gap says so).
# custom:
#   library: true
package auditready.lib

# value of a fact (null when missing or unknown); path is an array like ["identity", "mfa_required"]
value(tool, path) := object.get(tool, path, null)

known(tool, path) if value(tool, path) != null

fact_name(path) := concat(".", path)

pointer(path) := concat("", ["/", concat("/", path)])

# The gap that explains a null fact. A null fact without a recorded gap still fails closed.
gap(tool, path) := gaps[0] if {
	gaps := [g | some g in object.get(tool, "gaps", []); g.fact == fact_name(path)]
	count(gaps) > 0
} else := {
	"fact": fact_name(path),
	"reason": "not_collected",
	"detail": "no value and no recorded reason",
}
