#!/usr/bin/env bash
# Build everything: the pinned OPA CLI (if missing), the schema validators, the TypeScript (tsc,
# then one bundled file for the CLI: scripts/bundle.mjs), the policy bundle.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/install-tools.sh
node scripts/build-validators.mjs
npx tsc -p .
node scripts/bundle.mjs
node build/tsc/build-policies.js policies build/policy
node scripts/build-info.mjs
