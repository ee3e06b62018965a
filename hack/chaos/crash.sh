#!/usr/bin/env bash
# Crash safety: churns Cluster-owned Machine+MaasMachine pairs in waves while SIGKILLing a separately run
# `capmaas manager` at random moments, then leaves a final wanted set, lets it converge and checks from the
# simulator and kubectl: no leaked MAAS machine, no double allocation, every wanted machine Ready, every deleted
# one released. Logs go to hack/out/chaos/crash/.
#   hack/chaos/crash.sh [--machines 100] [--kills 30] [--seconds 180]   (long form: --kills 200)
source "$(dirname "$0")/lib.sh"

MACHINES=100; KILLS=30; CONVERGE=180; TARGETED=1
while (( $# )); do
  case "$1" in
    --machines) MACHINES="$2"; shift 2 ;;
    --kills) KILLS="$2"; shift 2 ;;
    --seconds) CONVERGE="$2"; shift 2 ;;
    --random-only) TARGETED=0; shift ;;
    *) fail "unknown argument $1 (use --machines N --kills N --seconds N --random-only)" ;;
  esac
done

# kill_after_maas_write PID SECONDS: SIGKILLs PID as soon as the simulator counted a MAAS write (from python, to
# keep the delay to a few ms); returns 1 if none came within SECONDS (then nothing was killed).
kill_after_maas_write() {
  python3 - "$SIM/_sim/state" "$1" "$2" <<'PY'
import json, os, signal, sys, time, urllib.request
url, pid, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
writes = ("machines.allocate", "machine.set_workload_annotations", "machine.deploy", "machine.release")
def count():
    calls = json.load(urllib.request.urlopen(url, timeout=2)).get("call_counts", {})
    return sum(calls.get(op, 0) for op in writes)
start = count(); deadline = time.monotonic() + limit
while time.monotonic() < deadline:
    time.sleep(0.002)
    if count() != start:
        os.kill(pid, signal.SIGKILL)
        sys.exit(0)
sys.exit(1)
PY
}

delete_maasmachines() {
  retry5 kubectl delete maasmachines -n "$NS" --wait=false --ignore-not-found "$@" >/dev/null 2>>"$OUT/kubectl.log" || fail "kubectl delete failed"
}

chaos_init crash
chaos_build
WAVES=$(( (KILLS + 1) / 2 ))
WAVE=$(( (MACHINES + WAVES - 1) / WAVES ))
start_sandbox $(( WAVES * WAVE + 20 ))
apply_cluster

step "churn: $KILLS manager kills, $WAVES waves of $WAVE new machines, about half of the live ones deleted between waves"
LIVE=(); CREATED=0; KILLED=0; SEQ=0; TARGET_HITS=0
start_manager manager
for round in $(seq 1 "$KILLS"); do
  if (( round % 2 == 1 )); then
    names=()
    for _ in $(seq 1 "$WAVE"); do SEQ=$((SEQ + 1)); names+=("m-$SEQ"); done
    create_pairs "${names[@]}"
    LIVE+=("${names[@]}"); CREATED=$((CREATED + ${#names[@]}))
  elif (( ${#LIVE[@]} )); then
    mapfile -t shuffled < <(printf '%s\n' "${LIVE[@]}" | shuf)
    half=$(( ${#shuffled[@]} / 2 ))
    # the MaasMachines too: one whose Machine is deleted before the stand-in set its owner reference is never
    # garbage-collected (it has no finalizer and nothing allocated)
    (( half )) && delete_pairs "${shuffled[@]:0:half}" && delete_maasmachines "${shuffled[@]:0:half}"
    LIVE=("${shuffled[@]:half}")
  fi
  # kill at a random moment (sometimes during start-up, sometimes mid-reconcile), or right after a MAAS write
  delay="$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 0.1 + (r % 250) / 100 }')"
  if (( TARGETED && round % 2 == 0 )) && kill_after_maas_write "$MANAGER_PID" 5; then
    TARGET_HITS=$((TARGET_HITS + 1)); KILLED=$((KILLED + 1))
  else
    (( TARGETED && round % 2 == 0 )) || sleep "$delay"
    kill -9 "$MANAGER_PID" 2>/dev/null && KILLED=$((KILLED + 1))
  fi
  wait "$MANAGER_PID" 2>/dev/null || true
  echo "--- SIGKILL $KILLED ---" >>"$OUT/manager.log"
  start_manager manager
done
printf '%s\n' "${LIVE[@]}" >"$OUT/desired.txt"
echo "kills=$KILLED (right after a MAAS write: $TARGET_HITS) created=$CREATED wanted=${#LIVE[@]}"

step "converge (up to ${CONVERGE}s)"
START=$SECONDS
wait_converged "$OUT/desired.txt" "$CONVERGE" || echo "did not converge within ${CONVERGE}s"
echo "converged after $((SECONDS - START))s"
if ! check_invariants "$OUT/desired.txt" --created "$CREATED" | tee "$OUT/result.txt"; then fail "crash safety invariants violated (see $OUT)"; fi
(( KILLED >= KILLS )) || fail "only $KILLED of $KILLS kills landed"

step "delete everything, check all released"
kubectl delete machines -n "$NS" --all --wait=false >/dev/null
kubectl delete maasmachines -n "$NS" --all --wait=false >/dev/null
: >"$OUT/empty.txt"
START=$SECONDS
wait_converged "$OUT/empty.txt" "$CONVERGE" || echo "not all released within ${CONVERGE}s"
echo "released everything after $((SECONDS - START))s"
if ! check_invariants "$OUT/empty.txt" --created "$CREATED" | tee "$OUT/result-deleted.txt"; then fail "machines not released after deleting everything (see $OUT)"; fi
"$CHAOS/scan-secrets.sh" "$OUT" || fail "secrets found in logs"
echo "PASS crash: kills=$KILLED created=$CREATED wanted=${#LIVE[@]} leaks=0 double_allocations=0 shared_machines=0"
