#!/usr/bin/env bash
# One command from a fresh clone: install dependencies and tools, build, and run the demo.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm ci --no-audit --no-fund
bash scripts/build.sh
# compliance-trestle (PyPI) into .tools/venv: the tests validate the OSCAL output with it too.
bash scripts/install-trestle.sh
echo
echo "== demo: node dist/cli.js check -c fixtures/demo/auditready.yaml"
set +e
node dist/cli.js check -c fixtures/demo/auditready.yaml
rc=$?
set -e
if [ "$rc" -eq 1 ]; then
  echo "(the demo exits 1 on purpose: its estate has failing and unknown findings at or above the gate)"
  exit 0
fi
exit "$rc"
