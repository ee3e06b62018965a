#!/usr/bin/env bash
# Faults: 20 % of MAAS calls fail (500, 503 + Retry-After, 409 + Retry-After, timeouts, resets), watch streams
# are cut every 3 s plus forced 410s, 10 % of writes are answered 409. Creates N machines, waits for
# convergence, deletes them, waits; checks no leaks and bounded MAAS calls per machine (no hot loop).
#   hack/chaos/faults.sh [--machines 20] [--seconds 240] [--max-calls-per-machine 40]
source "$(dirname "$0")/lib.sh"

MACHINES=20; CONVERGE=240; MAX_CALLS=40; MAX_ALLOCATE=2
while (( $# )); do
  case "$1" in
    --machines) MACHINES="$2"; shift 2 ;;
    --seconds) CONVERGE="$2"; shift 2 ;;
    --max-calls-per-machine) MAX_CALLS="$2"; shift 2 ;;
    *) fail "unknown argument $1" ;;
  esac
done

chaos_init faults
chaos_build
start_sandbox $(( MACHINES + 10 ))
apply_cluster

step "inject faults: MAAS 20 % mixed; watches cut every 3 s, 2 forced 410s, 10 % of writes 409"
curl -sf -X POST "$SIM/_sim/faults" -H 'Content-Type: application/json' \
  -d '{"rate":0.2,"kinds":["serverError","unavailable","conflictRetry","timeout","reset"],"next":[],"latencyMilliseconds":0,"timeoutHoldMilliseconds":2000,"down":false,"downResets":false}' >/dev/null \
  || fail "cannot set simulator faults"
printf '{"cutWatchesEverySeconds":3,"expireNextWatches":2,"conflictWriteFraction":0.1}' >"$OUT/sandbox-faults.json"
kubectl create --raw /sandbox/v1/faults -f "$OUT/sandbox-faults.json" >/dev/null || fail "cannot set sandbox faults"
curl -sf -X POST "$SIM/_sim/reset-counters" >/dev/null || true
start_manager manager

step "create $MACHINES machines"
names=(); for i in $(seq 1 "$MACHINES"); do names+=("f-$i"); done
create_pairs "${names[@]}"
printf '%s\n' "${names[@]}" >"$OUT/desired.txt"
START=$SECONDS
wait_converged "$OUT/desired.txt" "$CONVERGE" || echo "did not converge within ${CONVERGE}s"
echo "all Ready after $((SECONDS - START))s"
if ! check_invariants "$OUT/desired.txt" --created "$MACHINES" | tee "$OUT/result-created.txt"; then fail "not converged under faults (see $OUT)"; fi

step "delete all"
for name in "${names[@]}"; do delete_pairs "$name"; done  # one per call: 10 % of writes get a 409
: >"$OUT/empty.txt"
START=$SECONDS
wait_converged "$OUT/empty.txt" "$CONVERGE" || echo "did not converge within ${CONVERGE}s"
echo "all released after $((SECONDS - START))s"
if ! check_invariants "$OUT/empty.txt" --created "$MACHINES" --max-calls-per-machine "$MAX_CALLS" \
  --max-allocate-per-machine "$MAX_ALLOCATE" | tee "$OUT/result.txt"; then fail "leaks or unbounded MAAS calls under faults (see $OUT)"; fi
"$CHAOS/scan-secrets.sh" "$OUT" || fail "secrets found in logs"
echo "PASS faults: machines=$MACHINES leaks=0 bound: ≤ $MAX_CALLS MAAS calls and ≤ $MAX_ALLOCATE allocate per machine"
