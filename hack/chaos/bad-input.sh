#!/usr/bin/env bash
# Invalid custom resources through kubectl against the sandbox: each must be refused with its message.
# Prints every case and its message (the Swift suite Tests/ReliabilityTests covers the MAAS-side cases).
source "$(dirname "$0")/lib.sh"
chaos_init bad-input
chaos_build
start_sandbox 2
apply_cluster
mm() { # name spec-yaml
  printf 'apiVersion: infrastructure.cluster.x-k8s.io/v1beta1\nkind: MaasMachine\nmetadata: {name: %s, namespace: %s}\nspec: %s\n' "$1" "$NS" "$2"
}
FAILED=0
refused() { # label expected-text command...
  local label="$1" expected="$2"; shift 2
  local out
  if out="$("$@" 2>&1)"; then echo "ACCEPTED (bad): $label"; FAILED=1; return; fi
  if grep -qF -- "$expected" <<<"$out"; then printf '%-28s refused: %s\n' "$label" "$(tail -1 <<<"$out" | cut -c1-220)"
  else echo "WRONG MESSAGE: $label: $out"; FAILED=1; fi
}
apply() { kubectl apply -f - "$@"; }
refused "negative minCPU" "minCPU" apply <<<"$(mm a '{image: ubuntu/jammy, minCPU: -1, minMemory: 4096}')"
refused "empty image" "image" apply <<<"$(mm b '{image: "", minCPU: 2, minMemory: 4096}')"
refused "lxd.enabled true" "LXD VM hosts" apply <<<"$(mm c '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096, lxd: {enabled: true}}')"
refused "unknown field (Strict)" "bogus" apply --validate=strict <<<"$(mm d '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096, bogus: 1}')"
mm e '{image: ubuntu/jammy, minCPU: 2, minMemory: 4096}' | kubectl apply -f - >/dev/null
refused "image change" "image is immutable" kubectl patch maasmachine -n "$NS" e --type=merge -p '{"spec":{"image":"ubuntu/noble"}}'
refused "minCPU change" "minCPU is immutable" kubectl patch maasmachine -n "$NS" e --type=merge -p '{"spec":{"minCPU":4}}'
refused "dnsDomain change" "dnsDomain is immutable" kubectl patch maascluster -n "$NS" chaos --type=merge -p '{"spec":{"dnsDomain":"other"}}'
(( FAILED == 0 )) || fail "some invalid resources were not refused with their message"
echo "PASS bad-input (kubectl)"
