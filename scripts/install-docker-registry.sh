#!/usr/bin/env bash
# Unpacks Debian's docker-registry (the CNCF Distribution registry) into .tools/docker-registry
# (git-ignored) for the real-daemon tests, when it is not there yet and not installed system-wide.
# `apt-get download` + `dpkg-deb -x`: the binary is static, so no service is installed or started,
# and nothing outside the repository changes. Needs Debian's apt (CI runs as root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.tools/docker-registry"
bin="$dest/usr/bin/docker-registry"
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "docker-registry already unpacked at .tools/docker-registry ($("$bin" --version | awk '{print $NF}'))"
  exit 0
fi
if command -v docker-registry >/dev/null; then
  echo "docker-registry installed at $(command -v docker-registry)"
  exit 0
fi
command -v apt-get >/dev/null || { echo "install-docker-registry: apt-get is needed (Debian's docker-registry package)" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cd "$tmp"
if ! apt-get download docker-registry >/dev/null 2>&1; then
  apt-get update -qq
  apt-get download docker-registry >/dev/null
fi
rm -rf "$dest"
mkdir -p "$dest"
dpkg-deb -x docker-registry_*.deb "$dest"
"$bin" --version
echo "unpacked docker-registry into .tools/docker-registry"
