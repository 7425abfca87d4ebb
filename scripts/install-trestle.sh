#!/usr/bin/env bash
# Installs compliance-trestle (an independent OSCAL implementation, PyPI) into the git-ignored
# .tools/venv, for the test that validates auditready's OSCAL output with it. Reuses an existing
# venv with the pinned version. Needs python3 with venv; without it, says so and exits 0 (the
# test then skips with that reason).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tools.env
source "$root/scripts/tools.env"
venv="$root/.tools/venv"
if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  echo "install-trestle: python3 with venv is not available; the OSCAL test against compliance-trestle will be skipped" >&2
  exit 0
fi
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('compliance-trestle') != '$TRESTLE_VERSION')" 2>/dev/null; then
  echo "compliance-trestle $TRESTLE_VERSION already installed in .tools/venv"
  exit 0
fi
echo "installing compliance-trestle $TRESTLE_VERSION into .tools/venv (pip, PyPI)..."
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "compliance-trestle==$TRESTLE_VERSION"
echo "installed compliance-trestle $TRESTLE_VERSION in .tools/venv"
