# Conftest-convention wrapper used only by the benchmark suite (bench/run.ts).
#
# `conftest test` queries data.main.deny (and warn/violation) for every input file. This wrapper
# turns auditready's findings into deny messages, so Conftest evaluates the same policies, on the
# same input (the normalized model as one JSON file) with the same parameters (--data), through
# the same aggregating rule as the Wasm engine and `opa eval`. Each message is the finding itself
# as JSON (with its policy key), so the suite compares Conftest's findings with every other
# engine's one by one. What is not equivalent: Conftest reports only the non-passing findings
# (fail, unknown, error), and successes as a count; there is no severity gate.
package main

deny contains msg if {
	some key, fs in data.auditready.main.findings
	some f in fs
	f.status in {"fail", "unknown", "error"}
	msg := json.marshal({"key": key, "finding": f})
}
