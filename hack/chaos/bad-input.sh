#!/usr/bin/env bash
# Bad input, end to end against `capmaas-sandbox` and a separately started `capmaas manager`:
#  1. invalid custom resources are refused by kubectl with their messages (every case is listed);
#  2. MAAS-side bad input, each case in its own namespace (with its own credentials Secret where the case needs
#     one): bad MAAS key, MAAS unreachable (refused; connections closed), unknown zone/pool/tag, image with no
#     boot resource, oversized user data; then malformed MAAS JSON (simulator fault `malformedJSON`). Each
#     MaasMachine must end with a specific MachineDeployed reason and message, the manager must not crash, and
#     the MAAS calls counted over a window (simulator counters incl. rejected and faulted calls, plus accepted
#     connections of the closing endpoint) prove backoff, not a hot loop;
#  3. after MAAS answers properly again the malformed-JSON machine gets Ready; everything deleted → nothing left
#     allocated; the secrets scan finds nothing. Logs: hack/out/chaos/bad-input/.
#   hack/chaos/bad-input.sh [--window 30] [--max-calls 10]
#   (--max-calls: MAAS calls per failing machine per window besides the poller's one list per interval; a hot loop
#   makes hundreds)
source "$(dirname "$0")/lib.sh"

WINDOW=30; MAX_CALLS=10; WAIT=90
while (( $# )); do
  case "$1" in
    --window) WINDOW="$2"; shift 2 ;;
    --max-calls) MAX_CALLS="$2"; shift 2 ;;
    *) fail "unknown argument $1 (use --window SECONDS --max-calls N)" ;;
  esac
done
T0=$SECONDS
chaos_init bad-input
chaos_build
start_sandbox 12
apply_cluster

step "1. invalid custom resources (kubectl, refused at admission)"
mm() { # name spec-yaml
  printf 'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1\nkind: MaasMachine\nmetadata: {name: %s, namespace: %s}\nspec: %s\n' "$1" "$NS" "$2"
}
FAILED=0; REFUSED=0
refused() { # label expected-text command...
  local label="$1" expected="$2"; shift 2
  local out
  if out="$("$@" 2>&1)"; then echo "  ACCEPTED (bad): $label"; FAILED=1; return; fi
  if grep -qF -- "$expected" <<<"$out"; then
    printf '  %-34s refused: %s\n' "$label" "$(grep -F -- "$expected" <<<"$out" | tail -1 | sed 's/^ *//' | cut -c1-200)"
    REFUSED=$((REFUSED + 1))
  else echo "  WRONG MESSAGE: $label (expected '$expected'): $out"; FAILED=1; fi
}
apply() { kubectl apply -f - "$@"; }
refused "negative minCPU" "minCPU" apply <<<"$(mm a '{image: ubuntu/jammy, minCPU: -1, minMemory: 4096}')"
refused "negative minMemory" "minMemory" apply <<<"$(mm a '{image: ubuntu/jammy, minCPU: 2, minMemory: -5}')"
refused "minCPU not a number" "minCPU" apply <<<"$(mm a '{image: ubuntu/jammy, minCPU: two, minMemory: 4096}')"
refused "missing minCPU" "minCPU" apply <<<"$(mm a '{image: ubuntu/jammy, minMemory: 4096}')"
refused "missing image" "image" apply <<<"$(mm a '{minCPU: 2, minMemory: 4096}')"
refused "empty image" "image" apply <<<"$(mm b '{image: "", minCPU: 2, minMemory: 4096}')"
refused "empty tag" "tags" apply <<<"$(mm a '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096, tags: [""]}')"
refused "lxd.enabled true" "LXD VM hosts" apply <<<"$(mm c '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096, lxd: {enabled: true}}')"
refused "unknown field (strict)" "bogus" apply --validate=strict <<<"$(mm d '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096, bogus: 1}')"
refused "MaasCluster without dnsDomain" "dnsDomain" apply <<<"$(printf 'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1\nkind: MaasCluster\nmetadata: {name: x, namespace: %s}\nspec: {}\n' "$NS")"
refused "MaasCluster lxdConfig.enabled" "LXD host control planes" apply <<<"$(printf 'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1\nkind: MaasCluster\nmetadata: {name: x, namespace: %s}\nspec: {dnsDomain: maas, lxdConfig: {enabled: true}}\n' "$NS")"
mm e '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096}' | kubectl apply -f - >/dev/null
refused "image change" "image is immutable" kubectl patch maasmachine -n "$NS" e --type=merge -p '{"spec":{"image":"ubuntu/noble"}}'
refused "minCPU change" "minCPU is immutable" kubectl patch maasmachine -n "$NS" e --type=merge -p '{"spec":{"minCPU":4}}'
refused "minMemory change" "minMemory is immutable" kubectl patch maasmachine -n "$NS" e --type=merge -p '{"spec":{"minMemory":8192}}'
refused "dnsDomain change" "dnsDomain is immutable" kubectl patch maascluster -n "$NS" chaos --type=merge -p '{"spec":{"dnsDomain":"other"}}'
kubectl delete maasmachine -n "$NS" e --wait=false >/dev/null
(( FAILED == 0 )) || fail "some invalid resources were not refused with their message"
echo "custom resources: $REFUSED invalid cases refused with their messages"

