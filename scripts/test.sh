#!/usr/bin/env bash
# The whole test suite: Rego format/strict check/unit tests with coverage, then the TypeScript
# tests (unit, CLI, differential against `opa eval`). Ends with one summary line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/build.sh >/dev/null
opa=.tools/bin/opa
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== biome check (format + lint of TypeScript, scripts, JSON)"
npx biome check --error-on-warnings .
echo "== opa fmt --list --fail policies"
"$opa" fmt --list --fail policies
echo "== opa check --strict policies"
"$opa" check --strict policies
echo "== regal lint policies (.regal/config.yaml)"
.tools/bin/regal lint policies
echo "== opa test policies --coverage"
"$opa" test policies --format json >"$out/opa-results.json" || true
"$opa" test policies --coverage --format json >"$out/opa-coverage.json" || true
node scripts/opa-test-summary.mjs "$out/opa-results.json" "$out/opa-coverage.json" 90 >"$out/opa.counts"

echo "== tsc (tests and benchmarks type-check)"
npx tsc -p tsconfig.test.json
echo "== vitest"
set +e
npx vitest run --coverage --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
vt_rc=$?
set -e
node scripts/test-summary.mjs "$out/opa.counts" "$out/vitest.json"
exit "$vt_rc"
