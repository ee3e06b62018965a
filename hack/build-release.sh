#!/usr/bin/env bash
# Builds the release `capmaas` the image ships, and prints its path. The one place that knows the release flags
# (manifests/Containerfile, hack/check-release-binary.sh and the benchmarks use it):
#
#   hack/build-release.sh [--scratch-path DIR] [extra swift build arguments]
#
# - --static-swift-stdlib: the Swift runtime and Foundation inside the binary (the image has only glibc & co.);
# - one section per function, Swift (-function-sections) and C (-ffunction-sections), dependencies included, so that
#   the link can place the manager's hot functions first (Package.swift: lld, hack/link-order/capmaas.order) and
#   drop unused ones: without it a module's code is one block and the order can only move whole files;
# - packed relative relocations (DT_RELR): needs glibc >= 2.36 where the binary runs (Debian 12, the image's base).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ARGS=(-c release --product capmaas --static-swift-stdlib
      -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections
      -Xlinker -z -Xlinker pack-relative-relocs)
cd "$ROOT"
BIN="$(swift build "${ARGS[@]}" "$@" --show-bin-path)/capmaas"
# SwiftPM does not know the link reads the order file: relink when the file changed since the binary was linked.
if [[ -f "$BIN" && hack/link-order/capmaas.order -nt "$BIN" ]]; then rm -f "$BIN"; fi
swift build "${ARGS[@]}" "$@" >&2
echo "$BIN"
