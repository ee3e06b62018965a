#!/usr/bin/env bash
# Builds the binary the Containerfile ships (hack/build-release.sh: release, static Swift standard library, function
# sections, lld with the hot-code order of hack/link-order, packed relative relocations) and checks it runs:
# `capmaas --help` and a short `capmaas sandbox --example` that must reach "All 3 machines Ready" and then stop on
# SIGTERM with exit 0 within 5 s.
# Prints build time, binary size, `ldd` output and how much of hack/link-order/capmaas.order the binary still has.
# Not run by CI (a release build takes several minutes).
#
#   hack/check-release-binary.sh [--timeout SECONDS] [--scratch-path DIR]
#     --timeout       sandbox --example time limit (default 120)
#     --scratch-path  SwiftPM build directory (default .build-release, so the debug .build stays usable meanwhile;
#                     dependency checkouts are copied from .build when present, so no network is needed)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/hack/out/release-binary"
TIMEOUT=120
SCRATCH="$ROOT/.build-release"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --scratch-path) SCRATCH="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-release-binary: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
SANDBOX_PID=""
cleanup() {
  if [[ -n "$SANDBOX_PID" ]] && kill -0 "$SANDBOX_PID" 2>/dev/null; then
    kill "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Reuse the debug build's dependency checkouts: a separate scratch path would otherwise clone them again.
if [[ ! -d "$SCRATCH/checkouts" && -d "$ROOT/.build/checkouts" && -f "$ROOT/.build/workspace-state.json" ]]; then
  mkdir -p "$SCRATCH"
  cp -a "$ROOT/.build/checkouts" "$ROOT/.build/repositories" "$ROOT/.build/workspace-state.json" "$SCRATCH/"
fi
echo "==> hack/build-release.sh --scratch-path $SCRATCH"
BUILD_START=$SECONDS
BIN="$("$ROOT/hack/build-release.sh" --scratch-path "$SCRATCH" 2>"$OUT/build.log")" \
  || { tail -n 50 "$OUT/build.log"; fail "release build"; }
BUILD_SECONDS=$((SECONDS - BUILD_START))
[[ -x "$BIN" ]] || fail "no binary at $BIN"
# (Whole outputs compared, not piped into grep -q: an early grep exit would fail the pipe under pipefail.)
[[ "$(readelf -p .comment "$BIN")" == *LLD* ]] || fail "not linked by lld: Package.swift's release link settings did not apply"
[[ "$(readelf -SW "$BIN")" == *.relr.dyn* ]] || fail "no .relr.dyn section: relative relocations are not packed"
# Entries of the order file the code no longer has only cost memory; regenerate it (hack/link-order/profile.sh)
# when this share drops.
ORDERED=$(wc -l <"$ROOT/hack/link-order/capmaas.order")
FOUND=$(nm --defined-only "$BIN" | awk '{print $3}' | sort -u | comm -12 - <(sort -u "$ROOT/hack/link-order/capmaas.order") | wc -l)

echo "==> capmaas --help"
"$BIN" --help >"$OUT/help.txt" 2>&1 || { cat "$OUT/help.txt"; fail "capmaas --help"; }
for command in sandbox manager maas-sim check; do
  grep -q "$command" "$OUT/help.txt" || fail "--help does not list '$command'"
done

echo "==> capmaas sandbox --example (limit ${TIMEOUT}s)"
WORK="$(mktemp -d)"
SANDBOX_START=$SECONDS
(cd "$ROOT" && exec "$BIN" sandbox --example --kubeconfig "$WORK/kubeconfig") >"$OUT/sandbox.log" 2>&1 &
SANDBOX_PID=$!
READY=false
while (( SECONDS - SANDBOX_START < TIMEOUT )); do
  if grep -q "All 3 machines Ready" "$OUT/sandbox.log"; then READY=true; break; fi
  kill -0 "$SANDBOX_PID" 2>/dev/null || break
  sleep 0.5
done
SANDBOX_SECONDS=$((SECONDS - SANDBOX_START))
[[ "$READY" == true ]] || { tail -n 40 "$OUT/sandbox.log"; fail "sandbox --example did not report 'All 3 machines Ready' within ${TIMEOUT}s"; }
# SIGTERM (what Kubernetes and harnesses send) must stop it cleanly: exit 0 within 5 s.
kill -TERM "$SANDBOX_PID"
for _ in $(seq 1 50); do kill -0 "$SANDBOX_PID" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$SANDBOX_PID" 2>/dev/null || fail "sandbox --example still running 5 s after SIGTERM"
STOP_STATUS=0
wait "$SANDBOX_PID" || STOP_STATUS=$?
SANDBOX_PID=""
rm -rf "$WORK"
[[ "$STOP_STATUS" == 0 ]] || { tail -n 20 "$OUT/sandbox.log"; fail "sandbox --example exited with status $STOP_STATUS on SIGTERM"; }

# What the Containerfile ships: debug info stripped (symbols kept for readable crash backtraces).
STRIPPED="$OUT/capmaas.stripped"
strip --strip-debug -o "$STRIPPED" "$BIN"
"$STRIPPED" --help >/dev/null || fail "the stripped binary does not run"

echo
echo "release build:        ${BUILD_SECONDS}s"
echo "binary:               $BIN"
echo "binary size:          $(stat -c %s "$BIN") bytes ($(du -h "$BIN" | cut -f1)); --strip-debug (image): $(stat -c %s "$STRIPPED") bytes ($(du -h "$STRIPPED" | cut -f1))"
echo "sandbox --example:    all 3 machines Ready after ${SANDBOX_SECONDS}s; SIGTERM → exit 0"
echo "link order:           $FOUND of $ORDERED functions of hack/link-order/capmaas.order are in the binary"
echo "ldd:"
ldd "$BIN" 2>&1 | sed 's/^/  /' || true
echo "PASS: check-release-binary"
