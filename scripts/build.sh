#!/usr/bin/env bash
# Build everything: the pinned OPA CLI (if missing), the TypeScript, the policy bundle.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
bash scripts/install-tools.sh
npx tsc -p .
node dist/build-policies.js policies build/policy
node scripts/build-info.mjs
