#!/usr/bin/env bash
# Unpacks Debian's chrony and ntpsec (with python3-ntp, which ntpq needs) into .tools/debs/root
# (git-ignored) for the real-daemon tests of the time-sync collectors. The packages conflict
# with each other and with systemd-timesyncd (all provide time-daemon), so they are fetched with
# `apt-get download` and unpacked with `dpkg-deb -x` instead of being installed: nothing on the
# machine changes and no daemon is started here. Reuses an existing unpacked copy.
# Usage: bash scripts/install-time-daemons.sh   (Debian 12 or later; apt-get update may be needed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/.tools/debs"
tree="$dest/root"
pkgs=(chrony ntpsec python3-ntp)

ready() {
  [ -x "$tree/usr/sbin/chronyd" ] && [ -x "$tree/usr/bin/chronyc" ] && [ -x "$tree/usr/sbin/ntpd" ] &&
    [ -x "$tree/usr/bin/ntpq" ] && [ -f "$tree/usr/lib/python3/dist-packages/ntp/libntpc.so" ]
}

if ready; then
  echo "chrony and ntpsec already unpacked in .tools/debs ($(cat "$dest/versions" 2>/dev/null | tr '\n' ' '))"
  exit 0
fi
for tool in apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "install-time-daemons: $tool is required (Debian)" >&2; exit 2; }
done

rm -rf "$dest"
mkdir -p "$dest/pkgs" "$tree"
cd "$dest/pkgs"
if ! apt-get download "${pkgs[@]}" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get download "${pkgs[@]}" >/dev/null
fi
: >"$dest/versions"
for deb in ./*.deb; do
  dpkg-deb -x "$deb" "$tree"
  echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >>"$dest/versions"
done
# ntpq loads libntpc through ctypes, first from the folder of its Python package.
lib="$(find "$tree/usr/lib" -name 'libntpc.so.*.*' | head -1)"
[ -n "$lib" ] || { echo "install-time-daemons: libntpc.so not found in the ntpsec package" >&2; exit 2; }
cp "$lib" "$tree/usr/lib/python3/dist-packages/ntp/libntpc.so"

# The daemons' shared libraries are part of a normal Debian system; install any that is missing.
missing="$(ldd "$tree/usr/sbin/chronyd" "$tree/usr/bin/chronyc" "$tree/usr/sbin/ntpd" 2>/dev/null | awk '/not found/ {print $1}' | sort -u)"
if [ -n "$missing" ]; then
  echo "install-time-daemons: missing libraries: $missing; installing chrony's and ntpsec's library dependencies"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libcap2 libedit2 libgnutls30 libnettle8 libseccomp2 libbsd0 libssl3 python3 >/dev/null
fi
ready || { echo "install-time-daemons: unpacking did not give chronyd, chronyc, ntpd and ntpq" >&2; exit 2; }
echo "unpacked into .tools/debs: $(tr '\n' ' ' <"$dest/versions")"
