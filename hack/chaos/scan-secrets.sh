#!/usr/bin/env bash
# Scans logs for secrets; none may appear. Two kinds of check:
#  - known values: the MAAS API key (whole and each of consumer/token/secret), bearer tokens and bootstrap user data
#    (the Cluster API stand-in's cloud-config as text and base64). Read from the running sandbox ($KUBECONFIG: the
#    credentials Secret, the kubeconfig's token, the bootstrap Secrets), from every kubeconfig file in the scanned
#    directories (their tokens; works after the sandbox stopped), and from $MAAS_API_KEY / $SANDBOX_TOKEN.
#  - shapes, so a secret whose value is no longer known (e.g. the e2e runs' MAAS key) is still found: a MAAS key
#    (18:18:32 alphanumerics), an OAuth signature or token parameter, an `Authorization: Bearer` value, base64 of
#    `#cloud-config`.
# Kubeconfig files themselves and build logs are skipped (kubeconfigs hold the token by design).
#   hack/chaos/scan-secrets.sh LOGDIR...      exit 1 and the first hits on a leak
#   hack/chaos/scan-secrets.sh --self-test    plants each kind of secret and checks that the scan finds it
set -euo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
(( $# )) || { echo "usage: $0 LOGDIR... | --self-test" >&2; exit 2; }

if [[ "$1" == "--self-test" ]]; then
  T="$(mktemp -d)"; trap 'rm -rf "$T"' EXIT
  KEY_C="$(head -c 200 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 18)"
  KEY_T="$(head -c 200 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 18)"
  KEY_S="$(head -c 300 /dev/urandom | tr -dc 'A-Za-z0-9' | head -c 32)"
  TOKEN="tok-$(head -c 200 /dev/urandom | tr -dc 'a-z0-9' | head -c 24)"
  plant() { # label expect(found|clean) env... -- line
    local label="$1" expect="$2"; shift 2
    local envs=(); while [[ "$1" != "--" ]]; do envs+=("$1"); shift; done; shift
    rm -rf "$T/logs"; mkdir -p "$T/logs"
    printf 'info: reconciled machine m-1\n%s\ninfo: done\n' "$1" >"$T/logs/manager.log"
    local status=0
    env -u KUBECONFIG "${envs[@]}" bash "$SELF" "$T/logs" >"$T/out" 2>&1 || status=$?
    local got=clean; (( status == 1 )) && got=found
    (( status > 1 )) && { cat "$T/out"; echo "self-test: scanner error on: $label" >&2; exit 1; }
    [[ "$got" == "$expect" ]] || { cat "$T/out"; echo "self-test FAILED: $label: expected $expect, got $got" >&2; exit 1; }
    printf '  %-52s %s\n' "$label" "$got"
  }
  echo "secrets scan self-test (each planted secret must be found):"
  plant "clean log" clean MAAS_API_KEY="$KEY_C:$KEY_T:$KEY_S" SANDBOX_TOKEN="$TOKEN" -- "msg=allocated system_id=abc123"
  plant "MAAS key (known value)" found MAAS_API_KEY="$KEY_C:$KEY_T:$KEY_S" -- "key is $KEY_C:$KEY_T:$KEY_S"
  plant "MAAS key secret part alone (known value)" found MAAS_API_KEY="$KEY_C:$KEY_T:$KEY_S" -- "signature part $KEY_S"
  plant "MAAS-shaped key (value unknown)" found -- "credentials $KEY_C:$KEY_T:$KEY_S"
  plant "OAuth header (value unknown)" found -- "Authorization: OAuth oauth_token=\"$KEY_T\", oauth_signature=\"%26$KEY_S\""
  plant "sandbox token (known value)" found SANDBOX_TOKEN="$TOKEN" -- "used $TOKEN"
  plant "bearer header (value unknown)" found -- "header Authorization: Bearer $TOKEN"
  # a kubeconfig next to the logs: its token is a known value even with no sandbox running
  mkdir -p "$T/kc"; printf 'users:\n- name: u\n  user:\n    token: %s\n' "$TOKEN" >"$T/kc/x.kubeconfig"
  rm -rf "$T/logs"; mkdir -p "$T/logs"; cp "$T/kc/x.kubeconfig" "$T/logs/"; echo "token=$TOKEN" >"$T/logs/a.log"
  if env -u KUBECONFIG bash "$SELF" "$T/logs" >"$T/out" 2>&1; then cat "$T/out"; echo "self-test FAILED: token from a kubeconfig file" >&2; exit 1; fi
  printf '  %-52s %s\n' "token from a kubeconfig file in the directory" found
  plant "user data (stand-in cloud-config text)" found -- "data: # Bootstrap data from the Cluster API stand-in"
  plant "user data (base64 of #cloud-config)" found -- "user_data=$(printf '#cloud-config\npackages: [x]\n' | base64 -w0)"
  echo "secrets scan self-test: PASS"
  exit 0
fi

PATTERNS="$(mktemp)"; HITS_FILE="$(mktemp)"; trap 'rm -f "$PATTERNS" "$HITS_FILE"' EXIT
add() { [[ ${#1} -ge 8 ]] && printf '%s\n' "$1" >>"$PATTERNS" || true; }

KEY="${MAAS_API_KEY:-}"
TOKENS=("${SANDBOX_TOKEN:-}")
if [[ -n "${KUBECONFIG:-}" && -s "$KUBECONFIG" ]] && kubectl get --raw /healthz --request-timeout=3s >/dev/null 2>&1; then
  TOKENS+=("$(kubectl config view --raw -o jsonpath='{.users[0].user.token}' 2>/dev/null || true)")
  [[ -n "$KEY" ]] || KEY="$(kubectl get secret -n capmaas-system capmaas-manager-bootstrap-credentials \
      -o jsonpath='{.data.MAAS_API_KEY}' 2>/dev/null | base64 -d 2>/dev/null || true)"
  # every bootstrap Secret's user data: distinctive lines and the base64 prefix
  while IFS= read -r value; do
    [[ -n "$value" ]] || continue
    add "${value:0:40}"
    # its distinct lines of 20+ characters, in one pass (a 1 MiB user data has ~14k lines)
    base64 -d <<<"$value" 2>/dev/null | sed 's/^ *//' | awk 'length >= 20 && !seen[$0]++' >>"$PATTERNS" || true
  done < <(kubectl get secrets -A -o jsonpath='{range .items[?(@.type=="cluster.x-k8s.io/secret")]}{.data.value}{"\n"}{end}' 2>/dev/null || true)
  # every credentials Secret's key (per-namespace overrides too)
  while IFS= read -r value; do
    [[ -n "$value" ]] && add "$(base64 -d <<<"$value" 2>/dev/null || true)"
  done < <(kubectl get secrets -A -o jsonpath='{range .items[*]}{.data.MAAS_API_KEY}{"\n"}{end}' 2>/dev/null || true)
fi
# tokens of every kubeconfig in the scanned directories (the sandbox may be gone; the files remain)
while IFS= read -r -d '' kc; do
  while IFS= read -r t; do TOKENS+=("$t"); done < <(sed -n 's/^ *token: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$kc")
done < <(find "$@" -type f -name '*kubeconfig*' -print0)
# the stand-in's cloud-config, even when no sandbox is running
add "Bootstrap data from the Cluster API stand-in"
add "/etc/capmaas-standin/machine"
add "$(printf '#cloud-config\n# Bootstrap data from the Cluster API stand-in' | base64 -w0 | cut -c1-40)"
if [[ -n "$KEY" ]]; then
  add "$KEY"
  IFS=: read -r consumer tok sec <<<"$KEY"
  add "$consumer"; add "$tok"; add "$sec"
fi
for t in "${TOKENS[@]}"; do add "$t"; done
sort -u -o "$PATTERNS" "$PATTERNS"
# shapes: MAAS key, OAuth parameters, bearer header, base64 of "#cloud-config"
SHAPES='[A-Za-z0-9]{18}:[A-Za-z0-9]{18}:[A-Za-z0-9]{32}|oauth_(signature|token)="?[^",&[:space:]]{4,}|[Bb]earer [A-Za-z0-9._~+/=-]{12,}|I2Nsb3VkLWNvbmZpZ'

FILES=()
while IFS= read -r -d '' f; do FILES+=("$f"); done < <(find "$@" -type f ! -name '*kubeconfig*' ! -name 'build.log' -print0)
echo "secrets scan: $(wc -l <"$PATTERNS") known values (MAAS key: $([[ -n "$KEY" ]] && echo yes || echo no)," \
  "tokens: $(printf '%s\n' "${TOKENS[@]}" | grep -c . || true)) + 4 shapes over ${#FILES[@]} files in $*"
(( ${#FILES[@]} )) || exit 0
# only file:line is kept, so the report does not copy the secret into yet another log
grep -F -H -n -o -f "$PATTERNS" "${FILES[@]}" 2>/dev/null | cut -d: -f1,2 | sed 's/$/ (known value)/' >>"$HITS_FILE" || true
grep -E -H -n -o "$SHAPES" "${FILES[@]}" 2>/dev/null | cut -d: -f1,2 | sed 's/$/ (secret-shaped)/' >>"$HITS_FILE" || true
if [[ -s "$HITS_FILE" ]]; then
  echo "SECRET LEAK: $(cut -d' ' -f1 "$HITS_FILE" | sort -u | wc -l) lines; first ones (file:line):" >&2
  sort -u "$HITS_FILE" | head -8 | sed 's/^/  /' >&2
  exit 1
fi
echo "secrets scan: clean"
