#!/usr/bin/env bash
# Short CI form of the chaos suite (called by .ci/run after the end-to-end step; ~10 min on 2 cores):
#   secrets-scan self-test, crash (30 kills, ~100 machines churned), faults (20 machines), HA (2 managers),
#   bad input (custom resources, MAAS-side cases, malformed JSON), then the secrets scan over every log the
#   end-to-end and chaos runs wrote. Each script has a time limit; the first failure stops the run (exit 1).
# Full output of each script: hack/out/chaos/<name>.out; its logs: hack/out/chaos/<name>/.
#   hack/chaos/ci.sh [--skip crash,faults,ha,bad-input]
set -euo pipefail
DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$DIR/../.." && pwd)"
OUT="$ROOT/hack/out/chaos"
SKIP=","
while (( $# )); do
  case "$1" in
    --skip) SKIP=",$2,"; shift 2 ;;
    *) echo "usage: $0 [--skip crash,faults,ha,bad-input]" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
SUMMARY=()
T0=$SECONDS

# run NAME LIMIT_SECONDS command...: full output to $OUT/NAME.out and the terminal; a summary line per script
run() {
  local name="$1" limit="$2"; shift 2
  if [[ "$SKIP" == *",$name,"* ]]; then SUMMARY+=("$(printf '%-12s %6s  skipped' "$name" -)"); return; fi
  echo; echo "######## [$(date -u +%H:%M:%S)] $name (limit ${limit}s): $*"
  local start=$SECONDS status
  set +e
  timeout --signal=TERM --kill-after=20 "$limit" "$@" 2>&1 | tee "$OUT/$name.out"
  status=${PIPESTATUS[0]}
  set -e
  local took=$((SECONDS - start))
  local last; last="$(grep -E '^(PASS|FAIL)' "$OUT/$name.out" | tail -1 || true)"
  [[ -n "$last" ]] || last="$(tail -n 1 "$OUT/$name.out")"
  if (( status != 0 )); then
    (( status == 124 || status == 137 )) && last="FAIL: time limit of ${limit}s reached"
    SUMMARY+=("$(printf '%-12s %5ss  %s' "$name" "$took" "${last:-FAIL (exit $status)}")")
    summary
    echo "FAIL chaos CI: $name (exit $status; output $OUT/$name.out, logs $OUT/$name/)" >&2
    exit 1
  fi
  SUMMARY+=("$(printf '%-12s %5ss  %s' "$name" "$took" "$last")")
}
summary() { # also kept in $OUT/ci-summary.txt
  { echo; echo "######## chaos CI summary ($((SECONDS - T0))s)"; printf '%s\n' "${SUMMARY[@]}"; } | tee "$OUT/ci-summary.txt"
}

run self-test 60 "$DIR/scan-secrets.sh" --self-test
run crash 900 "$DIR/crash.sh" --machines 100 --kills 30 --seconds 180
run faults 600 "$DIR/faults.sh" --machines 20 --seconds 240
run ha 420 "$DIR/ha.sh" --machines 10 --seconds 120
run bad-input 420 "$DIR/bad-input.sh"
# every log of this run and of the end-to-end scripts (hack/out/e2e, when .ci/run ran them first)
DIRS=()
for d in "$ROOT/hack/out/e2e" "$OUT/crash" "$OUT/faults" "$OUT/ha" "$OUT/bad-input"; do [[ -d "$d" ]] && DIRS+=("$d"); done
run scan-all 120 env -u KUBECONFIG "$DIR/scan-secrets.sh" "${DIRS[@]}"
summary
echo "PASS chaos CI ($((SECONDS - T0))s)" | tee -a "$OUT/ci-summary.txt"