step "2. MAAS-side bad input, one namespace per case"
# a port nobody listens on (connection refused) and one that accepts and closes at once, counting connections
REFUSED_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 - "$OUT/closer" <<'PY' &
import socket, sys, os
path = sys.argv[1]
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 0)); s.listen(64)
open(path + ".port", "w").write(str(s.getsockname()[1]))
n = 0
while True:
    c, _ = s.accept(); c.close(); n += 1
    open(path + ".tmp", "w").write(str(n)); os.replace(path + ".tmp", path + ".count")
PY
CLOSER_PID=$!
trap 'kill "$CLOSER_PID" 2>/dev/null || true; rm -rf "${INPUT:-/nonexistent}"; chaos_cleanup' EXIT
for _ in $(seq 1 50); do [[ -s "$OUT/closer.port" ]] && break; sleep 0.1; done
CLOSER_PORT="$(cat "$OUT/closer.port")"; [[ -n "$CLOSER_PORT" ]] || fail "the closing listener did not start"
closer_count() { cat "$OUT/closer.count" 2>/dev/null || echo 0; }

# case namespace → spec, credentials (endpoint|key or empty = the manager's), bootstrap data size
NORMAL='{image: ubuntu/jammy, minCPU: 2, minMemory: 4096}'
# kubectl create -f (JSON bodies): `kubectl create namespace|secret` send protobuf, which the sandbox does not read
# With CUSTOM_ENDPOINT=1 the Cluster has its own controlPlaneEndpoint (no MAAS DNS record), so the cluster is
# provisioned without MAAS and the MaasMachine itself meets the bad credentials.
cluster_case() { # namespace spec endpoint key userdata-file
  local ns="$1" spec="$2" endpoint="$3" key="$4" data="$5" cpe=""
  [[ "${CUSTOM_ENDPOINT:-0}" == 1 ]] && cpe="
  controlPlaneEndpoint: {host: api.$ns.example, port: 6443}"
  python3 - "$ns" "$endpoint" "$key" "$data" <<'PY' | kubectl create -f - >/dev/null
import base64, json, sys
ns, endpoint, key, data = sys.argv[1:5]
items = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}]
if endpoint:
    items.append({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "capmaas-manager-bootstrap-credentials", "namespace": ns},
                  "stringData": {"MAAS_ENDPOINT": endpoint, "MAAS_API_KEY": key}})
items.append({"apiVersion": "v1", "kind": "Secret", "type": "cluster.x-k8s.io/secret", "metadata": {"name": "bootstrap-data", "namespace": ns},
              "data": {"value": base64.b64encode(open(data, "rb").read()).decode()}})
print("\n".join(json.dumps(i) for i in items))
PY
  kubectl create -f - >/dev/null <<YAML
apiVersion: cluster.x-k8s.io/v1beta2
kind: Cluster
metadata: {name: c, namespace: $ns}
spec:
  clusterNetwork: {apiServerPort: 6443}$cpe
  infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: MaasCluster, name: c}
---
apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: MaasCluster
metadata: {name: c, namespace: $ns}
spec: {dnsDomain: maas}
---
apiVersion: cluster.x-k8s.io/v1beta2
kind: Machine
metadata: {name: m, namespace: $ns, labels: {cluster.x-k8s.io/cluster-name: c}}
spec:
  clusterName: c
  version: v1.33.1
  bootstrap: {dataSecretName: bootstrap-data}
  infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: MaasMachine, name: m}
