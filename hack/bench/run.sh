#!/usr/bin/env bash
# Scale benchmark: capmaas-sandbox (no controller) + capmaas manager as a separate process.
# Usage: hack/bench/run.sh [--machines 100|1000] [--timings instant|realistic] [--binary PATH (capmaas-sandbox)] [--runs R]
#                          [--manager-binary PATH (capmaas; default: next to --binary)] [--idle-seconds S] [--manager-args "--kube-api-qps 100 ..."] [--sim-sample 0.25] [--timeout 600] [--settle-seconds 0] [--prebootstrap]
#                          [--no-delete (skip the deletion phase)] [--delete-timeout S (default: --timeout)]
# Prints a Markdown table and writes it to hack/out/bench/results-<n>-<timings>.md (raw runs: *.run<i>.json).
# Exits non-zero when a run fails (e.g. its deletion does not converge); the table still shows the runs that wrote figures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MACHINES=100 TIMINGS=instant BINARY="" MANAGER_BINARY="" RUNS=1 IDLE=60 MANAGER_ARGS="" SUFFIX="" SAMPLE=0.25 TIMEOUT=600 SETTLE=0 PRE="" NODELETE="" DELTIMEOUT=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --machines) MACHINES="$2"; shift 2 ;;
    --timings) TIMINGS="$2"; shift 2 ;;
    --binary) BINARY="$2"; shift 2 ;;
    --manager-binary) MANAGER_BINARY="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --idle-seconds) IDLE="$2"; shift 2 ;;
    --manager-args) MANAGER_ARGS="$2"; shift 2 ;;
    --suffix) SUFFIX="$2"; shift 2 ;;
    --sim-sample) SAMPLE="$2"; shift 2 ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --settle-seconds) SETTLE="$2"; shift 2 ;;
    --prebootstrap) PRE="--prebootstrap"; shift ;;
    --no-delete) NODELETE="--no-delete"; shift ;;
    --delete-timeout) DELTIMEOUT="$2"; shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ -z "$BINARY" ]]; then
  # The shipped build first (hack/build-release.sh --scratch-path .build-release, as hack/check-release-binary.sh does):
  # capmaas-sandbox, with the manager's capmaas beside it.
  for dir in "$ROOT/.build-release/release" "$ROOT/.build/release" "$ROOT/.build/debug"; do
    if [[ -x "$dir/capmaas-sandbox" && -x "$dir/capmaas" ]]; then BINARY="$dir/capmaas-sandbox"; break; fi
  done
  [[ -n "$BINARY" ]] || { echo "no capmaas-sandbox and capmaas binaries: run 'hack/build-release.sh --scratch-path .build-release' and the same with '--product capmaas-sandbox', or pass --binary" >&2; exit 2; }
fi
# The processes run in a scratch directory: make the paths absolute.
BINARY="$(realpath "$BINARY")"; [[ -n "$MANAGER_BINARY" ]] && MANAGER_BINARY="$(realpath "$MANAGER_BINARY")"
# Label the build kind: a debug binary is several times slower, so figures must say which one they came from.
if [[ "$BINARY" == *release* ]]; then KIND=release; elif [[ "$BINARY" == *debug* ]]; then KIND=debug; else KIND="$(basename "$BINARY")"; fi
LABEL="$KIND build, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)${MANAGER_ARGS:+, manager $MANAGER_ARGS}"
OUT="$ROOT/hack/out/bench"
mkdir -p "$OUT"
BASE="$OUT/results-$MACHINES-$TIMINGS$SUFFIX"
FILES=() FAILED=0
for i in $(seq 1 "$RUNS"); do
  echo "run $i/$RUNS: $MACHINES machines, $TIMINGS deploy, $KIND binary $BINARY" >&2
  rm -f "$BASE.run$i.json"
  rc=0
  python3 "$ROOT/hack/bench/bench.py" --binary "$BINARY" --root "$ROOT" --machines "$MACHINES" --timings "$TIMINGS" \
    --idle-seconds "$IDLE" --label "$LABEL" --manager-args="$MANAGER_ARGS" \
    ${MANAGER_BINARY:+--manager-binary "$MANAGER_BINARY"} --sim-sample "$SAMPLE" --timeout "$TIMEOUT" --settle-seconds "$SETTLE" $PRE \
    $NODELETE ${DELTIMEOUT:+--delete-timeout "$DELTIMEOUT"} --out "$BASE.run$i.json" || rc=$?
  [[ -f "$BASE.run$i.json" ]] && FILES+=("$BASE.run$i.json")
  # A failed run stops the bench (as before); its figures, if it wrote any, still go into the table.
  if [[ $rc -ne 0 ]]; then echo "run $i/$RUNS FAILED (exit $rc)" >&2; FAILED=$rc; break; fi
done
if [[ ${#FILES[@]} -gt 0 ]]; then python3 "$ROOT/hack/bench/table.py" "${FILES[@]}" | tee "$BASE.md"; fi
exit "$FAILED"
