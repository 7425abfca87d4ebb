#!/usr/bin/env bash
# Installs the pinned OPA CLI and Regal (the Rego linter) into .tools/bin (git-ignored) with `go install` from the Go module proxy.
# Reuses an existing binary of the pinned version (OPA prints "1.21.4", Regal "v0.42.0": both compared as v…). Nothing is downloaded from anywhere else.
# --bench also installs the benchmark peers (Conftest), which normal set-up does not need.
# --seaweedfs also builds the S3-compatible server the S3 collector's tests run against (SeaweedFS;
# a few minutes the first time, then reused): .ci/run passes it, normal set-up does not.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=tools.env
source "$root/scripts/tools.env"
bin="$root/.tools/bin"
bench=false
seaweedfs=false
for arg in "$@"; do
  case "$arg" in
    --bench) bench=true ;;
    --seaweedfs) seaweedfs=true ;;
    *) echo "install-tools: unknown option $arg (known: --bench, --seaweedfs)" >&2; exit 2 ;;
  esac
done
mkdir -p "$bin"

installed_version() { # prints e.g. v1.21.4, or nothing
  [ -x "$1" ] || return 0
  "$1" version 2>/dev/null | awk '/^Version:/ {v = $2; sub(/^v/, "", v); print "v" v}'
}

opa="$bin/opa"
if [ "$(installed_version "$opa")" = "$OPA_VERSION" ]; then
  echo "opa $OPA_VERSION already installed at .tools/bin/opa"
else
  command -v go >/dev/null || { echo "install-tools: Go is required to install OPA (go install $OPA_MODULE@$OPA_VERSION)" >&2; exit 2; }
  echo "installing opa $OPA_VERSION with go install (first time takes about a minute)..."
  GOBIN="$bin" GOFLAGS="${GOFLAGS:-} -trimpath" go install "$OPA_MODULE@$OPA_VERSION"
  [ "$(installed_version "$opa")" = "$OPA_VERSION" ] || { echo "install-tools: installed opa does not report $OPA_VERSION" >&2; exit 2; }
  echo "installed opa $OPA_VERSION at .tools/bin/opa"
fi

# Regal: `go install` stops on "loading deprecation ... 403" (the proxy does not serve this module's
# version list), so download the pinned module and build it in its folder with its own go.sum.
regal="$bin/regal"
if [ "$(installed_version "$regal")" = "$REGAL_VERSION" ]; then
  echo "regal $REGAL_VERSION already installed at .tools/bin/regal"
else
  command -v go >/dev/null || { echo "install-tools: Go is required to build Regal ($REGAL_MODULE@$REGAL_VERSION)" >&2; exit 2; }
  echo "installing regal $REGAL_VERSION with go mod download + go build (first time takes about a minute)..."
  dir="$(go mod download -json "$REGAL_MODULE@$REGAL_VERSION" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const m=JSON.parse(s);if(m.Error){console.error(m.Error);process.exit(2)}console.log(m.Dir)})')"
  (cd "$dir" && GOFLAGS="${GOFLAGS:-} -trimpath" go build \
    -ldflags "-X $REGAL_MODULE/pkg/version.Version=$REGAL_VERSION" -o "$regal" .)
  [ "$(installed_version "$regal")" = "$REGAL_VERSION" ] || { echo "install-tools: built regal does not report $REGAL_VERSION" >&2; exit 2; }
  echo "installed regal $REGAL_VERSION at .tools/bin/regal"
fi

if $bench; then
  conftest="$bin/conftest"
  # `conftest --version` says "dev" when built with go install; the module version is in the build info.
  have=""
  [ -x "$conftest" ] && have="$(go version -m "$conftest" 2>/dev/null | awk '$1 == "mod" {print $3}')"
  if [ "$have" = "$CONFTEST_VERSION" ]; then
    echo "conftest $CONFTEST_VERSION already installed at .tools/bin/conftest"
  else
    command -v go >/dev/null || { echo "install-tools: Go is required to install Conftest (go install $CONFTEST_MODULE@$CONFTEST_VERSION)" >&2; exit 2; }
    echo "installing conftest $CONFTEST_VERSION with go install (first time takes a few minutes)..."
    GOBIN="$bin" GOFLAGS="${GOFLAGS:-} -trimpath" go install "$CONFTEST_MODULE@$CONFTEST_VERSION"
    echo "installed conftest $CONFTEST_VERSION at .tools/bin/conftest"
  fi
fi

if $seaweedfs; then
  weed="$bin/weed"
  stamp="$bin/weed.version"
  if [ -x "$weed" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$SEAWEEDFS_VERSION" ]; then
    echo "seaweedfs $SEAWEEDFS_VERSION already installed at .tools/bin/weed"
  else
    command -v go >/dev/null || { echo "install-tools: Go is required to build SeaweedFS ($SEAWEEDFS_MODULE@$SEAWEEDFS_VERSION)" >&2; exit 2; }
    echo "building seaweedfs $SEAWEEDFS_VERSION from the Go module proxy (first time takes several minutes)..."
    # go install refuses a module whose go.mod has replace directives; build inside the downloaded module.
    dir="$(go mod download -json "$SEAWEEDFS_MODULE@$SEAWEEDFS_VERSION" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.Dir)})')"
    (cd "$dir" && GOFLAGS="${GOFLAGS:-} -trimpath -mod=readonly -buildvcs=false" go build -o "$weed.tmp" ./weed)
    mv "$weed.tmp" "$weed"
    echo "$SEAWEEDFS_VERSION" >"$stamp"
    echo "installed seaweedfs $SEAWEEDFS_VERSION at .tools/bin/weed ($("$weed" version 2>/dev/null | head -1))"
  fi
fi