---
apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: MaasMachine
metadata: {name: m, namespace: $ns, labels: {cluster.x-k8s.io/cluster-name: c}}
spec: $spec
YAML
}
# inputs live outside the log directory: they are user data, which the secrets scan rightly flags
INPUT="$(mktemp -d)"
printf '#cloud-config\nruncmd: [echo bad-input]\n' >"$INPUT/small-userdata"
{ printf '#cloud-config\n'; for _ in $(seq 1 14000); do printf '# padding padding padding padding padding padding padding padding padding pad\n'; done; } >"$INPUT/big-userdata"
WRONG_KEY="$(head -c 200 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 18):wrongtoken:wrongsecret"
# expected: namespace|reason|text the message must contain ("" = any non-empty message). The MaasMachine's
# MachineDeployed condition, or with reason cluster:R the MaasCluster's LoadBalancerReady condition (the DNS path:
# without a custom endpoint the cluster needs MAAS first and its machines wait for it).
CASES=(
  "bi-bad-key|MaasCredentialsInvalid|"
  "bi-unreachable|MaasUnreachable|connection refused by 127.0.0.1:"
  "bi-closes|MaasUnreachable|"
  "bi-bad-key-dns|cluster:MaasCredentialsInvalid|"
  "bi-unreachable-dns|cluster:MaasUnreachable|connection refused by 127.0.0.1:"
  "bi-zone|InvalidMachineSpec|no-such-zone"
  "bi-pool|InvalidMachineSpec|no-such-pool"
  "bi-tag|InvalidMachineSpec|no-such-tag"
  "bi-image|InvalidMachineSpec|nosuchseries"
  "bi-userdata|InvalidBootstrapData|1 MiB"
)
CUSTOM_ENDPOINT=1 cluster_case bi-bad-key "$NORMAL" "$SIM/MAAS" "$WRONG_KEY" "$INPUT/small-userdata"
CUSTOM_ENDPOINT=1 cluster_case bi-unreachable "$NORMAL" "http://127.0.0.1:$REFUSED_PORT/MAAS" "$WRONG_KEY" "$INPUT/small-userdata"
CUSTOM_ENDPOINT=1 cluster_case bi-closes "$NORMAL" "http://127.0.0.1:$CLOSER_PORT/MAAS" "$WRONG_KEY" "$INPUT/small-userdata"
cluster_case bi-bad-key-dns "$NORMAL" "$SIM/MAAS" "$WRONG_KEY" "$INPUT/small-userdata"
cluster_case bi-unreachable-dns "$NORMAL" "http://127.0.0.1:$REFUSED_PORT/MAAS" "$WRONG_KEY" "$INPUT/small-userdata"
cluster_case bi-zone '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096, failureDomain: no-such-zone}' "" "" "$INPUT/small-userdata"
cluster_case bi-pool '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096, resourcePool: no-such-pool}' "" "" "$INPUT/small-userdata"
cluster_case bi-tag '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096, tags: [no-such-tag]}' "" "" "$INPUT/small-userdata"
cluster_case bi-image '{image: ubuntu/nosuchseries, minCPU: 2, minMemory: 4096}' "" "" "$INPUT/small-userdata"
cluster_case bi-userdata "$NORMAL" "" "" "$INPUT/big-userdata"
start_manager manager

