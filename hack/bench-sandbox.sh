#!/usr/bin/env bash
# Rough figures for the sandbox API server (debug build; not a test): kubectl apply of N objects, watch fan-out, RSS per 1000 objects.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${N:-1000}"
WORK="$(mktemp -d)"
export KUBECONFIG="$WORK/kubeconfig"
PID=""
WATCH_PIDS=()
cleanup() {
  for p in "${WATCH_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n "$PID" ]] && kill "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
(cd "$ROOT" && swift build --product capmaas-sandbox >/dev/null)
SANDBOX_BIN="$(cd "$ROOT" && swift build --product capmaas-sandbox --show-bin-path)/capmaas-sandbox"
(cd "$WORK" && exec "$SANDBOX_BIN" --kubeconfig "$KUBECONFIG") >"$WORK/log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do [[ -s "$KUBECONFIG" ]] && kubectl get --raw /healthz >/dev/null 2>&1 && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
SERVER="$(kubectl config view --raw -o jsonpath='{.clusters[0].cluster.server}')"
TOKEN="$(kubectl config view --raw -o jsonpath='{.users[0].user.token}')"
kubectl config view --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}' | base64 -d >"$WORK/ca.pem"

for i in $(seq 1 "$N"); do
  printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-%05d\n  namespace: default\ndata:\n  payload: "%s"\n---\n' "$i" "$(printf 'x%.0s' $(seq 1 200))"
done >"$WORK/objects.yaml"

RV="$(kubectl get configmaps -o jsonpath='{.metadata.resourceVersion}')"
for w in $(seq 1 10); do
  curl -sN --cacert "$WORK/ca.pem" -H "Authorization: Bearer $TOKEN" \
    "$SERVER/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=$RV" >"$WORK/watch-$w.jsonl" &
  WATCH_PIDS+=($!)
done
sleep 0.5
RSS_BEFORE="$(rss)"
START=$(date +%s.%N)
kubectl apply -f "$WORK/objects.yaml" >/dev/null
END=$(date +%s.%N)
for _ in $(seq 1 200); do
  done_count=0
  for w in $(seq 1 10); do [[ "$(wc -l <"$WORK/watch-$w.jsonl")" -ge "$N" ]] && done_count=$((done_count + 1)); done
  [[ "$done_count" -eq 10 ]] && break
  sleep 0.05
done
FANOUT_END=$(date +%s.%N)
RSS_AFTER="$(rss)"
echo "kubectl apply of $N ConfigMaps: $(echo "$END - $START" | bc) s"
echo "10 watchers all received $N ADDED events: $(echo "$FANOUT_END - $START" | bc) s after apply start (watchers complete: $done_count/10)"
echo "RSS before: ${RSS_BEFORE} kB, after: ${RSS_AFTER} kB, delta per 1000 objects: $(( (RSS_AFTER - RSS_BEFORE) * 1000 / N )) kB (includes 10 open watches and the watch history)"
