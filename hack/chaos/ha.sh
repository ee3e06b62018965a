#!/usr/bin/env bash
# HA: two managers with leader election. Checks from the sandbox audit log (writes by User-Agent, which carries
# the leader-election identity) that only the leader writes MaasMachines, SIGKILLs the leader, measures the
# takeover (must be ≤ 20 s) and checks convergence with no double allocation. Logs: hack/out/chaos/ha/.
#   hack/chaos/ha.sh [--machines 10] [--seconds 120]
source "$(dirname "$0")/lib.sh"

MACHINES=10; CONVERGE=120
while (( $# )); do
  case "$1" in
    --machines) MACHINES="$2"; shift 2 ;;
    --seconds) CONVERGE="$2"; shift 2 ;;
    *) fail "unknown argument $1" ;;
  esac
done
LEASE=capmaas-controller-leader-election

chaos_init ha
chaos_build
start_sandbox $(( MACHINES * 2 + 10 ))
apply_cluster
holder() { kubectl get lease -n capmaas-system "$LEASE" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true; }
# writes to maasmachines (incl. status) by a User-Agent containing $1, from audit entry $2 on
writes_by() {
  kubectl get --raw /sandbox/v1/audit | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"][int(sys.argv[2]):]
print(sum(1 for e in items if e["resource"].startswith("maasmachines") and sys.argv[1] in (e.get("userAgent") or "")))' "$1" "$2"
}
audit_length() { kubectl get --raw /sandbox/v1/audit | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))'; }

step "start two managers with --leader-elect"
start_manager manager-a --leader-elect --leader-election-namespace capmaas-system; PID_A=$MANAGER_PID
start_manager manager-b --leader-elect --leader-election-namespace capmaas-system; PID_B=$MANAGER_PID
for _ in $(seq 1 60); do [[ -n "$(holder)" ]] && break; sleep 0.5; done
LEADER="$(holder)"; [[ -n "$LEADER" ]] || fail "no leader elected within 30 s"
if grep -qF "$LEADER" "$OUT/manager-a.log"; then LEADER_PID=$PID_A; FOLLOWER_PID=$PID_B; FOLLOWER_LOG=manager-b
elif grep -qF "$LEADER" "$OUT/manager-b.log"; then LEADER_PID=$PID_B; FOLLOWER_PID=$PID_A; FOLLOWER_LOG=manager-a
else fail "leader identity $LEADER not found in either manager's log"; fi
echo "leader: $LEADER (pid $LEADER_PID, follower $FOLLOWER_LOG)"

step "create $MACHINES machines under the first leader"
names=(); for i in $(seq 1 "$MACHINES"); do names+=("ha-$i"); done
create_pairs "${names[@]}"
printf '%s\n' "${names[@]}" >"$OUT/desired.txt"
wait_converged "$OUT/desired.txt" "$CONVERGE" || fail "did not converge under the first leader"
LEADER_WRITES=$(writes_by "$LEADER" 0)
OTHER_WRITES="$(kubectl get --raw /sandbox/v1/audit | python3 -c '
import json, sys
print(sum(1 for e in json.load(sys.stdin)["items"] if e["resource"].startswith("maasmachines")
          and "capmaas" in (e.get("userAgent") or "") and "(" in (e.get("userAgent") or "") and sys.argv[1] not in e["userAgent"]))' "$LEADER")"
echo "maasmachine writes: leader=$LEADER_WRITES other manager=$OTHER_WRITES"
(( LEADER_WRITES > 0 )) || fail "the leader's writes are not in the audit (User-Agent missing?)"
(( OTHER_WRITES == 0 )) || fail "the non-leader wrote $OTHER_WRITES MaasMachines"

step "SIGKILL the leader; the follower must take over within 20 s"
MARK=$(audit_length)
KILLED_AT=$(date +%s.%N)
kill -9 "$LEADER_PID"
NEW=""
for _ in $(seq 1 120); do
  h="$(holder)"; if [[ -n "$h" && "$h" != "$LEADER" ]]; then NEW="$h"; break; fi
  sleep 0.25
done
TAKEOVER=$(python3 -c "import time; print(f'{time.time() - $KILLED_AT:.1f}')")
[[ -n "$NEW" ]] || fail "no takeover within 30 s"
grep -qF "$NEW" "$OUT/$FOLLOWER_LOG.log" || fail "new holder $NEW is not the follower"
echo "takeover after ${TAKEOVER}s by $NEW"
python3 -c "import sys; sys.exit(0 if $TAKEOVER <= 20 else 1)" || fail "takeover took ${TAKEOVER}s > 20 s"

step "churn under the new leader: delete 3, add $MACHINES"
delete_pairs ha-1 ha-2 ha-3
more=(); for i in $(seq 1 "$MACHINES"); do more+=("hb-$i"); done
create_pairs "${more[@]}"
printf '%s\n' "${names[@]:3}" "${more[@]}" >"$OUT/desired.txt"
wait_converged "$OUT/desired.txt" "$CONVERGE" || echo "did not converge within ${CONVERGE}s"
if ! check_invariants "$OUT/desired.txt" --created $(( MACHINES * 2 )) | tee "$OUT/result.txt"; then fail "HA invariants violated"; fi
NEW_WRITES=$(writes_by "$NEW" "$MARK"); OLD_WRITES=$(writes_by "$LEADER" "$MARK")
echo "maasmachine writes after the kill: new leader=$NEW_WRITES old leader=$OLD_WRITES"
(( NEW_WRITES > 0 && OLD_WRITES == 0 )) || fail "writes after takeover not only by the new leader"
"$CHAOS/scan-secrets.sh" "$OUT" || fail "secrets found in logs"
echo "PASS ha: takeover=${TAKEOVER}s leader_writes=$LEADER_WRITES follower_writes_before=0 new_leader_writes=$NEW_WRITES double_allocations=0"