# conditions CASE...: prints "namespace reason message" per case and returns 0 when every case has its reason
conditions() {
  kubectl get maasmachines,maasclusters -A -o json >"$OUT/conditions.json" 2>>"$OUT/kubectl.log" || return 1
  python3 - "$OUT/conditions.json" "$@" <<'PY'
import json, sys
items = {(m["kind"], m["metadata"]["namespace"]): m for m in json.load(open(sys.argv[1]))["items"]}
ok = True
for case in sys.argv[2:]:
    ns, reason, text = case.split("|")
    kind, ctype = ("MaasCluster", "LoadBalancerReady") if reason.startswith("cluster:") else ("MaasMachine", "MachineDeployed")
    reason = reason.removeprefix("cluster:")
    conds = {c["type"]: c for c in (items.get((kind, ns), {}).get("status") or {}).get("conditions", [])}
    c = conds.get(ctype, {})
    ready = conds.get("Ready", {}).get("status", "-")
    good = c.get("reason") == reason and c.get("status") == "False" and bool(c.get("message")) and text in c.get("message", "")
    ok = ok and good
    print(f"  {ns:<18} {'ok ' if good else 'BAD'} {kind} {ctype}={c.get('status', '-')} reason={c.get('reason', '-'):<24} "
          f"Ready={ready:<5} message: {(c.get('message') or '-')[:200]}  (expected {reason}{': ' + text if text else ''})")
sys.exit(0 if ok else 1)
PY
}
wait_conditions() { # seconds case...
  local deadline=$((SECONDS + $1)); shift
  while (( SECONDS < deadline )); do
    conditions "$@" >/dev/null && return 0
    kill -0 "$MANAGER_PID" 2>/dev/null || { tail -30 "$OUT/manager.log"; fail "the manager exited (crash?)"; }
    sleep 2
  done
  return 1
}
sim_calls() { curl -sf "$SIM/_sim/state" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["call_counts"]))'; }
manager_alive() {
  kill -0 "$MANAGER_PID" 2>/dev/null || { tail -30 "$OUT/manager.log"; fail "the manager exited (crash?)"; }
  ! grep -qE 'Fatal error|Segmentation fault|panic|Illegal instruction' "$OUT/manager.log" || fail "crash signature in the manager log"
}
audit_length() { kubectl get --raw /sandbox/v1/audit | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))'; }
# audit_writes FROM: the manager's writes to MaasMachines/MaasClusters per namespace since audit entry FROM (sandbox audit)
audit_writes() {
  kubectl get --raw /sandbox/v1/audit | python3 -c '
import collections, json, sys
items = json.load(sys.stdin)["items"][int(sys.argv[1]):]
c = collections.Counter((e.get("namespace") or "-") + ":" + e["resource"].split("/")[0] for e in items
                        if e["resource"].startswith(("maasmachines", "maasclusters")) and "capmaas" in (e.get("userAgent") or ""))
print("    Kubernetes writes by the manager in the window (sandbox audit): "
      + (", ".join(f"{k}={v}" for k, v in sorted(c.items())) or "none"))' "$1"
}
# window LABEL FAILING_MACHINES: counts MAAS calls (by op) and closed connections over $WINDOW s; fails above a bound:
# the poller's list (machines.read) at most one per poll interval (1 s) + 5; every other call, and the connections to
# the closing endpoint, at most $MAX_CALLS per failing machine; the closing endpoint alone (one MaasMachine) ≤ 4/s.
window() {
  curl -sf -X POST "$SIM/_sim/reset-counters" >/dev/null || fail "cannot reset the simulator counters"
  local c0 a0; c0=$(closer_count); a0=$(audit_length)
  sleep "$WINDOW"
  local calls; calls="$(sim_calls)"
  local closed=$(( $(closer_count) - c0 ))
  audit_writes "$a0"
  python3 - "$1" "$2" "$WINDOW" "$MAX_CALLS" "$closed" "$calls" <<'PY'
import json, sys
label, machines, window, bound, closed, calls = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), json.loads(sys.argv[6])
polls = calls.get("machines.read", 0)
other = sum(calls.values()) - polls + closed
per = other / max(machines, 1)
ops = ", ".join(f"{k}={v}" for k, v in sorted(calls.items(), key=lambda kv: -kv[1])) or "none"
ok = polls <= window + 5 and per <= bound and closed <= 4 * window
print(f"  {label}: MAAS calls in {window:g}s by op: {ops}; connections to the closing endpoint: {closed}")
print(f"    list calls (machines.read, poller + adoption lists) {polls} (bound {window + 5:g}: one per 1 s poll interval + 5); "
      f"other calls {other} for {machines} failing machines = {per:.1f}/machine (bound {bound:g})")
if closed:
    print(f"    closing endpoint (one MaasMachine): {closed / window:.2f} connections/s (bound 4/s)")
print(f"    {'ok' if ok else 'OVER THE BOUND (hot loop?)'}")
sys.exit(0 if ok else 1)
PY
}

step "wait for each case's condition (up to ${WAIT}s)"
START=$SECONDS
wait_conditions "$WAIT" "${CASES[@]}" || true
echo "conditions after $((SECONDS - START))s:"
conditions "${CASES[@]}" || fail "not every case ended in its specific reason and message (see $OUT)"
manager_alive
step "backoff: MAAS calls over ${WINDOW}s with ${#CASES[@]} failing machines"
window "MAAS-side bad input" "${#CASES[@]}" || fail "hot loop: more than $MAX_CALLS MAAS calls per failing machine in ${WINDOW}s"
conditions "${CASES[@]}" >/dev/null || fail "a case's condition changed during the window"
manager_alive

