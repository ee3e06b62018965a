#!/usr/bin/env bash
# Shared harness for the chaos scripts: builds capmaas and capmaas-sandbox once, runs `capmaas-sandbox --no-controller` and
# separately started `capmaas manager` processes, generates Cluster-owned Machine+MaasMachine pairs and checks
# the invariants (hack/chaos/check.py). Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CHAOS="$ROOT/hack/chaos"
NS="chaos"
SANDBOX_PID=""
MANAGER_PIDS=()

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "==> [$(date -u +%H:%M:%S)] $*"; }

# chaos_init NAME: fresh log directory hack/out/chaos/NAME, exported as OUT.
chaos_init() {
  OUT="$ROOT/hack/out/chaos/$1"
  rm -rf "$OUT"; mkdir -p "$OUT"
  export KUBECONFIG="$OUT/kubeconfig"
  trap chaos_cleanup EXIT
  trap 'echo "FAIL: interrupted (time limit?)" >&2; exit 143' TERM INT  # runs the EXIT trap, so nothing is left running
}

chaos_cleanup() {
  local pid
  # reaped here, so bash prints no "Killed" job notice for them
  for pid in "${MANAGER_PIDS[@]}"; do { kill -9 "$pid"; wait "$pid"; } 2>/dev/null || true; done
  if [[ -n "$SANDBOX_PID" ]]; then
    # the sandbox sometimes ignores SIGTERM (notes: open problem 3): SIGKILL after 5 s rather than hang
    kill "$SANDBOX_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SANDBOX_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SANDBOX_PID" 2>/dev/null; then
      echo "WARN: the sandbox ignored SIGTERM for 5 s; SIGKILL" >&2
      kill -9 "$SANDBOX_PID" 2>/dev/null || true
    fi
    wait "$SANDBOX_PID" 2>/dev/null || true
  fi
}

chaos_build() {
  step "build capmaas and capmaas-sandbox"
  (cd "$ROOT" && swift build --product capmaas && swift build --product capmaas-sandbox) >"$OUT/build.log" 2>&1 \
    || { tail -40 "$OUT/build.log"; fail "swift build"; }
  local bin_dir
  bin_dir="$(cd "$ROOT" && swift build --show-bin-path)"
  BIN="$bin_dir/capmaas" SANDBOX_BIN="$bin_dir/capmaas-sandbox"
}

# start_sandbox MACHINES: sandbox without controller, instant timings. Sets SIM (http://127.0.0.1:PORT).
start_sandbox() {
  step "start capmaas-sandbox (--machines $1)"
  (cd "$ROOT" && exec "$SANDBOX_BIN" --no-controller --timings instant --machines "$1" --kubeconfig "$KUBECONFIG" \
      --crds "$ROOT/crds" --crds "$ROOT/crds/capi-standin") >"$OUT/sandbox.log" 2>&1 &
  SANDBOX_PID=$!
  local i
  for i in $(seq 1 300); do
    grep -q "MAAS simulator" "$OUT/sandbox.log" 2>/dev/null && break
    kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$OUT/sandbox.log"; fail "sandbox exited early"; }
    sleep 0.2
  done
  SIM="$(grep -o 'http://127.0.0.1:[0-9]*/MAAS' "$OUT/sandbox.log" | head -1 | sed 's#/MAAS$##')"
  [[ -n "$SIM" ]] || { cat "$OUT/sandbox.log"; fail "no MAAS simulator URL in the sandbox banner"; }
  kubectl get --raw /healthz >/dev/null || fail "sandbox API not healthy"
  kubectl get secret -n capmaas-system capmaas-manager-bootstrap-credentials >/dev/null || fail "no MAAS credentials Secret"
}

# start_manager LOGNAME [extra flags...]: appends the new pid to MANAGER_PIDS, sets MANAGER_PID.
start_manager() {
  local log="$OUT/$1.log"; shift
  "$BIN" manager --kubeconfig "$KUBECONFIG" --maas-poll-interval 1s --health-addr 127.0.0.1:0 --metrics-bind-addr 0 \
    --maas-credentials-secret capmaas-system/capmaas-manager-bootstrap-credentials "$@" >>"$log" 2>&1 &
  MANAGER_PID=$!
  MANAGER_PIDS+=("$MANAGER_PID")
}

# apply_cluster: namespace $NS with Cluster+MaasCluster "chaos".
apply_cluster() {
  kubectl apply -f - >/dev/null <<YAML
apiVersion: v1
kind: Namespace
metadata: {name: $NS}
---
apiVersion: cluster.x-k8s.io/v1beta2
kind: Cluster
metadata: {name: chaos, namespace: $NS}
spec:
  clusterNetwork: {apiServerPort: 6443}
  infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: MaasCluster, name: chaos}
---
apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: MaasCluster
metadata: {name: chaos, namespace: $NS}
spec: {dnsDomain: maas}
YAML
}

# pairs_yaml NAME...: Machine+MaasMachine pairs of cluster "chaos".
pairs_yaml() {
  local name
  for name in "$@"; do
    cat <<YAML
---
apiVersion: cluster.x-k8s.io/v1beta2
kind: Machine
metadata:
  name: $name
  namespace: $NS
  labels: {cluster.x-k8s.io/cluster-name: chaos}
spec:
  clusterName: chaos
  version: v1.33.1
  infrastructureRef: {apiGroup: infrastructure.cluster.x-k8s.io, kind: MaasMachine, name: $name}
---
apiVersion: infrastructure.cluster.x-k8s.io/v1beta1
kind: MaasMachine
metadata:
  name: $name
  namespace: $NS
  labels: {cluster.x-k8s.io/cluster-name: chaos}
spec: {image: ubuntu/jammy, minCPU: 2, minMemory: 4096}
YAML
  done
}

# retried: the sandbox may be injecting 409s into writes (faults.sh)
retry5() { local i; for i in 1 2 3 4 5; do "$@" && return 0; sleep 0.3; done; return 1; }
apply_pairs_once() { pairs_yaml "$@" | kubectl apply -f - >/dev/null 2>>"$OUT/kubectl.log"; }
create_pairs() { retry5 apply_pairs_once "$@" || fail "kubectl apply of ${#@} pairs failed"; }
delete_pairs() { retry5 kubectl delete machines -n "$NS" --wait=false --ignore-not-found "$@" >/dev/null 2>>"$OUT/kubectl.log" || fail "kubectl delete failed"; }

# snapshot: writes $OUT/sim-state.json and $OUT/maasmachines.json.
snapshot() {
  curl -sf "$SIM/_sim/state" >"$OUT/sim-state.json" || return 1
  kubectl get maasmachines -n "$NS" -o json >"$OUT/maasmachines.json" || return 1
}

# check_invariants DESIRED_FILE [check.py flags...]: prints counts, non-zero on a violation.
check_invariants() {
  snapshot || fail "cannot read the simulator state or the MaasMachines"
  python3 "$CHAOS/check.py" --sim "$OUT/sim-state.json" --maasmachines "$OUT/maasmachines.json" --desired "$1" "${@:2}"
}

# wait_converged DESIRED_FILE SECONDS: polls check.py --quiet until it passes or time runs out.
wait_converged() {
  local deadline=$((SECONDS + $2))
  while (( SECONDS < deadline )); do
    if snapshot && python3 "$CHAOS/check.py" --sim "$OUT/sim-state.json" --maasmachines "$OUT/maasmachines.json" --desired "$1" --quiet; then
      return 0
    fi
    sleep 2
  done
  return 1
}
