#!/usr/bin/env bash
# Builds the binary the Containerfile ships (hack/build-release.sh: release, static Swift standard library, function
# sections, lld with the hot-code order of hack/link-order, packed relative relocations) and checks it:
# - it links no test bed (hack/check-product-link.sh: no sandbox API server, MAAS simulator, Cluster API stand-in);
# - `capmaas --help` lists manager and check, and nothing of the playground;
# - its `capmaas manager` takes a sample cluster to "All 3 machines Ready" against `capmaas-sandbox --no-controller
#   --example` (the debug build's, built if missing), and stops on SIGTERM with exit 0 within 5 s.
# Prints build time, binary size, `ldd` output and how much of hack/link-order/capmaas.order the binary still has.
# Not run by CI (a release build takes several minutes).
#
#   hack/check-release-binary.sh [--timeout SECONDS] [--scratch-path DIR] [--sandbox-binary PATH]
#     --timeout         time limit until all machines are Ready (default 120)
#     --scratch-path    SwiftPM build directory (default .build-release, so the debug .build stays usable meanwhile;
#                       dependency checkouts are copied from .build when present, so no network is needed)
#     --sandbox-binary  the capmaas-sandbox to run the example against (default: the debug build's)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/hack/out/release-binary"
TIMEOUT=120
SCRATCH="$ROOT/.build-release"
SANDBOX_BIN=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --scratch-path) SCRATCH="$2"; shift 2 ;;
    --sandbox-binary) SANDBOX_BIN="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "check-release-binary: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
SANDBOX_PID="" MANAGER_PID=""
stop() { # pid
  if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() { stop "$MANAGER_PID"; stop "$SANDBOX_PID"; }
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

echo "==> hack/check-product-link.sh (no test bed in the shipped binary)"
LINK_CHECK="$("$ROOT/hack/check-product-link.sh" "$BIN")" || fail "the release binary links the test bed"

echo "==> capmaas --help"
"$BIN" --help >"$OUT/help.txt" 2>&1 || { cat "$OUT/help.txt"; fail "capmaas --help"; }
for command in manager check; do
  grep -q "^ *$command " "$OUT/help.txt" || fail "--help does not list '$command'"
done
for command in sandbox playground maas-sim; do
  ! grep -q "^ *$command " "$OUT/help.txt" || fail "--help lists the test-bed command '$command'"
done

if [[ -z "$SANDBOX_BIN" ]]; then
  echo "==> swift build --product capmaas-sandbox (debug)"
  (cd "$ROOT" && swift build --product capmaas-sandbox) >"$OUT/sandbox-build.log" 2>&1 \
    || { tail -n 50 "$OUT/sandbox-build.log"; fail "swift build --product capmaas-sandbox"; }
  SANDBOX_BIN="$(cd "$ROOT" && swift build --product capmaas-sandbox --show-bin-path)/capmaas-sandbox"
fi

echo "==> capmaas manager (release) against capmaas-sandbox --no-controller --example (limit ${TIMEOUT}s)"
WORK="$(mktemp -d)"
START=$SECONDS
(cd "$ROOT" && exec "$SANDBOX_BIN" --no-controller --example --kubeconfig "$WORK/kubeconfig") >"$OUT/sandbox.log" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 1 300); do
  grep -q "capmaas-sandbox is running" "$OUT/sandbox.log" && break
  kill -0 "$SANDBOX_PID" 2>/dev/null || { tail -n 40 "$OUT/sandbox.log"; fail "capmaas-sandbox exited early"; }
  sleep 0.2
done
"$BIN" manager --kubeconfig "$WORK/kubeconfig" --health-addr 127.0.0.1:0 --metrics-bind-addr 0 --maas-poll-interval 2s \
  >"$OUT/manager.log" 2>&1 &
MANAGER_PID=$!
READY=false
while (( SECONDS - START < TIMEOUT )); do
  if grep -q "All 3 machines Ready" "$OUT/sandbox.log"; then READY=true; break; fi
  kill -0 "$SANDBOX_PID" 2>/dev/null || break
  kill -0 "$MANAGER_PID" 2>/dev/null || { tail -n 40 "$OUT/manager.log"; fail "capmaas manager exited"; }
  sleep 0.5
done
READY_SECONDS=$((SECONDS - START))
[[ "$READY" == true ]] || { tail -n 40 "$OUT/sandbox.log" "$OUT/manager.log"; fail "the example did not report 'All 3 machines Ready' within ${TIMEOUT}s"; }
# SIGTERM (what Kubernetes sends) must stop the manager cleanly: exit 0 within 5 s.
kill -TERM "$MANAGER_PID"
for _ in $(seq 1 50); do kill -0 "$MANAGER_PID" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$MANAGER_PID" 2>/dev/null || fail "capmaas manager still running 5 s after SIGTERM"
STOP_STATUS=0
wait "$MANAGER_PID" || STOP_STATUS=$?
MANAGER_PID=""
stop "$SANDBOX_PID"; SANDBOX_PID=""
rm -rf "$WORK"
[[ "$STOP_STATUS" == 0 ]] || { tail -n 20 "$OUT/manager.log"; fail "capmaas manager exited with status $STOP_STATUS on SIGTERM"; }

# What the Containerfile ships: debug info stripped (symbols kept for readable crash backtraces).
STRIPPED="$OUT/capmaas.stripped"
strip --strip-debug -o "$STRIPPED" "$BIN"
"$STRIPPED" --help >/dev/null || fail "the stripped binary does not run"

echo
echo "release build:        ${BUILD_SECONDS}s"
echo "binary:               $BIN"
echo "binary size:          $(stat -c %s "$BIN") bytes ($(du -h "$BIN" | cut -f1)); --strip-debug (image): $(stat -c %s "$STRIPPED") bytes ($(du -h "$STRIPPED" | cut -f1))"
echo "test bed:             ${LINK_CHECK#PASS: }"
echo "manager:              all 3 machines Ready after ${READY_SECONDS}s; SIGTERM → exit 0"
echo "link order:           $FOUND of $ORDERED functions of hack/link-order/capmaas.order are in the binary"
echo "ldd:"
ldd "$BIN" 2>&1 | sed 's/^/  /' || true
echo "PASS: check-release-binary"
