#!/usr/bin/env bash
# Builds the release `capmaas` the image ships (or, with --product capmaas-sandbox, the test bed with the same flags,
# for the benchmarks), and prints its path. The one place that knows the release flags (manifests/Containerfile,
# hack/check-release-binary.sh and the benchmarks use it):
#
#   hack/build-release.sh [--product capmaas|capmaas-sandbox] [--scratch-path DIR] [extra swift build arguments]
#
# - --static-swift-stdlib: the Swift runtime and Foundation inside the binary (the image has only glibc & co.);
# - one section per function, Swift (-function-sections) and C (-ffunction-sections), dependencies included, so that
#   the link can place the manager's hot functions first (Package.swift: lld, hack/link-order/capmaas.order) and
#   drop unused ones: without it a module's code is one block and the order can only move whole files;
# - packed relative relocations (DT_RELR): needs glibc >= 2.36 where the binary runs (Debian 12, the image's base).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PRODUCT=capmaas PASS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --product) PRODUCT="$2"; shift 2 ;;
    *) PASS+=("$1"); shift ;;
  esac
done
set -- "${PASS[@]}"
case "$PRODUCT" in capmaas|capmaas-sandbox) ;; *) echo "build-release: --product must be capmaas or capmaas-sandbox" >&2; exit 2 ;; esac
ARGS=(-c release --product "$PRODUCT" --static-swift-stdlib
      -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections
      -Xlinker -z -Xlinker pack-relative-relocs)
cd "$ROOT"
BIN="$(swift build "${ARGS[@]}" "$@" --show-bin-path)/$PRODUCT"
# SwiftPM does not know the link reads the order file: relink when the file changed since the binary was linked.
if [[ -f "$BIN" && hack/link-order/capmaas.order -nt "$BIN" ]]; then rm -f "$BIN"; fi
swift build "${ARGS[@]}" "$@" >&2
echo "$BIN"
