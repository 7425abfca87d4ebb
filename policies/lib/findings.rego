# Findings: the checks of one policy on one tool combined, fail closed, with one message.
package auditready.lib

# finding combines the checks of one policy on one tool (or one resource of it).
# Fail closed: error beats fail beats unknown; not_applicable only when every check is;
# pass only when every check passed.
# A check's pointer, and the pointers into other snapshots it was judged on ("also": a cross-tool
# policy cites the store's "type/name#/audit_log/retention_days").
_pointers(c) := array.concat([c.pointer], c.also) if is_array(c.also)

else := [c.pointer]

finding(tool, checks, messages) := _finding(tool, checks, messages, combine({c.state | some c in checks}))

_finding(tool, checks, messages, status) := {
	"tool": tool.id,
	"resource": null,
	"status": status,
	"message": concat("", [messages[status], _details(status, checks)]),
	"observed": {c.fact: c.observed | some c in checks},
	"expected": {c.fact: c.expected | some c in checks},
	"evidence": sort({p | some c in checks; some p in _pointers(c)}),
	"gaps": [c.gap | some c in checks; c.state in {"unknown", "not_applicable"}],
}

combine(states) := "error" if "error" in states

else := "fail" if "fail" in states

else := "unknown" if "unknown" in states

else := "not_applicable" if states == {"not_applicable"}

else := "pass" if count(states) > 0

_details("pass", _) := ""

_details("fail", checks) := concat("", [": ", concat("; ", sort([d |
	some c in checks
	c.state == "fail"
	d := concat("", [c.fact, " is ", show(c.observed), ", expected ", c.expected])
]))])

_details("unknown", checks) := concat("", [": ", concat("; ", sort([d |
	some c in checks
	c.state == "unknown"
	d := concat("", [c.fact, " unknown (", c.gap.reason, ": ", c.gap.detail, ")"])
]))])

_details("not_applicable", checks) := concat("", [": ", concat("; ", sort([d |
	some c in checks
	d := concat("", [c.fact, " (", c.gap.detail, ")"])
]))])

_details("error", checks) := concat("", [": ", concat("; ", sort([c.detail | some c in checks; c.state == "error"]))])
