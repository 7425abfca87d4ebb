# Conftest-convention wrapper used only by the benchmark suite (bench/run.ts).
#
# `conftest test` queries data.main.deny (and warn/violation) for every input file. This wrapper
# turns auditready's findings into deny messages, so Conftest evaluates the same policies, on the
# same input (the normalized model as one JSON file) with the same parameters (--data), through
# the same aggregating rule as the Wasm engine and `opa eval`. What is not equivalent: Conftest
# reports only the non-passing findings (fail, unknown, error) as strings, and successes as a
# count; observed/expected values, evidence and gaps stay inside the message or are dropped, and
# there is no severity gate.
package main

deny contains msg if {
	some key, fs in data.auditready.main.findings
	some f in fs
	f.status in {"fail", "unknown", "error"}
	msg := concat("", [key, " ", f.tool, " ", f.status, ": ", f.message])
}