step "credentials fixed (namespace Secrets deleted → the manager's), all cases deleted: every deletion must complete"
for c in "${CASES[@]}"; do
  ns="${c%%|*}"
  kubectl delete secret -n "$ns" capmaas-manager-bootstrap-credentials --ignore-not-found >/dev/null
  kubectl delete cluster,machines --all -n "$ns" --wait=false >/dev/null
done
START=$SECONDS
for _ in $(seq 1 $WAIT); do [[ "$(kubectl get maasmachines -A -o name 2>/dev/null | grep -c '^')" == 0 ]] && break; sleep 1; done
left="$(kubectl get maasmachines -A -o name 2>/dev/null | grep -c '^' || true)"
if [[ "$left" != 0 ]]; then
  # Which ones, and where each is stuck (deletion requested? finalizers? its owner Machine? conditions).
  kubectl get maasmachines,machines -A -o yaml >"$OUT/stuck.yaml" 2>&1 || true
  kubectl get maasmachines -A -o custom-columns='NS:.metadata.namespace,NAME:.metadata.name,DELETING:.metadata.deletionTimestamp,FINALIZERS:.metadata.finalizers,REASON:.status.conditions[?(@.type=="MachineDeployed")].reason' 2>&1 | sed 's/^/    /'
  fail "$left MaasMachines not deleted within ${WAIT}s after the credentials were fixed (objects in $OUT/stuck.yaml)"
fi
echo "  all ${#CASES[@]} cases' MaasMachines deleted after $((SECONDS - START))s"

step "3. malformed MAAS JSON (every MAAS answer a truncated 200)"
curl -sf -X POST "$SIM/_sim/faults" -H 'Content-Type: application/json' -d '{"rate":1,"kinds":["malformedJSON"]}' >/dev/null \
  || fail "cannot set the malformedJSON fault"
MALFORMED=("bi-malformed|MaasUnreachable|" "bi-malformed-dns|cluster:MaasUnreachable|")
CUSTOM_ENDPOINT=1 cluster_case bi-malformed "$NORMAL" "" "" "$INPUT/small-userdata"
cluster_case bi-malformed-dns "$NORMAL" "" "" "$INPUT/small-userdata"
START=$SECONDS
wait_conditions "$WAIT" "${MALFORMED[@]}" || true
echo "conditions after $((SECONDS - START))s:"
conditions "${MALFORMED[@]}" || fail "malformed MAAS JSON did not end in its reason and message"
manager_alive
window "malformed JSON" 2 || fail "hot loop on malformed MAAS JSON"
curl -sf -X POST "$SIM/_sim/faults" -H 'Content-Type: application/json' -d '{"rate":0}' >/dev/null
echo "MAAS answers properly again: the machine must get Ready"
printf 'm\n' >"$OUT/desired-malformed.txt"
START=$SECONDS
for _ in $(seq 1 $((WAIT / 2))); do
  [[ "$(kubectl get maasmachine -n bi-malformed m -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == True ]] && break
  sleep 2
done
[[ "$(kubectl get maasmachine -n bi-malformed m -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" == True ]] \
  || fail "the malformed-JSON case did not recover after the fault was cleared"
echo "  bi-malformed Ready after $((SECONDS - START))s"

step "delete everything; nothing may stay allocated"
kubectl delete cluster,machines --all -n bi-malformed --wait=false >/dev/null
kubectl delete cluster,machines --all -n bi-malformed-dns --wait=false >/dev/null
kubectl delete machines,maasmachines --all -n "$NS" --wait=false >/dev/null 2>&1 || true
for _ in $(seq 1 60); do
  owned="$(curl -sf "$SIM/_sim/state" | python3 -c 'import json,sys; print(sum(1 for m in json.load(sys.stdin)["machines"] if m.get("owner")))')"
  [[ "$owned" == 0 ]] && break; sleep 1
done
[[ "$owned" == 0 ]] || fail "$owned MAAS machines still allocated after deleting everything"
manager_alive
echo "  owned MAAS machines: 0"
"$CHAOS/scan-secrets.sh" "$OUT" || fail "secrets found in logs"
echo "PASS bad-input ($((SECONDS - T0))s): $REFUSED custom-resource cases refused; $(( ${#CASES[@]} + ${#MALFORMED[@]} )) MAAS cases with their reasons;" \
  "backoff bound ≤ $MAX_CALLS MAAS calls per failing machine per ${WINDOW}s; manager alive; 0 allocated after delete"
