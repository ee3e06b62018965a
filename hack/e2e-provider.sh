#!/usr/bin/env bash
# End-to-end walk of the README's provider journey with the installed kubectl, against `capmaas-sandbox`
# and a separately started `capmaas manager` that runs with ONLY the shipped ServiceAccount's RBAC
# (manifests/rbac/), enforced by the sandbox. Proves the ClusterRole is sufficient, the manifests pass
# `kubectl apply --dry-run=client`, and the journey works: apply a cluster, get (printer columns), wait for
# Ready, describe (events), explain, readiness, an immutable-field refusal, delete (MAAS machines released,
# DNS records removed). Logs go to hack/out/e2e/. Fails loudly on the first unexpected result.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/hack/out/e2e"
rm -rf "$OUT"
mkdir -p "$OUT"
SANDBOX_LOG="$OUT/sandbox.log"
MANAGER_LOG="$OUT/manager.log"
export KUBECONFIG="$OUT/sandbox.kubeconfig"
SA_USER="system:serviceaccount:capmaas-system:capmaas-manager"
SA_KUBECONFIG="$KUBECONFIG.capmaas-system.capmaas-manager"
SANDBOX_PID=""
MANAGER_PID=""
START=$SECONDS

stop() { # pid
  if [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() { stop "$MANAGER_PID"; stop "$SANDBOX_PID"; }
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  echo "--- manager log (tail; full logs in $OUT) ---" >&2; tail -n 40 "$MANAGER_LOG" >&2 2>/dev/null || true
  echo "--- sandbox log (tail) ---" >&2; tail -n 40 "$SANDBOX_LOG" >&2 2>/dev/null || true
  exit 1
}
step() { echo "==> [$((SECONDS - START))s] $*"; }
expect_contains() { # haystack needle description
  grep -qF -- "$2" <<<"$1" || fail "$3: expected to find '$2' in: $1"
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

step "build"
(cd "$ROOT" && swift build --product capmaas && swift build --product capmaas-sandbox) >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log"; fail "swift build"; }
BIN_DIR="$(cd "$ROOT" && swift build --show-bin-path)"
BIN="$BIN_DIR/capmaas" SANDBOX_BIN="$BIN_DIR/capmaas-sandbox"

step "start capmaas-sandbox (no in-process controller, instant MAAS timings, RBAC enforced for $SA_USER)"
"$SANDBOX_BIN" --no-controller --timings instant --maas-poll-interval 1s --kubeconfig "$KUBECONFIG" \
  --crds "$ROOT/crds" --crds "$ROOT/crds/capi-standin" \
  --rbac-service-account capmaas-system/capmaas-manager >"$SANDBOX_LOG" 2>&1 &
SANDBOX_PID=$!
for _ in $(seq 1 150); do
  grep -q "RBAC-enforced kubeconfig for $SA_USER" "$SANDBOX_LOG" && break
  kill -0 "$SANDBOX_PID" 2>/dev/null || fail "sandbox exited early"
  sleep 0.2
done
grep -qF "RBAC-enforced kubeconfig for $SA_USER: $SA_KUBECONFIG" "$SANDBOX_LOG" || fail "sandbox did not print the service account's kubeconfig"
[[ -s "$SA_KUBECONFIG" ]] || fail "no service-account kubeconfig at $SA_KUBECONFIG"
MAAS_URL="$(sed -n 's|.*MAAS simulator *\(http://127\.0\.0\.1:[0-9]*\)/MAAS.*|\1|p' "$SANDBOX_LOG" | head -n 1)"
[[ -n "$MAAS_URL" ]] || fail "MAAS simulator URL not printed"
kubectl get --raw /healthz >/dev/null || fail "sandbox API not reachable with the admin kubeconfig"
ADMIN_TOKEN="$(kubectl config view --raw -o jsonpath='{.users[0].user.token}')"
SA_TOKEN="$(kubectl --kubeconfig "$SA_KUBECONFIG" config view --raw -o jsonpath='{.users[0].user.token}')"
MAAS_KEY="$(kubectl get secret -n capmaas-system capmaas-manager-bootstrap-credentials -o jsonpath='{.data.MAAS_API_KEY}' | base64 -d)"
[[ -n "$SA_TOKEN" && -n "$MAAS_KEY" && "$SA_TOKEN" != "$ADMIN_TOKEN" ]] || fail "tokens/credentials missing"

step "RBAC is enforced before the shipped RBAC is applied"
OUT_TEXT="$(kubectl --kubeconfig "$SA_KUBECONFIG" get maasmachines -A 2>&1 || true)"
expect_contains "$OUT_TEXT" "Forbidden" "the service account has no rights yet"
expect_contains "$OUT_TEXT" "$SA_USER" "the Forbidden message names the user"

step "apply the shipped namespace and RBAC (manifests/namespace.yaml, manifests/rbac/)"
kubectl apply -f "$ROOT/manifests/namespace.yaml" -f "$ROOT/manifests/rbac/" >"$OUT/rbac-apply.log" 2>&1 \
  || { cat "$OUT/rbac-apply.log"; fail "apply RBAC"; }
expect_contains "$(kubectl get clusterrole capmaas-manager-role -o name)" "capmaas-manager-role" "ClusterRole stored"
OUT_TEXT="$(kubectl --kubeconfig "$SA_KUBECONFIG" get configmaps -A 2>&1 || true)"
expect_contains "$OUT_TEXT" "Forbidden" "the service account still cannot read what the ClusterRole does not grant"

step "hack/check-manifests.sh against the sandbox (kubectl apply --dry-run=client)"
# The sandbox serves apps/v1 Deployment and v1 Service, so every object is dry-run (nothing skipped).
bash "$ROOT/hack/check-manifests.sh" --kubeconfig "$KUBECONFIG" >"$OUT/check-manifests.log" 2>&1 \
  || { cat "$OUT/check-manifests.log"; fail "hack/check-manifests.sh"; }
for label in "infrastructure-components.yaml" "manifests/manager/deployment.yaml" "manifests/manager/metrics_service.yaml"; do
  grep -qF "PASS kubectl apply --dry-run=client $label" "$OUT/check-manifests.log" \
    || { cat "$OUT/check-manifests.log"; fail "no passing --dry-run=client of $label"; }
done
! grep -q "^SKIP kubectl apply" "$OUT/check-manifests.log" || { cat "$OUT/check-manifests.log"; fail "a dry run was skipped"; }

step "start capmaas manager with the service account's kubeconfig"
HEALTH_PORT="$(free_port)"
"$BIN" manager --kubeconfig "$SA_KUBECONFIG" --leader-elect --leader-election-namespace capmaas-system \
  --health-addr "127.0.0.1:$HEALTH_PORT" --metrics-bind-addr 0 --maas-poll-interval 1s >"$MANAGER_LOG" 2>&1 &
MANAGER_PID=$!
for _ in $(seq 1 150); do
  curl -fsS "http://127.0.0.1:$HEALTH_PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$MANAGER_PID" 2>/dev/null || fail "manager exited early"
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$HEALTH_PORT/readyz" >/dev/null || fail "manager /readyz not OK"
curl -fsS "http://127.0.0.1:$HEALTH_PORT/healthz" >/dev/null || fail "manager /healthz not OK"
[[ -n "$(kubectl get lease -n capmaas-system capmaas-controller-leader-election -o jsonpath='{.spec.holderIdentity}' 2>/dev/null)" ]] \
  || fail "the manager holds no leader-election Lease"

step "README journey: apply the sample cluster"
kubectl apply -f "$ROOT/hack/examples/sandbox-cluster.yaml" >"$OUT/apply.log" 2>&1 || { cat "$OUT/apply.log"; fail "apply example"; }
expect_contains "$(cat "$OUT/apply.log")" "maasmachine.infrastructure.cluster.x-k8s.io/demo-control-plane-0 created" "apply output"
OUT_TEXT="$(kubectl get clusters,machines,maasclusters,maasmachines -A)"
expect_contains "$OUT_TEXT" "cluster.cluster.x-k8s.io/demo" "get clusters"
expect_contains "$OUT_TEXT" "maasmachine.infrastructure.cluster.x-k8s.io/demo-worker-0" "get maasmachines"

step "kubectl wait --for=condition=Ready maasmachines --all -n demo"
kubectl wait --for=condition=Ready maasmachines --all -n demo --timeout=120s >"$OUT/wait.log" 2>&1 \
  || { cat "$OUT/wait.log"; kubectl get maasm -n demo -o yaml >"$OUT/maasmachines.yaml" 2>&1 || true; fail "machines not Ready"; }
[[ "$(grep -c "condition met" "$OUT/wait.log")" == "3" ]] || fail "expected 3 machines Ready: $(cat "$OUT/wait.log")"

step "printer columns"
OUT_TEXT="$(kubectl get maasm -n demo)"
for column in CLUSTER STATE SYSTEMID HOSTNAME READY AGE; do expect_contains "$OUT_TEXT" "$column" "printer column $column"; done
expect_contains "$OUT_TEXT" "Deployed" "State column"
OUT_TEXT="$(kubectl get maasm -n demo -o wide)"
expect_contains "$OUT_TEXT" "PROVIDERID" "wide printer column ProviderID"
expect_contains "$OUT_TEXT" "maas:///" "ProviderID column"
[[ "$(kubectl get maasm -n demo -o jsonpath='{.items[*].status.ready}')" == "true true true" ]] || fail "status.ready"

step "describe shows events"
DESCRIBE="$(kubectl describe maasmachine -n demo demo-control-plane-0)"
expect_contains "$DESCRIBE" "Events:" "describe events section"
expect_contains "$DESCRIBE" "MachineAllocated" "allocation event"
expect_contains "$DESCRIBE" "MachineDeployed" "deployed event"

step "explain"
expect_contains "$(kubectl explain maasmachine.spec)" "image" "explain maasmachine.spec"

step "an invalid change is refused with a readable message"
OUT_TEXT="$(kubectl patch maasmachine -n demo demo-control-plane-0 --type=merge -p '{"spec":{"image":"ubuntu/noble"}}' 2>&1 || true)"
expect_contains "$OUT_TEXT" 'The MaasMachine "demo-control-plane-0" is invalid: spec.image' "immutable image refusal"
expect_contains "$OUT_TEXT" "image is immutable" "immutable image message"

step "MAAS state before delete"
STATE="$(curl -fsS "$MAAS_URL/_sim/state")" || fail "simulator state"
SUMMARY="$(python3 -c 'import json,sys; s=json.load(sys.stdin); print(sum(1 for m in s["machines"] if m.get("owner")), sum(1 for r in s["dns_resources"] if "demo" in r["fqdn"]))' <<<"$STATE")"
[[ "$SUMMARY" == "3 1" ]] || fail "expected 3 owned MAAS machines and 1 DNS record for the cluster, got (owned, dns) = $SUMMARY"

step "kubectl delete cluster -n demo demo --wait"
kubectl delete cluster -n demo demo --wait --timeout=120s >"$OUT/delete.log" 2>&1 || { cat "$OUT/delete.log"; fail "delete cluster"; }
for _ in $(seq 1 100); do
  [[ -z "$(kubectl get maasmachines,maasclusters,machines -n demo -o name 2>/dev/null)" ]] && break
  sleep 0.2
done
[[ -z "$(kubectl get maasmachines,maasclusters,machines -n demo -o name)" ]] || fail "objects left in demo: $(kubectl get maasmachines,maasclusters,machines -n demo -o name)"
STATE="$(curl -fsS "$MAAS_URL/_sim/state")" || fail "simulator state"
python3 - "$STATE" <<'PY' || fail "MAAS not cleaned up after delete"
import json, sys
state = json.loads(sys.argv[1])
owned = [m for m in state["machines"] if m.get("owner") or m.get("agent_name")]
dns = [r for r in state["dns_resources"] if "demo" in r["fqdn"]]
if owned: print(f"machines still owned: {[(m['system_id'], m['status_name']) for m in owned]}")
if dns: print(f"DNS records left: {dns}")
sys.exit(1 if owned or dns else 0)
PY

step "the ClusterRole was sufficient: no 403 for $SA_USER"
AUDIT="$(curl -fsS --cacert <(kubectl config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d) \
  -H "Authorization: Bearer $ADMIN_TOKEN" "$(kubectl config view -o jsonpath='{.clusters[0].cluster.server}')/sandbox/v1/audit")" \
  || fail "GET /sandbox/v1/audit"
# The audit records every write and every refused request (reads included, 401/403/409/422 with the code).
# The kubectl probes above (list maasmachines, list configmaps with the service account's token) were refused on
# purpose: they must be in the audit, which proves a refusal of the manager would be seen too.
python3 - "$AUDIT" "$SA_USER" <<'PY' || fail "the manager's service account was refused (RBAC rule missing), or the audit missed the probes"
import json, sys
items, user = json.loads(sys.argv[1])["items"], sys.argv[2]
mine = [i for i in items if i.get("user") == user]
probes = [i for i in mine if (i.get("userAgent") or "").startswith("kubectl")]
manager = [i for i in mine if i not in probes]
probe_refusals = {(i["verb"], i["resource"]) for i in probes if i.get("code") == 403}
forbidden = [i for i in manager if i.get("code") == 403]
for i in forbidden:
    print(f"403: {i.get('verb')} {i.get('resource')} {i.get('namespace') or ''}/{i.get('name') or ''} ({i.get('userAgent')})")
writes = [i for i in manager if i.get("verb") not in ("get", "list", "watch")]
print(f"audit: {len(writes)} writes by the manager as {user}, {len(forbidden)} refused (403); "
      f"kubectl probes refused as expected: {sorted(probe_refusals)}")
expected = {("list", "maasmachines.infrastructure.cluster.x-k8s.io"), ("list", "configmaps")}
if not expected <= probe_refusals:
    print(f"the audit lacks the refused probes {sorted(expected - probe_refusals)}: a refusal of the manager would go unseen")
    sys.exit(1)
sys.exit(1 if forbidden or not writes else 0)
PY
if grep -qi "forbidden" "$MANAGER_LOG"; then
  grep -i "forbidden" "$MANAGER_LOG" | head -n 20 >&2
  fail "the manager log shows refused requests (RBAC rule missing)"
fi

step "secrets never logged"
for secret in "$MAAS_KEY" "$SA_TOKEN" "$ADMIN_TOKEN"; do
  ! grep -qF -- "$secret" "$MANAGER_LOG" || fail "the manager log contains a secret"
done
MAAS_KEY_SECRET_PART="${MAAS_KEY##*:}"
! grep -qF -- "$MAAS_KEY_SECRET_PART" "$MANAGER_LOG" || fail "the manager log contains the MAAS key's secret part"

step "manager shuts down cleanly"
kill -TERM "$MANAGER_PID"
for _ in $(seq 1 100); do kill -0 "$MANAGER_PID" 2>/dev/null || break; sleep 0.1; done
! kill -0 "$MANAGER_PID" 2>/dev/null || fail "manager did not stop within 10 s of SIGTERM"
MANAGER_STATUS=0
wait "$MANAGER_PID" || MANAGER_STATUS=$?
MANAGER_PID=""
LEASE_HOLDER="$(kubectl get lease -n capmaas-system capmaas-controller-leader-election -o jsonpath='{.spec.holderIdentity}' 2>/dev/null || true)"
[[ -z "$LEASE_HOLDER" ]] || fail "the manager did not release its leader-election Lease on SIGTERM (holder: $LEASE_HOLDER)"
[[ "$MANAGER_STATUS" == 0 ]] || fail "manager exited with status $MANAGER_STATUS on SIGTERM: $(tail -n 1 "$MANAGER_LOG")"

echo "PASS: e2e-provider ($((SECONDS - START))s; logs in $OUT)"
